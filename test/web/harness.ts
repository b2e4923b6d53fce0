import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeck } from '../../src/deck/file.ts';
import type { Deck } from '../../src/deck/types.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/review/types.ts';
import { openStore } from '../../src/store/lowdb-store.ts';
import type { ReviewStore } from '../../src/store/types.ts';
import type { WebConfig } from '../../src/web/config.ts';
import { startServer } from '../../src/web/server.ts';

/** The web fixture: a small deck cut from the Docker notes, and those notes. */
export const FIXTURE_DECK = 'test/fixtures/web/deck.json';
export const FIXTURE_NOTES = 'test/fixtures/web/notes';

/** Ids of fixture cards the tests name. */
export const CARDS = {
  image: 'c0a1f3e2b7d4',
  cloze: 'c7b8f0a2c4d6',
  rmRedis: 'c6a7e9f1b3c5',
  untrusted: 'ccf3e5f7b9c1',
} as const;

/** A settable clock: tests move time instead of waiting. */
export interface TestClock {
  now: () => Date;
  set(date: Date): void;
  advance(ms: number): void;
}

export function testClock(start: Date): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (date) => {
      current = date.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export interface TestServer {
  url: string;
  store: ReviewStore;
  deck: Deck;
  dataDir: string;
  clock: TestClock;
  logs: string[];
  /** A client with its own cookie jar, like a browser tab. */
  client(): TestClient;
  close(): Promise<void>;
}

export interface ServerOptions {
  password?: string;
  settings?: Partial<Settings>;
  /** Default: 10:00 local time on a fixed day, well after the 04:00 day start. */
  start?: Date;
  /** Deck file to serve; default the web fixture (which has no quiz items). */
  deckFile?: string;
  /** Fills the empty DATA_DIR before the store opens (e.g. `seedReviews` for a year of history). */
  seed?: (dataDir: string, deck: Deck, now: Date) => Promise<void>;
}

/**
 * A real server on 127.0.0.1, port 0, over a real store in a temporary DATA_DIR, serving the fixture
 * deck, with a pinned clock and fuzz off so intervals are exact.
 */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'deckhand-web-'));
  await cp(options.deckFile ?? FIXTURE_DECK, join(dataDir, 'deck.json'));
  const deck = await readDeck(join(dataDir, 'deck.json'));
  const clock = testClock(options.start ?? new Date(2026, 2, 10, 10, 0, 0));
  await options.seed?.(dataDir, deck, clock.now());
  const { store } = await openStore({ dataDir, now: clock.now });
  await store.saveSettings({ ...DEFAULT_SETTINGS, fuzz: false, ...options.settings });
  const config: WebConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    notesDir: FIXTURE_NOTES,
    ...(options.password === undefined ? {} : { password: options.password }),
  };
  const logs: string[] = [];
  const server = await startServer(config, { deck, store, now: clock.now, log: (m) => logs.push(m) });
  return {
    url: server.url,
    store,
    deck,
    dataDir,
    clock,
    logs,
    client: () => new TestClient(server.url),
    close: async () => {
      await server.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

/** A minimal browser: keeps cookies, reads the CSRF token from the last page, posts forms. */
export class TestClient {
  readonly #base: string;
  readonly #cookies = new Map<string, string>();
  csrf = '';

  constructor(base: string) {
    this.#base = base;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.#send(path, { method: 'GET', headers });
  }

  /** Posts a form with this tab's CSRF token and its own Origin, unless `form`/`headers` override them. */
  async post(
    path: string,
    form: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...form });
    return this.#send(path, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.#base, ...headers },
    });
  }

  /** A GET as htmx sends it when swapping a fragment. */
  partial(path: string): Promise<Reply> {
    return this.get(path, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
  }

  /** A POST as htmx sends it when swapping a fragment. */
  postPartial(path: string, form: Record<string, string> = {}): Promise<Reply> {
    return this.post(path, form, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
  }

  async #send(
    path: string,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<Reply> {
    const cookie = [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(this.#base + path, {
      ...init,
      headers: { ...init.headers, ...(cookie ? { cookie } : {}) },
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.#cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, headers: response.headers, text };
  }
}

/** The `data-card` of the review card in a page or fragment ('' when the session is over). */
export function shownCard(html: string): string | undefined {
  return /id="review-card"[^>]*data-card="([^"]*)"/.exec(html)?.[1];
}

/** The `reps` the review form carries. */
export function shownReps(html: string): string | undefined {
  return /name="reps" value="(\d+)"/.exec(html)?.[1];
}
