import type { ListItem, Nodes, Paragraph, RootContent } from 'mdast';
import type { Section } from '../notes/sections.ts';

/**
 * Prose as the extractors read it: a paragraph's text with inline code kept in backticks (so code
 * stays code on the cards), cut into sentences and clauses without cutting inside code.
 */

/** Inline code in backticks, with a longer fence when the code holds a backtick. */
export function codeSpan(code: string): string {
  if (!code.includes('`')) return `\`${code}\``;
  const fence = code.includes('``') ? '```' : '``';
  return `${fence} ${code} ${fence}`;
}

/**
 * The text of a block as Markdown-ish prose: inline code in backticks, emphasis and links flattened
 * to their text, raw inline HTML (`<none>`) kept as written, hard breaks as new lines.
 */
export function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'html':
      return node.value;
    case 'inlineCode':
      return codeSpan(node.value);
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inlineText).join('') : '';
  }
}

/** Where a text block sits: directly under its heading, in a list item, or in a block quote. */
export type BlockContainer = 'root' | 'list' | 'blockquote';

/** One paragraph of a section, with the context the extractors need. */
export interface TextBlock {
  text: string;
  paragraph: Paragraph;
  container: BlockContainer;
  /** The list item a `list` block opens, when it is the item's first paragraph. */
  item?: ListItem;
  /** Index of the section node (top-level block) the paragraph is in. */
  nodeIndex: number;
  line: number;
  endLine: number;
}

function collect(node: RootContent, container: BlockContainer, nodeIndex: number, out: TextBlock[]): void {
  if (node.type === 'paragraph') {
    const line = node.position?.start.line ?? 0;
    out.push({
      text: inlineText(node),
      paragraph: node,
      container,
      nodeIndex,
      line,
      endLine: node.position?.end.line ?? line,
    });
    return;
  }
  if (node.type === 'blockquote') {
    for (const child of node.children) collect(child, 'blockquote', nodeIndex, out);
    return;
  }
  if (node.type === 'list') {
    for (const item of node.children) {
      const start = out.length;
      for (const child of item.children) collect(child, 'list', nodeIndex, out);
      const first = out[start];
      if (first && first.paragraph === item.children[0]) first.item = item;
    }
  }
}

const blocksOf = new WeakMap<Section, TextBlock[]>();

/**
 * Every paragraph of a section (inside lists and block quotes too), in note order. Memoized on the
 * section, which lives as long as one parse: every extractor reads the same paragraphs.
 */
export function sectionBlocks(section: Section): readonly TextBlock[] {
  let out = blocksOf.get(section);
  if (out) return out;
  out = [];
  const blocks = out;
  section.nodes.forEach((node, index) => {
    collect(node, 'root', index, blocks);
  });
  blocksOf.set(section, out);
  return out;
}

const BACKTICK = 96;

/**
 * Cuts text after each boundary character outside inline code (a run of backticks opens code, the
 * same run closes it). `candidates` (global) finds backticks and the characters that may be
 * boundaries, so the text is not visited character by character; `isBoundary` decides.
 */
function splitAt(
  text: string,
  candidates: RegExp,
  isBoundary: (ch: string, index: number) => boolean,
): string[] {
  const parts: string[] = [];
  let start = 0;
  let fence = 0;
  candidates.lastIndex = 0;
  for (let match = candidates.exec(text); match; match = candidates.exec(text)) {
    const i = match.index;
    if (text.charCodeAt(i) === BACKTICK) {
      let run = 1;
      while (text.charCodeAt(i + run) === BACKTICK) run++;
      if (!fence) fence = run;
      else if (fence === run) fence = 0;
      candidates.lastIndex = i + run;
      continue;
    }
    if (!fence && isBoundary(match[0], i)) {
      parts.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const SENTENCE_CANDIDATES = /[。！？!?；;\n.`]/g;
/** `e.g.`, `i.e.`, `etc.`, `vs.` do not end a sentence (read from the few characters before the dot). */
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs)$/i;

/**
 * Sentences of a paragraph, each with its closing punctuation: split after `。！？!?；;`, after a
 * `.` followed by a space, and at line breaks; never inside inline code.
 */
export function splitSentences(text: string): string[] {
  // Without code there is nothing to step around: one regular expression does it.
  if (!text.includes('`')) {
    return text
      .split(/(?<=[。！？!?；;\n])|(?<=(?<!\b(?:e\.g|i\.e|etc|vs))\.)(?=\s)/i)
      .map((p) => p.trim())
      .filter(Boolean);
  }
  return splitAt(text, SENTENCE_CANDIDATES, (ch, i) => {
    if (ch !== '.') return true;
    return /\s/.test(text[i + 1] ?? '') && !ABBREVIATION.test(text.slice(Math.max(0, i - 8), i));
  });
}

const CLAUSE_CANDIDATES = /[，；;：。！？!?,:`]/g;

/** Clauses of a sentence: split after `，,、：:` as well (the punctuation stays with its clause). */
export function splitClauses(sentence: string): string[] {
  return splitAt(sentence, CLAUSE_CANDIDATES, (ch, i) => {
    if (ch !== ',' && ch !== ':') return true;
    // An ASCII comma or colon ends a clause only before a space or Chinese text (not `a,b` or `k:v`);
    // a comma also before a flag (",-t选项…").
    const next = text(sentence, i + 1);
    return (ch === ',' && next === '-') || /[\s\p{Script=Han}]/u.test(next);
  });
}

function text(s: string, i: number): string {
  return s[i] ?? ' ';
}

/** Drops sentence-final punctuation and white space. */
export function trimPunctuation(text: string): string {
  return text.replace(/^[\s，,、；;：:]+/, '').replace(/[\s，,、；;：:。.！!？?]+$/, '');
}

/** Visible length, counting a Han character as one and ignoring backticks. */
export function visibleLength(text: string): number {
  return text.replace(/`/g, '').trim().length;
}

/** Two clauses back together: English ones keep the space after their comma (`images, containers`). */
function joinClause(out: string, clause: string): string {
  return /[,;:]$/.test(out) && !HAN_START.test(clause) ? `${out} ${clause}` : out + clause;
}

const HAN_START = /^\p{Script=Han}/u;

/** Clauses from `splitClauses` as one text again. */
export function joinClauses(clauses: readonly string[]): string {
  return clauses.reduce((out, clause) => (out ? joinClause(out, clause) : clause), '');
}

/**
 * Cuts text at clause ends to at most `max` visible characters (whole clauses; at least one). A cut
 * inside parentheses drops the unclosed remark (`gracefully (SIGTERM, then…)` → `gracefully`).
 */
export function clip(text: string, max: number): string {
  if (visibleLength(text) <= max) return text.trim();
  const clauses = splitClauses(text);
  let out = clauses[0] ?? text;
  for (const clause of clauses.slice(1)) {
    const joined = joinClause(out, clause);
    if (visibleLength(trimPunctuation(joined)) > max) break;
    out = joined;
  }
  const open = Math.max(out.lastIndexOf('('), out.lastIndexOf('（'));
  if (open > 0 && !/[)）]/.test(out.slice(open))) {
    const before = trimPunctuation(out.slice(0, open));
    if (visibleLength(before) >= 3) out = before;
  }
  return trimPunctuation(out);
}

/** A line that opens with a term in code and explains it: `` `-it`: 交互式 ``, `` `git add` — stage ``. */
export interface TermLine {
  /** The code, without backticks (`-it`, `docker ps`, `--interval=<间隔>`). */
  term: string;
  description: string;
}

/**
 * Reads "term: description" lines: a code span (or a bare flag such as `--interval=<间隔>`) followed
 * by a half- or full-width colon, a dash, or an em dash, then the description. Undefined otherwise.
 */
export function splitTermLine(text: string): TermLine | undefined {
  const line = text.trim();
  const coded = /^(`+)\s*([^`]+?)\s*\1\s*(?:[:：]|\s[-–—]\s|[-–—]{1,2}(?=\s))\s*([\s\S]+)$/.exec(line);
  if (coded?.[2] && coded[3]) return { term: coded[2], description: coded[3].trim() };
  const bare = /^(--?[A-Za-z][\w-]*(?:=\S*?)?)\s*(?:[:：]|\s[-–—]\s)\s*([\s\S]+)$/.exec(line);
  if (bare?.[1] && bare[2]) return { term: bare[1], description: bare[2].trim() };
  return undefined;
}
