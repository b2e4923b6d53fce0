/**
 * Topics for the setup page: the deck/section tree with question counts, and the scopes its
 * checkboxes stand for. A scope is written into a form as `deck/heading/heading` with each part
 * URI-encoded, so headings containing `/` or `›` survive.
 */
import type { DeckInfo, QuizItem } from '../deck/types.ts';
import type { TopicScope } from './types.ts';

/** One checkbox of the tree. */
export interface TopicNode {
  scope: TopicScope;
  /** The form value of the scope (`encodeScope`). */
  value: string;
  label: string;
  /** Questions under this node, with every type counted. */
  count: number;
  children: TopicNode[];
}

/** The form value of a scope. @example encodeScope({ deck: 'Docker', path: ['使用镜像'] }) // 'Docker/%E4%BD%BF…' */
export function encodeScope(scope: TopicScope): string {
  return [scope.deck, ...scope.path].map(encodeURIComponent).join('/');
}

/** A scope from its form value; undefined for a value that does not decode. */
export function decodeScope(value: string): TopicScope | undefined {
  try {
    const [deck, ...path] = value.split('/').map(decodeURIComponent);
    if (deck === undefined || deck === '' || path.some((p) => p === '')) return undefined;
    return { deck, path };
  } catch {
    return undefined;
  }
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

/** Whether an item lies in one of the scopes; no scopes means the whole deck. */
export function inScope(item: Pick<QuizItem, 'deck' | 'source'>, scopes: readonly TopicScope[]): boolean {
  if (scopes.length === 0) return true;
  return scopes.some((s) => s.deck === item.deck && startsWith(item.source.headingPath, s.path));
}

/** The topic a question counts under in breakdowns: its first two heading levels, as Today groups cards. */
export function topicLabel(item: Pick<QuizItem, 'deck' | 'source'>): string {
  const path = item.source.headingPath.slice(0, 2);
  return path.length === 0 ? item.deck : path.join(' › ');
}

/**
 * The deck → section tree, down to `depth` heading levels, keeping only sections that have questions.
 * A deck whose notes start with one top heading (`# Docker`) shows that heading's sections directly.
 */
export function topicTree(
  decks: readonly DeckInfo[],
  items: readonly Pick<QuizItem, 'deck' | 'source'>[],
  depth = 3,
): TopicNode[] {
  const names = [...new Set([...decks.map((d) => d.name), ...items.map((i) => i.deck)])];
  return names
    .map((name) => {
      const own = items.filter((item) => item.deck === name);
      const info = decks.find((d) => d.name === name);
      const paths = [...(info?.topics.map((t) => t.path) ?? []), ...own.map((i) => i.source.headingPath)];
      const root: TopicNode = {
        scope: { deck: name, path: [] },
        value: encodeScope({ deck: name, path: [] }),
        label: name,
        count: own.length,
        children: [],
      };
      root.children = childrenOf(root.scope, paths, own, depth);
      // `# Docker` over everything: one more level, so the tree does not open on a single node.
      const only = root.children[0];
      if (root.children.length === 1 && only && only.count === root.count) root.children = only.children;
      return root;
    })
    .filter((node) => node.count > 0);
}

function childrenOf(
  parent: TopicScope,
  paths: readonly string[][],
  items: readonly Pick<QuizItem, 'deck' | 'source'>[],
  depth: number,
): TopicNode[] {
  if (parent.path.length >= depth) return [];
  const level = parent.path.length;
  const titles: string[] = [];
  for (const path of paths) {
    const title = path[level];
    if (title !== undefined && startsWith(path, parent.path) && !titles.includes(title)) titles.push(title);
  }
  const nodes: TopicNode[] = [];
  for (const title of titles) {
    const scope = { deck: parent.deck, path: [...parent.path, title] };
    const under = items.filter((item) => startsWith(item.source.headingPath, scope.path));
    if (under.length === 0) continue;
    nodes.push({
      scope,
      value: encodeScope(scope),
      label: title,
      count: under.length,
      children: childrenOf(scope, paths, under, depth),
    });
  }
  return nodes;
}
