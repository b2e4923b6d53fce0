import type { Root, RootContent } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type { Processor } from 'unified';

/**
 * remark-gfm turns bare URLs and e-mail addresses in text into links with a pass over the finished
 * tree: four regular expressions (one with a Unicode look-behind) on every text node. On the notes
 * that pass costs about a fifth of all parsing, though few text nodes hold a link. Each of its
 * patterns needs `@`, `http://`, `https://` or `www.`, and it rewrites text nodes one at a time
 * (whatever their siblings), so running it only on the top-level blocks whose text holds one of those
 * gives the very same tree.
 */
const MAY_HOLD_LINK = /@|https?:\/\/|www\./i;

type Transform = (tree: Root) => Root | undefined;

const [autolinkLiterals] = gfmAutolinkLiteralFromMarkdown().transforms as Transform[];

function mayHoldLink(node: RootContent): boolean {
  if (node.type === 'text') return MAY_HOLD_LINK.test(node.value);
  return 'children' in node && node.children.some(mayHoldLink);
}

function lazyAutolinkLiterals(tree: Root): undefined {
  for (const block of tree.children) {
    // The pass edits the children of the block's nodes in place; the root around it is only a handle.
    if (mayHoldLink(block)) autolinkLiterals?.({ type: 'root', children: [block] });
  }
  return undefined;
}

/**
 * A unified plugin, used after remark-gfm: swaps remark-gfm's autolink-literal pass for
 * `lazyAutolinkLiterals`. Throws if the pass is not found (a remark-gfm that no longer shares it).
 */
export function remarkLazyAutolinkLiterals(this: Processor): void {
  const extensions = (this.data('fromMarkdownExtensions') ?? []).flat(Number.POSITIVE_INFINITY) as {
    transforms?: Transform[];
  }[];
  const owner = extensions.find((extension) => extension.transforms?.includes(autolinkLiterals!));
  if (!owner?.transforms) throw new Error('remark-gfm autolink-literal pass not found: check its version');
  owner.transforms = owner.transforms.map((t) => (t === autolinkLiterals ? lazyAutolinkLiterals : t));
}
