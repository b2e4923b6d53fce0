/**
 * Today's queue kept up to date card by card, for the review screen, which asks on every grade
 * whether the card may be graded, what comes next and how many are left. `buildQueue` answers that
 * by sorting the whole deck (a few milliseconds per request at 10,000 cards); this index keeps the
 * cards sorted as they change, so a question costs a binary search plus the cards buried right now,
 * and a changed card costs one removal and one insertion.
 *
 * What it holds depends only on the cards' progress, not on the clock or the settings: the clock
 * (`now`, the day boundary, the learn-ahead window) and the daily limits are applied when a question
 * is asked (`at`). Its answers are those of `buildQueue` over the same cards, progress and usage;
 * the tests check that after random sequences of changes.
 */
import { nextStudyDayStart } from './day.ts';
import { DEFAULT_LEARN_AHEAD_MINUTES } from './queue.ts';
import type { CardProgress, DayUsage, DueCounts, Settings, StudyQueue } from './types.ts';

/** Which sorted list a card is in; `off` for a suspended card, which no queue shows. */
type Kind = 'new' | 'learn' | 'review' | 'off';

interface Entry {
  readonly cardId: string;
  /** First position of the card in the deck: note order, and the tie-break between equal due times. */
  readonly order: number;
  kind: Kind;
  /** `schedule.due` in ms (learn and review cards). */
  due: number;
  /** `buriedUntil` in ms; -Infinity when the card was never buried. */
  buriedUntil: number;
}

/** The moment and limits a question is asked with. */
export interface QueueMoment {
  now: Date;
  settings: Settings;
  /** What today's reviews used of the daily limits (`dayUsage(store.reviewsSince(dayStart))`). */
  usage: DayUsage;
  /** Default 20, as `buildQueue`. */
  learnAheadMinutes?: number;
}

const byOrder = (a: Entry, b: Entry) => a.order - b.order;
const byDueThenOrder = (a: Entry, b: Entry) => a.due - b.due || a.order - b.order;
const byBurialThenOrder = (a: Entry, b: Entry) => a.buriedUntil - b.buriedUntil || a.order - b.order;

/** First index in `list` (sorted by `compare`) whose entry is not before `entry`. */
function lowerBound(list: readonly Entry[], entry: Entry, compare: (a: Entry, b: Entry) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(list[mid]!, entry) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Number of entries at the start of `list` for which `before` holds (`before` must be monotone). */
function countWhile(list: readonly Entry[], before: (entry: Entry) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(list[mid]!)) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insert(list: Entry[], entry: Entry, compare: (a: Entry, b: Entry) => number): void {
  list.splice(lowerBound(list, entry, compare), 0, entry);
}

function remove(list: Entry[], entry: Entry, compare: (a: Entry, b: Entry) => number): void {
  const index = lowerBound(list, entry, compare);
  if (list[index] !== entry) throw new Error(`queue index out of step for card ${entry.cardId}`);
  list.splice(index, 1);
}

export class QueueIndex {
  readonly #entries = new Map<string, Entry>();
  /** New cards (never studied, or reset to New), in deck order, buried ones included. */
  readonly #new: Entry[] = [];
  /** Learning and relearning cards, earliest due first. */
  readonly #learn: Entry[] = [];
  /** Review cards, earliest due first. */
  readonly #review: Entry[] = [];
  /** Cards ever buried and not suspended, by the end of their burial. */
  readonly #buried: Entry[] = [];

  /**
   * @param cardIds the cards in scope in deck order, as `buildQueue`'s `cardIds`
   * @param progress `store.allProgress()`; progress of cards not in `cardIds` is ignored
   */
  constructor(cardIds: readonly string[], progress: ReadonlyMap<string, CardProgress>) {
    for (let order = 0; order < cardIds.length; order++) {
      const cardId = cardIds[order]!;
      // A deck never repeats ids; if one did, the card would stand at its first place, as in buildQueue.
      if (this.#entries.has(cardId)) continue;
      const entry: Entry = { cardId, order, kind: 'new', due: 0, buriedUntil: Number.NEGATIVE_INFINITY };
      this.#entries.set(cardId, entry);
      this.#classify(entry, progress.get(cardId));
      this.#listOf(entry)?.push(entry);
      if (this.#isHeld(entry)) this.#buried.push(entry);
    }
    this.#learn.sort(byDueThenOrder);
    this.#review.sort(byDueThenOrder);
    this.#buried.sort(byBurialThenOrder);
  }

  /** Takes a card's new progress into account (call after every change; a card not in scope is ignored). */
  update(cardId: string, progress: CardProgress | undefined): void {
    const entry = this.#entries.get(cardId);
    if (entry === undefined) return;
    const list = this.#listOf(entry);
    if (list !== undefined) remove(list, entry, this.#compareFor(entry.kind));
    if (this.#isHeld(entry)) remove(this.#buried, entry, byBurialThenOrder);
    this.#classify(entry, progress);
    const next = this.#listOf(entry);
    if (next !== undefined) insert(next, entry, this.#compareFor(entry.kind));
    if (this.#isHeld(entry)) insert(this.#buried, entry, byBurialThenOrder);
  }

  /**
   * The queue at a moment: what `buildQueue` would give for the same progress, moment and usage.
   * The view reads the index as it is: ask it before the next `update`.
   */
  at(moment: QueueMoment): QueueView {
    return new QueueView(this, moment);
  }

  /** @internal for QueueView */
  get lists(): {
    new: readonly Entry[];
    learn: readonly Entry[];
    review: readonly Entry[];
    buried: readonly Entry[];
  } {
    return { new: this.#new, learn: this.#learn, review: this.#review, buried: this.#buried };
  }

  /** @internal for QueueView */
  entry(cardId: string): Entry | undefined {
    return this.#entries.get(cardId);
  }

  #classify(entry: Entry, progress: CardProgress | undefined): void {
    entry.buriedUntil = progress?.buriedUntil?.getTime() ?? Number.NEGATIVE_INFINITY;
    entry.due = progress?.schedule.due.getTime() ?? 0;
    if (progress === undefined) entry.kind = 'new';
    else if (progress.suspended) entry.kind = 'off';
    else {
      const state = progress.schedule.state;
      entry.kind = state === 0 ? 'new' : state === 2 ? 'review' : 'learn';
    }
  }

  #isHeld(entry: Entry): boolean {
    return entry.kind !== 'off' && entry.buriedUntil !== Number.NEGATIVE_INFINITY;
  }

  #listOf(entry: Entry): Entry[] | undefined {
    return entry.kind === 'new'
      ? this.#new
      : entry.kind === 'learn'
        ? this.#learn
        : entry.kind === 'review'
          ? this.#review
          : undefined;
  }

  #compareFor(kind: Kind): (a: Entry, b: Entry) => number {
    return kind === 'new' ? byOrder : byDueThenOrder;
  }
}

/**
 * The queue at one moment. Each list of the index splits at the moment's bounds: learning cards due
 * by `now`, then those due within the learn-ahead window; review cards due before the next day
 * starts. Cards buried now stay in the lists and are stepped over (they are few: bury is by hand).
 */
export class QueueView {
  readonly #index: QueueIndex;
  readonly #now: number;
  readonly #dayEnd: number;
  readonly #aheadEnd: number;
  readonly #newRoom: number;
  readonly #reviewRoom: number;
  /** Learning cards due now are `learn[0, learningEnd)`; learn-ahead ones `learn[learningEnd, aheadEnd)`. */
  readonly #learningEnd: number;
  readonly #learnAheadEnd: number;
  /** Review cards due today are `review[0, reviewEnd)`. */
  readonly #reviewEnd: number;
  /** Cards buried at this moment. */
  readonly #buriedNow: Set<Entry>;
  readonly #buriedCounts = { new: 0, learning: 0, learnAhead: 0, review: 0 };

  constructor(index: QueueIndex, moment: QueueMoment) {
    this.#index = index;
    const { now, settings, usage } = moment;
    this.#now = now.getTime();
    this.#dayEnd = nextStudyDayStart(now, settings.dayStartHour).getTime();
    this.#aheadEnd = this.#now + (moment.learnAheadMinutes ?? DEFAULT_LEARN_AHEAD_MINUTES) * 60_000;
    this.#newRoom = Math.max(0, settings.newPerDay - usage.newStudied);
    this.#reviewRoom = Math.max(0, settings.maxReviewsPerDay - usage.reviewsDone);
    const { learn, review, buried } = index.lists;
    this.#learningEnd = countWhile(learn, (entry) => entry.due <= this.#now);
    this.#learnAheadEnd = Math.max(
      this.#learningEnd,
      countWhile(learn, (entry) => entry.due <= this.#aheadEnd),
    );
    this.#reviewEnd = countWhile(review, (entry) => entry.due < this.#dayEnd);
    this.#buriedNow = new Set();
    for (let i = countWhile(buried, (entry) => entry.buriedUntil <= this.#now); i < buried.length; i++) {
      const entry = buried[i]!;
      this.#buriedNow.add(entry);
      const where = this.#whereIs(entry);
      if (where !== undefined) this.#buriedCounts[where]++;
    }
  }

  /** Cards left, as `queueCounts(buildQueue(…))`: learn-ahead cards count as learning. */
  counts(): DueCounts {
    const b = this.#buriedCounts;
    return {
      new: Math.min(this.#newRoom, this.#index.lists.new.length - b.new),
      learning: this.#learnAheadEnd - b.learning - b.learnAhead,
      review: Math.min(this.#reviewRoom, this.#reviewEnd - b.review),
    };
  }

  /** The card to show now, as `nextCardId(buildQueue(…))`. */
  next(): string | undefined {
    const { learn, review, new: fresh } = this.#index.lists;
    return (
      this.#firstFree(learn, 0, this.#learningEnd) ??
      (this.#reviewRoom > 0 ? this.#firstFree(review, 0, this.#reviewEnd) : undefined) ??
      (this.#newRoom > 0 ? this.#firstFree(fresh, 0, fresh.length) : undefined) ??
      this.#firstFree(learn, this.#learningEnd, this.#learnAheadEnd)
    );
  }

  /** Whether a card is in the queue, as `isInQueue(buildQueue(…), cardId)`. */
  has(cardId: string): boolean {
    const entry = this.#index.entry(cardId);
    if (entry === undefined || this.#buriedNow.has(entry)) return false;
    const where = this.#whereIs(entry);
    if (where === 'learning' || where === 'learnAhead') return true;
    const { new: fresh, review } = this.#index.lists;
    if (where === 'new') {
      const rank = lowerBound(fresh, entry, byOrder) - this.#buriedBefore(entry, 'new', byOrder);
      return rank < this.#newRoom;
    }
    if (where === 'review') {
      const rank =
        lowerBound(review, entry, byDueThenOrder) - this.#buriedBefore(entry, 'review', byDueThenOrder);
      return rank < this.#reviewRoom;
    }
    return false;
  }

  /**
   * The soonest due time after now of a card studied and not suspended, buried or not: when the
   * session-over page says the next card is due.
   */
  soonestDue(): Date | undefined {
    const { learn, review } = this.#index.lists;
    const firstLearn = learn[this.#learningEnd]?.due ?? Number.POSITIVE_INFINITY;
    const firstReview =
      review[countWhile(review, (entry) => entry.due <= this.#now)]?.due ?? Number.POSITIVE_INFINITY;
    const due = Math.min(firstLearn, firstReview);
    return due === Number.POSITIVE_INFINITY ? undefined : new Date(due);
  }

  /** The whole queue, as `buildQueue` gives it (for tests and pages that list it). */
  toStudyQueue(): StudyQueue {
    const { learn, review, new: fresh } = this.#index.lists;
    const free = (list: readonly Entry[], from: number, to: number, limit = Number.POSITIVE_INFINITY) => {
      const ids: string[] = [];
      for (let i = from; i < to && ids.length < limit; i++) {
        if (!this.#buriedNow.has(list[i]!)) ids.push(list[i]!.cardId);
      }
      return ids;
    };
    return {
      learning: free(learn, 0, this.#learningEnd),
      review: free(review, 0, this.#reviewEnd, this.#reviewRoom),
      new: free(fresh, 0, fresh.length, this.#newRoom),
      learnAhead: free(learn, this.#learningEnd, this.#learnAheadEnd),
    };
  }

  /** Which part of the queue a card not buried would be in at this moment, if any. */
  #whereIs(entry: Entry): 'new' | 'learning' | 'learnAhead' | 'review' | undefined {
    if (entry.kind === 'new') return 'new';
    if (entry.kind === 'review') return entry.due < this.#dayEnd ? 'review' : undefined;
    if (entry.kind === 'learn') {
      if (entry.due <= this.#now) return 'learning';
      return entry.due <= this.#aheadEnd ? 'learnAhead' : undefined;
    }
    return undefined;
  }

  /** First entry of `list[from, to)` not buried now. */
  #firstFree(list: readonly Entry[], from: number, to: number): string | undefined {
    for (let i = from; i < to; i++) {
      if (!this.#buriedNow.has(list[i]!)) return list[i]!.cardId;
    }
    return undefined;
  }

  /** How many cards buried now stand before `entry` in the list of `kind`. */
  #buriedBefore(entry: Entry, kind: Kind, compare: (a: Entry, b: Entry) => number): number {
    let count = 0;
    for (const buried of this.#buriedNow) if (buried.kind === kind && compare(buried, entry) < 0) count++;
    return count;
  }
}
