import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readDeck } from '../../src/deck/file.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { ConfigError, isLoopbackHost, loadConfig } from '../../src/web/config.ts';
import { startServer } from '../../src/web/server.ts';
import { FIXTURE_DECK } from './harness.ts';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:3000 with data/ and content/ under the working folder', () => {
    expect(loadConfig({}, '/srv/deckhand')).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/deckhand/data',
      notesDir: '/srv/deckhand/content',
    });
  });

  it('reads PORT, HOST, DATA_DIR and the password', () => {
    const config = loadConfig(
      { PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/var/lib/deckhand', DECKHAND_PASSWORD: 'correct horse' },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/deckhand',
      password: 'correct horse',
    });
  });

  it('refuses a port that is not a port', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it.each(['0.0.0.0', '192.168.1.20', '::', 'deckhand.lan'])(
    'refuses public host %s without a password',
    (host) => {
      expect(() => loadConfig({ HOST: host })).toThrow(/DECKHAND_PASSWORD/);
      expect(() => loadConfig({ HOST: host, DECKHAND_PASSWORD: '' })).toThrow(ConfigError);
    },
  );

  it('refuses a password too short to be one', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0', DECKHAND_PASSWORD: 'abc' })).toThrow(/at least 8/);
  });

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])(
    'serves loopback host %s without a password',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
      expect(loadConfig({ HOST: host }).host).toBe(host);
    },
  );
});

describe('startServer', () => {
  it('refuses to start on a public address without a password, before listening', async () => {
    const deck = await readDeck(FIXTURE_DECK);
    const store = createMemoryStore();
    // Find a free port, then check nothing listens on it after the refusal.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(
      startServer({ port, host: '0.0.0.0', dataDir: '/tmp', notesDir: '/tmp' }, { deck, store }),
    ).rejects.toThrow(ConfigError);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('listens on 127.0.0.1 and a free port when asked for port 0, and closes', async () => {
    const deck = await readDeck(FIXTURE_DECK);
    const server = await startServer(
      { port: 0, host: '127.0.0.1', dataDir: '/tmp', notesDir: '/tmp' },
      { deck, store: createMemoryStore() },
    );
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/`)).rejects.toThrow();
  });
});
