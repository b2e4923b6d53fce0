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

interface TopicNode<T> {
  children: Map<string, TopicNode<T>>;
  units: T[];
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
 * @example groupByTopic(flags, { min: 3, max: 6, minLeftover: 3 })
 */
export function groupByTopic<T extends MatchUnit>(units: readonly T[], limits: GroupLimits): T[][] {
  const root: TopicNode<T> = { children: new Map(), units: [] };
  for (const unit of units) {
    let node = root;
    for (const part of unit.path) {
      let child = node.children.get(part);
      if (!child) {
        child = { children: new Map(), units: [] };
        node.children.set(part, child);
      }
      node = child;
    }
    node.units.push(unit);
  }
  // Per node, while the walk is below it: what its children left over and the groups they formed.
  const leftovers = new Map<TopicNode<T>, T[]>();
  const formed = new Map<TopicNode<T>, T[][]>();
  const take = <V>(map: Map<TopicNode<T>, V[]>, node: TopicNode<T>): V[] => {
    const list = map.get(node) ?? [];
    map.delete(node);
    return list;
  };
  let result: T[][] = [];
  // Iterative post-order walk: deep note trees must not overflow the stack.
  const stack: { node: TopicNode<T>; parent: TopicNode<T> | null; visited: boolean }[] = [
    { node: root, parent: null, visited: false },
  ];
  while (stack.length > 0) {
    const frame = stack.pop();
    if (!frame) break;
    if (!frame.visited) {
      stack.push({ ...frame, visited: true });
      for (const child of frame.node.children.values())
        stack.push({ node: child, parent: frame.node, visited: false });
      continue;
    }
    const groups = take(formed, frame.node);
    let rest = orderInPlace(
      [...frame.node.units, ...take(leftovers, frame.node)],
      (a, b) => a.order - b.order,
    );
    const weight = weightOf(rest);
    if (rest.length > 0 && weight >= limits.min) {
      groups.push(...chunk(rest, limits));
      rest = [];
    } else if (rest.length > 0) {
      // Too few here: the lightest group already formed under this topic takes them, if it has room.
      let lightest: T[] | undefined;
      for (const group of groups) {
        const w = weightOf(group);
        if (w + weight <= limits.max && (!lightest || w < weightOf(lightest))) lightest = group;
      }
      if (lightest) {
        lightest.push(...rest);
        orderInPlace(lightest, (a, b) => a.order - b.order);
        rest = [];
      }
    }
    if (frame.parent) {
      leftovers.set(frame.parent, [...(leftovers.get(frame.parent) ?? []), ...rest]);
      formed.set(frame.parent, [...(formed.get(frame.parent) ?? []), ...groups]);
    } else {
      if (rest.length > 0 && weight >= limits.minLeftover && weight <= limits.max) groups.push(rest);
      result = groups;
    }
  }
  return result.sort((a, b) => (a[0]?.order ?? 0) - (b[0]?.order ?? 0));
}
