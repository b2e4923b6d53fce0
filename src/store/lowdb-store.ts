/**
 * The durable `ReviewStore`: the only module that imports lowdb.
 *
 * DATA_DIR holds
 * - `db.json` (lowdb): settings, a snapshot of every card's progress, and `logSeq`, the last review-log
 *   record folded into that snapshot. Small, rewritten whole (atomically, then fsynced) at checkpoints
 *   and settings changes, through `SnapshotFile`, which writes it a slice at a time beside the requests.
 * - `reviews.jsonl`: the write-ahead log. Every grade, undo, suspend and bury is one line, appended and
 *   fsynced before the call resolves, so a write costs the same at any history size; writes that
 *   arrive together share one write and one fsync (GroupCommit). It is never truncated: it is also
 *   the review history the Stats and card pages read.
 * - `backups/`: a copy of db.json per day, the last seven kept.
 *
 * A checkpoint (every `checkpointEvery` writes, at the first write of a day, and on close) writes the
 * snapshot with the seq of the newest record in it. Opening reads the snapshot and replays only
 * records with a higher seq, so a crash at any point of a checkpoint applies nothing twice: either the
 * old snapshot is on disk and the records are replayed, or the new one is and they are skipped. (A
 * record also carries the resulting schedule rather than a change, so even a replayed one would not
 * count a review twice.) The history is rebuilt from the whole log at every open.
 *
 * One process writes a data folder; others (the export CLI) open it with `readOnly`.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { BadInputError, StoreClosedError, StoreCorruptError, StoreWriteError } from '../errors.ts';
import type { CardProgress, ReviewEntry, Schedule, Settings } from '../review/types.ts';
import { backupDue, keepBeforeMigration, latestBackup, takeBackup } from './backups.ts';
import { GroupCommit } from './group-commit.ts';
import { ReviewLog } from './review-log.ts';
import { DB_VERSION, type DbFile, emptyDb, parseDb, settingsSchema } from './schema.ts';
import { progressRecord, SnapshotFile } from './snapshot-file.ts';
import { cardOf, type LogRecord, ReviewState } from './state.ts';
import { syncDirectory } from './sync.ts';
import type { GradeInput, OpenedStore, OpenStoreOptions, ReviewStore, StoreChange } from './types.ts';
import { WriteQueue } from './write-queue.ts';

export const DB_FILE = 'db.json';
export const LOG_FILE = 'reviews.jsonl';
export const BACKUP_DIR = 'backups';
const DEFAULT_CHECKPOINT_EVERY = 500;

interface Paths {
  db: string;
  log: string;
  backups: string;
}

/**
 * Opens (or creates) the store in `dataDir`: reads db.json, migrates an older version (keeping the
 * old file in backups/), replays the review log over it, and takes the day's backup if due.
 * @returns the store and what was repaired on the way (a torn last log line, a migration)
 * @throws StoreCorruptError when db.json or a log line before the last cannot be read; no file is
 * changed then, and the message names the file and the latest backup
 * @example const { store, warnings } = await openStore({ dataDir: 'data' });
 */
export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  const now = options.now ?? (() => new Date());
  const readOnly = options.readOnly ?? false;
  if (!readOnly) await mkdir(options.dataDir, { recursive: true });
  const paths: Paths = {
    db: join(options.dataDir, DB_FILE),
    log: join(options.dataDir, LOG_FILE),
    backups: join(options.dataDir, BACKUP_DIR),
  };
  const warnings: string[] = [];

  const defaults = emptyDb();
  const file = new SnapshotFile(paths.db);
  const db = new Low<DbFile>(file, defaults);
  const exists = await fileExists(paths.db);
  try {
    await db.read();
  } catch (error) {
    throw await corruptDb(paths, (error as Error).message);
  }
  let fromVersion = DB_VERSION;
  if (exists) {
    // lowdb keeps the defaults when the file parses to null, false or 0: that is damage too.
    if (db.data === defaults) throw await corruptDb(paths, 'it holds no database object');
    try {
      ({ db: db.data, fromVersion } = parseDb(db.data as unknown));
    } catch (error) {
      throw await corruptDb(paths, (error as Error).message);
    }
  }

  const { log, records, warnings: logWarnings } = await ReviewLog.open(paths.log, now(), readOnly);
  warnings.push(...logWarnings);
  const foldedSeq = db.data.logSeq;
  // The card states just read are the ones the next checkpoint writes unchanged, mostly: their text
  // is worked out now, at start, rather than during the first checkpoint, beside the requests.
  if (!readOnly) file.remember(db.data);
  const state = new ReviewState(Object.values(db.data.progress), foldedSeq);
  for (const record of records) {
    const problem = state.apply(record, foldedSeq);
    if (problem !== undefined) warnings.push(`${LOG_FILE} record ${record.seq}: ${problem}`);
  }
  const lastLogged = records.at(-1)?.seq ?? 0;
  if (lastLogged < foldedSeq) {
    warnings.push(
      `${LOG_FILE} ends at record ${lastLogged} but ${DB_FILE} holds progress up to record ${foldedSeq}: ` +
        'progress is kept, the history of the missing records is not.',
    );
  }

  if (fromVersion < DB_VERSION && readOnly) {
    warnings.push(
      `${DB_FILE}: read as version ${DB_VERSION} from version ${fromVersion}; read-only, so not saved`,
    );
  } else if (fromVersion < DB_VERSION) {
    const kept = await keepBeforeMigration(paths.db, paths.backups, fromVersion, now());
    warnings.push(
      `${DB_FILE}: migrated from version ${fromVersion} to ${DB_VERSION}; the old file is kept as ${kept}`,
    );
  }
  const store = new LowdbStore({
    db,
    log,
    state,
    paths,
    now,
    checkpointEvery: options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
    onWarning: options.onWarning ?? (() => {}),
    readOnly,
  });
  if (readOnly) return { store, warnings };
  try {
    // A new or migrated db is written at once; otherwise only when the day's backup is due.
    await store.checkpoint({ force: !exists || fromVersion < DB_VERSION });
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return { store, warnings };
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function corruptDb(paths: Paths, reason: string): Promise<StoreCorruptError> {
  const backup = await latestBackup(paths.backups);
  const restore =
    backup === undefined
      ? 'There is no backup to restore.'
      : `The latest backup is ${backup}: to restore it, copy it over ${paths.db}; ` +
        `reviews made since are replayed from ${LOG_FILE}.`;
  return new StoreCorruptError(
    `${paths.db} cannot be read as a deckhand database (${reason}). It was left untouched. ${restore}`,
  );
}

/** A refused write as a StoreWriteError naming the file and the system's reason (ENOSPC, EROFS, …). */
function writeFailed(file: string, error: unknown): StoreWriteError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new StoreWriteError(`could not write ${file} (${reason}); nothing was recorded`, { cause: error });
}

interface LowdbStoreParts {
  db: Low<DbFile>;
  log: ReviewLog;
  state: ReviewState;
  paths: Paths;
  now: () => Date;
  checkpointEvery: number;
  onWarning: (message: string) => void;
  readOnly: boolean;
}

class LowdbStore implements ReviewStore {
  readonly #db: Low<DbFile>;
  readonly #log: ReviewLog;
  readonly #state: ReviewState;
  readonly #paths: Paths;
  readonly #now: () => Date;
  readonly #checkpointEvery: number;
  readonly #onWarning: (message: string) => void;
  readonly #readOnly: boolean;
  /** Log appends, in groups, and the in-memory changes that follow them. */
  readonly #writes: GroupCommit<LogRecord>;
  /** db.json writes (checkpoints, settings), one at a time; they never hold up log appends. */
  readonly #dbWrites = new WriteQueue();
  /** Set once close() is called: log writes asked for after it are refused. */
  #closeCalled = false;
  /** Set once the log writes asked for before close() are done: nothing is written after. */
  #closed = false;
  #closing: Promise<void> | undefined;
  #autoCheckpoint: Promise<void> | undefined;
  /** Before this moment the day's backup is known to exist (the next local midnight). */
  #backupCheckAt = 0;

  constructor(parts: LowdbStoreParts) {
    this.#db = parts.db;
    this.#log = parts.log;
    this.#state = parts.state;
    this.#paths = parts.paths;
    this.#now = parts.now;
    this.#checkpointEvery = parts.checkpointEvery;
    this.#onWarning = parts.onWarning;
    this.#readOnly = parts.readOnly;
    this.#writes = new GroupCommit<LogRecord>({
      seq: () => this.#state.seq,
      cardOf,
      write: (records) => this.#log.append(...records),
      apply: (record) => this.#state.apply(record),
      failed: (error) => writeFailed(LOG_FILE, error),
    });
  }

  getProgress(cardId: string): CardProgress | undefined {
    return this.#state.progress.get(cardId);
  }

  allProgress(): ReadonlyMap<string, CardProgress> {
    return this.#state.progress;
  }

  reviews(): readonly ReviewEntry[] {
    return this.#state.history;
  }

  reviewsOf(cardId: string): readonly ReviewEntry[] {
    return this.#state.reviewsOf(cardId);
  }

  reviewsSince(since: Date): readonly ReviewEntry[] {
    return this.#state.reviewsSince(since);
  }

  async recordGrade(input: GradeInput): Promise<ReviewEntry> {
    const record = await this.#append((seq) => this.#state.planGrade(input, seq));
    if (record?.type !== 'grade') throw new Error('unreachable: a grade plan is a grade');
    return record.entry;
  }

  async undoLastReview(): Promise<ReviewEntry | undefined> {
    let undone: ReviewEntry | undefined;
    await this.#append((seq) => {
      undone = this.#state.history.at(-1);
      return this.#state.planUndo(seq);
    }, true);
    return undone;
  }

  async setSuspended(cardId: string, suspended: boolean, schedule: Schedule): Promise<CardProgress> {
    await this.#append((seq) => this.#state.planSuspend(cardId, suspended, schedule, seq));
    return this.#state.progress.get(cardId)!;
  }

  async bury(cardId: string, until: Date, schedule: Schedule): Promise<CardProgress> {
    await this.#append((seq) => this.#state.planBury(cardId, until, schedule, seq));
    return this.#state.progress.get(cardId)!;
  }

  subscribe(listener: (change: StoreChange) => void): () => void {
    return this.#state.subscribe(listener);
  }

  settings(): Settings {
    return this.#db.data.settings;
  }

  async saveSettings(settings: Settings): Promise<Settings> {
    const parsed = settingsSchema.safeParse(settings);
    if (!parsed.success) throw new BadInputError(z.prettifyError(parsed.error));
    return this.#dbWrites.run(async () => {
      this.#assertOpen();
      await this.#writeDb({ ...this.#db.data, settings: parsed.data });
      return parsed.data;
    });
  }

  /**
   * Folds the log into db.json. Runs beside log appends: the snapshot is taken in one synchronous
   * step, where the in-memory state and its seq always match.
   * @param options.force write even when nothing changed since the last checkpoint
   */
  async checkpoint(options: { force?: boolean } = {}): Promise<void> {
    if (this.#readOnly) return;
    await this.#dbWrites.run(() => this.#fold(options.force ?? false));
  }

  async close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closeCalled = true;
      await this.#writes.idle();
      this.#closed = true;
      await this.#autoCheckpoint;
      try {
        await this.checkpoint();
      } finally {
        await this.#log.close();
      }
    })();
    return this.#closing;
  }

  /**
   * Plans a record after every earlier write (so the stale check sees them all), appends it with
   * the writes waiting beside it, and applies it only once it is on disk (GroupCommit). A failed
   * append changes nothing in memory.
   * @param alone planned in a group of its own (an undo)
   */
  async #append(plan: (seq: number) => LogRecord | undefined, alone = false): Promise<LogRecord | undefined> {
    this.#assertOpen();
    if (this.#closeCalled) throw new StoreClosedError('the review store is closed');
    const record = await this.#writes.submit(plan, alone);
    this.#maybeCheckpoint();
    return record;
  }

  #maybeCheckpoint(): void {
    if (this.#autoCheckpoint !== undefined || this.#closed) return;
    const unfolded = this.#state.seq - this.#db.data.logSeq;
    if (unfolded < this.#checkpointEvery && this.#now().getTime() < this.#backupCheckAt) return;
    this.#autoCheckpoint = this.checkpoint()
      .catch((error: unknown) => {
        this.#onWarning(
          `checkpoint failed (${(error as Error).message}); the reviews are safe in ${LOG_FILE}`,
        );
      })
      .finally(() => {
        this.#autoCheckpoint = undefined;
      });
  }

  async #fold(force: boolean): Promise<void> {
    // One synchronous step: nothing can append between reading the seq and the progress (a list of
    // the progress objects, which are never changed, so it can be read later, a slice at a time).
    const seq = this.#state.seq;
    const snapshot = this.#state.snapshot();
    const now = this.#now();
    const backupWanted = now.getTime() >= this.#backupCheckAt && (await this.#backupDue(now));
    if (force || backupWanted || seq !== this.#db.data.logSeq) {
      const progress = await progressRecord(snapshot);
      await this.#writeDb({ ...this.#db.data, logSeq: seq, progress, checkpointedAt: now });
    }
    if (!backupWanted) return;
    try {
      await takeBackup(this.#paths.db, this.#paths.backups, now);
      this.#backupCheckAt = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
    } catch (error) {
      this.#backupFailed(now, error);
    }
  }

  /** Whether today's backup is missing; a folder that cannot be read is reported, not thrown. */
  async #backupDue(now: Date): Promise<boolean> {
    try {
      if (await backupDue(this.#paths.backups, now)) return true;
      this.#backupCheckAt = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
      return false;
    } catch (error) {
      this.#backupFailed(now, error);
      return false;
    }
  }

  #backupFailed(now: Date, error: unknown): void {
    this.#onWarning(`daily backup failed: ${(error as Error).message}`);
    // Try again in an hour, not at every write.
    this.#backupCheckAt = now.getTime() + 3_600_000;
  }

  /**
   * Makes `data` the db, on disk first: when the write fails, memory keeps what the file holds (a
   * refused settings change must not show as saved until the next restart).
   */
  async #writeDb(data: DbFile): Promise<void> {
    const previous = this.#db.data;
    this.#db.data = data;
    try {
      await this.#db.write(); // fsynced before the rename (SnapshotFile)
      await syncDirectory(this.#paths.db);
    } catch (error) {
      this.#db.data = previous;
      throw writeFailed(DB_FILE, error);
    }
  }

  #assertOpen(): void {
    if (this.#readOnly) throw new StoreClosedError('the review store is open read-only');
    if (this.#closed) throw new StoreClosedError('the review store is closed');
  }
}
