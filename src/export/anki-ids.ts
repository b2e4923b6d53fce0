import { createHash } from 'node:crypto';

/**
 * Identifiers in an Anki export, all derived from our stable names and card ids — never from the
 * clock or a counter — so that two exports of the same notes agree, and a re-import updates notes
 * instead of adding copies (Anki matches notes by GUID, note types by id, decks by name).
 */

/** Hex SHA-1 of a UTF-8 string. */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/**
 * The note GUID for one of our cards: a hash of the card id, so it survives every re-export and
 * is the same in the .apkg and the text file. Alphanumeric on purpose: a leading `#` would turn a
 * text-export line into a comment, and quotes or tabs would need escaping.
 * @example noteGuid('3f2a9c…') // 'dh5b0c1e9a7f3d2e41'
 */
export function noteGuid(cardId: string): string {
  return `dh${sha1Hex(`deckhand:note:${cardId}`).slice(0, 16)}`;
}

/**
 * Anki reads note and card ids as creation times in milliseconds (the browser's "Created" column),
 * so derived ids stay in a plausible past range: 2001-09-09 plus up to 2^39 ms (about 17 years).
 */
const ID_BASE = 1_000_000_000_000;
const ID_SPAN = 2 ** 39;

/** A numeric id in Anki's millisecond range, derived from a namespace and a key. */
export function stableId(namespace: string, key: string): number {
  const hex = sha1Hex(`deckhand:${namespace}:${key}`).slice(0, 12); // 48 bits, exact in a double
  return ID_BASE + (Number.parseInt(hex, 16) % ID_SPAN);
}

/**
 * Hands out derived ids and resolves the rare collision deterministically (the later key moves up
 * by one until free), so ids stay unique within one export and equal between exports of the same
 * notes in the same order.
 */
export class IdAllocator {
  readonly #used = new Set<number>();

  constructor(readonly namespace: string) {}

  /** The id for `key`, unique among the ids this allocator has handed out. */
  take(key: string): number {
    let id = stableId(this.namespace, key);
    while (this.#used.has(id)) id += 1;
    this.#used.add(id);
    return id;
  }
}
