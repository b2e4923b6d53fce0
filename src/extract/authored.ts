import type { List, RootContent } from 'mdast';
import type { Section } from '../notes/sections.ts';
import { inlineText, sectionBlocks, type TextBlock } from './prose.ts';
import type { CardDraft, Extractor } from './types.ts';

/**
 * Cards the note's writer marks explicitly, in the syntax of the Obsidian Spaced Repetition plugin:
 * `question::answer` (one way), `question:::answer` (both ways: two cards), multi-line cards split by
 * a line holding only `?` (or `??` for both ways), and clozes marked `==…==` or Anki's `{{c1::…}}`.
 * Only prose counts: `::` in code (`std::vector`), URLs and `<仓库名>:<标签>` are not cards.
 */

/** The plugin's scheduling comments (`<!--SR:!2024-01-01,3,250-->`) and deck tags are not card text. */
const SR_COMMENT = /<!--SR:[^>]*-->/g;
const DECK_TAG = /(?:^|\s)#[\p{L}\p{N}_/-]+/gu;
const TRAILING_TAGS = /(?:\s+#[\p{L}\p{N}_/-]+)+\s*$/u;
const ANKI_CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;
const HIGHLIGHT = /==(?=\S)([^=\n]+?)(?<=\S)==/g;

/** Replaces code spans and Anki cloze markers with same-length filler, so separators inside them are not seen. */
function mask(text: string): string {
  return text
    .replace(/(`+)[\s\S]*?\1/g, (m) => '\u0001'.repeat(m.length))
    .replace(ANKI_CLOZE, (m) => '\u0002'.repeat(m.length));
}

function clean(text: string): string {
  return text.replace(SR_COMMENT, '').replace(/\s+$/g, '').trim();
}

/** Strips deck tags (`#flashcards/docker`) from a question line. */
function withoutTags(text: string): string {
  return text.replace(DECK_TAG, '').trim();
}

interface Pair {
  question: string;
  answer: string;
  both: boolean;
}

/**
 * `question::answer` / `question:::answer` on one line. A line where `::` joins two identifiers
 * (`std::vector`), or opens a Dataview-style field (`tags:: docker`), is not a card.
 */
function singleLine(line: string): Pair | undefined {
  const masked = mask(line);
  const triple = masked.indexOf(':::');
  const double = masked.indexOf('::');
  const at = triple >= 0 ? triple : double;
  if (at < 0) return undefined;
  const width = triple >= 0 ? 3 : 2;
  const question = withoutTags(clean(line.slice(0, at)));
  const answer = clean(line.slice(at + width)).replace(TRAILING_TAGS, '');
  if (!question || !answer) return undefined;
  const left = line.slice(0, at);
  const right = line.slice(at + width);
  if (/^[A-Za-z_][\w]*$/.test(left) && /^[A-Za-z_]/.test(right)) return undefined;
  // Paths in code written in prose (`See std::vector and Foo::bar`) use the separator more than once;
  // a card has one. A single `a::b` in prose stays a card, as the plugin reads it.
  if (masked.indexOf('::', at + width) >= 0 && triple < 0) return undefined;
  if (/^[a-z][\w-]*$/.test(left) && /^\s/.test(right)) return undefined;
  // A URL running into the separator (`http://host::8080`) is not a question.
  if (/\S*:\/\/\S*$/.test(left) || /^\/\//.test(right)) return undefined;
  return { question, answer, both: triple >= 0 };
}

/** Markdown of a block that continues a multi-line card: code stays fenced, list items stay items. */
function blockMarkdown(node: RootContent): string | undefined {
  if (node.type === 'code') return `\`\`\`${node.lang ?? ''}\n${node.value}\n\`\`\``;
  if (node.type === 'list') return listMarkdown(node);
  if (node.type === 'paragraph') return inlineText(node);
  return undefined;
}

function listMarkdown(list: List): string {
  return list.children
    .map((item, i) => {
      const text = item.children
        .map((child) => (child.type === 'paragraph' ? inlineText(child) : ''))
        .filter(Boolean)
        .join(' ');
      return `${list.ordered ? `${(list.start ?? 1) + i}.` : '-'} ${text}`;
    })
    .join('\n');
}

/**
 * The plugin's multi-line card: lines before a lone `?` (or `??`) are the question, lines after it
 * the answer, up to the blank line that ends the paragraph. When the answer is a code block or list
 * right under the `?` line, that block is the answer.
 */
function multiLine(block: TextBlock, section: Section): Pair | undefined {
  const lines = block.text.split('\n');
  const at = lines.findIndex((l) => /^\?{1,2}$/.test(l.trim()));
  if (at <= 0) return undefined;
  const both = lines[at]?.trim() === '??';
  const question = withoutTags(clean(lines.slice(0, at).join('\n')));
  let answer = clean(lines.slice(at + 1).join('\n')).replace(TRAILING_TAGS, '');
  if (!answer && block.container === 'root') {
    const next = section.nodes[block.nodeIndex + 1];
    if (next && (next.position?.start.line ?? 0) === block.endLine + 1) answer = blockMarkdown(next) ?? '';
  }
  if (!question || !answer) return undefined;
  return { question, answer, both };
}

interface Deletion {
  /** Offsets of the whole marker in the text. */
  start: number;
  end: number;
  answer: string;
  hint?: string;
  /** Anki cloze number; `==…==` deletions each count as their own. */
  group: string;
}

function deletions(text: string): Deletion[] {
  const masked = text.replace(/(`+)[\s\S]*?\1/g, (m) => '\u0001'.repeat(m.length));
  const out: Deletion[] = [];
  for (const m of masked.matchAll(ANKI_CLOZE)) {
    const original = text.slice(m.index, m.index + m[0].length);
    const parsed = /^\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}$/.exec(original);
    if (!parsed) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      answer: parsed[2] ?? '',
      ...(parsed[3] ? { hint: parsed[3] } : {}),
      group: `c${parsed[1]}`,
    });
  }
  const anki = masked.replace(ANKI_CLOZE, (m) => '\u0002'.repeat(m.length));
  let n = 0;
  for (const m of anki.matchAll(HIGHLIGHT)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      answer: text.slice(m.index + 2, m.index + m[0].length - 2),
      group: `h${n++}`,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The text with deletions of `group` as `{{c1::…}}` and every other deletion shown plainly. */
function clozeText(text: string, marks: readonly Deletion[], group: string | undefined): string {
  let out = '';
  let last = 0;
  for (const d of marks) {
    out += text.slice(last, d.start);
    out += d.group === group ? `{{c1::${d.answer}${d.hint ? `::${d.hint}` : ''}}}` : d.answer;
    last = d.end;
  }
  return out + text.slice(last);
}

function push(
  drafts: CardDraft[],
  block: TextBlock,
  section: Section,
  front: string,
  back: string,
  key: string,
): void {
  drafts.push({ kind: 'authored', key, front, back, section, line: block.line, endLine: block.endLine });
}

function pairCards(drafts: CardDraft[], block: TextBlock, section: Section, pair: Pair): void {
  push(drafts, block, section, pair.question, pair.answer, pair.question);
  if (pair.both) push(drafts, block, section, pair.answer, pair.question, pair.answer);
}

/** Reads one paragraph: a multi-line card, single-line cards, or a cloze paragraph. */
/** Whether a paragraph holds any of the plugin's markers at all; most do not. */
const MARKERS = /::|==|\{\{c\d|(?:^|\n)\s*\?{1,2}\s*(?:\n|$)/;

function readBlock(drafts: CardDraft[], block: TextBlock, section: Section): void {
  if (!MARKERS.test(block.text)) return;
  const multi = multiLine(block, section);
  if (multi) {
    pairCards(drafts, block, section, multi);
    return;
  }
  let found = false;
  for (const line of block.text.split('\n')) {
    const pair = singleLine(line);
    if (pair) {
      pairCards(drafts, block, section, pair);
      found = true;
    }
  }
  if (found) return;
  const text = clean(block.text);
  const marks = deletions(text);
  if (marks.length === 0) return;
  const plain = clozeText(text, marks, undefined);
  for (const group of [...new Set(marks.map((d) => d.group))]) {
    const answers = marks.filter((d) => d.group === group).map((d) => d.answer);
    push(drafts, block, section, clozeText(text, marks, group), plain, `${answers.join(' ')} | ${plain}`);
  }
}

/**
 * Authored cards, in note order. Code blocks and inline code never hold cards; each paragraph (in
 * lists and block quotes too) is read as the plugin reads a card: up to the blank line that ends it.
 */
export const extractAuthored: Extractor = (note) => {
  const drafts: CardDraft[] = [];
  for (const section of note.sections) {
    for (const block of sectionBlocks(section)) readBlock(drafts, block, section);
  }
  return drafts;
};
