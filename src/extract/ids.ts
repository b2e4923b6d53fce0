import { createHash } from 'node:crypto';
import { normalizeText } from '../text/normalize.ts';

const SHORT_FLAG = /(^|\s)-([A-Z])(?=\s|$)/g;

/**
 * Keys compare without case (`Union FS` = `union fs`), except single-letter flags, where case is the
 * meaning: `docker run -p` and `docker run -P` are different cards.
 */
function markFlagCase(key: string): string {
  return key.replace(SHORT_FLAG, (_, space: string, letter: string) => `${space}-^${letter.toLowerCase()}`);
}

let lastDeck: { name: string; normalized: string } | undefined;

/** `normalizeText` of a deck name, remembered for the last deck: a note's cards come one after another. */
function normalizedDeck(deck: string): string {
  if (lastDeck?.name !== deck) lastDeck = { name: deck, normalized: normalizeText(deck) };
  return lastDeck.normalized;
}

/**
 * What makes two deck names one deck: card ids hash this, so decks whose names fold to the same text
 * (`Docker` and `docker`) would share ids and are joined into one (see assembleDeck).
 */
export function deckKey(name: string): string {
  return normalizeText(name);
}

/**
 * A card's id: what the card is about (deck, kind, normalized key), never where it sits, so that
 * editing the notes elsewhere or rewording the answer keeps it — review progress and Anki updates
 * depend on that. `tieBreak` (the heading path) only separates two cards with the same key.
 */
export function cardId(deck: string, kind: string, key: string, tieBreak?: string): string {
  // NFKC first: a full-width `－Ｐ` is the flag `-P`, and its case counts as much.
  const parts = [normalizedDeck(deck), kind, normalizeText(markFlagCase(key.normalize('NFKC')))];
  if (tieBreak !== undefined) parts.push(normalizeText(tieBreak));
  // Parts are joined with NUL; the rare part holding a NUL itself would make two cards one id
  // (key `a\0b` = key `a` with tie-break `b`), so such parts are hashed in an unambiguous form
  // instead. Every other id is unchanged.
  const text = parts.some((part) => part.includes('\u0000'))
    ? `\u0000v2${JSON.stringify(parts)}`
    : parts.join('\u0000');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
