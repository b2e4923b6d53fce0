import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { readApkgManifest } from '../../src/export/apkg.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Anki downloads', () => {
  it('Browse links to the whole deck, and to the filtered topic', async () => {
    server = await startTestServer();
    const tab = server.client();
    const all = await tab.get('/cards');
    expect(all.text).toContain('href="/export/deck.apkg"');
    const topic = encodeURIComponent('Docker › 使用镜像');
    const filtered = await tab.get(`/cards?topic=${topic}`);
    expect(filtered.text).toContain(`href="/export/deck.apkg?topic=${topic}"`);
  });

  it('serves an .apkg (a zip holding collection.anki2 and media) and a text file for a topic', async () => {
    server = await startTestServer();
    const tab = server.client();
    const apkg = await fetch(`${server.url}/export/deck.apkg`);
    expect(apkg.status).toBe(200);
    expect(apkg.headers.get('content-disposition')).toMatch(/^attachment; filename="?deckhand\.apkg"?$/);
    const files = unzipSync(new Uint8Array(await apkg.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['collection.anki2', 'media']);

    const txt = await tab.get(`/export/deck.txt?topic=${encodeURIComponent('Docker › 使用镜像')}`);
    expect(txt.status).toBe(200);
    expect(txt.text.split('\n')[0]).toBe('#separator:tab');
    expect(txt.text).toContain('Docker::使用镜像');
    expect(txt.text).not.toContain('基本概念');
  });

  it('answers 404 for a topic with no cards and 400 for an unknown format, reading no file', async () => {
    server = await startTestServer();
    const tab = server.client();
    expect((await tab.get(`/export/deck.txt?topic=${encodeURIComponent('../../etc/passwd')}`)).status).toBe(
      404,
    );
    expect((await tab.get('/export/deck.zip')).status).toBe(400);
  });

  it('keeps the last .apkg per topic so a re-download a day later leaves unchanged notes’ mod alone', async () => {
    server = await startTestServer();
    const download = async () =>
      readApkgManifest(new Uint8Array(await (await fetch(`${server!.url}/export/deck.apkg`)).arrayBuffer()));
    const first = await download();
    server.clock.advance(24 * 60 * 60 * 1000);
    const second = await download();
    expect(second.notes.size).toBeGreaterThan(0);
    expect([...second.notes]).toEqual([...first.notes]);
  });
});
