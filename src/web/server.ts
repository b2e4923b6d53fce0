import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Deck } from '../deck/types.ts';
import type { ReviewStore } from '../store/types.ts';
import { createApp } from './app.ts';
import { assertSafeBinding, type WebConfig } from './config.ts';

/** What the server serves; the caller owns (and closes) the store. */
export interface ServerParts {
  /** The deck, or a getter for the newest one (the deck watcher swaps it after a rebuild). */
  deck: Deck | (() => Deck);
  store: ReviewStore;
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
  const app = createApp({
    deck: parts.deck,
    store: parts.store,
    now: parts.now ?? (() => new Date()),
    config: config.password === undefined ? {} : { password: config.password },
    notesDir: config.notesDir,
    ...(parts.log ? { log: parts.log } : {}),
  });
  const server = createServer(app);
  // A grade is small; a slow client must not hold a connection open for ever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  server.listen(config.port, config.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open; requests in flight still finish.
        server.closeIdleConnections();
      }),
  };
}
