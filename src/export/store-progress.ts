import type { ReviewStore } from '../store/types.ts';
import type { ExportProgress } from './anki-schedule.ts';

/**
 * The review store's state as export input: the one adapter between `ReviewStore` and the Anki
 * export, so the export never depends on how progress is stored. A copy, so a grade recorded while
 * the export runs cannot change it halfway (and it stays usable after the store is closed).
 * @example buildApkg(deck, { now, progress: progressFromStore(store) })
 */
export function progressFromStore(store: Pick<ReviewStore, 'allProgress' | 'reviews'>): ExportProgress {
  return { cards: new Map(store.allProgress()), reviews: [...store.reviews()] };
}
