/**
 * The store's state in memory and the records that change it. Both stores use it: the memory store
 * applies records directly, the lowdb store first appends them to the review log, and on start it
 * replays the log over the snapshot with the same code. Pure: no I/O, no clock.
 */
import { StaleReviewError } from '../errors.ts';
import type { CardProgress, ReviewEntry, Schedule } from '../review/types.ts';
import type { GradeInput, StoreChange } from './types.ts';

/** One change, as appended to the review log. `seq` grows by one per record and is never reused. */
export type LogRecord =
  | { seq: number; type: 'grade'; entry: ReviewEntry }
  | { seq: number; type: 'undo'; reviewId: string; cardId: string; restore: Schedule }
  | { seq: number; type: 'suspend'; cardId: string; suspended: boolean; schedule: Schedule }
  | { seq: number; type: 'bury'; cardId: string; until: Date; schedule: Schedule };

/** The card a record changes. */
export function cardOf(record: LogRecord): string {
  return record.type === 'grade' ? record.entry.cardId : record.cardId;
}

/** A review's id is its record's sequence number, unique for the life of the data folder. */
export function reviewId(seq: number): string {
  return `r${seq}`;
}

export class ReviewState {
  /** Seq of the newest record applied (or folded into the snapshot this state started from). */
  seq: number;
  readonly #progress: Map<string, CardProgress>;
  readonly #history: ReviewEntry[] = [];
  readonly #byCard = new Map<string, ReviewEntry[]>();
  /** False once a review was recorded with an earlier time than the one before it (a clock set back). */
  #inTimeOrder = true;
  readonly #listeners = new Set<(change: StoreChange) => void>();

  /** @param progress a snapshot; its objects are never changed, only replaced, so they can be shared */
  constructor(progress: Iterable<CardProgress> = [], seq = 0) {
    this.#progress = new Map([...progress].map((item) => [item.cardId, item]));
    this.seq = seq;
  }

  get progress(): ReadonlyMap<string, CardProgress> {
    return this.#progress;
  }

  get history(): readonly ReviewEntry[] {
    return this.#history;
  }

  reviewsOf(cardId: string): readonly ReviewEntry[] {
    return this.#byCard.get(cardId) ?? [];
  }

  /** Walks back from the newest review: costs the number of reviews returned while times only grow. */
  reviewsSince(since: Date): readonly ReviewEntry[] {
    const history = this.#history;
    if (!this.#inTimeOrder) return history.filter((entry) => entry.reviewedAt.getTime() >= since.getTime());
    let first = history.length;
    while (first > 0 && (history[first - 1]?.reviewedAt.getTime() ?? 0) >= since.getTime()) first--;
    return history.slice(first);
  }

  /** See `ReviewStore.subscribe`. */
  subscribe(listener: (change: StoreChange) => void): () => void {
    // A wrapper, so the same function subscribed twice is called twice and unsubscribes once.
    const call = (change: StoreChange) => listener(change);
    this.#listeners.add(call);
    return () => {
      this.#listeners.delete(call);
    };
  }

  /** Copies of the progress entries (cheap: the entries themselves are immutable). */
  snapshot(): CardProgress[] {
    return [...this.#progress.values()];
  }

  /*
   * The plan* methods make a record without applying it. `seq` is the record's number: the next one
   * by default; the lowdb store plans several records before it applies them (group commit).
   */

  /** The record for a grade. @throws StaleReviewError when the card moved on since it was shown. */
  planGrade(input: GradeInput, seq = this.seq + 1): LogRecord {
    const current = this.#progress.get(input.cardId);
    const reps = current?.schedule.reps ?? 0;
    if (input.expectedReps !== reps) {
      throw new StaleReviewError(
        `card ${input.cardId} was graded elsewhere: it was shown with ${input.expectedReps} reviews and has ${reps} now`,
      );
    }
    return {
      seq,
      type: 'grade',
      entry: {
        id: reviewId(seq),
        cardId: input.cardId,
        rating: input.rating,
        reviewedAt: input.reviewedAt,
        origin: input.origin,
        // The stored schedule is the truth; the caller's copy only matters for a card never touched.
        before: current?.schedule ?? input.before,
        after: input.after,
      },
    };
  }

  /** The record undoing the newest review, or undefined when there is none. */
  planUndo(seq = this.seq + 1): LogRecord | undefined {
    const last = this.#history.at(-1);
    if (last === undefined) return undefined;
    return { seq, type: 'undo', reviewId: last.id, cardId: last.cardId, restore: last.before };
  }

  planSuspend(cardId: string, suspended: boolean, schedule: Schedule, seq = this.seq + 1): LogRecord {
    return { seq, type: 'suspend', cardId, suspended, schedule };
  }

  planBury(cardId: string, until: Date, schedule: Schedule, seq = this.seq + 1): LogRecord {
    return { seq, type: 'bury', cardId, until, schedule };
  }

  /**
   * Applies a record: to the history always, to the progress only when `seq` is past the snapshot's
   * (`foldedSeq`), so replaying a log over a snapshot that already holds part of it applies nothing twice.
   * @returns a problem worth reporting, if any (an undo of a review the history no longer has)
   */
  apply(record: LogRecord, foldedSeq = 0): string | undefined {
    const { problem, removed } = this.#applyToHistory(record);
    if (record.seq > foldedSeq) this.#applyToProgress(record);
    this.seq = Math.max(this.seq, record.seq);
    if (this.#listeners.size > 0) {
      const change: StoreChange =
        record.type === 'grade'
          ? { type: 'grade', cardId: record.entry.cardId, review: record.entry }
          : record.type === 'undo'
            ? { type: 'undo', cardId: record.cardId, review: removed }
            : { type: record.type, cardId: record.cardId };
      for (const listener of this.#listeners) listener(change);
    }
    return problem;
  }

  #applyToHistory(record: LogRecord): { problem?: string; removed?: ReviewEntry } {
    if (record.type === 'grade') {
      const previous = this.#history.at(-1);
      if (previous !== undefined && record.entry.reviewedAt.getTime() < previous.reviewedAt.getTime()) {
        this.#inTimeOrder = false;
      }
      this.#history.push(record.entry);
      const ofCard = this.#byCard.get(record.entry.cardId);
      if (ofCard === undefined) this.#byCard.set(record.entry.cardId, [record.entry]);
      else ofCard.push(record.entry);
      return {};
    }
    if (record.type !== 'undo') return {};
    // The undone review is the newest one, so these searches stop at the first step.
    const index = this.#history.findLastIndex((entry) => entry.id === record.reviewId);
    if (index < 0) return { problem: `undo of review ${record.reviewId}, which the history does not hold` };
    const [removed] = this.#history.splice(index, 1);
    const ofCard = this.#byCard.get(record.cardId) ?? [];
    const cardIndex = ofCard.findLastIndex((entry) => entry.id === record.reviewId);
    if (cardIndex >= 0) ofCard.splice(cardIndex, 1);
    return removed === undefined ? {} : { removed };
  }

  #applyToProgress(record: LogRecord): void {
    if (record.type === 'grade') {
      this.#setSchedule(record.entry.cardId, record.entry.after);
    } else if (record.type === 'undo') {
      this.#setSchedule(record.cardId, record.restore);
    } else if (record.type === 'suspend') {
      const current = this.#progress.get(record.cardId) ?? newProgress(record.cardId, record.schedule);
      this.#progress.set(record.cardId, { ...current, suspended: record.suspended });
    } else {
      const { buriedUntil: _, ...current } =
        this.#progress.get(record.cardId) ?? newProgress(record.cardId, record.schedule);
      this.#progress.set(record.cardId, { ...current, buriedUntil: record.until });
    }
  }

  #setSchedule(cardId: string, schedule: Schedule): void {
    const current = this.#progress.get(cardId) ?? newProgress(cardId, schedule);
    this.#progress.set(cardId, { ...current, schedule });
  }
}

function newProgress(cardId: string, schedule: Schedule): CardProgress {
  return { cardId, schedule, suspended: false };
}
