import { availableParallelism } from 'node:os';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { buildNote, DEFAULT_QUIZ_SEED, type NoteFile } from './build.ts';
import { type NoteLines, toNoteLines } from './note-lines.ts';
import { TSX_BOOT, workerScript } from './worker-script.ts';

/** Below this much text, starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = 512 * 1024;
const MB = 1024 * 1024;

/**
 * Heap limits for build workers. The young generation is twice the default (48 MB): parsing allocates
 * a great many short-lived objects, and with larger semi-spaces scavenges run half as often and
 * promote less (GC in a one-thread profile 2.5 s → 1.5 s of 6 s). The old generation gets a limit
 * too: with none, a worker's heap is sized from the machine's memory and grows to hundreds of MB of
 * garbage (vault build peak 550-580 MB, against 435 MB with this limit). A tight limit (160 MB) made
 * V8 collect so often that the build was ~10% slower. It scales with the largest note (a parse tree
 * costs tens of bytes a character), and a worker that still runs out hands its note to the main thread.
 */
export function workerLimits(largestNoteChars: number): ResourceLimits {
  return {
    maxYoungGenerationSizeMb: 96,
    maxOldGenerationSizeMb: Math.max(1024, Math.ceil((largestNoteChars * 100) / MB)),
  };
}

function buildHere(note: NoteFile, seed: string): NoteLines {
  return toNoteLines(buildNote(note.path, note.text, seed));
}

/**
 * Builds notes (cards and their deck's quiz items, as deck-file lines) on all cores: notes are handed
 * out one at a time to the next free worker, largest first, so one big note does not leave the other
 * core idle at the end. Results keep input order.
 */
export async function extractParallel(
  notes: readonly NoteFile[],
  options: {
    threads?: number;
    seed?: string;
    onDone?: (done: number) => void;
    /** Heap limits of the workers; `workerLimits` of the largest note by default. */
    limits?: ResourceLimits;
    /** The workers' script; `workerScript()` by default. */
    script?: URL;
    /** Called on each note's lines as they arrive; what it returns is kept (to park large results). */
    keep?: (lines: NoteLines) => NoteLines;
  } = {},
): Promise<NoteLines[]> {
  const total = notes.reduce((sum, n) => sum + n.text.length, 0);
  const threads = Math.min(options.threads ?? availableParallelism(), notes.length);
  const seed = options.seed ?? DEFAULT_QUIZ_SEED;
  const results: NoteLines[] = new Array(notes.length);
  const keep = options.keep ?? ((lines: NoteLines) => lines);
  let done = 0;
  // An explicit thread count is obeyed (tests, bench); by default small builds stay on one thread.
  if (threads <= 1 || (options.threads === undefined && total < PARALLEL_MIN_BYTES)) {
    notes.forEach((note, index) => {
      results[index] = keep(buildHere(note, seed));
      options.onDone?.(++done);
    });
    return results;
  }
  const order = notes.map((_, index) => index).sort((a, b) => notes[b]!.text.length - notes[a]!.text.length);
  const limits = options.limits ?? workerLimits(notes[order[0]!]!.text.length);
  let script = options.script ?? (await workerScript());
  let next = 0;
  const workers = new Set<Worker>();
  // One worker's loop: feed it a note at a time. If its script will not load, go on through tsx; if it
  // runs out of memory, build that note here and go on with a new worker.
  const run = () =>
    new Promise<void>((resolve, reject) => {
      let worker: Worker;
      const started = script;
      try {
        // No inherited `--import tsx`: the bundle is plain JavaScript, and the tsx boot file registers
        // tsx itself; loading the loader anyway costs each worker ~0.1 s before its first note.
        worker = new Worker(started, { resourceLimits: limits, execArgv: [] });
      } catch (error) {
        // No such bundle (removed meanwhile, say): boot through tsx.
        if (started === TSX_BOOT) return reject(error);
        script = TSX_BOOT;
        return run().then(resolve, reject);
      }
      workers.add(worker);
      let current: number | undefined;
      let answered = false;
      const feed = () => {
        current = order[next++];
        if (current === undefined) return resolve();
        const note = notes[current]!;
        worker.postMessage({ index: current, path: note.path, text: note.text, seed });
      };
      worker.on('message', (message: { index: number; lines: NoteLines }) => {
        answered = true;
        results[message.index] = keep(message.lines);
        options.onDone?.(++done);
        feed();
      });
      worker.on('error', (error: Error & { code?: string }) => {
        workers.delete(worker);
        if (!answered && started !== TSX_BOOT && error.code !== 'ERR_WORKER_OUT_OF_MEMORY') {
          // The bundle would not load (removed meanwhile, say): boot through tsx, this note included.
          script = TSX_BOOT;
          if (current !== undefined) order.push(current);
          run().then(resolve, reject);
          return;
        }
        if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY' || current === undefined) return reject(error);
        results[current] = keep(buildHere(notes[current]!, seed));
        options.onDone?.(++done);
        run().then(resolve, reject);
      });
      worker.on('exit', (code) => {
        if (code !== 0 && workers.has(worker)) reject(new Error(`build worker exited with code ${code}`));
      });
      feed();
    });
  try {
    await Promise.all(Array.from({ length: threads }, run));
  } finally {
    await Promise.all([...workers].map((w) => w.terminate()));
  }
  return results;
}
