import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card, Deck } from '../../src/deck/types.ts';
import { DECK_FORMAT_VERSION } from '../../src/deck/types.ts';
import { StaleReviewError } from '../../src/errors.ts';
import { dayUsage, studyDayStart } from '../../src/review/day.ts';
import { buildQueue, isInQueue, nextCardId, queueCounts } from '../../src/review/queue.ts';
import { grade, lapse, newSchedule } from '../../src/review/scheduler.ts';
import type { Rating, Settings } from '../../src/review/types.ts';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { type DeckIndex, deckIndexer } from '../../src/web/deck-index.ts';
import { StudyState } from '../../src/web/study-state.ts';

const MINUTE = 60_000;
const ids = Array.from({ length: 12 }, (_, n) => `c${n}`);

function deckOf(cardIds: readonly string[]): Deck {
  const cards = cardIds.map(
    (id, line): Card => ({
      id,
      kind: 'concept',
      deck: 'd',
      key: id,
      front: id,
      back: id,
      extra: '',
      source: { file: 'd.md', headingPath: ['d'], line: line + 1, endLine: line + 1 },
      tags: [],
    }),
  );
  return {
    version: DECK_FORMAT_VERSION,
    decks: [{ name: 'd', file: 'd.md', lang: 'en', tags: [], topics: [] }],
    cards,
    quiz: [],
    warnings: [],
  };
}

/** One thing a student (or the quiz, or a rebuild) does; the clock moves on by `minutes` first. */
const action = fc.record({
  minutes: fc.constantFrom(0, 1, 5, 15, 60, 6 * 60, 20 * 60),
  what: fc.oneof(
    fc.record({
      type: fc.constant('grade' as const),
      card: fc.constantFrom(...ids),
      rating: fc.constantFrom<Rating>(1, 2, 3, 4),
    }),
    fc.record({ type: fc.constant('lapse' as const), card: fc.constantFrom(...ids) }),
    fc.record({ type: fc.constant('undo' as const) }),
    fc.record({
      type: fc.constant('suspend' as const),
      card: fc.constantFrom(...ids),
      suspended: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('bury' as const),
      card: fc.constantFrom(...ids),
      hours: fc.constantFrom(-1, 2, 30),
    }),
    // A rebuild: the notes lost or gained cards, or changed their order.
    fc.record({ type: fc.constant('rebuild' as const), cards: fc.shuffledSubarray(ids, { minLength: 1 }) }),
  ),
});

describe('StudyState', () => {
  it('gives the queue and day usage built from scratch, after any grades, undos, lapses and rebuilds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 30 }),
        fc.record({
          newPerDay: fc.integer({ min: 0, max: 8 }),
          maxReviewsPerDay: fc.integer({ min: 0, max: 8 }),
          dayStartHour: fc.integer({ min: 0, max: 23 }),
        }),
        async (actions, limits) => {
          const settings: Settings = { ...DEFAULT_SETTINGS, ...limits, fuzz: false };
          const store = createMemoryStore({ settings });
          let clock = new Date(2026, 4, 12, 10, 0).getTime();
          let deck = deckOf(ids);
          const index = deckIndexer(() => deck);
          const study = new StudyState(store, index);
          const check = (deckIndex: DeckIndex) => {
            const now = new Date(clock);
            const { queue, usage } = study.at(now, settings);
            const todayReviews = store.reviewsSince(studyDayStart(now, settings.dayStartHour));
            const expected = buildQueue({
              cardIds: deckIndex.cards.map((card) => card.id),
              progress: store.allProgress(),
              todayReviews,
              now,
              settings,
            });
            expect(usage).toEqual(dayUsage(todayReviews));
            expect(queue.toStudyQueue()).toEqual(expected);
            expect(queue.counts()).toEqual(queueCounts(expected));
            expect(queue.next()).toBe(nextCardId(expected));
            for (const id of ids) expect(queue.has(id)).toBe(isInQueue(expected, id));
          };
          check(index());
          for (const { minutes, what } of actions) {
            clock += minutes * MINUTE;
            const now = new Date(clock);
            if (what.type === 'rebuild') deck = deckOf(what.cards);
            else if (what.type === 'undo') await store.undoLastReview();
            else if (what.type === 'suspend')
              await store.setSuspended(what.card, what.suspended, newSchedule(now));
            else if (what.type === 'bury') {
              await store.bury(what.card, new Date(clock + what.hours * 60 * MINUTE), newSchedule(now));
            } else {
              const before = store.getProgress(what.card)?.schedule ?? newSchedule(now);
              await store.recordGrade({
                cardId: what.card,
                rating: what.type === 'grade' ? what.rating : 1,
                reviewedAt: now,
                origin: what.type === 'grade' ? 'review' : 'quiz',
                expectedReps: before.reps,
                before,
                after:
                  what.type === 'grade'
                    ? grade(before, what.rating, now, settings)
                    : lapse(before, now, settings),
              });
            }
            check(index());
          }
          // A refused (stale) grade changes nothing.
          const before = store.getProgress('c0')?.schedule ?? newSchedule(new Date(clock));
          await expect(
            store.recordGrade({
              cardId: 'c0',
              rating: 3,
              reviewedAt: new Date(clock),
              origin: 'review',
              expectedReps: before.reps + 1,
              before,
              after: before,
            }),
          ).rejects.toThrow(StaleReviewError);
          check(index());
        },
      ),
      { numRuns: 150 },
    );
  });
});
