import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/deck/types.ts';
import type { CardProgress, Rating, ReviewEntry, Schedule } from '../../src/review/types.ts';
import {
  cardsByState,
  dueForecast,
  retentionPerWeek,
  reviewsPerDay,
  weekOf,
  windowStart,
} from '../../src/web/study-stats.ts';

const NOW = new Date(2026, 2, 10, 10, 0, 0); // Tuesday 10 March 2026, 10:00 local
const HOUR = 4;

function schedule(state: 0 | 1 | 2 | 3, due: Date): Schedule {
  return {
    due,
    stability: 5,
    difficulty: 5,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 1,
    lapses: 0,
    state,
  };
}

function review(at: Date, rating: Rating, beforeState: 0 | 1 | 2 | 3): ReviewEntry {
  return {
    id: `r${at.getTime()}`,
    cardId: 'a',
    rating,
    reviewedAt: at,
    origin: 'review',
    before: schedule(beforeState, at),
    after: schedule(2, at),
  };
}

const card = (id: string) => ({ id }) as Card;

describe('reviewsPerDay', () => {
  it('counts reviews per study day, zero days included, a 02:00 review on the day before', () => {
    const days = reviewsPerDay(
      [
        review(new Date(2026, 2, 8, 23, 0), 3, 2),
        review(new Date(2026, 2, 9, 2, 0), 3, 2), // before 04:00: still 8 March
        review(new Date(2026, 2, 10, 9, 0), 1, 2),
      ],
      NOW,
      HOUR,
      4,
    );
    expect(days).toEqual([
      { day: '2026-03-07', count: 0 },
      { day: '2026-03-08', count: 2 },
      { day: '2026-03-09', count: 0 },
      { day: '2026-03-10', count: 1 },
    ]);
  });

  it('starts its window at the day boundary', () => {
    expect(windowStart(NOW, HOUR, 3)).toEqual(new Date(2026, 2, 7, 4, 0, 0));
  });
});

describe('dueForecast', () => {
  it('puts overdue cards on today and leaves out new, suspended and far cards', () => {
    const progress = new Map<string, CardProgress>([
      ['overdue', { cardId: 'overdue', schedule: schedule(2, new Date(2026, 2, 1)), suspended: false }],
      [
        'tomorrow',
        { cardId: 'tomorrow', schedule: schedule(2, new Date(2026, 2, 11, 12)), suspended: false },
      ],
      ['early', { cardId: 'early', schedule: schedule(2, new Date(2026, 2, 11, 3)), suspended: false }],
      ['suspended', { cardId: 'suspended', schedule: schedule(2, new Date(2026, 2, 11)), suspended: true }],
      ['far', { cardId: 'far', schedule: schedule(2, new Date(2026, 5, 1)), suspended: false }],
    ]);
    const cards = ['overdue', 'tomorrow', 'early', 'suspended', 'far', 'new'].map(card);
    const forecast = dueForecast(cards, progress, NOW, HOUR, 3);
    expect(forecast).toEqual([
      { day: '2026-03-10', count: 2 }, // overdue, and 03:00 tomorrow is still today's study day
      { day: '2026-03-11', count: 1 },
      { day: '2026-03-12', count: 0 },
    ]);
  });
});

describe('retentionPerWeek', () => {
  it('is the share of review-state grades not graded Again, per Monday-based week', () => {
    const weeks = retentionPerWeek(
      [
        review(new Date(2026, 2, 2, 10), 3, 2), // Monday 2 March
        review(new Date(2026, 2, 3, 10), 1, 2),
        review(new Date(2026, 2, 4, 10), 1, 0), // a new card: not counted
        review(new Date(2026, 2, 9, 10), 4, 2), // next week
      ],
      HOUR,
    );
    expect(weeks).toEqual([
      { week: '2026-03-02', passed: 1, total: 2, retention: 0.5 },
      { week: '2026-03-09', passed: 1, total: 1, retention: 1 },
    ]);
    expect(weekOf('2026-03-08')).toBe('2026-03-02'); // a Sunday belongs to the week before
  });
});

describe('cardsByState', () => {
  it('counts every state, suspension and burial first', () => {
    const progress = new Map<string, CardProgress>([
      ['l', { cardId: 'l', schedule: schedule(1, NOW), suspended: false }],
      ['r', { cardId: 'r', schedule: schedule(2, NOW), suspended: false }],
      ['s', { cardId: 's', schedule: schedule(2, NOW), suspended: true }],
      [
        'b',
        { cardId: 'b', schedule: schedule(3, NOW), suspended: false, buriedUntil: new Date(2026, 2, 11, 4) },
      ],
      ['x', { cardId: 'x', schedule: schedule(3, NOW), suspended: false, buriedUntil: new Date(2026, 2, 9) }],
    ]);
    const counts = cardsByState(['n', 'l', 'r', 's', 'b', 'x'].map(card), progress, NOW);
    expect(Object.fromEntries(counts.map((c) => [c.state, c.count]))).toEqual({
      new: 1,
      learning: 1,
      review: 1,
      relearning: 1,
      suspended: 1,
      buried: 1,
    });
  });
});
