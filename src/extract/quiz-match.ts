/**
 * Grouping cards for matching items: small groups (3–6 pairs) of cards that belong together, taken
 * from the same topic first and from the nearest topics when a topic alone has too few. Groups depend
 * only on the topic tree and the order of the cards within it, so a card added under another topic
 * leaves these groups as they are.
 */
import { orderInPlace } from './quiz-random.ts';

/** One card's contribution to a matching item: `weight` pairs (a comparison gives one per side). */
export interface MatchUnit {
  path: readonly string[];
  /** Position in note order; groups keep it. */
  order: number;
  weight: number;
}

export interface GroupLimits {
  /** Fewest pairs in a group. */
  min: number;
  /** Most pairs in a group. */
  max: number;
  /** Fewest pairs for units left over at the root, which have nowhere else to go. */
  minLeftover: number;
}

/** A topic while the walk is inside it: its own units plus what its finished subtopics left over. */
interface Frame<T> {
  part: string;
  units: T[];
  /** Groups formed in this topic's subtree so far. */
  groups: T[][];
}

const weightOf = (units: readonly MatchUnit[]) => units.reduce((sum, u) => sum + u.weight, 0);

/** Cuts units (in note order, total weight ≥ min) into groups of about equal weight, none over max. */
function chunk<T extends MatchUnit>(units: readonly T[], limits: GroupLimits): T[][] {
  const total = weightOf(units);
  const target = Math.ceil(total / Math.ceil(total / limits.max));
  const groups: T[][] = [];
  let current: T[] = [];
  let weight = 0;
  for (const unit of units) {
    if (current.length > 0 && (weight + unit.weight > limits.max || weight >= target)) {
      groups.push(current);
      current = [];
      weight = 0;
    }
    current.push(unit);
    weight += unit.weight;
  }
  if (current.length > 0) {
    const previous = groups.at(-1);
    if (weight < limits.min && previous && weightOf(previous) + weight <= limits.max)
      previous.push(...current);
    else if (weight >= limits.minLeftover) groups.push(current);
  }
  return groups;
}

/**
 * Groups units by topic: a topic with enough pairs forms its own groups; the rest join a group with room
 * formed under the same topic, or else move up to the parent topic and join its leftovers. Returns groups
 * in note order of their first unit.
 *
 * Walks the topic tree in post-order without building it: units sorted by path meet each topic as one
 * run, and a stack holds the topics the walk is inside. A tree of Maps cost a Map per section.
 * @example groupByTopic(flags, { min: 3, max: 6, minLeftover: 3 })
 */
export function groupByTopic<T extends MatchUnit>(units: readonly T[], limits: GroupLimits): T[][] {
  const sorted = orderInPlace([...units], (a, b) => comparePaths(a.path, b.path) || a.order - b.order);
  const stack: Frame<T>[] = [{ part: '', units: [], groups: [] }];
  for (const unit of sorted) {
    // stack[i] is the topic path[0..i-1]: keep the frames this unit's path goes through, close the rest.
    let depth = 1;
    while (depth < stack.length && stack[depth]?.part === unit.path[depth - 1]) depth++;
    while (stack.length > depth) closeTopic(stack, limits);
    for (let d = stack.length; d <= unit.path.length; d++)
      stack.push({ part: unit.path[d - 1] ?? '', units: [], groups: [] });
    stack.at(-1)?.units.push(unit);
  }
  while (stack.length > 1) closeTopic(stack, limits);
  const root = stack[0];
  if (!root) return [];
  const rest = settle(root, limits);
  const weight = weightOf(rest);
  if (rest.length > 0 && weight >= limits.minLeftover && weight <= limits.max) root.groups.push(rest);
  return root.groups.sort((a, b) => (a[0]?.order ?? 0) - (b[0]?.order ?? 0));
}

function comparePaths(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Finishes the innermost topic: its groups and leftovers go to the topic around it. */
function closeTopic<T extends MatchUnit>(stack: Frame<T>[], limits: GroupLimits): void {
  const frame = stack.pop();
  const parent = stack.at(-1);
  if (!frame || !parent) return;
  parent.units.push(...settle(frame, limits));
  parent.groups.push(...frame.groups);
}

/**
 * Forms a topic's groups from its units when there are enough; otherwise puts them in the lightest
 * group formed under it that has room. Returns the units still without a group.
 */
function settle<T extends MatchUnit>(frame: Frame<T>, limits: GroupLimits): T[] {
  const rest = orderInPlace(frame.units, (a, b) => a.order - b.order);
  const weight = weightOf(rest);
  if (rest.length === 0) return rest;
  if (weight >= limits.min) {
    frame.groups.push(...chunk(rest, limits));
    return [];
  }
  let lightest: T[] | undefined;
  let lightestWeight = Number.POSITIVE_INFINITY;
  for (const group of frame.groups) {
    const w = weightOf(group);
    const earlier = (group[0]?.order ?? 0) < (lightest?.[0]?.order ?? Number.POSITIVE_INFINITY);
    if (w + weight <= limits.max && (w < lightestWeight || (w === lightestWeight && earlier))) {
      lightest = group;
      lightestWeight = w;
    }
  }
  if (!lightest) return rest;
  lightest.push(...rest);
  orderInPlace(lightest, (a, b) => a.order - b.order);
  return [];
}
