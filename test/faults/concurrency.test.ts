/**
 * Concurrency against a real server and store: many tabs grading at once, and the deck rebuilt from
 * the notes while grades come in. Checkpoints run every few grades, so they interleave with appends.
 */
import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAndReadDeck } from '../../src/deck/pipeline.ts';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';
import { openStore } from '../../src/store/lowdb-store.ts';
import type { ReviewStore } from '../../src/store/types.ts';
import { liveDeck } from '../../src/web/deck-watch.ts';
import { startServer } from '../../src/web/server.ts';
import { CARDS, startTestServer, TestClient, type TestServer, testClock } from '../web/harness.ts';

let server: TestServer | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Tabs with their own cookies and tokens, each having loaded the review page. */
async function tabs(url: string, count: number): Promise<TestClient[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const tab = new TestClient(url);
      await tab.get('/review');
      return tab;
    }),
  );
}

describe('parallel grades', () => {
  it('of the same card from 20 tabs record exactly one', async () => {
    server = await startTestServer();
    const all = await tabs(server.url, 20);
    const replies = await Promise.all(
      all.map((tab) => tab.post(`/review/${CARDS.image}/grade`, { rating: '3', reps: '0' })),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([303, ...Array<number>(19).fill(409)]);
    expect(server.store.reviewsOf(CARDS.image)).toHaveLength(1);
    const log = await readFile(join(server.dataDir, 'reviews.jsonl'), 'utf8');
    expect(log.trim().split('\n')).toHaveLength(1);
  });

  it('of different cards all record', async () => {
    server = await startTestServer();
    const ids = server.deck.cards.map((card) => card.id);
    const all = await tabs(server.url, ids.length);
    const replies = await Promise.all(
      ids.map((id, i) => all[i]!.post(`/review/${id}/grade`, { rating: '3', reps: '0' })),
    );
    expect(replies.map((r) => r.status)).toEqual(ids.map(() => 303));
    expect(new Set(server.store.reviews().map((r) => r.cardId))).toEqual(new Set(ids));
    expect(server.store.reviews()).toHaveLength(ids.length);
  });
});

describe('a deck rebuild while reviews run', () => {
  it('loses no grade and refuses none: progress stays with the cards', async () => {
    const root = await mkdtemp(join(tmpdir(), 'deckhand-rebuild-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const notes = join(root, 'notes');
    const dataDir = join(root, 'data');
    await cp('test/fixtures/web/notes', notes, { recursive: true });
    const deckPath = join(dataDir, 'deck.json');
    const build = async () => (await buildAndReadDeck({ notes, out: deckPath, threads: 1 })).deck;
    const initial = await build();
    const clock = testClock(new Date(2026, 2, 10, 10, 0));
    const { store } = await openStore({ dataDir, now: clock.now, checkpointEvery: 3 });
    cleanups.push(() => store.close());
    await store.saveSettings({ ...DEFAULT_SETTINGS, fuzz: false, newPerDay: 1000 });
    let builds = 0;
    const live = liveDeck({
      initial,
      debounceMs: 1,
      build: async () => {
        builds++;
        return build();
      },
    });
    const running = await startServer(
      { port: 0, host: '127.0.0.1', dataDir, notesDir: notes },
      { deck: live.current, store, now: clock.now },
    );
    cleanups.push(async () => {
      await live.settled();
      await running.close();
    });

    const ids = initial.cards.map((card) => card.id);
    expect(ids.length).toBeGreaterThan(10);
    // Four tabs grade every card once while the notes are edited and the deck rebuilt five times.
    const all = await tabs(running.url, 4);
    const acks: string[] = [];
    const refused: string[] = [];
    const grading = Promise.all(
      all.map(async (tab, t) => {
        for (const id of ids.filter((_, i) => i % all.length === t)) {
          const { status } = await tab.post(`/review/${id}/grade`, { rating: '3', reps: '0' });
          (status === 303 ? acks : refused).push(`${id} ${status}`);
        }
      }),
    );
    const editing = (async () => {
      for (let i = 0; i < 5; i++) {
        await appendFile(
          join(notes, 'docker-notes.md'),
          `\n## 新增${i}\n\n### 术语${i}\n\n术语${i}：第${i}次重建时加入的概念。\n`,
        );
        live.schedule();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await live.settled();
    })();
    await Promise.all([grading, editing]);

    expect(refused).toEqual([]);
    expect(acks).toHaveLength(ids.length);
    expect(builds).toBeGreaterThan(0);
    expect(live.current().cards.length).toBeGreaterThan(ids.length);
    const check = (s: ReviewStore) => {
      expect(new Set(s.reviews().map((r) => r.cardId))).toEqual(new Set(ids));
      for (const id of ids) expect(s.getProgress(id)?.schedule.reps).toBe(1);
    };
    check(store);
    // Every grade also reached the disk.
    const reread = await openStore({ dataDir, readOnly: true });
    check(reread.store);
    await reread.store.close();
  });
});
