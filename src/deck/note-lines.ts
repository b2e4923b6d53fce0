import { generateQuiz } from '../extract/quiz.ts';
import { byPosition, deckGroups, keepOnce, type NoteBuild } from './build.ts';
import {
  cardLine,
  deckFileParts,
  deckInfoLine,
  LINE_SEPARATOR,
  quizLineWriter,
  warningLine,
} from './file.ts';
import type { DeckSummary } from './summary.ts';
import {
  type BuildWarning,
  CARD_KINDS,
  type Card,
  type CardKind,
  DECK_FORMAT_VERSION,
  type DeckInfo,
  QUIZ_TYPES,
  type QuizType,
} from './types.ts';

/**
 * One note's build as deck-file lines: what build workers send back (bytes move between threads
 * without copying) and what the cache keeps. The main thread only joins these into the deck file; it
 * never turns a large vault's cards back into objects.
 */
export interface NoteLines {
  deck: DeckInfo;
  warnings: BuildWarning[];
  cardCount: number;
  cardsByKind: Partial<Record<CardKind, number>>;
  quizByType: Partial<Record<QuizType, number>>;
  quizSeed: string;
  /** The cards' lines joined by `,\n` (UTF-8). */
  cards: Uint8Array;
  /** The quiz items of the note's deck as if the note were the whole deck, likewise. */
  quiz: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function countBy<T extends string>(values: Iterable<T>): Partial<Record<T, number>> {
  const counts: Partial<Record<T, number>> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** A note's build as lines. Each byte array owns its buffer, so it can be transferred to another thread. */
export function toNoteLines(build: NoteBuild): NoteLines {
  const byId = new Map(build.cards.map((card) => [card.id, card]));
  return {
    deck: build.deck,
    warnings: build.warnings,
    cardCount: build.cards.length,
    cardsByKind: countBy(build.cards.map((card) => card.kind)),
    quizByType: countBy(build.quiz.items.map((item) => item.type)),
    quizSeed: build.quiz.seed,
    cards: encoder.encode(build.cards.map(cardLine).join(LINE_SEPARATOR)),
    quiz: encoder.encode(build.quiz.items.map(quizLineWriter((id) => byId.get(id))).join(LINE_SEPARATOR)),
  };
}

function parseCards(lines: Uint8Array): Card[] {
  return lines.length === 0 ? [] : (JSON.parse(`[${decoder.decode(lines)}]`) as Card[]);
}

/** The deck file assembled from notes' lines, with where each note's own lines landed in it. */
export interface DeckFile {
  parts: (string | Uint8Array)[];
  summary: DeckSummary;
  warnings: BuildWarning[];
  /** Notes, in path order, whose cards and quiz items are their own lines in the file (reusable by the next build). */
  reusable: Set<NoteLines>;
}

/**
 * Joins notes' lines into one deck file: the same bytes as `writeDeck(assembleDeck(builds))`. Notes in
 * path order, cards in note order, then quiz items deck by deck. A deck of one note reuses its lines;
 * notes that share a deck name are merged (duplicates dropped) and their quiz items generated together.
 */
export function assembleDeckFile(
  notes: readonly NoteLines[],
  seed: string,
  fileWarnings: readonly BuildWarning[] = [],
): DeckFile {
  const { sorted, groups } = deckGroups(notes);
  const cardsByKind = Object.fromEntries(CARD_KINDS.map((k) => [k, 0])) as Record<CardKind, number>;
  const quizByType = Object.fromEntries(QUIZ_TYPES.map((t) => [t, 0])) as Record<QuizType, number>;
  const add = <K extends string>(total: Record<K, number>, counts: Partial<Record<K, number>>) => {
    for (const [key, n] of Object.entries(counts) as [K, number][]) total[key] += n;
  };
  // Per deck: its cards' lines at the place of its first note, and its quiz lines.
  const cardParts = new Map<NoteLines, Uint8Array | string>();
  const quizParts: (Uint8Array | string)[] = [];
  const reusable = new Set<NoteLines>();
  let cardCount = 0;
  for (const group of groups) {
    const [only] = group;
    if (group.length === 1 && only && only.quizSeed === seed) {
      cardParts.set(only, only.cards);
      quizParts.push(only.quiz);
      reusable.add(only);
      cardCount += only.cardCount;
      add(cardsByKind, only.cardsByKind);
      add(quizByType, only.quizByType);
      continue;
    }
    // Two files with the same title form one deck; a card both make is kept once.
    const kept = keepOnce(group.map((note) => parseCards(note.cards)));
    for (const [i, note] of group.entries())
      cardParts.set(note, (kept[i] ?? []).map(cardLine).join(LINE_SEPARATOR));
    const cards = kept.flat();
    for (const card of cards) cardsByKind[card.kind]++;
    cardCount += cards.length;
    const byId = new Map(cards.map((card) => [card.id, card]));
    const items = generateQuiz(cards, [group[0]!.deck], seed);
    for (const item of items) quizByType[item.type]++;
    quizParts.push(items.map(quizLineWriter((id) => byId.get(id))).join(LINE_SEPARATOR));
  }
  const warnings = [...fileWarnings, ...sorted.flatMap((note) => note.warnings)].sort(byPosition);
  const parts = [
    ...deckFileParts(DECK_FORMAT_VERSION, {
      decks: sorted.map((note) => deckInfoLine(note.deck)),
      cards: sorted.map((note) => cardParts.get(note) ?? ''),
      quiz: quizParts,
      warnings: warnings.map(warningLine),
    }),
  ];
  return {
    parts,
    warnings,
    reusable,
    summary: {
      files: sorted.length,
      sections: sorted.reduce((sum, note) => sum + note.deck.topics.length, 0),
      cards: cardCount,
      cardsByKind,
      quizByType,
      warnings: warnings.length,
    },
  };
}
