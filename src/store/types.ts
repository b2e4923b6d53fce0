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
  /** @throws StaleReviewError when `expectedReps` is not the card's current `reps`. */
  recordGrade(input: GradeInput): Promise<ReviewEntry>;
  /** Undoes the newest review (restores `before`, removes it from the log); undefined when none. */
  undoLastReview(): Promise<ReviewEntry | undefined>;
  setSuspended(cardId: string, suspended: boolean, schedule: Schedule): Promise<CardProgress>;
  bury(cardId: string, until: Date, schedule: Schedule): Promise<CardProgress>;
  settings(): Settings;
  saveSettings(settings: Settings): Promise<Settings>;
  /** Folds the review log into the snapshot; called every N grades and on close. */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}
