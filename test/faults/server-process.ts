/**
 * Child-process entry for the fault tests: the real store and the real server (`startServer`) over
 * DATA_DIR, as `npm start` runs them, minus the deck build and the notes watcher (the tests hand it a
 * ready deck file, so a start takes a fraction of a second and twenty restarts stay cheap).
 *
 * Environment: DATA_DIR, DECK (deck file), NOTES_DIR, CHECKPOINT_EVERY (grades between checkpoints),
 * CLOCK_BASE and CLOCK_ZERO (ms), WAIT_FOR_GO. Its clock runs a simulated day per real second from CLOCK_BASE,
 * counted from the real moment CLOCK_ZERO, so cards graded Again are due again within milliseconds and
 * time goes on across restarts. With WAIT_FOR_GO=1 it loads every module, then waits for a line on
 * stdin before it touches DATA_DIR: a test can load the next server while the current one runs. Prints `listening <url>` once it serves; a store that cannot be opened
 * prints `error: <message>` and exits 1, as `npm start` does. SIGTERM closes it cleanly.
 */
import { readDeck } from '../../src/deck/file.ts';
import { DeckhandError } from '../../src/errors.ts';
import { openStore } from '../../src/store/lowdb-store.ts';
import { startServer } from '../../src/web/server.ts';

const SPEED = 86_400;
const env = process.env;
const base = Number(env.CLOCK_BASE ?? Date.now());
const zero = Number(env.CLOCK_ZERO ?? Date.now());
const now = () => new Date(base + (Date.now() - zero) * SPEED);

if (env.WAIT_FOR_GO === '1') {
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.unref();
}

try {
  const deck = await readDeck(env.DECK ?? 'data/deck.json');
  const { store, warnings } = await openStore({
    dataDir: env.DATA_DIR ?? 'data',
    now,
    checkpointEvery: Number(env.CHECKPOINT_EVERY ?? 500),
    onWarning: (message) => console.warn(`warning: ${message}`),
  });
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  const server = await startServer(
    { port: 0, host: '127.0.0.1', dataDir: env.DATA_DIR ?? 'data', notesDir: env.NOTES_DIR ?? 'content' },
    { deck, store, now, log: (message) => console.error(`server: ${message}`) },
  );
  console.log(`listening ${server.url}`);
  process.once('SIGTERM', () => {
    void server
      .close()
      .then(() => store.close())
      .then(() => console.log('closed'));
  });
} catch (error) {
  if (!(error instanceof DeckhandError)) throw error;
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
}
