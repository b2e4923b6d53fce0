import { readFile } from 'node:fs/promises';
import { DeckFormatError } from '../errors.ts';
import { writeAtomically } from './atomic-write.ts';
import { defaultExplanation, parseDeck } from './schema.ts';
import type { BuildWarning, Card, Deck, DeckInfo, QuizItem } from './types.ts';

/**
 * The deck file's text: compact JSON with one deck, card, quiz item or warning a line, so a large deck is
 * written without building one huge string, a rebuild diffs line by line, and the build can cache each
 * note's lines and splice them into the next file (see pipeline.ts). The same deck always gives the same
 * bytes.
 *
 * A quiz item leaves out what it shares with the card it tests (`deck`, `source`, `tags`, and an
 * `explanation` that is the card's back and extra): three items a card, each repeating the card's
 * provenance, made quiz items two thirds of a large deck file. `readDeck` puts them back.
 */

/** Lines of a list are joined by this; the last line of a list has no comma. */
export const LINE_SEPARATOR = ',\n';

function sameSource(a: Card['source'], b: Card['source']): boolean {
  if (a === b) return true;
  if (a.file !== b.file || a.line !== b.line || a.endLine !== b.endLine) return false;
  return (
    a.headingPath.length === b.headingPath.length && a.headingPath.every((h, i) => h === b.headingPath[i])
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

/**
 * Quiz items as the file holds them: without the fields they share with their card. One writer per
 * list of items, so a card's default explanation is worked out once for its several items.
 */
export function quizLineWriter(cardOf: (id: string) => Card | undefined): (item: QuizItem) => string {
  const explanations = new Map<Card, string>();
  return (item) => {
    const card = cardOf(item.cardId);
    if (card === undefined) return JSON.stringify(item);
    let explanation = explanations.get(card);
    if (explanation === undefined) {
      explanation = defaultExplanation(card);
      explanations.set(card, explanation);
    }
    const { deck, source, tags, explanation: own, ...line } = item as QuizItem & Record<string, unknown>;
    if (deck !== card.deck) line.deck = deck;
    if (!sameSource(source, card.source)) line.source = source;
    if (!sameList(tags, card.tags)) line.tags = tags;
    if (own !== explanation) line.explanation = own;
    return JSON.stringify(line);
  };
}

/** The parts of a deck file between its lists, in order; `lists` are the lists' lines, already joined. */
export function* deckFileParts(
  version: number,
  lists: {
    decks: Iterable<string | Uint8Array>;
    cards: Iterable<string | Uint8Array>;
    quiz: Iterable<string | Uint8Array>;
    warnings: Iterable<string | Uint8Array>;
  },
): Generator<string | Uint8Array> {
  yield `{"version":${JSON.stringify(version)},\n"decks":[\n`;
  for (const key of ['decks', 'cards', 'quiz', 'warnings'] as const) {
    if (key !== 'decks') yield `],\n${JSON.stringify(key)}:[\n`;
    let any = false;
    for (const piece of lists[key]) {
      if (piece.length === 0) continue;
      if (any) yield LINE_SEPARATOR;
      yield piece;
      any = true;
    }
    if (any) yield '\n';
  }
  yield ']}\n';
}

export const deckInfoLine = (info: DeckInfo): string => JSON.stringify(info);
export const cardLine = (card: Card): string => JSON.stringify(card);
export const warningLine = (warning: BuildWarning): string => JSON.stringify(warning);

/** The deck file's text, piece by piece. */
export function* deckLines(deck: Deck): Generator<string | Uint8Array> {
  const cards = new Map(deck.cards.map((card) => [card.id, card]));
  yield* deckFileParts(deck.version, {
    decks: deck.decks.map(deckInfoLine),
    cards: deck.cards.map(cardLine),
    quiz: deck.quiz.map(quizLineWriter((id) => cards.get(id))),
    warnings: deck.warnings.map(warningLine),
  });
}

/** The whole deck file as one string (tests, small decks). */
export function serializeDeck(deck: Deck): string {
  const decoder = new TextDecoder();
  return [...deckLines(deck)].map((p) => (typeof p === 'string' ? p : decoder.decode(p))).join('');
}

/** Writes the deck atomically (see writeAtomically): the running server never reads half a deck. */
export async function writeDeck(path: string, deck: Deck): Promise<void> {
  await writeAtomically(path, deckLines(deck));
}

/** Reads and validates a deck file. @throws DeckFormatError for a missing, non-JSON or invalid file. */
export async function readDeck(path: string): Promise<Deck> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DeckFormatError(`cannot read deck file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DeckFormatError(`deck file ${path} is not JSON: rebuild it with npm run build:deck`);
  }
  return parseDeck(json, `deck file ${path}`);
}
