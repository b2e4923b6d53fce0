/**
 * Seeded hashing for quiz generation. Every choice a quiz item makes (which distractors, where the
 * right answer sits) comes from a hash of the seed and that item's own id — never from one shared
 * random stream — so adding a card elsewhere does not shift the choices of every item after it.
 *
 * Hand-written because no runtime dependency offers a seeded hash (the PRNG in fast-check's
 * `pure-rand` is a dev dependency), and crypto hashes cost too much per candidate.
 */

/**
 * A 32-bit hash of the parts joined by NUL: FNV-1a over UTF-16 code units, then murmur3's finalizer
 * so that nearby inputs (`…-mcq-0`, `…-mcq-1`) land far apart.
 * @example seededHash('deckhand', 'c4e5c7d9f1a3-mcq-0') // → an unsigned 32-bit integer
 */
export function seededHash(...parts: readonly string[]): number {
  let h = 0x811c9dc5;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) h = Math.imul(h, 0x01000193); // the NUL separator: xor 0, multiply
    const text = parts[p] ?? '';
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Orders values by a seeded hash of their own key: a stable shuffle in which each value's place
 * depends only on itself, so removing or adding one value leaves the others' relative order alone.
 */
export function seededOrder<T>(values: readonly T[], keyOf: (value: T) => string, ...seed: string[]): T[] {
  return values
    .map((value) => ({ value, h: seededHash(...seed, keyOf(value)), key: keyOf(value) }))
    .sort((a, b) => a.h - b.h || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.value);
}
