import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayUsage } from '../../src/review/day.ts';
import { buildQueue, isInQueue, nextCardId, queueCounts } from '../../src/review/queue.ts';
import { QueueIndex } from '../../src/review/queue-index.ts';
import { newSchedule } from '../../src/review/scheduler.ts';
import type { CardProgress, FsrsState, ReviewEntry, Settings } from '../../src/review/types.ts';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';

const MINUTE = 60_000;
/** 10:00 local; moments are drawn around it, across the 04:00 day boundaries before and after. */
const base = new Date(2026, 4, 12, 10, 0).getTime();

/**
 * Times on coarse grids over ±2 days (whole hours, or every 10 minutes within 3 hours of 10:00), so
 * equal due times, burial ends, day boundaries and learn-ahead limits are often hit exactly.
 */
const moment = fc.oneof(
  fc.integer({ min: -48, max: 48 }).map((hours) => new Date(base + hours * 60 * MINUTE)),
  fc.integer({ min: -18, max: 18 }).map((step) => new Date(base + step * 10 * MINUTE)),
);

const progressOf = (cardId: string) =>
  fc
    .record({
      state: fc.constantFrom<FsrsState>(0, 1, 2, 3),
      due: moment,
      suspended: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      buriedUntil: fc.option(moment, { freq: 3 }),
    })
    .map(({ state, due, suspended, buriedUntil }): CardProgress => {
      const schedule = { ...newSchedule(due), state, reps: state === 0 ? 0 : 1 };
      const progress: CardProgress = { cardId, schedule, suspended };
      if (buriedUntil !== null) progress.buriedUntil = buriedUntil;
      return progress;
    });

/** A study session's worth of changes: each step sets or clears one card's progress, or asks the queue. */
const scenario = fc
  .record({
    // Ids are drawn from a small pool, so a deck can repeat one (buildQueue keeps the first place).
    deck: fc.array(
      fc.integer({ min: 0, max: 24 }).map((n) => `c${n}`),
      { minLength: 0, maxLength: 20 },
    ),
    // Progress may also name cards outside the deck (removed from the notes).
    pool: fc.constant(Array.from({ length: 28 }, (_, n) => `c${n}`)),
  })
  .chain(({ deck, pool }) =>
    fc.record({
      deck: fc.constant(deck),
      initial: fc.array(fc.constantFrom(...pool).chain(progressOf), { maxLength: 20 }),
      steps: fc.array(
        fc.oneof(
          fc.constantFrom(...pool).chain((cardId) =>
            fc.record({
              type: fc.constant('set' as const),
              cardId: fc.constant(cardId),
              progress: fc.option(progressOf(cardId), { freq: 6 }),
            }),
          ),
          fc.record({
            type: fc.constant('ask' as const),
            now: moment,
            dayStartHour: fc.integer({ min: 0, max: 23 }),
            newPerDay: fc.integer({ min: 0, max: 12 }),
            maxReviewsPerDay: fc.integer({ min: 0, max: 12 }),
            learnAheadMinutes: fc.constantFrom(0, 20, 90),
            newStudied: fc.integer({ min: 0, max: 6 }),
            reviewsDone: fc.integer({ min: 0, max: 6 }),
          }),
        ),
        { maxLength: 40 },
      ),
    }),
  );

/** Reviews of today that use the given amounts of the daily limits, as buildQueue reads them. */
function todayReviews(newStudied: number, reviewsDone: number, now: Date): ReviewEntry[] {
  const entry = (state: FsrsState, n: number): ReviewEntry => ({
    id: `r${state}-${n}`,
    cardId: 'x',
    rating: 3,
    reviewedAt: now,
    origin: 'review',
    before: { ...newSchedule(now), state },
    after: newSchedule(now),
  });
  return [
    ...Array.from({ length: newStudied }, (_, n) => entry(0, n)),
    ...Array.from({ length: reviewsDone }, (_, n) => entry(2, n)),
  ];
}

/** The session-over page's "next card due" as the review route computed it, by scanning all progress. */
function soonestDueByScan(
  deck: readonly string[],
  progress: ReadonlyMap<string, CardProgress>,
  now: Date,
): Date | undefined {
  let soonest: Date | undefined;
  for (const item of progress.values()) {
    if (item.suspended || item.schedule.state === 0 || !deck.includes(item.cardId)) continue;
    if (item.schedule.due.getTime() <= now.getTime()) continue;
    if (soonest === undefined || item.schedule.due < soonest) soonest = item.schedule.due;
  }
  return soonest;
}

describe('QueueIndex', () => {
  it('answers as buildQueue over the same progress after any sequence of changes', () => {
    fc.assert(
      fc.property(scenario, ({ deck, initial, steps }) => {
        const progress = new Map(initial.map((item) => [item.cardId, item]));
        const index = new QueueIndex(deck, progress);
        for (const step of steps) {
          if (step.type === 'set') {
            if (step.progress === null) progress.delete(step.cardId);
            else progress.set(step.cardId, step.progress);
            index.update(step.cardId, step.progress ?? undefined);
            continue;
          }
          const check = (now: Date, dayStartHour: number) => {
            const settings: Settings = {
              ...DEFAULT_SETTINGS,
              dayStartHour,
              newPerDay: step.newPerDay,
              maxReviewsPerDay: step.maxReviewsPerDay,
            };
            const reviews = todayReviews(step.newStudied, step.reviewsDone, now);
            const expected = buildQueue({
              cardIds: deck,
              progress,
              todayReviews: reviews,
              now,
              settings,
              learnAheadMinutes: step.learnAheadMinutes,
            });
            const view = index.at({
              now,
              settings,
              usage: dayUsage(reviews),
              learnAheadMinutes: step.learnAheadMinutes,
            });
            expect(view.toStudyQueue()).toEqual(expected);
            expect(view.counts()).toEqual(queueCounts(expected));
            expect(view.next()).toBe(nextCardId(expected));
            for (const cardId of [...deck, 'c26', 'not-a-card']) {
              expect(view.has(cardId), cardId).toBe(isInQueue(expected, cardId));
            }
            expect(view.soonestDue()).toEqual(soonestDueByScan(deck, progress, now));
          };
          check(step.now, step.dayStartHour);
          // The edges, where an off-by-one would show: now at a due time or a burial's end, a
          // learning card at the end of the learn-ahead window, a review card at the day boundary.
          for (const item of progress.values()) {
            const due = item.schedule.due;
            check(due, step.dayStartHour);
            check(new Date(due.getTime() - step.learnAheadMinutes * MINUTE), step.dayStartHour);
            check(new Date(due.getTime() - 60 * MINUTE), due.getHours());
            if (item.buriedUntil !== undefined) check(item.buriedUntil, step.dayStartHour);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('skips a buried card until its burial ends, then puts it back in its place', () => {
    const now = new Date(base);
    const due = new Date(base - 60 * MINUTE);
    const review = (cardId: string, extra: Partial<CardProgress> = {}): CardProgress => ({
      cardId,
      schedule: { ...newSchedule(due), state: 2, reps: 3 },
      suspended: false,
      ...extra,
    });
    const index = new QueueIndex(['a', 'b', 'n'], new Map([['a', review('a')]]));
    index.update('b', review('b'));
    index.update('a', review('a', { buriedUntil: new Date(base + 60 * MINUTE) }));
    const usage = dayUsage([]);
    const settings = { ...DEFAULT_SETTINGS, maxReviewsPerDay: 1 };
    const during = index.at({ now, settings, usage });
    expect(during.toStudyQueue()).toEqual({ learning: [], review: ['b'], new: ['n'], learnAhead: [] });
    expect(during.has('a')).toBe(false);
    expect(during.has('b')).toBe(true);
    const after = index.at({ now: new Date(base + 61 * MINUTE), settings, usage });
    expect(after.toStudyQueue().review).toEqual(['a']);
    expect(after.has('b')).toBe(false);
  });
});
