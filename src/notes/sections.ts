import type { Heading, Root, RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';

/** A heading and the blocks directly under it, before the next heading of any depth. */
export interface Section {
  /** Heading titles from the top level down to this one; empty for text before the first heading. */
  path: string[];
  title: string;
  depth: number;
  heading: Heading | null;
  nodes: RootContent[];
  /** 1-based line of the heading (or of the first block, for the lead section). */
  line: number;
  /** Last line of this section's own blocks. */
  contentEndLine: number;
  /** Last line of the section including its subsections: the topic's extent. */
  endLine: number;
}

/** Heading text as a reader sees it: inline code and emphasis flattened, spaces collapsed. */
export function headingTitle(heading: Heading): string {
  return mdastToString(heading).replace(/\s+/g, ' ').trim();
}

/**
 * Cuts a document into sections along its headings. Skipped levels (`#` then `###`) nest under the
 * nearest shallower heading, as a reader would read them.
 */
export function splitSections(tree: Root): Section[] {
  const sections: Section[] = [];
  const stack: Section[] = [];
  let current: Section = {
    path: [],
    title: '',
    depth: 0,
    heading: null,
    nodes: [],
    line: 1,
    contentEndLine: 1,
    endLine: 1,
  };
  sections.push(current);
  for (const node of tree.children) {
    const line = node.position?.start.line ?? current.line;
    const end = node.position?.end.line ?? line;
    if (node.type === 'heading') {
      while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= node.depth) stack.pop();
      const title = headingTitle(node);
      current = {
        path: [...(stack.at(-1)?.path ?? []), title],
        title,
        depth: node.depth,
        heading: node,
        nodes: [],
        line,
        contentEndLine: end,
        endLine: end,
      };
      sections.push(current);
      stack.push(current);
    } else if (node.type !== 'yaml' && (node.type as string) !== 'toml') {
      if (current.nodes.length === 0 && current.depth === 0) current.line = line;
      current.nodes.push(node);
      current.contentEndLine = end;
    }
    for (const open of [current, ...stack]) open.endLine = Math.max(open.endLine, end);
  }
  const lead = sections[0];
  if (lead && lead.nodes.length === 0) sections.shift();
  return sections;
}
