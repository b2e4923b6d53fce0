import { describe, expect, it } from 'vitest';
import { studyDayStart } from '../../src/review/day.ts';
import {
  buildQueue,
  countByGroup,
  isInQueue,
  nextCardId,
  type QueueInput,
  queueCounts,
} from '../../src/review/queue.ts';
import { grade, newSchedule } from '../../src/review/scheduler.ts';
import type { CardProgress, FsrsState, Schedule, Settings } from '../../src/review/types.ts';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';

const MINUTE = 60_000;
/** 10:00 local; the study day runs from 04:00 today to 04:00 tomorrow. */
const now = new Date(2026, 4, 12, 10, 0);
const settings: Settings = { ...DEFAULT_SETTINGS, fuzz: false };

function progress(
  cardId: string,
  state: FsrsState,
  due: Date,
  extra: Partial<CardProgress> = {},
): CardProgress {
  const schedule: Schedule = { ...newSchedule(due), state, reps: state === 0 ? 0 : 2 };
  return { cardId, schedule, suspended: false, ...extra };
}

function minutes(offset: number): Date {
  return new Date(now.getTime() + offset * MINUTE);
}

function queue(cardIds: string[], items: CardProgress[], extra: Partial<QueueInput> = {}) {
  return buildQueue({
    cardIds,
    progress: new Map(items.map((item) => [item.cardId, item])),
    todayReviews: [],
    now,
    settings,
    ...extra,
  });
}

describe('buildQueue', () => {
  it('puts learning cards due now first, then due reviews, then new cards in deck order', () => {
    const result = queue(
      ['n1', 'r-late', 'l2', 'n2', 'r-early', 'l1', 'n3'],
      [
        progress('l1', 1, minutes(-30)),
        progress('l2', 3, minutes(-5)),
        progress('r-early', 2, minutes(-3 * 1440)),
        progress('r-late', 2, minutes(-60)),
      ],
    );
    expect(result).toEqual({
      learning: ['l1', 'l2'],
      review: ['r-early', 'r-late'],
      new: ['n1', 'n2', 'n3'],
      learnAhead: [],
    });
    expect(nextCardId(result)).toBe('l1');
    expect(queueCounts(result)).toEqual({ new: 3, learning: 2, review: 2 });
  });

  it('treats a review as due for its whole study day, up to the day boundary', () => {
    const result = queue(
      ['today', 'before-4am', 'after-4am'],
      [
        progress('today', 2, minutes(8 * 60)), // 18:00 today
        progress('before-4am', 2, new Date(2026, 4, 13, 3, 59)),
        progress('after-4am', 2, new Date(2026, 4, 13, 4, 0)),
      ],
    );
    expect(result.review).toEqual(['today', 'before-4am']);
  });

  it('moves the boundary with dayStartHour', () => {
    const ids = ['r'];
    const items = [progress('r', 2, new Date(2026, 4, 13, 5, 0))];
    expect(queue(ids, items).review).toEqual([]);
    expect(queue(ids, items, { settings: { ...settings, dayStartHour: 6 } }).review).toEqual(['r']);
  });

  it('keeps learning cards due later out, and shows near ones only when nothing else is left', () => {
    const items = [progress('soon', 1, minutes(5)), progress('later', 1, minutes(45))];
    const busy = queue(['soon', 'later', 'n1'], items);
    expect(busy.learning).toEqual([]);
    expect(busy.learnAhead).toEqual(['soon']);
    expect(nextCardId(busy)).toBe('n1');
    const done = queue(['soon', 'later'], items);
    expect(nextCardId(done)).toBe('soon');
    expect(nextCardId(queue(['soon', 'later'], items, { learnAheadMinutes: 0 }))).toBeUndefined();
  });

  it('leaves out suspended cards, buried cards until their time, and cards not in the deck', () => {
    const items = [
      progress('suspended', 2, minutes(-60), { suspended: true }),
      progress('buried', 2, minutes(-60), { buriedUntil: minutes(60) }),
      progress('unburied', 2, minutes(-60), { buriedUntil: minutes(-1) }),
      progress('buried-new', 0, minutes(-60), { buriedUntil: minutes(60) }),
      progress('removed-from-notes', 1, minutes(-60)),
    ];
    const result = queue(['suspended', 'buried', 'unburied', 'buried-new'], items);
    expect(result).toEqual({ learning: [], review: ['unburied'], new: [], learnAhead: [] });
    expect(isInQueue(result, 'unburied')).toBe(true);
    expect(isInQueue(result, 'buried')).toBe(false);
    expect(isInQueue(result, 'removed-from-notes')).toBe(false);
  });

  it('lists a repeated id once', () => {
    expect(queue(['a', 'a', 'b'], []).new).toEqual(['a', 'b']);
  });
});

describe('daily limits from the review log', () => {
  const deck = Array.from({ length: 30 }, (_, index) => `card-${index}`);

  async function studied(count: number, state: 'new' | 'review', at: Date) {
    const store = createMemoryStore({ settings });
    for (let index = 0; index < count; index++) {
      const cardId = deck[index]!;
      let before = newSchedule(at);
      if (state === 'review') {
        before = grade(grade(before, 4, at, settings), 3, at, settings);
        await store.recordGrade({
          cardId,
          rating: 4,
          reviewedAt: new Date(at.getTime() - 30 * 86_400_000),
          origin: 'review',
          expectedReps: 0,
          before: newSchedule(at),
          after: { ...before, state: 2, due: minutes(-1) },
        });
      }
      await store.recordGrade({
        cardId,
        rating: 3,
        reviewedAt: at,
        origin: 'review',
        expectedReps: store.getProgress(cardId)?.schedule.reps ?? 0,
        before,
        after: grade(before, 3, at, settings),
      });
    }
    return store;
  }

  function todayQueue(store: Awaited<ReturnType<typeof studied>>, limits: Partial<Settings>, at = now) {
    const day = { ...settings, ...limits };
    return buildQueue({
      cardIds: deck,
      progress: store.allProgress(),
      todayReviews: store.reviewsSince(studyDayStart(at, day.dayStartHour)),
      now: at,
      settings: day,
    });
  }

  it('offers only the new cards left of newPerDay, and all of them again the next study day', async () => {
    const store = await studied(3, 'new', minutes(-120));
    expect(todayQueue(store, { newPerDay: 5 }).new).toEqual(['card-3', 'card-4']);
    expect(todayQueue(store, { newPerDay: 2 }).new).toEqual([]);
    const tomorrow = new Date(2026, 4, 13, 4, 0);
    expect(todayQueue(store, { newPerDay: 5 }, tomorrow).new).toHaveLength(5);
  });

  it('gives a new card back to the limit when its grade is undone', async () => {
    const store = await studied(2, 'new', minutes(-120));
    expect(todayQueue(store, { newPerDay: 2 }).new).toEqual([]);
    await store.undoLastReview();
    expect(todayQueue(store, { newPerDay: 2 }).new).toEqual(['card-1']);
  });

  it('counts review-state grades since the day boundary against maxReviewsPerDay', async () => {
    async function withDueReviews(at: Date) {
      const store = await studied(4, 'review', at);
      for (const cardId of deck.slice(4, 10)) {
        const due = { ...newSchedule(now), state: 2 as const, reps: 3, due: minutes(-60) };
        await store.setSuspended(cardId, false, due);
      }
      return store;
    }
    const store = await withDueReviews(minutes(-120));
    expect(todayQueue(store, { maxReviewsPerDay: 7, newPerDay: 0 }).review).toEqual([
      'card-4',
      'card-5',
      'card-6',
    ]);
    expect(todayQueue(store, { maxReviewsPerDay: 4, newPerDay: 0 }).review).toEqual([]);
    // Reviews of the previous study day (before 04:00 today) do not count.
    const early = await withDueReviews(new Date(2026, 4, 12, 3, 0));
    expect(todayQueue(early, { maxReviewsPerDay: 4, newPerDay: 0 }).review).toHaveLength(4);
  });
});

describe('countByGroup', () => {
  it('counts waiting cards per deck and topic, before limits', () => {
    const cards = [
      { id: 'a', deck: 'Docker', topic: '镜像' },
      { id: 'b', deck: 'Docker', topic: '镜像' },
      { id: 'c', deck: 'Docker', topic: '容器' },
      { id: 'd', deck: 'Git', topic: '分支' },
    ];
    const items = new Map([
      ['b', progress('b', 2, minutes(-10))],
      ['c', progress('c', 1, minutes(-10))],
      ['d', progress('d', 2, minutes(3 * 1440))],
    ]);
    const counts = countByGroup(cards, (card) => [card.deck, `${card.deck} › ${card.topic}`], items, now, 4);
    expect(counts.get('Docker')).toEqual({ new: 1, learning: 1, review: 1 });
    expect(counts.get('Docker › 镜像')).toEqual({ new: 1, learning: 0, review: 1 });
    expect(counts.get('Git')).toEqual({ new: 0, learning: 0, review: 0 });
  });
});
