import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Deck } from '../deck/types.ts';
import { openQuizStore } from '../quiz-store/lowdb-quiz-store.ts';
import type { QuizStore } from '../quiz-store/types.ts';
import type { ReviewStore } from '../store/types.ts';
import { createApp } from './app.ts';
import { assertSafeBinding, ConfigError, type WebConfig } from './config.ts';

/** What the server serves; the caller owns (and closes) the stores it passes in. */
export interface ServerParts {
  /** The deck, or a getter for the newest one (the deck watcher swaps it after a rebuild). */
  deck: Deck | (() => Deck);
  store: ReviewStore;
  /** Default: the quiz files in `DATA_DIR/quizzes`, opened here and closed with the server. */
  quizzes?: QuizStore;
  /** Default: the real clock. */
  now?: () => Date;
  log?: (message: string) => void;
}

/** A listening server. `close()` stops accepting requests and waits for the ones in flight. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the HTTP server: the only `listen()` in the app. Port 0 picks a free port (tests).
 * @throws ConfigError before listening when the host is public and no password is set.
 * @example const { url, close } = await startServer(loadConfig(process.env), { deck, store })
 */
export async function startServer(config: WebConfig, parts: ServerParts): Promise<RunningServer> {
  assertSafeBinding(config);
  // Quizzes are always on disk in a running server; only in-process tests of createApp use memory.
  const ownQuizzes = parts.quizzes
    ? undefined
    : await openQuizStore({ dir: join(config.dataDir, 'quizzes') });
  for (const warning of ownQuizzes?.warnings ?? []) (parts.log ?? console.warn)(`warning: ${warning}`);
  const quizzes = parts.quizzes ?? ownQuizzes!.store;
  const app = createApp({
    deck: parts.deck,
    store: parts.store,
    now: parts.now ?? (() => new Date()),
    config: config.password === undefined ? {} : { password: config.password },
    notesDir: config.notesDir,
    quizzes,
    exportsDir: join(config.dataDir, 'exports'),
    ...(parts.log ? { log: parts.log } : {}),
  });
  const server = createServer(app);
  // A grade is small; a slow client must not hold a connection open for ever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  server.listen(config.port, config.host);
  try {
    await once(server, 'listening');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    // Most often a deckhand already running: say how to start a second one instead of a stack trace.
    throw new ConfigError(
      `${config.host}:${config.port} is already in use (another deckhand?); start on another port: PORT=${config.port < 65535 ? config.port + 1 : 3001} npm start`,
    );
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open; requests in flight still finish.
        server.closeIdleConnections();
      });
      await ownQuizzes?.store.close();
    },
  };
}
