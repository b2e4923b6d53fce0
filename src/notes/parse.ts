import type { Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import { parse as parseYaml } from 'yaml';
import { splitIntoChunks } from './chunks.ts';

/** The one Markdown dialect of the notes: CommonMark + GFM (tables, task lists) + YAML front matter. */
const markdown = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();

function shift(tree: Node, line: number, offset: number): void {
  visit(tree, (node) => {
    const p = node.position;
    if (!p) return;
    p.start.line += line;
    p.end.line += line;
    if (p.start.offset !== undefined) p.start.offset += offset;
    if (p.end.offset !== undefined) p.end.offset += offset;
  });
}

/**
 * Parses Markdown to mdast, in linear time on long documents (see chunks.ts). Positions refer to the
 * whole document, as if it had been parsed in one piece.
 */
export function parseMarkdown(text: string, chunkTarget?: number): Root {
  const chunks = splitIntoChunks(text, chunkTarget);
  if (chunks.length === 1) return markdown.parse(text);
  const children: RootContent[] = [];
  for (const chunk of chunks) {
    const tree = markdown.parse(chunk.text);
    shift(tree, chunk.line, chunk.offset);
    children.push(...tree.children);
  }
  const lines = text.split('\n');
  return {
    type: 'root',
    children,
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1, offset: text.length },
    },
  };
}

export interface FrontMatter {
  title?: string;
  tags: string[];
  categories: string[];
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[,，\s]+/).filter(Boolean);
  if (Array.isArray(value)) return value.flatMap(stringList);
  if (typeof value === 'number') return [String(value)];
  return [];
}

/**
 * Reads title, tags and categories from the YAML front matter. Front matter that is not valid YAML is
 * reported, not fatal. (The bundled notes indent a list with a tab, which YAML forbids; such lists
 * are read leniently with the tab taken as indentation.)
 */
export function readFrontMatter(tree: Root): { frontMatter: FrontMatter; error?: string } {
  const node = tree.children[0];
  if (node?.type !== 'yaml') return { frontMatter: { tags: [], categories: [] } };
  let data: unknown;
  try {
    data = parseYaml(node.value);
  } catch {
    try {
      data = parseYaml(node.value.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length)));
    } catch (error) {
      return {
        frontMatter: { tags: [], categories: [] },
        error: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      };
    }
  }
  const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const title = typeof record.title === 'string' && record.title.trim() ? record.title.trim() : undefined;
  return {
    frontMatter: {
      ...(title ? { title } : {}),
      tags: stringList(record.tags),
      categories: stringList(record.categories),
    },
  };
}
