import { describe, expect, it } from 'vitest';
import { grade, lapse, newSchedule, preview } from '../../src/review/scheduler.ts';
import type { Schedule, Settings } from '../../src/review/types.ts';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const now = new Date(2026, 2, 10, 9, 30, 0, 0);
const settings: Settings = { ...DEFAULT_SETTINGS, fuzz: false };

/** A card learnt on `now` and now due for its first review. */
function reviewCard(): { schedule: Schedule; due: Date } {
  let schedule = grade(newSchedule(now), 3, now, settings);
  const step = schedule.due;
  schedule = grade(schedule, 3, step, settings);
  return { schedule, due: schedule.due };
}

describe('newSchedule', () => {
  it('is a new card due now', () => {
    const schedule = newSchedule(now);
    expect(schedule).toMatchObject({ state: 0, reps: 0, lapses: 0, due: now });
    expect(schedule.last_review).toBeUndefined();
  });
});

describe('preview', () => {
  it('gives the four outcomes in button order with the learning steps of the settings', () => {
    const outcomes = preview(newSchedule(now), now, settings);
    expect(outcomes.map((outcome) => outcome.rating)).toEqual([1, 2, 3, 4]);
    expect(outcomes[0]!.intervalMs).toBe(1 * MINUTE);
    expect(outcomes[2]!.intervalMs).toBe(10 * MINUTE);
    expect(outcomes[3]!.schedule.state).toBe(2);
    expect(outcomes[3]!.intervalMs).toBeGreaterThanOrEqual(DAY);
  });

  it('uses learning steps from the settings', () => {
    const outcomes = preview(newSchedule(now), now, { ...settings, learningSteps: [5, 30] });
    expect(outcomes[0]!.intervalMs).toBe(5 * MINUTE);
    expect(outcomes[2]!.intervalMs).toBe(30 * MINUTE);
  });

  it('orders intervals Again < Hard < Good < Easy for a review card', () => {
    const { schedule, due } = reviewCard();
    const intervals = preview(schedule, due, settings).map((outcome) => outcome.intervalMs);
    expect(intervals[0]).toBe(10 * MINUTE); // the relearning step
    expect(intervals[1]!).toBeLessThan(intervals[2]!);
    expect(intervals[2]!).toBeLessThan(intervals[3]!);
  });

  it('shows exactly what grading would do', () => {
    const { schedule, due } = reviewCard();
    for (const outcome of preview(schedule, due, settings)) {
      expect(grade(schedule, outcome.rating, due, settings)).toEqual(outcome.schedule);
    }
  });
});

describe('grade', () => {
  it('does not change its input', () => {
    const schedule = newSchedule(now);
    const copy = structuredClone(schedule);
    grade(schedule, 4, now, settings);
    expect(schedule).toEqual(copy);
  });

  it('keeps only schedule fields', () => {
    const keys = Object.keys(grade(newSchedule(now), 3, now, settings)).sort();
    expect(keys).toEqual(
      [
        'due',
        'stability',
        'difficulty',
        'elapsed_days',
        'scheduled_days',
        'learning_steps',
        'reps',
        'lapses',
        'state',
        'last_review',
      ].sort(),
    );
  });

  it('schedules shorter intervals for a higher desired retention', () => {
    const { schedule, due } = reviewCard();
    const at80 = grade(schedule, 3, due, { ...settings, desiredRetention: 0.8 });
    const at95 = grade(schedule, 3, due, { ...settings, desiredRetention: 0.95 });
    expect(at95.scheduled_days).toBeLessThan(at80.scheduled_days);
  });

  it('fuzzes long intervals when fuzz is on (the default), the same way for the same inputs', () => {
    const fuzzy: Settings = { ...DEFAULT_SETTINGS };
    let differs = 0;
    for (let day = 0; day < 10; day++) {
      let schedule = reviewCard().schedule;
      let at = schedule.due;
      for (let step = 0; step < 3; step++) {
        schedule = grade(schedule, 3, at, settings);
        at = schedule.due;
      }
      const reviewAt = new Date(at.getTime() + day * DAY);
      const plain = grade(schedule, 3, reviewAt, settings);
      const fuzzed = grade(schedule, 3, reviewAt, fuzzy);
      expect(grade(schedule, 3, reviewAt, fuzzy)).toEqual(fuzzed);
      expect(Math.abs(fuzzed.scheduled_days - plain.scheduled_days)).toBeLessThanOrEqual(
        Math.ceil(plain.scheduled_days * 0.15) + 1,
      );
      if (fuzzed.scheduled_days !== plain.scheduled_days) differs++;
    }
    expect(differs).toBeGreaterThan(0);
  });
});

describe('lapse', () => {
  it('moves a review card to relearning, counts the lapse and makes it due now', () => {
    const { schedule, due } = reviewCard();
    const later = new Date(due.getTime() - DAY);
    const lapsed = lapse(schedule, later, settings);
    expect(lapsed.state).toBe(3);
    expect(lapsed.lapses).toBe(schedule.lapses + 1);
    expect(lapsed.due).toEqual(later);
    expect(lapsed.reps).toBe(schedule.reps + 1);
  });

  it('restarts a new card in learning, due now', () => {
    const lapsed = lapse(newSchedule(now), now, settings);
    expect(lapsed.state).toBe(1);
    expect(lapsed.due).toEqual(now);
  });
});
