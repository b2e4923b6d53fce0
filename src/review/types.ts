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
