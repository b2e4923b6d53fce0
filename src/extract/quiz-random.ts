/**
 * Seeded hashing for quiz generation. Every choice a quiz item makes (which distractors, where the
 * right answer sits) comes from a hash of the seed and that item's own id — never from one shared
 * random stream — so adding a card elsewhere does not shift the choices of every item after it.
 *
 * Hand-written because no runtime dependency offers a seeded hash (the PRNG in fast-check's
 * `pure-rand` is a dev dependency), and crypto hashes cost too much per candidate.
 */

/**
 * A 32-bit hash of a seed, a purpose and a key (joined by NUL): FNV-1a over UTF-16 code units, then
 * murmur3's finalizer so that nearby inputs (`…-mcq-0`, `…-mcq-1`) land far apart. Fixed arity: this
 * runs several times per quiz item.
 * @example seededHash('deckhand', 'answer', 'c4e5c7d9f1a3-mcq-0') // → an unsigned 32-bit integer
 */
export function seededHash(seed: string, purpose: string, key: string): number {
  let h = mix(0x811c9dc5, seed);
  h = mix(Math.imul(h, 0x01000193), purpose); // the NUL separator: xor 0, multiply
  h = mix(Math.imul(h, 0x01000193), key);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mix(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * Orders values by a seeded hash of their own key: a stable shuffle in which each value's place
 * depends only on itself, so removing or adding one value leaves the others' relative order alone.
 */
export function seededOrder<T>(
  values: readonly T[],
  keyOf: (value: T) => string,
  seed: string,
  salt: string,
): T[] {
  const keyed = values.map((value) => {
    const key = keyOf(value);
    return { value, key, h: seededHash(seed, salt, key) };
  });
  orderInPlace(keyed, (a, b) => a.h - b.h || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry) => entry.value);
}

/** Below this length an insertion sort beats `Array.prototype.sort`, which allocates work space per call. */
const SMALL = 24;

/**
 * Sorts in place, stably: by insertion for the short arrays quiz generation sorts by the hundred
 * thousand (three distractors, two terms, a topic's few cards), by the built-in sort otherwise.
 */
export function orderInPlace<T>(values: T[], compare: (a: T, b: T) => number): T[] {
  if (values.length > SMALL) return values.sort(compare);
  for (let i = 1; i < values.length; i++) {
    const value = values[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(values[j] as T, value) > 0) {
      values[j + 1] = values[j] as T;
      j--;
    }
    values[j + 1] = value;
  }
  return values;
}
