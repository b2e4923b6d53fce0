import type { CardProgress, Rating, ReviewEntry, Schedule, Settings } from '../review/types.ts';

/** What a grade needs to be recorded: the state it was shown in (for the stale check) and the new one. */
export interface GradeInput {
  cardId: string;
  rating: Rating;
  reviewedAt: Date;
  origin: 'review' | 'quiz';
  /** `reps` of the state the client saw; a different current value means another tab graded first. */
  expectedReps: number;
  before: Schedule;
  after: Schedule;
}

/**
 * One change to the store's state, as `subscribe` reports it: the card whose progress changed, and
 * the review added to or removed from the history. Read the card's new progress with `getProgress`.
 */
export type StoreChange =
  | { type: 'grade'; cardId: string; review: ReviewEntry }
  /** `review` is the entry removed from the history (undefined only for a log the history lacks). */
  | { type: 'undo'; cardId: string; review: ReviewEntry | undefined }
  | { type: 'suspend' | 'bury'; cardId: string };

/**
 * The seam between the app and storage. Routes and `review/` never see files. Writes resolve only
 * once the data is durable on disk (fsync), so an acknowledged grade survives a crash.
 */
export interface ReviewStore {
  /** Progress of a card that has been seen or changed; undefined for a card still new and untouched. */
  getProgress(cardId: string): CardProgress | undefined;
  allProgress(): ReadonlyMap<string, CardProgress>;
  /** Every review, oldest first. */
  reviews(): readonly ReviewEntry[];
  reviewsOf(cardId: string): readonly ReviewEntry[];
  /**
   * Reviews at or after `since`, oldest first (today's reviews for the daily limits). Costs what it
   * returns, not the whole history, as long as review times only grow (a clock set back makes it a scan).
   */
  reviewsSince(since: Date): readonly ReviewEntry[];
  /**
   * Records a grade (or a quiz lapse) and resolves once it is on disk. The card id is not checked
   * against the deck: the store does not know the deck, so refusing unknown or not-due cards is the
   * caller's job. `before` is taken from the stored progress when there is one.
   * @throws StaleReviewError when `expectedReps` is not the card's current `reps` (0 for an untouched
   * card); nothing is written then.
   */
  recordGrade(input: GradeInput): Promise<ReviewEntry>;
  /** Undoes the newest review (restores `before`, removes it from the log); undefined when none. */
  undoLastReview(): Promise<ReviewEntry | undefined>;
  /** `schedule` is used only when the card has no progress yet (pass `newSchedule(now)`). */
  setSuspended(cardId: string, suspended: boolean, schedule: Schedule): Promise<CardProgress>;
  /** Hides the card from the queue until `until`; a past `until` unburies. `schedule` as above. */
  bury(cardId: string, until: Date, schedule: Schedule): Promise<CardProgress>;
  /**
   * Calls `listener` after each change is applied in memory, synchronously, before the write that
   * made it resolves: views that keep state derived from the store (today's queue) stay in step with
   * it without rescanning. A listener must not throw. @returns a function that unsubscribes
   */
  subscribe(listener: (change: StoreChange) => void): () => void;
  settings(): Settings;
  saveSettings(settings: Settings): Promise<Settings>;
  /** Folds the review log into the snapshot; called every N grades and on close. */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Folder of db.json, reviews.jsonl and backups/ (created if missing). */
  dataDir: string;
  /** Clock for backup days and migration stamps; defaults to the real one. */
  now?: () => Date;
  /** Grades between two automatic checkpoints (default 500). */
  checkpointEvery?: number;
  /** Problems found after opening (a failed background checkpoint or backup); data stays safe in the log. */
  onWarning?: (message: string) => void;
  /**
   * Read without changing any file (no repair, migration, checkpoint or backup; writes throw
   * StoreClosedError). For a second process such as the export CLI while the server may be running:
   * only one process may open a data folder for writing.
   */
  readOnly?: boolean;
}

export interface OpenedStore {
  store: ReviewStore;
  /** Problems repaired while opening (a torn last log line dropped, a migration run), for the console. */
  warnings: string[];
}
