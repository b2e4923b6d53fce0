import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dayUsage,
  nextStudyDayStart,
  shiftDayKey,
  streak,
  studyDayKey,
  studyDayStart,
  tallyByDay,
} from '../../src/review/day.ts';
import { newSchedule } from '../../src/review/scheduler.ts';
import type { FsrsState, Rating, ReviewEntry } from '../../src/review/types.ts';

function review(
  reviewedAt: Date,
  rating: Rating,
  beforeState: FsrsState,
  origin: 'review' | 'quiz' = 'review',
): ReviewEntry {
  const before = { ...newSchedule(reviewedAt), state: beforeState };
  return { id: `r${reviewedAt.getTime()}`, cardId: 'c', rating, reviewedAt, origin, before, after: before };
}

describe('study days', () => {
  it('start at the day-start hour, so 01:30 still belongs to yesterday', () => {
    expect(studyDayStart(new Date(2026, 0, 5, 1, 30), 4)).toEqual(new Date(2026, 0, 4, 4));
    expect(studyDayStart(new Date(2026, 0, 5, 4, 0), 4)).toEqual(new Date(2026, 0, 5, 4));
    expect(studyDayStart(new Date(2026, 0, 5, 23, 59), 4)).toEqual(new Date(2026, 0, 5, 4));
    expect(nextStudyDayStart(new Date(2026, 0, 5, 1, 30), 4)).toEqual(new Date(2026, 0, 5, 4));
    expect(studyDayKey(new Date(2026, 0, 5, 1, 30), 4)).toBe('2026-01-04');
    expect(studyDayKey(new Date(2026, 0, 5, 1, 30), 0)).toBe('2026-01-05');
  });

  it('cross month and year ends', () => {
    expect(shiftDayKey('2025-12-31', 1)).toBe('2026-01-01');
    expect(shiftDayKey('2024-03-01', -1)).toBe('2024-02-29');
    expect(studyDayKey(new Date(2026, 0, 1, 3), 4)).toBe('2025-12-31');
  });

  describe('across a daylight-saving change', () => {
    const tz = process.env.TZ;
    beforeEach(() => {
      process.env.TZ = 'Europe/Berlin';
    });
    afterEach(() => {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });

    it('keep the wall-clock hour (a 23-hour day in spring)', () => {
      const saturday = new Date(2026, 2, 28, 12);
      const sunday = nextStudyDayStart(saturday, 4);
      expect(sunday.getHours()).toBe(4);
      expect(sunday.getDate()).toBe(29);
      expect(sunday.getTime() - studyDayStart(saturday, 4).getTime()).toBe(23 * 3_600_000);
    });
  });
});

describe('dayUsage', () => {
  it('counts new cards and review-state grades of daily review against the limits', () => {
    const at = new Date(2026, 0, 5, 9);
    const usage = dayUsage([
      review(at, 3, 0),
      review(at, 1, 1), // a learning step: no limit
      review(at, 3, 2),
      review(at, 1, 2),
      review(at, 1, 2, 'quiz'), // a quiz lapse: no limit
      review(at, 1, 0, 'quiz'),
    ]);
    expect(usage).toEqual({ newStudied: 1, reviewsDone: 2, total: 6, retention: 1 / 3 });
    expect(dayUsage([]).retention).toBeNull();
  });
});

describe('tallyByDay', () => {
  it('groups reviews by study day with passes of review-state cards', () => {
    const tallies = tallyByDay(
      [
        review(new Date(2026, 0, 4, 22), 3, 2),
        review(new Date(2026, 0, 5, 2), 1, 2), // before 04:00: still the 4th
        review(new Date(2026, 0, 5, 9), 3, 0),
        review(new Date(2026, 0, 7, 9), 4, 2),
      ],
      4,
    );
    expect([...tallies]).toEqual([
      ['2026-01-04', { total: 2, reviewState: 2, passed: 1 }],
      ['2026-01-05', { total: 1, reviewState: 0, passed: 0 }],
      ['2026-01-07', { total: 1, reviewState: 1, passed: 1 }],
    ]);
  });
});

describe('streak', () => {
  const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-06', '2026-01-07'];

  it('counts the run ending today and the longest run', () => {
    expect(streak(days, new Date(2026, 0, 7, 20), 4)).toEqual({ current: 2, longest: 3 });
  });

  it('is not broken by a today without reviews yet, but by a missed yesterday', () => {
    expect(streak(days, new Date(2026, 0, 8, 20), 4)).toEqual({ current: 2, longest: 3 });
    expect(streak(days, new Date(2026, 0, 9, 20), 4)).toEqual({ current: 0, longest: 3 });
  });

  it('follows the day-start hour: 02:00 is still yesterday', () => {
    expect(streak(days, new Date(2026, 0, 9, 2), 4).current).toBe(2);
    expect(streak([], new Date(2026, 0, 9, 2), 4)).toEqual({ current: 0, longest: 0 });
  });
});
