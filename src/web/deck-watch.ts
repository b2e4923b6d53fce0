import { watch } from 'chokidar';
import type { Deck } from '../deck/types.ts';

/** The deck the server shows, swapped in place when the notes are rebuilt. */
export interface LiveDeck {
  /** The newest deck that built successfully. */
  current(): Deck;
  /** Asks for a rebuild soon; changes arriving close together give one build. */
  schedule(): void;
  /** Resolves when no build is waiting or running (tests, shutdown). */
  settled(): Promise<void>;
}

/** Options of `liveDeck`. */
export interface LiveDeckOptions {
  initial: Deck;
  /** Builds the deck from the notes (reusing what did not change) and returns it. */
  build: () => Promise<Deck>;
  /** Quiet time after the last change before building, so a save burst is one build (default 150 ms). */
  debounceMs?: number;
  onReload?: (deck: Deck) => void;
  /** A build failed (notes half-edited, say): the previous deck stays in service. */
  onError?: (error: unknown) => void;
}

/**
 * Keeps the current deck and rebuilds it on request: one build at a time, a change during a build
 * gives exactly one more build after it, and a failed build keeps the last good deck. Progress is
 * untouched: it lives in the store, keyed by card id, so unchanged cards keep their state.
 * @example const live = liveDeck({ initial, build: async () => (await buildAndReadDeck(o)).deck })
 */
export function liveDeck(options: LiveDeckOptions): LiveDeck {
  let deck = options.initial;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const run = async (): Promise<void> => {
    do {
      again = false;
      try {
        deck = await options.build();
        options.onReload?.(deck);
      } catch (error) {
        options.onError?.(error);
      }
    } while (again);
  };

  const start = () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = undefined;
    });
  };

  return {
    current: () => deck,
    schedule() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(start, options.debounceMs ?? 150);
    },
    async settled() {
      while (timer !== undefined || running !== undefined) {
        if (timer !== undefined) {
          clearTimeout(timer);
          start();
        }
        await running;
      }
    },
  };
}

/** A running watcher; `close()` stops it. */
export interface NotesWatcher {
  close(): Promise<void>;
}

/**
 * Calls `onChange` whenever a Markdown file under `notesDir` is added, changed or removed. Resolves
 * once the watcher is ready, so a change made after it resolves is seen.
 */
export async function watchNotes(notesDir: string, onChange: (path: string) => void): Promise<NotesWatcher> {
  const watcher = watch(notesDir, {
    ignoreInitial: true,
    // Editors save through temp files; only Markdown notes matter.
    ignored: (path, stats) => stats?.isFile() === true && !/\.(md|markdown)$/i.test(path),
    awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 },
  });
  watcher.on('all', (event, path) => {
    if (event === 'add' || event === 'change' || event === 'unlink') onChange(path);
  });
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  return { close: () => watcher.close() };
}
