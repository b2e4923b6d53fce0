import { deckKey } from '../extract/ids.ts';
import { extractNote, type NoteResult } from '../extract/index.ts';
import { generateQuiz } from '../extract/quiz.ts';
import {
  type BuildWarning,
  type Card,
  DECK_FORMAT_VERSION,
  type Deck,
  type DeckInfo,
  type QuizItem,
} from './types.ts';

/** A note to build: its path relative to the notes folder (`/`-separated) and its text. */
export interface NoteFile {
  path: string;
  text: string;
}

/** Fixed so the same notes always give the same quiz items (and a byte-identical deck). */
export const DEFAULT_QUIZ_SEED = 'deckhand';

/**
 * One note built on its own: its cards, and the quiz items of its deck as if no other note shared the
 * deck's name. Quiz items only draw on their own deck, so for a deck made of one note these are the
 * final items — which lets workers and the cache do that work too.
 */
export interface NoteBuild extends NoteResult {
  quiz: { seed: string; items: QuizItem[] };
}

export function buildNote(path: string, text: string, seed = DEFAULT_QUIZ_SEED): NoteBuild {
  const result = extractNote(path, text);
  return { ...result, quiz: { seed, items: generateQuiz(result.cards, [result.deck], seed) } };
}

function byPosition(a: BuildWarning, b: BuildWarning): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/**
 * Joins per-note results into one deck: notes in path order, cards in note order, then the quiz
 * items deck by deck (in order of each deck's first note). A deck made of one note reuses the items
 * built with it; notes sharing a deck name (up to case and width: see deckKey) are merged, each card
 * kept once, and their items generated together.
 */
export function assembleDeck(
  results: readonly NoteBuild[],
  seed = DEFAULT_QUIZ_SEED,
  fileWarnings: readonly BuildWarning[] = [],
): Deck {
  const sorted = [...results].sort((a, b) =>
    a.deck.file < b.deck.file ? -1 : a.deck.file > b.deck.file ? 1 : 0,
  );
  const groups = new Map<string, { notes: NoteBuild[]; cards: Card[]; info: DeckInfo; seen: Set<string> }>();
  const cards: Card[] = [];
  for (const note of sorted) {
    const key = deckKey(note.deck.name);
    let group = groups.get(key);
    if (!group) {
      group = { notes: [], cards: [], info: note.deck, seen: new Set() };
      groups.set(key, group);
    }
    group.notes.push(note);
    // Two files with the same title form one deck; a card both make is kept once.
    for (const card of note.cards) {
      if (group.seen.has(card.id)) continue;
      group.seen.add(card.id);
      cards.push(card);
      group.cards.push(card);
    }
  }
  const quiz = [...groups.values()].flatMap((group) => {
    const only = group.notes.length === 1 ? group.notes[0] : undefined;
    return only && only.quiz.seed === seed ? only.quiz.items : generateQuiz(group.cards, [group.info], seed);
  });
  return {
    version: DECK_FORMAT_VERSION,
    decks: sorted.map((r) => r.deck),
    cards,
    quiz,
    warnings: [...fileWarnings, ...sorted.flatMap((r) => r.warnings)].sort(byPosition),
  };
}

/** Pure, single-threaded build: notes → deck. `src/deck/pipeline.ts` adds files, workers and a cache. */
export function buildDeck(files: readonly NoteFile[], seed = DEFAULT_QUIZ_SEED): Deck {
  return assembleDeck(
    files.map((f) => buildNote(f.path, f.text, seed)),
    seed,
  );
}
