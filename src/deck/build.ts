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

/** Warnings by file, then position. */
export function byPosition(a: BuildWarning, b: BuildWarning): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/**
 * Notes in path order, and the decks they form: notes whose deck names fold to the same text are one
 * deck (their card ids are the same: see deckKey). Decks come in order of their first note, each with
 * its notes in path order. Shared by `assembleDeck` and `assembleDeckFile`, which must agree.
 */
export function deckGroups<N extends { deck: DeckInfo }>(
  notes: readonly N[],
): { sorted: N[]; groups: N[][] } {
  const sorted = [...notes].sort((a, b) =>
    a.deck.file < b.deck.file ? -1 : a.deck.file > b.deck.file ? 1 : 0,
  );
  const groups = new Map<string, N[]>();
  for (const note of sorted) {
    const key = deckKey(note.deck.name);
    const group = groups.get(key);
    if (group) group.push(note);
    else groups.set(key, [note]);
  }
  return { sorted, groups: [...groups.values()] };
}

/** A deck's cards, note by note, each card kept once (two notes of one deck may make the same card). */
export function keepOnce(cardsOfNotes: readonly (readonly Card[])[]): Card[][] {
  const seen = new Set<string>();
  return cardsOfNotes.map((cards) =>
    cards.filter((card) => {
      if (seen.has(card.id)) return false;
      seen.add(card.id);
      return true;
    }),
  );
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
  const { sorted, groups } = deckGroups(results);
  const kept = new Map<NoteBuild, Card[]>();
  const quiz = groups.flatMap((group) => {
    const cards = keepOnce(group.map((note) => note.cards));
    for (const [i, note] of group.entries()) kept.set(note, cards[i] ?? []);
    const [only] = group;
    return group.length === 1 && only && only.quiz.seed === seed
      ? only.quiz.items
      : generateQuiz(cards.flat(), [group[0]!.deck], seed);
  });
  const cards = sorted.flatMap((note) => kept.get(note) ?? []);
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
