/**
 * Finding distractors near a card in the topic tree without comparing all pairs. Candidates of one pool
 * (one deck, one kind, one role) sit in a tree keyed by topic path; every node keeps its whole subtree in
 * a "ring" ordered by a seeded hash of each candidate's id. A query walks from the card's own topic up to
 * the root and, at each level, reads the ring from the point the item's own hash picks. So:
 * - nearer topics always come first (a deeper node is read before its parent);
 * - within a level the pick is pseudo-random per item (seed + item id), not the same three every time;
 * - a candidate added elsewhere changes a ring in one place only, so almost every other item keeps its
 *   distractors (consistent hashing);
 * - each query costs O(depth · (log n + a bounded scan)), so generation stays near-linear.
 */
import { orderInPlace, seededHash } from './quiz-random.ts';

/** Anything that can be offered as a distractor: a unique id and a topic path. */
export interface Candidate {
  id: string;
  path: readonly string[];
}

interface RingNode<T> {
  /** Undefined on leaves: subtopics are made only where two candidates share a topic (see `place`). */
  children: Map<string, RingNode<T>> | undefined;
  /** The subtree's candidates, ordered by hash. */
  entries: Slot<T>[];
}

/** A candidate with its place on the rings, hashed once. */
interface Slot<T> {
  candidate: T;
  h: number;
}

/**
 * Most candidates judged per topic level. Rejections are rare in real notes (the same answer twice, a
 * duplicate text), so a few dozen reads find the nearest few; where they are common (a deck that repeats
 * itself) a level that yields nothing in this many reads will not yield later either.
 */
const MAX_READS_PER_LEVEL = 32;
/** Most ring steps per level, skips of the subtree below included. */
const MAX_STEPS_PER_LEVEL = 128;

function lowerBound<T>(sorted: readonly Slot<T>[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid]?.h ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Adds a slot to `node` and below. Subtopics are only made where two candidates share a topic: a
 * candidate alone in its topic has no one nearer to offer, and most sections hold one or two cards, so
 * building every topic would cost a node (and a Map) per card per level for nothing.
 */
function place<T extends Candidate>(
  node: RingNode<T>,
  slot: Slot<T>,
  depth: number,
  create: () => RingNode<T>,
) {
  node.entries.push(slot);
  if (depth >= slot.candidate.path.length) return;
  if (!node.children) {
    if (node.entries.length === 1) return;
    node.children = new Map();
    // The node was a leaf until now: the candidates already here move down a level too.
    for (const earlier of node.entries) if (earlier !== slot) descend(node, earlier, depth, create);
  }
  descend(node, slot, depth, create);
}

function descend<T extends Candidate>(
  node: RingNode<T>,
  slot: Slot<T>,
  depth: number,
  create: () => RingNode<T>,
) {
  const part = slot.candidate.path[depth];
  if (part === undefined || !node.children) return;
  let child = node.children.get(part);
  if (!child) {
    child = create();
    node.children.set(part, child);
  }
  place(child, slot, depth + 1, create);
}

/** A pool of candidates indexed by topic, answering "the nearest few that qualify". */
export class TopicIndex<T extends Candidate> {
  readonly #root: RingNode<T> = { children: undefined, entries: [] };
  readonly #seed: string;

  /**
   * @param candidates the pool; ids must be unique within it.
   * @param seed the generation seed; the same seed gives the same rings.
   */
  constructor(candidates: Iterable<T>, seed: string) {
    this.#seed = seed;
    const touched: RingNode<T>[] = [this.#root];
    const create = (): RingNode<T> => {
      const node: RingNode<T> = { children: undefined, entries: [] };
      touched.push(node);
      return node;
    };
    for (const candidate of candidates) {
      place(this.#root, { candidate, h: seededHash(seed, 'ring', candidate.id) }, 0, create);
    }
    for (const node of touched) {
      if (node.entries.length > 1)
        orderInPlace(node.entries, (a, b) => a.h - b.h || (a.candidate.id < b.candidate.id ? -1 : 1));
    }
  }

  /**
   * Up to `want` candidates that `accept` takes, nearest topic first.
   * @param path the topic path of the card being asked about.
   * @param itemId the quiz item's id; with the seed it picks where each ring is read from.
   * @param accept called once per candidate considered, in order; may keep state (e.g. no two equal).
   */
  nearest(path: readonly string[], itemId: string, want: number, accept: (candidate: T) => boolean): T[] {
    const chain: RingNode<T>[] = [this.#root];
    let node: RingNode<T> | undefined = this.#root;
    for (const part of path) {
      node = node.children?.get(part);
      if (!node) break;
      chain.push(node);
    }
    const start = seededHash(this.#seed, 'start', itemId);
    const found: T[] = [];
    for (let level = chain.length - 1; level >= 0 && found.length < want; level--) {
      const ring = chain[level];
      if (!ring) continue;
      // The subtree one level down was read already: its candidates are those whose path goes on there.
      const readBelow = level < chain.length - 1 ? path[level] : undefined;
      const size = ring.entries.length;
      const first = lowerBound(ring.entries, start);
      let read = 0;
      // Skipping costs a step too: bounded, so a huge subtree below cannot make one query linear.
      const steps = Math.min(size, MAX_STEPS_PER_LEVEL);
      for (let step = 0; step < steps && read < MAX_READS_PER_LEVEL && found.length < want; step++) {
        const candidate = ring.entries[(first + step) % size]?.candidate;
        if (!candidate || (readBelow !== undefined && candidate.path[level] === readBelow)) continue;
        read++;
        if (accept(candidate)) found.push(candidate);
      }
    }
    return found;
  }
}
