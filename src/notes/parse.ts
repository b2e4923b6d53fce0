import type { Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import { parse as parseYaml } from 'yaml';
import { remarkLazyAutolinkLiterals } from './autolink-literals.ts';
import { splitIntoChunks } from './chunks.ts';

/**
 * The one Markdown dialect of the notes: CommonMark + GFM (tables, task lists) + YAML front matter.
 * The same trees as remark-gfm's, with its bare-link pass run only where a link may be.
 */
const markdown = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkLazyAutolinkLiterals)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .freeze();

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

/** A `key: value` line of a flat mapping; the key is a plain word that YAML reads as a string. */
const SIMPLE_ENTRY = /^([A-Za-z_][A-Za-z0-9_-]*): +(.*)$/;
/** Characters that make the simple reading unsafe: controls, tabs, line breaks YAML knows, a BOM, other white space. */
const UNSAFE_CHARS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[^\S \n]/;
/**
 * A plain scalar that might not be a plain string: an indicator first, a mapping or comment inside,
 * a flow bracket anywhere.
 */
const NOT_PLAIN = /^[-?:,[\]{}#&*!|>'"%@`]|: |:$| #|[[\]{}]/;
/** A plain scalar YAML 1.2 (the core schema) may read as a number, boolean or null. */
const MAYBE_NOT_STRING = /^[-+.~0-9]|^(?:true|false|null)$/i;

/** A plain scalar as YAML reads it (trailing spaces dropped), or undefined when it may be anything else. */
function plainString(value: string): string | undefined {
  const text = value.trimEnd();
  return text && !NOT_PLAIN.test(text) && !MAYBE_NOT_STRING.test(text) ? text : undefined;
}

/**
 * The front matter most notes have — one `key: value` per line, values plain words or a one-line
 * `[a, b]` list — read without the YAML parser, which costs more per note than everything else in
 * reading the tree. Returns the keys readFrontMatter uses (as YAML would give them), or undefined for
 * anything else (quotes, nesting, comments, numbers where a string is read, repeated keys…): the YAML
 * parser decides those. Keys other than title, tags and categories only need to be valid.
 */
function readSimpleFrontMatter(source: string): Record<string, unknown> | undefined {
  if (UNSAFE_CHARS.test(source)) return undefined;
  const record: Record<string, unknown> = {};
  const keys = new Set<string>();
  for (const line of source.split('\n')) {
    if (line.trim() === '') continue;
    const entry = SIMPLE_ENTRY.exec(line);
    const key = entry?.[1];
    if (!entry || key === undefined || keys.has(key) || /^(?:true|false|null)$/i.test(key)) return undefined;
    keys.add(key);
    const used = key === 'title' || key === 'tags' || key === 'categories';
    const value = (entry[2] ?? '').trimEnd();
    if (value.startsWith('[') && value.endsWith(']')) {
      const inner = value.slice(1, -1);
      if (/[[\]{}#:"']/.test(inner)) return undefined;
      const items: string[] = [];
      if (inner.trim() !== '') {
        for (const raw of inner.split(',')) {
          const item = plainString(raw.trim());
          if (item === undefined) return undefined;
          items.push(item);
        }
      }
      if (used) record[key] = items;
    } else if (used) {
      const text = plainString(value);
      if (text === undefined) return undefined;
      record[key] = text;
    } else if (!value || NOT_PLAIN.test(value)) {
      return undefined;
    }
  }
  return record;
}

/** The front matter as YAML reads it, or the first line of the error it raised. */
function readYaml(source: string): { data: unknown } | { error: string } {
  try {
    return { data: parseYaml(source) };
  } catch {
    try {
      return { data: parseYaml(source.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length))) };
    } catch (error) {
      return { error: (error as Error).message.split('\n')[0] ?? '' };
    }
  }
}

/**
 * Reads title, tags and categories from the YAML front matter. Front matter that is not valid YAML is
 * reported, not fatal. (The bundled notes indent a list with a tab, which YAML forbids; such lists
 * are read leniently with the tab taken as indentation.)
 */
export function readFrontMatter(tree: Root): { frontMatter: FrontMatter; error?: string } {
  const node = tree.children[0];
  if (node?.type !== 'yaml') return { frontMatter: { tags: [], categories: [] } };
  const simple = readSimpleFrontMatter(node.value);
  const read = simple ? { data: simple } : readYaml(node.value);
  if ('error' in read) {
    return {
      frontMatter: { tags: [], categories: [] },
      error: `front matter is not valid YAML: ${read.error}`,
    };
  }
  const data = read.data;
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
