/**
 * A real server for the quiz route and browser tests: 127.0.0.1, port 0, a real review store and a
 * real quiz folder in a temporary DATA_DIR, the web fixture's cards with quiz items (quiz fixture
 * deck), the web fixture notes, a pinned clock and fuzz off.
 *
 * It builds the app with `createApp` and listens itself, because `startServer` does not pass a quiz
 * store through yet; everything else is as `test/web/harness.ts` sets it up.
 */
import { once } from 'node:events';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeck } from '../../src/deck/file.ts';
import type { Deck } from '../../src/deck/types.ts';
import { openQuizStore } from '../../src/quiz-store/lowdb-quiz-store.ts';
import type { QuizStore } from '../../src/quiz-store/types.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/review/types.ts';
import { openStore } from '../../src/store/lowdb-store.ts';
import type { ReviewStore } from '../../src/store/types.ts';
import { createApp } from '../../src/web/app.ts';
import { FIXTURE_NOTES, TestClient, type TestClock, testClock } from '../web/harness.ts';

/** The web fixture's 13 cards and their quiz items, plus one matching item on three of them. */
export const QUIZ_DECK = 'test/quiz/fixtures/deck.json';

export interface QuizServer {
  url: string;
  store: ReviewStore;
  quizzes: QuizStore;
  deck: Deck;
  dataDir: string;
  clock: TestClock;
  logs: string[];
  client(): TestClient;
  /** Stops the server and opens the data folder again, as after a restart; returns the new server. */
  restart(): Promise<QuizServer>;
  close(): Promise<void>;
}

export interface QuizServerOptions {
  settings?: Partial<Settings>;
  /** Default: 10:00 local time on a fixed day, well after the 04:00 day start. */
  start?: Date;
}

async function listen(dataDir: string, deck: Deck, clock: TestClock): Promise<QuizServer> {
  const { store } = await openStore({ dataDir, now: clock.now });
  const { store: quizzes } = await openQuizStore({ dir: join(dataDir, 'quizzes') });
  const logs: string[] = [];
  const app = createApp({
    deck,
    store,
    quizzes,
    now: clock.now,
    config: {},
    notesDir: FIXTURE_NOTES,
    log: (m) => logs.push(m),
  });
  const server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = async () => {
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
    await quizzes.close();
    await store.close();
  };
  return {
    url,
    store,
    quizzes,
    deck,
    dataDir,
    clock,
    logs,
    client: () => new TestClient(url),
    restart: async () => {
      await stop();
      return listen(dataDir, deck, clock);
    },
    close: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the quiz test server over a new temporary DATA_DIR. */
export async function startQuizServer(options: QuizServerOptions = {}): Promise<QuizServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'deckhand-quiz-'));
  await cp(QUIZ_DECK, join(dataDir, 'deck.json'));
  const deck = await readDeck(join(dataDir, 'deck.json'));
  const clock = testClock(options.start ?? new Date(2026, 2, 10, 10, 0, 0));
  const { store } = await openStore({ dataDir, now: clock.now });
  await store.saveSettings({ ...DEFAULT_SETTINGS, fuzz: false, ...options.settings });
  await store.close();
  return listen(dataDir, deck, clock);
}
