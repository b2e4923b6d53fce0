import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDeck } from '../../src/deck/file.ts';
import type { Deck } from '../../src/deck/types.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { liveDeck, type NotesWatcher, watchNotes } from '../../src/web/deck-watch.ts';
import { startServer } from '../../src/web/server.ts';
import { FIXTURE_DECK, shownCard, TestClient } from './harness.ts';

const base = await readDeck(FIXTURE_DECK);
/** A distinct deck per build, so a test can tell builds apart. */
const version = (n: number): Deck => ({ ...base, cards: base.cards.slice(0, n) });

describe('liveDeck', () => {
  it('serves the initial deck, then the rebuilt one', async () => {
    const live = liveDeck({ initial: version(1), build: async () => version(2), debounceMs: 5 });
    expect(live.current().cards).toHaveLength(1);
    live.schedule();
    await live.settled();
    expect(live.current().cards).toHaveLength(2);
  });

  it('turns a burst of changes into one build', async () => {
    let builds = 0;
    const live = liveDeck({ initial: version(1), build: async () => version(++builds + 1), debounceMs: 20 });
    for (let i = 0; i < 5; i++) live.schedule();
    await live.settled();
    expect(builds).toBe(1);
  });

  it('builds once more after a change that arrives during a build, never two at once', async () => {
    let builds = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    let release: () => void = () => {};
    const live = liveDeck({
      initial: version(1),
      debounceMs: 1,
      build: async () => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        builds++;
        if (builds === 1) await new Promise<void>((resolve) => (release = resolve));
        concurrent--;
        return version(builds + 1);
      },
    });
    live.schedule();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first build is running
    live.schedule();
    live.schedule();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await live.settled();
    expect(builds).toBe(2);
    expect(maxConcurrent).toBe(1);
    expect(live.current().cards).toHaveLength(3);
  });

  it('keeps the last good deck when a build fails, and reports the error', async () => {
    const errors: unknown[] = [];
    const live = liveDeck({
      initial: version(2),
      debounceMs: 1,
      build: async () => {
        throw new Error('notes half-edited');
      },
      onError: (error) => errors.push(error),
    });
    live.schedule();
    await live.settled();
    expect(live.current().cards).toHaveLength(2);
    expect(String(errors[0])).toContain('notes half-edited');
  });
});

describe('watchNotes', () => {
  let dir = '';
  let watcher: NotesWatcher | undefined;
  afterEach(async () => {
    await watcher?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports added and changed Markdown notes, and ignores other files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deckhand-watch-'));
    await writeFile(join(dir, 'a.md'), '# A\n');
    const seen: string[] = [];
    watcher = await watchNotes(dir, (path) => seen.push(path));
    await writeFile(join(dir, 'notes.txt'), 'not a note');
    await writeFile(join(dir, 'a.md'), '# A\n\nchanged\n');
    await writeFile(join(dir, 'b.md'), '# B\n');
    await expect
      .poll(() => [...new Set(seen)].sort(), { timeout: 5000 })
      .toEqual([join(dir, 'a.md'), join(dir, 'b.md')]);
  });

  it('drives a live deck: an edited note is rebuilt into the deck the app serves', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deckhand-watch-'));
    await writeFile(join(dir, 'count.md'), '1');
    const live = liveDeck({
      initial: version(1),
      debounceMs: 10,
      build: async () => version(Number(await readFile(join(dir, 'count.md'), 'utf8'))),
    });
    watcher = await watchNotes(dir, () => live.schedule());
    await writeFile(join(dir, 'count.md'), '4');
    await expect.poll(() => live.current().cards.length, { timeout: 5000 }).toBe(4);
  });
});

describe('a rebuilt deck in the running app', () => {
  it('is served on the next request; unchanged cards keep their progress, removed ones leave the queue', async () => {
    const store = createMemoryStore();
    const live = liveDeck({ initial: version(13), build: async () => version(3), debounceMs: 1 });
    const server = await startServer(
      { port: 0, host: '127.0.0.1', dataDir: tmpdir(), notesDir: 'test/fixtures/web/notes' },
      { deck: live.current, store },
    );
    try {
      const tab = new TestClient(server.url);
      const first = shownCard((await tab.get('/review')).text)!;
      await tab.post(`/review/${first}/grade`, { rating: '4', reps: '0' });
      const removed = base.cards[5]!.id;
      expect((await tab.get(`/cards/${removed}`)).status).toBe(200);

      live.schedule();
      await live.settled();
      const rows = (await tab.get('/cards')).text.match(/class="row-link"/g) ?? [];
      expect(rows).toHaveLength(3);
      expect((await tab.get(`/cards/${removed}`)).status).toBe(404);
      expect((await tab.get(`/cards/${first}`)).text).toContain('简单');
      expect(store.getProgress(first)?.schedule.state).toBe(2);
    } finally {
      await server.close();
    }
  });
});
