/**
 * A `ReviewStore` that keeps everything in memory: the second implementation that proves the seam
 * (the contract suite runs against both), and a fast store for tests of code above it. It behaves
 * like the lowdb store in every observable way except that nothing survives the process.
 */
import { z } from 'zod';
import { BadInputError, StoreClosedError } from '../errors.ts';
import type { CardProgress, ReviewEntry, Schedule, Settings } from '../review/types.ts';
import { DEFAULT_SETTINGS } from '../review/types.ts';
import { settingsSchema } from './schema.ts';
import { type LogRecord, ReviewState } from './state.ts';
import type { GradeInput, ReviewStore, StoreChange } from './types.ts';
import { WriteQueue } from './write-queue.ts';

export interface MemoryStoreOptions {
  settings?: Settings;
  /** Progress to start from, as a snapshot would hold it. */
  progress?: readonly CardProgress[];
}

/** @example const store = createMemoryStore({ settings: { ...DEFAULT_SETTINGS, fuzz: false } }); */
export function createMemoryStore(options: MemoryStoreOptions = {}): ReviewStore {
  return new MemoryStore(options);
}

class MemoryStore implements ReviewStore {
  readonly #state: ReviewState;
  readonly #queue = new WriteQueue();
  #settings: Settings;
  #closed = false;

  constructor(options: MemoryStoreOptions) {
    this.#state = new ReviewState(options.progress ?? []);
    this.#settings = structuredClone(options.settings ?? DEFAULT_SETTINGS);
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
    const record = await this.#write(() => this.#state.planGrade(input));
    if (record.type !== 'grade') throw new Error('unreachable: a grade plan is a grade');
    return record.entry;
  }

  async undoLastReview(): Promise<ReviewEntry | undefined> {
    return this.#queue.run(() => {
      this.#assertOpen();
      const undone = this.#state.history.at(-1);
      const record = this.#state.planUndo();
      if (record !== undefined) this.#state.apply(record);
      return undone;
    });
  }

  async setSuspended(cardId: string, suspended: boolean, schedule: Schedule): Promise<CardProgress> {
    await this.#write(() => this.#state.planSuspend(cardId, suspended, schedule));
    return this.#state.progress.get(cardId)!;
  }

  async bury(cardId: string, until: Date, schedule: Schedule): Promise<CardProgress> {
    await this.#write(() => this.#state.planBury(cardId, until, schedule));
    return this.#state.progress.get(cardId)!;
  }

  subscribe(listener: (change: StoreChange) => void): () => void {
    return this.#state.subscribe(listener);
  }

  settings(): Settings {
    return this.#settings;
  }

  async saveSettings(settings: Settings): Promise<Settings> {
    const parsed = settingsSchema.safeParse(settings);
    if (!parsed.success) throw new BadInputError(z.prettifyError(parsed.error));
    return this.#queue.run(() => {
      this.#assertOpen();
      this.#settings = parsed.data;
      return this.#settings;
    });
  }

  async checkpoint(): Promise<void> {
    await this.#queue.idle();
  }

  async close(): Promise<void> {
    await this.#queue.run(() => {
      this.#closed = true;
    });
  }

  /** Plans inside the queue, so the stale check sees every earlier write. */
  #write(plan: () => LogRecord): Promise<LogRecord> {
    return this.#queue.run(() => {
      this.#assertOpen();
      const record = plan();
      this.#state.apply(record);
      return record;
    });
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError('the review store is closed');
  }
}
