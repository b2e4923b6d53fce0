/**
 * Which card comes next. Order, as the issue asks: learning and relearning cards due now, then review
 * cards due today, then new cards in note order; daily limits from today's review log.
 *
 * Choices where the issue is silent, following Anki:
 * - A review card is due for the whole study day it falls in (FSRS intervals are whole days).
 * - The review limit counts grades of review-state cards only; learning steps are never held back.
 * - A new card counts against the new limit on its first grade in daily review; quiz lapses count
 *   against neither limit.
 * - When nothing else is left, learning cards due within `learnAheadMinutes` (20) are shown early,
 *   so a session does not stop for a one-minute step.
 *
 * `buildQueue` is the definition, over the whole deck at once. The review screen asks `QueueIndex`
 * (queue-index.ts), which keeps the same answers up to date card by card; its tests compare the two.
 */
import { dayUsage, nextStudyDayStart } from './day.ts';
import type { CardProgress, DueCounts, ReviewEntry, Settings, StudyQueue } from './types.ts';

export interface QueueInput {
  /** The cards in scope (the deck, or one deck or topic of it), in deck order, which is note order. */
  cardIds: readonly string[];
  /** `store.allProgress()`; progress of cards not in `cardIds` (removed from the notes) is ignored. */
  progress: ReadonlyMap<string, CardProgress>;
  /** `store.reviewsSince(studyDayStart(now, settings.dayStartHour))`. */
  todayReviews: readonly ReviewEntry[];
  now: Date;
  settings: Settings;
  /** Default 20, as Anki's learn-ahead limit. */
  learnAheadMinutes?: number;
}

/** Where a card stands at a moment. */
export type CardSlot = 'new' | 'learning' | 'learnAhead' | 'review' | 'later' | 'suspended' | 'buried';

/** Anki's learn-ahead limit: learning cards due this soon are shown when nothing else is left. */
export const DEFAULT_LEARN_AHEAD_MINUTES = 20;

/**
 * Sorts one card into its queue.
 * @param dayEnd start of the next study day (`nextStudyDayStart(now, dayStartHour)`)
 * @param learnAheadEnd `now` plus the learn-ahead window
 */
export function slotOf(
  progress: CardProgress | undefined,
  now: Date,
  dayEnd: Date,
  learnAheadEnd: Date,
): CardSlot {
  if (progress === undefined) return 'new';
  if (progress.suspended) return 'suspended';
  if (progress.buriedUntil !== undefined && progress.buriedUntil.getTime() > now.getTime()) return 'buried';
  const { state, due } = progress.schedule;
  if (state === 0) return 'new';
  if (state === 2) return due.getTime() < dayEnd.getTime() ? 'review' : 'later';
  if (due.getTime() <= now.getTime()) return 'learning';
  return due.getTime() <= learnAheadEnd.getTime() ? 'learnAhead' : 'later';
}

/**
 * Builds today's queue for the cards in scope.
 * @example nextCardId(buildQueue({ cardIds, progress: store.allProgress(), todayReviews, now, settings }))
 */
export function buildQueue(input: QueueInput): StudyQueue {
  const { now, settings } = input;
  const dayEnd = nextStudyDayStart(now, settings.dayStartHour);
  const learnAheadEnd = new Date(
    now.getTime() + (input.learnAheadMinutes ?? DEFAULT_LEARN_AHEAD_MINUTES) * 60_000,
  );
  const usage = dayUsage(input.todayReviews);
  const newRoom = Math.max(0, settings.newPerDay - usage.newStudied);
  const reviewRoom = Math.max(0, settings.maxReviewsPerDay - usage.reviewsDone);

  const learning: Due[] = [];
  const learnAhead: Due[] = [];
  const review: Due[] = [];
  const fresh: string[] = [];
  // A deck never repeats ids, but a queue must not either. Only ids that enter a queue are checked:
  // a Set over the whole deck on every grade was most of this function's cost.
  const queued = new Set<string>();
  const enter = (cardId: string): boolean => {
    if (queued.has(cardId)) return false;
    queued.add(cardId);
    return true;
  };
  const ids = input.cardIds;
  for (let order = 0; order < ids.length; order++) {
    const cardId = ids[order]!;
    const progress = input.progress.get(cardId);
    const slot = progress === undefined ? 'new' : slotOf(progress, now, dayEnd, learnAheadEnd);
    if (slot === 'new') {
      if (fresh.length < newRoom && enter(cardId)) fresh.push(cardId);
      continue;
    }
    if (progress === undefined || (slot !== 'learning' && slot !== 'learnAhead' && slot !== 'review'))
      continue;
    if (!enter(cardId)) continue;
    const due = progress.schedule.due.getTime();
    if (slot === 'learning') learning.push({ cardId, due, order });
    else if (slot === 'learnAhead') learnAhead.push({ cardId, due, order });
    else review.push({ cardId, due, order });
  }
  return {
    learning: byDue(learning),
    review: byDue(review).slice(0, reviewRoom),
    new: fresh,
    learnAhead: byDue(learnAhead),
  };
}

interface Due {
  cardId: string;
  due: number;
  order: number;
}

/** Earliest due first (the most overdue review first); deck order breaks ties, so it is stable. */
function byDue(cards: Due[]): string[] {
  return cards.sort((a, b) => a.due - b.due || a.order - b.order).map((card) => card.cardId);
}

/** The card to show now, or undefined when the session is over. */
export function nextCardId(queue: StudyQueue): string | undefined {
  return queue.learning[0] ?? queue.review[0] ?? queue.new[0] ?? queue.learnAhead[0];
}

/** Whether a card may be graded now: it is somewhere in the queue (a guard for the grade route). */
export function isInQueue(queue: StudyQueue, cardId: string): boolean {
  return (
    queue.learning.includes(cardId) ||
    queue.review.includes(cardId) ||
    queue.new.includes(cardId) ||
    queue.learnAhead.includes(cardId)
  );
}

/** Cards left in the queue; learn-ahead cards count as learning, as they will be shown. */
export function queueCounts(queue: StudyQueue): DueCounts {
  return {
    new: queue.new.length,
    learning: queue.learning.length + queue.learnAhead.length,
    review: queue.review.length,
  };
}

/**
 * Waiting cards per group (deck, topic) for the Today page, before daily limits: a group lists what
 * it holds, and the limits apply to the session as a whole (`queueCounts(buildQueue(…))`).
 * @param keysOf the groups a card belongs to, e.g. its deck and every topic on its heading path
 */
export function countByGroup<C extends { id: string }>(
  cards: readonly C[],
  keysOf: (card: C) => readonly string[],
  progress: ReadonlyMap<string, CardProgress>,
  now: Date,
  dayStartHour: number,
): Map<string, DueCounts> {
  const dayEnd = nextStudyDayStart(now, dayStartHour);
  const counts = new Map<string, DueCounts>();
  for (const card of cards) {
    const slot = slotOf(progress.get(card.id), now, dayEnd, now);
    const field =
      slot === 'new' ? 'new' : slot === 'learning' ? 'learning' : slot === 'review' ? 'review' : null;
    for (const key of keysOf(card)) {
      let count = counts.get(key);
      if (count === undefined) {
        count = { new: 0, learning: 0, review: 0 };
        counts.set(key, count);
      }
      if (field !== null) count[field]++;
    }
  }
  return counts;
}
