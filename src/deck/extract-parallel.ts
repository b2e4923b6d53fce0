import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { buildNote, DEFAULT_QUIZ_SEED, type NoteBuild, type NoteFile } from './build.ts';

/** Below this much text, starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = 512 * 1024;

function startWorker(): Worker {
  return new Worker(new URL('./build-worker-boot.mjs', import.meta.url));
}

/**
 * Builds notes (cards and their deck's quiz items) on all cores: notes are handed out one at a time to the next free worker, largest
 * first, so one big note does not leave the other core idle at the end. Results keep input order.
 */
export async function extractParallel(
  notes: readonly NoteFile[],
  options: { threads?: number; seed?: string; onDone?: (done: number) => void } = {},
): Promise<NoteBuild[]> {
  const total = notes.reduce((sum, n) => sum + n.text.length, 0);
  const threads = Math.min(options.threads ?? availableParallelism(), notes.length);
  const seed = options.seed ?? DEFAULT_QUIZ_SEED;
  const results: NoteBuild[] = new Array(notes.length);
  let done = 0;
  // An explicit thread count is obeyed (tests, bench); by default small builds stay on one thread.
  if (threads <= 1 || (options.threads === undefined && total < PARALLEL_MIN_BYTES)) {
    notes.forEach((note, index) => {
      results[index] = buildNote(note.path, note.text, seed);
      options.onDone?.(++done);
    });
    return results;
  }
  const order = notes.map((_, index) => index).sort((a, b) => notes[b]!.text.length - notes[a]!.text.length);
  let next = 0;
  const workers = Array.from({ length: threads }, startWorker);
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              const index = order[next++];
              if (index === undefined) return resolve();
              const note = notes[index]!;
              worker.postMessage({ index, path: note.path, text: note.text, seed });
            };
            worker.on('message', (message: { index: number; result: NoteBuild }) => {
              results[message.index] = message.result;
              options.onDone?.(++done);
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`build worker exited with code ${code}`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
