import { readFile } from 'node:fs/promises';
import { DeckFormatError } from '../errors.ts';
import { writeAtomically } from './atomic-write.ts';
import { parseDeck } from './schema.ts';
import type { Deck } from './types.ts';

/**
 * The deck file's text, piece by piece: compact JSON with one card, quiz item or warning a line, so a
 * large deck is written without building one huge string, and a rebuild diffs line by line. The same
 * deck always gives the same bytes.
 */
export function* deckLines(deck: Deck): Generator<string> {
  yield `{"version":${JSON.stringify(deck.version)},\n"decks":[\n`;
  for (const key of ['decks', 'cards', 'quiz', 'warnings'] as const) {
    if (key !== 'decks') yield `],\n${JSON.stringify(key)}:[\n`;
    const list: readonly unknown[] = deck[key];
    for (let i = 0; i < list.length; i++)
      yield `${JSON.stringify(list[i])}${i < list.length - 1 ? ',' : ''}\n`;
  }
  yield ']}\n';
}

/** The whole deck file as one string (tests, small decks). */
export function serializeDeck(deck: Deck): string {
  return [...deckLines(deck)].join('');
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
