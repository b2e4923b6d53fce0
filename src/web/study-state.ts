import { DayUsageCounter, studyDayStart } from '../review/day.ts';
import { QueueIndex, type QueueView } from '../review/queue-index.ts';
import type { DayUsage, Settings } from '../review/types.ts';
import type { ReviewStore, StoreChange } from '../store/types.ts';
import type { DeckIndex } from './deck-index.ts';

/** Today's queue at a moment, and the usage of the daily limits it was cut with. */
export interface TodayQueue {
  queue: QueueView;
  usage: DayUsage;
}

/**
 * Today's queue and day usage for the current deck, kept in step with the store through its change
 * feed instead of being rebuilt from the whole deck and today's reviews on every request. A new deck
 * (after a rebuild) or a new study day starts them again from the store.
 */
export class StudyState {
  readonly #store: ReviewStore;
  readonly #deck: () => DeckIndex;
  #indexed: { deck: DeckIndex; index: QueueIndex } | undefined;
  #usage: DayUsageCounter | undefined;

  constructor(store: ReviewStore, deck: () => DeckIndex) {
    this.#store = store;
    this.#deck = deck;
    store.subscribe((change) => this.#apply(change));
  }

  /** The queue at `now` (ask it before the store changes again). */
  at(now: Date, settings: Settings): TodayQueue {
    const deck = this.#deck();
    if (this.#indexed?.deck !== deck) {
      const index = new QueueIndex(
        deck.cards.map((card) => card.id),
        this.#store.allProgress(),
      );
      this.#indexed = { deck, index };
    }
    const dayStart = studyDayStart(now, settings.dayStartHour);
    if (this.#usage?.dayStart.getTime() !== dayStart.getTime()) {
      this.#usage = new DayUsageCounter(dayStart, this.#store.reviewsSince(dayStart));
    }
    const usage = this.#usage.usage();
    return { queue: this.#indexed.index.at({ now, settings, usage }), usage };
  }

  #apply(change: StoreChange): void {
    this.#indexed?.index.update(change.cardId, this.#store.getProgress(change.cardId));
    if (change.type === 'grade') this.#usage?.add(change.review, 1);
    else if (change.type === 'undo' && change.review !== undefined) this.#usage?.add(change.review, -1);
  }
}
