import { createHash } from 'node:crypto';
import { normalizeText } from '../text/normalize.ts';

/**
 * A card's id: what the card is about (deck, kind, normalized key), never where it sits, so that
 * editing the notes elsewhere or rewording the answer keeps it — review progress and Anki updates
 * depend on that. `tieBreak` (the heading path) only separates two cards with the same key.
 */
export function cardId(deck: string, kind: string, key: string, tieBreak?: string): string {
  const parts = [normalizeText(deck), kind, normalizeText(key)];
  if (tieBreak !== undefined) parts.push(normalizeText(tieBreak));
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}
