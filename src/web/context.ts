import type { ReviewStore } from '../store/types.ts';
import type { DeckIndex } from './deck-index.ts';
import type { StudyState } from './study-state.ts';

/** What every route works with: the current deck, the store, the clock and the notes folder. */
export interface AppContext {
  /** The newest deck, indexed; changes after a rebuild, so call it once per request. */
  deck: () => DeckIndex;
  store: ReviewStore;
  /** Today's queue and day usage, kept in step with the store and the deck. */
  study: StudyState;
  now: () => Date;
  /** Folder the deck's `source.file` paths are relative to. */
  notesDir: string;
}
