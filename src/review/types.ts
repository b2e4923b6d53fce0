/**
 * Review state of one card, in ts-fsrs field names so it converts without renaming. Dates are ISO
 * strings on disk and `Date` in memory (the store revives them with zod).
 */
export type Rating = 1 | 2 | 3 | 4; // Again, Hard, Good, Easy
export const RATINGS: readonly Rating[] = [1, 2, 3, 4];

/** 0 New, 1 Learning, 2 Review, 3 Relearning — the ts-fsrs `State` values. */
export type FsrsState = 0 | 1 | 2 | 3;

export interface Schedule {
  due: Date;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: FsrsState;
  last_review?: Date;
}

export interface CardProgress {
  cardId: string;
  schedule: Schedule;
  suspended: boolean;
  /** Hidden from the queue until this moment (bury until tomorrow). */
  buriedUntil?: Date;
}

/** One line of the review log: a grade from daily review, or a lapse recorded by a missed quiz question. */
export interface ReviewEntry {
  /** Unique, so a replayed or doubled log line is recognised. */
  id: string;
  cardId: string;
  rating: Rating;
  reviewedAt: Date;
  origin: 'review' | 'quiz';
  /** State before the grade: undo restores it. */
  before: Schedule;
  after: Schedule;
}

export interface Settings {
  newPerDay: number;
  maxReviewsPerDay: number;
  desiredRetention: number;
  /** Learning steps in minutes, e.g. [1, 10]. */
  learningSteps: number[];
  relearningSteps: number[];
  /** Hour (0–23, local time) at which a new study day starts. */
  dayStartHour: number;
  /** null: follow the notes' language. */
  language: 'zh' | 'en' | null;
  /**
   * Spread intervals a little so cards learnt together do not stay together (ts-fsrs `enable_fuzz`).
   * Absent means on, as in the app; tests set it to false to pin intervals.
   */
  fuzz?: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  newPerDay: 20,
  maxReviewsPerDay: 200,
  desiredRetention: 0.9,
  learningSteps: [1, 10],
  relearningSteps: [10],
  dayStartHour: 4,
  language: null,
};

/** One answer button: the rating, the schedule it would give, and the interval for its label. */
export interface GradeOutcome {
  rating: Rating;
  schedule: Schedule;
  /** `schedule.due - now` in milliseconds (never negative); format it with `formatInterval`. */
  intervalMs: number;
}

/**
 * The cards to study now, each list in the order it is shown. `nextCardId` takes learning first, then
 * review, then new, then learn-ahead.
 */
export interface StudyQueue {
  /** Learning and relearning cards due now, earliest due first. */
  learning: string[];
  /** Review cards due before the next day boundary, within today's remaining review limit. */
  review: string[];
  /** Never-studied cards in deck (note) order, within today's remaining new-card limit. */
  new: string[];
  /** Learning cards due within the learn-ahead window: shown only when nothing else is left. */
  learnAhead: string[];
}

/** Cards waiting in each queue (Today page, progress bar). */
export interface DueCounts {
  new: number;
  learning: number;
  review: number;
}

/** What today's review log has used of the daily limits. */
export interface DayUsage {
  /** New cards first graded today (daily review only, not quiz lapses). */
  newStudied: number;
  /** Review-state cards graded today (daily review only): counted against `maxReviewsPerDay`. */
  reviewsDone: number;
  /** Every grade today, learning steps and quiz lapses included. */
  total: number;
  /** Share of today's review-state grades that were not Again; null when there were none. */
  retention: number | null;
}

/** Consecutive study days with at least one review. */
export interface Streak {
  /** Ends today, or yesterday while today has no review yet. */
  current: number;
  longest: number;
}

/** Reviews of one study day (heatmap, retention charts). */
export interface DayTally {
  /** Every grade of the day. */
  total: number;
  /** Grades of cards that were in the review state (not learning steps, not new). */
  reviewState: number;
  /** Of those, the ones not graded Again: `passed / reviewState` is the day's true retention. */
  passed: number;
}
