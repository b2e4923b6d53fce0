/**
 * The durable `QuizStore`: one lowdb JSON file per quiz in a folder (DATA_DIR/quizzes/<id>.json).
 *
 * An answer rewrites its quiz's file whole — atomically (steno: temp file, then rename), then fsynced
 * with its folder — before the request is answered. That is one small file (a 20-question quiz is a
 * few dozen KB) whatever the number of quizzes, so a write costs the same after a year of quizzes.
 * Every quiz is read into memory at open: History needs them all, and they are small.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { BadInputError, NotFoundError, StoreClosedError, StoreWriteError } from '../errors.ts';
import type { Quiz } from '../quiz/types.ts';
import { syncDirectory, syncFile } from '../store/sync.ts';
import { WriteQueue } from '../store/write-queue.ts';
import { parseQuizFile, QUIZ_FILE_VERSION, type QuizFile } from './schema.ts';
import { QUIZ_ID, type QuizChange, type QuizStore } from './types.ts';

export interface OpenQuizStoreOptions {
  /** Folder of the quiz files (created if missing), e.g. `DATA_DIR/quizzes`. */
  dir: string;
}

export interface OpenedQuizStore {
  store: QuizStore;
  /** Files that could not be read: they are left as they are and not listed. */
  warnings: string[];
}

interface Entry {
  db: Low<QuizFile | null>;
  path: string;
  quiz: Quiz;
  writes: WriteQueue;
}

/**
 * Opens the quiz folder and reads every quiz in it.
 * @example const { store, warnings } = await openQuizStore({ dir: join(dataDir, 'quizzes') });
 */
export async function openQuizStore(options: OpenQuizStoreOptions): Promise<OpenedQuizStore> {
  await mkdir(options.dir, { recursive: true });
  const warnings: string[] = [];
  const entries = new Map<string, Entry>();
  // steno's temp files start with a dot; they are leftovers of an interrupted write, never quizzes.
  const names = (await readdir(options.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  for (const name of names) {
    const path = join(options.dir, name);
    const db = new Low<QuizFile | null>(new JSONFile<QuizFile | null>(path), null);
    try {
      await db.read();
      const quiz = parseQuizFile(db.data);
      if (`${quiz.id}.json` !== name) throw new Error(`it holds quiz ${quiz.id}`);
      entries.set(quiz.id, { db, path, quiz, writes: new WriteQueue() });
    } catch (error) {
      warnings.push(
        `${path} cannot be read (${(error as Error).message}); it is left as it is and not listed`,
      );
    }
  }
  return { store: new LowdbQuizStore(options.dir, entries), warnings };
}

class LowdbQuizStore implements QuizStore {
  readonly #dir: string;
  readonly #entries: Map<string, Entry>;
  /** Creations, one at a time, so two quizzes never race for one id. */
  readonly #creates = new WriteQueue();
  #closed = false;

  constructor(dir: string, entries: Map<string, Entry>) {
    this.#dir = dir;
    this.#entries = entries;
  }

  get(id: string): Quiz | undefined {
    return this.#entries.get(id)?.quiz;
  }

  list(): readonly Quiz[] {
    return [...this.#entries.values()]
      .map((e) => e.quiz)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  }

  create(quiz: Quiz): Promise<void> {
    return this.#creates.run(async () => {
      this.#assertOpen();
      if (!QUIZ_ID.test(quiz.id)) throw new BadInputError(`quiz id ${quiz.id} is not a file name`);
      if (this.#entries.has(quiz.id)) throw new BadInputError(`quiz ${quiz.id} exists already`);
      const path = join(this.#dir, `${quiz.id}.json`);
      const db = new Low<QuizFile | null>(new JSONFile<QuizFile | null>(path), null);
      await write(db, path, quiz);
      this.#entries.set(quiz.id, { db, path, quiz, writes: new WriteQueue() });
    });
  }

  async update<T>(id: string, change: QuizChange<T>): Promise<T> {
    const entry = this.#entries.get(id);
    if (entry === undefined) throw new NotFoundError(`no quiz ${id}`);
    return entry.writes.run(async () => {
      this.#assertOpen();
      const { quiz, result } = change(entry.quiz);
      if (quiz !== entry.quiz) {
        await write(entry.db, entry.path, quiz);
        // Only what is on disk is seen by the next request.
        entry.quiz = quiz;
      }
      return result;
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#creates.idle();
    await Promise.all([...this.#entries.values()].map((e) => e.writes.idle()));
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError('the quiz store is closed');
  }
}

/** Writes a quiz durably; a refused write (disk full, read-only folder) is a StoreWriteError. */
async function write(db: Low<QuizFile | null>, path: string, quiz: Quiz): Promise<void> {
  db.data = { version: QUIZ_FILE_VERSION, quiz };
  try {
    await db.write();
    await syncFile(path);
    await syncDirectory(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StoreWriteError(`could not write ${path} (${reason}); the answer was not recorded`, {
      cause: error,
    });
  }
}
