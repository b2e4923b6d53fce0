import { extractNote, type NoteResult } from '../extract/index.ts';
import { generateQuiz } from '../extract/quiz.ts';
import { type BuildWarning, DECK_FORMAT_VERSION, type Deck } from './types.ts';

/** A note to build: its path relative to the notes folder (`/`-separated) and its text. */
export interface NoteFile {
  path: string;
  text: string;
}

/** Fixed so the same notes always give the same quiz items (and a byte-identical deck). */
export const DEFAULT_QUIZ_SEED = 'deckhand';

/**
 * Joins per-note results into one deck: notes in path order, cards in note order, then quiz items
 * generated across all cards (distractors may come from anywhere in the same deck).
 */
export function assembleDeck(
  results: readonly NoteResult[],
  seed = DEFAULT_QUIZ_SEED,
  fileWarnings: readonly BuildWarning[] = [],
): Deck {
  const sorted = [...results].sort((a, b) =>
    a.deck.file < b.deck.file ? -1 : a.deck.file > b.deck.file ? 1 : 0,
  );
  const seen = new Set<string>();
  // Two files with the same title form one deck; a card both make is kept once.
  const cards = sorted.flatMap((r) =>
    r.cards.filter((card) => {
      if (seen.has(card.id)) return false;
      seen.add(card.id);
      return true;
    }),
  );
  const decks = sorted.map((r) => r.deck);
  return {
    version: DECK_FORMAT_VERSION,
    decks,
    cards,
    quiz: generateQuiz(cards, decks, seed),
    warnings: [...fileWarnings, ...sorted.flatMap((r) => r.warnings)].sort(byPosition),
  };
}

function byPosition(a: BuildWarning, b: BuildWarning): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** Pure, single-threaded build: notes → deck. `scripts/build-deck.ts` adds files, workers and a cache. */
export function buildDeck(files: readonly NoteFile[], seed = DEFAULT_QUIZ_SEED): Deck {
  return assembleDeck(
    files.map((f) => extractNote(f.path, f.text)),
    seed,
  );
}
