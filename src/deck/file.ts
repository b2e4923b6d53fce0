import { readFile } from 'node:fs/promises';
import { Writer } from 'steno';
import { DeckFormatError } from '../errors.ts';
import { parseDeck } from './schema.ts';
import type { Deck } from './types.ts';

/** Serializes a deck the same way every time, so the same notes give a byte-identical file. */
export function serializeDeck(deck: Deck): string {
  return `${JSON.stringify(deck, null, 1)}\n`;
}

/** Writes the deck atomically (temp file + rename), so a reader never sees half a deck. */
export async function writeDeck(path: string, deck: Deck): Promise<void> {
  await new Writer(path).write(serializeDeck(deck));
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
