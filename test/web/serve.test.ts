import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/lowdb-store.ts';
import { FIXTURE_NOTES, shownCard, TestClient } from './harness.ts';

let child: ChildProcess | undefined;
let dir = '';
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Starts `scripts/serve.ts` and collects its output. */
function serve(env: Record<string, string>) {
  const out: string[] = [];
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
  return { text: () => out.join(''), exited };
}

describe('npm start (scripts/serve.ts)', () => {
  it('builds the deck, prints the URL, reloads edited notes, and closes on SIGTERM after writing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deckhand-serve-'));
    const notes = join(dir, 'notes');
    await cp(FIXTURE_NOTES, notes, { recursive: true });
    const run = serve({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), NOTES_DIR: notes });
    await expect.poll(run.text, { timeout: 60_000 }).toMatch(/deckhand {2}http:\/\/127\.0\.0\.1:\d+/);
    const url = /deckhand {2}(http:\/\/\S+)/.exec(run.text())![1]!;
    expect(run.text()).toMatch(/deck {6}.*deck\.json: \d+ cards, rebuilt from 1 note$/m);

    const today = await fetch(`${url}/`);
    expect(today.status).toBe(200);

    // A new section in the notes appears without a restart.
    const before = (await (await fetch(`${url}/cards?q=zzqx`)).text()).includes('row-link');
    expect(before).toBe(false);
    const notePath = join(notes, 'docker-notes.md');
    await writeFile(
      notePath,
      `${await readFile(notePath, 'utf8')}\n## zzqx测试\n\n### zzqx\n\nzzqx：一个只为测试而写的概念。\n`,
    );
    await expect.poll(run.text, { timeout: 30_000 }).toMatch(/deck {6}reloaded/);

    // A grade acknowledged just before the signal is on disk after the shutdown.
    const tab = new TestClient(url);
    const page = await tab.get('/review');
    const cardId = shownCard(page.text)!;
    expect((await tab.post(`/review/${cardId}/grade`, { rating: '3', reps: '0' })).status).toBe(303);
    child?.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const { store } = await openStore({ dataDir: join(dir, 'data') });
    expect(store.reviews().map((review) => review.cardId)).toEqual([cardId]);
    await store.close();
    expect(run.text()).toContain('SIGTERM: closing');
    expect(run.text()).toContain('closed');
  }, 120_000);

  it('says how to pick another port when the port is taken, and exits', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deckhand-serve-'));
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as AddressInfo;
    try {
      const run = serve({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(dir, 'data'),
        NOTES_DIR: FIXTURE_NOTES,
      });
      expect(await run.exited).toBe(1);
      expect(run.text()).toContain(`error: 127.0.0.1:${port} is already in use`);
      expect(run.text()).toContain('PORT=');
      expect(run.text()).not.toContain('EADDRINUSE');
    } finally {
      taken.close();
    }
  }, 60_000);

  it('refuses to start on a public HOST without a password', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deckhand-serve-'));
    const run = serve({ PORT: '0', HOST: '0.0.0.0', DATA_DIR: join(dir, 'data'), NOTES_DIR: FIXTURE_NOTES });
    expect(await run.exited).toBe(1);
    expect(run.text()).toMatch(/error: HOST=0\.0\.0\.0 .*DECKHAND_PASSWORD/);
  });
});
