// npm start: build the deck if the notes changed, open the store, serve on HOST:PORT (default
// 127.0.0.1:3000), rebuild the deck when a note changes, and shut down cleanly on SIGINT/SIGTERM.
import { join } from 'node:path';
import { buildAndReadDeck } from '../src/deck/pipeline.ts';
import { DeckhandError } from '../src/errors.ts';
import { openStore } from '../src/store/lowdb-store.ts';
import { loadConfig } from '../src/web/config.ts';
import { liveDeck, watchNotes } from '../src/web/deck-watch.ts';
import { startServer } from '../src/web/server.ts';

try {
  const config = loadConfig(process.env);
  const deckPath = join(config.dataDir, 'deck.json');
  const build = () => buildAndReadDeck({ notes: config.notesDir, out: deckPath });

  const first = await build();
  const notes = `${first.report.files} note${first.report.files === 1 ? '' : 's'}`;
  console.log(
    `deck      ${deckPath}: ${first.deck.cards.length} cards${first.report.written ? `, rebuilt from ${notes}` : ', up to date'}`,
  );
  const { store, warnings } = await openStore({
    dataDir: config.dataDir,
    onWarning: (message) => console.warn(`warning: ${message}`),
  });
  for (const warning of warnings) console.warn(`warning: ${warning}`);

  const live = liveDeck({
    initial: first.deck,
    build: async () => (await build()).deck,
    onReload: (deck) => console.log(`deck      reloaded: ${deck.cards.length} cards`),
    onError: (error) =>
      console.error(`deck      rebuild failed, still serving the last deck: ${(error as Error).message}`),
  });
  // Listen before watching the notes: a port in use then ends the process instead of leaving it
  // running with a watcher and no server.
  const server = await startServer(config, { deck: live.current, store }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const watcher = await watchNotes(config.notesDir, () => live.schedule());
  console.log(`deckhand  ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing`);
    await watcher.close();
    await live.settled();
    await server.close(); // waits for requests in flight, so their grades are written
    await store.close(); // checkpoints the log into db.json
    console.log('closed');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop(signal).catch((error: unknown) => {
        console.error(`error while closing: ${(error as Error).message}`);
        process.exitCode = 1;
      });
    });
  }
} catch (error) {
  if (!(error instanceof DeckhandError)) throw error;
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
}
