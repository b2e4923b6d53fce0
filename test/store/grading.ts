/** Builds grades the way the web layer does: from the stored schedule, through the real scheduler. */
import { grade, lapse, newSchedule } from '../../src/review/scheduler.ts';
import type { Rating, Settings } from '../../src/review/types.ts';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';
import type { GradeInput, ReviewStore } from '../../src/store/types.ts';

export const SETTINGS: Settings = { ...DEFAULT_SETTINGS, fuzz: false };

/** 2026-05-12 10:00 local time, plus `minutes`. */
export function at(minutes = 0): Date {
  return new Date(new Date(2026, 4, 12, 10, 0).getTime() + minutes * 60_000);
}

export function gradeInput(store: ReviewStore, cardId: string, rating: Rating, when: Date): GradeInput {
  const before = store.getProgress(cardId)?.schedule ?? newSchedule(when);
  return {
    cardId,
    rating,
    reviewedAt: when,
    origin: 'review',
    expectedReps: before.reps,
    before,
    after: grade(before, rating, when, SETTINGS),
  };
}

export function quizLapse(store: ReviewStore, cardId: string, when: Date): GradeInput {
  const before = store.getProgress(cardId)?.schedule ?? newSchedule(when);
  return {
    cardId,
    rating: 1,
    reviewedAt: when,
    origin: 'quiz',
    expectedReps: before.reps,
    before,
    after: lapse(before, when, SETTINGS),
  };
}

/** Grades `cardId` once per minute from `start`. */
export async function gradeMany(
  store: ReviewStore,
  cardId: string,
  ratings: Rating[],
  start = 0,
): Promise<void> {
  for (const [index, rating] of ratings.entries()) {
    await store.recordGrade(gradeInput(store, cardId, rating, at(start + index)));
  }
}
