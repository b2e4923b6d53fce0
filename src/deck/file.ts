import { open, readFile, rename, rm } from 'node:fs/promises';
import { DeckFormatError } from '../errors.ts';
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

const WRITE_CHUNK = 1 << 20;

/**
 * Writes the deck atomically: a temp file, written in chunks and fsynced, then renamed over the
 * target, so a reader (the running server) never sees half a deck and a crash leaves the old one.
 */
export async function writeDeck(path: string, deck: Deck): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    for (const line of deckLines(deck)) {
      pending.push(line);
      size += line.length;
      if (size >= WRITE_CHUNK) {
        await handle.write(pending.join(''));
        pending = [];
        size = 0;
      }
    }
    await handle.write(pending.join(''));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
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
