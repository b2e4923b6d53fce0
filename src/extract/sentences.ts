/**
 * Prose as the concept, comparison and cloze extractors read it: the text blocks of a section
 * (paragraphs, list items, block quotes, long comments in shell code), cut into sentences and
 * clauses, Chinese and English alike, and a picker for the sentences that define a term.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import type { Section } from '../notes/sections.ts';

/** Where a piece of prose sits; comments are `# …` lines inside shell code blocks. */
export type ProseKind = 'paragraph' | 'list-item' | 'quote' | 'comment';

/** One block of prose in the card-text Markdown subset (plain text and `inline code`). */
export interface ProseBlock {
  kind: ProseKind;
  text: string;
  line: number;
  endLine: number;
}

/** One sentence of a block, with its own first line. */
export interface Sentence {
  text: string;
  block: ProseBlock;
  /** Index of the sentence within the section's prose (all blocks, in order). */
  index: number;
  line: number;
}

const HAN = /\p{Script=Han}/u;
const SHELL_LANGS = new Set(['', 'shell', 'sh', 'bash', 'zsh', 'console', 'she']);

function fence(value: string): string {
  const ticks = value.includes('`') ? '``' : '`';
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

/** Phrasing content → card text: inline code keeps its backticks, everything else is its plain text. */
export function inlineText(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'html':
        out += node.value;
        break;
      case 'inlineCode':
        out += fence(node.value);
        break;
      case 'break':
        out += '\n';
        break;
      case 'image':
        out += node.alt ?? '';
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'linkReference':
        out += inlineText(node.children);
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Bold labels that open a step, an option or a remark rather than name a thing (`**Step 1** — …`,
 * `**Pro tip** — …`, `**推荐** — …`), and commands or flags (`**docker ps** — list…`, `**-d** — …`).
 */
const LABEL =
  /^(?:(?:pro\s+)?tips?|step\s*\d+|option\s+\w|note|example|warning|hint|important|caution)\b|^(?:推荐|注意|提示|建议|步骤|第.{1,3}步|示例|例如)/i;
/** Lower-case words like a command line (`docker ps`, `git commit`), or a flag. */
const COMMAND_LIKE = /^-|^[a-z][\w.-]*\s+[a-z-][\w.-]*(?:\s|$)/;
/** A definition that tells the reader what to do or where to look is an instruction, not a definition. */
const INSTRUCTS =
  /^(?:install|use|run|see|enable|disable|prefer|avoid|click|open|go|check|make sure|try|set|add|remove|type|press|read|refer|list|start|stop|请|参见|详见|见下|参考|安装|运行|点击|打开)(?![a-z])/i;

/**
 * `**Image** — a read-only template…`: a bold name, then a dash, is a glossary entry; it reads as
 * `Image: a read-only template…`, the `term：definition` shape the definition search knows.
 */
function glossaryEntry(nodes: readonly PhrasingContent[]): string | undefined {
  const [name, rest] = nodes;
  if (name?.type !== 'strong' || rest?.type !== 'text') return undefined;
  const dash = /^\s*(?:—|–|--?)\s+/.exec(rest.value);
  if (!dash) return undefined;
  const term = inlineText(name.children).trim();
  const definition = inlineText([{ ...rest, value: rest.value.slice(dash[0].length) }, ...nodes.slice(2)]);
  if (
    !term ||
    /[：:]$/.test(term) ||
    LABEL.test(term) ||
    COMMAND_LIKE.test(term) ||
    INSTRUCTS.test(definition.trim())
  ) {
    return undefined;
  }
  return `${term}${HAN.test(definition) ? '：' : ': '}${definition}`;
}

/**
 * A paragraph of glossary entries on consecutive lines (`**Image** — …` then `**Container** — …`),
 * one entry per line, each with its line offset; undefined unless it holds two entries or more.
 */
function glossaryLines(nodes: readonly PhrasingContent[]): { text: string; at: number }[] | undefined {
  const lines: PhrasingContent[][] = [[]];
  for (const node of nodes) {
    if (node.type !== 'text' || !node.value.includes('\n')) {
      lines.at(-1)?.push(node);
      continue;
    }
    node.value.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece) lines.at(-1)?.push({ ...node, value: piece });
    });
  }
  if (lines.length < 2) return undefined;
  const entries = lines.map((line) => glossaryEntry(line));
  if (entries.filter(Boolean).length < 2) return undefined;
  return lines
    .map((line, at) => ({ text: (entries[at] ?? inlineText(line)).trim(), at }))
    .filter((entry) => entry.text);
}

function blockLines(node: RootContent): { line: number; endLine: number } {
  const line = node.position?.start.line ?? 1;
  return { line, endLine: node.position?.end.line ?? line };
}

/** A comment worth reading as prose: Chinese text, or at least four English words; never a shebang. */
function commentText(line: string): string | null {
  const match = /^\s*#+\s?(.*)$/.exec(line);
  if (!match) return null;
  const text = (match[1] ?? '').trim();
  if (!text || text.startsWith('!') || /^\s*!/.test(text)) return null;
  if (HAN.test(text) || text.split(/\s+/).length >= 4) return text;
  return null;
}

function collect(node: RootContent, kind: ProseKind, out: ProseBlock[]): void {
  switch (node.type) {
    case 'paragraph':
    case 'heading': {
      const entries = node.type === 'paragraph' ? glossaryLines(node.children) : undefined;
      if (entries) {
        const first = node.position?.start.line ?? 1;
        for (const entry of entries)
          out.push({ kind, text: entry.text, line: first + entry.at, endLine: first + entry.at });
        return;
      }
      const text = (glossaryEntry(node.children) ?? inlineText(node.children)).trim();
      if (text) out.push({ kind, text, ...blockLines(node) });
      return;
    }
    case 'list':
      for (const item of node.children) {
        for (const child of item.children) collect(child, child.type === 'list' ? kind : 'list-item', out);
      }
      return;
    case 'blockquote':
      for (const child of node.children) collect(child, 'quote', out);
      return;
    case 'code': {
      // Only lines with a `#` can be comments; most blocks have none, and most lines of the rest neither.
      if (!SHELL_LANGS.has((node.lang ?? '').toLowerCase()) || !node.value.includes('#')) return;
      const start = (node.position?.start.line ?? 0) + 1;
      node.value.split('\n').forEach((raw, i) => {
        const text = raw.includes('#') ? commentText(raw) : null;
        if (text) out.push({ kind: 'comment', text, line: start + i, endLine: start + i });
      });
      return;
    }
    default:
      return;
  }
}

/** The prose blocks directly under a section's heading, in note order. Tables and code are not prose. */
export function proseBlocks(section: Section): ProseBlock[] {
  const out: ProseBlock[] = [];
  for (const node of section.nodes) collect(node, 'paragraph', out);
  return out;
}

/**
 * Spans of inline code (`…`) in a card text, as [start, end) offsets, so that splitting never cuts
 * inside a command.
 */
function codeSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /(`+)[\s\S]*?\1/g;
  for (const m of text.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/**
 * A test for "is offset `at` strictly inside inline code?", asked with ascending offsets: the spans are
 * sorted and disjoint, so one cursor walks them once instead of every stop being compared with every
 * span (text full of commands has many of both).
 */
function insideCode(text: string): (at: number) => boolean {
  if (!text.includes('`')) return () => false;
  const spans = codeSpans(text);
  let next = 0;
  return (at) => {
    // Spans that end at or before `at` cannot hold it, nor any later offset.
    while (next < spans.length && (spans[next]?.[1] ?? 0) <= at) next++;
    const span = spans[next];
    return span !== undefined && at > span[0];
  };
}

/** Where sentences end: CJK and ASCII stops, and an English period followed by a space or the end. */
const SENTENCE_END = /[。！？!?]+|\.(?=\s+[^a-z0-9]|$)|\n+/gu;

/** A line break inside a hard-wrapped English sentence: the line ends in a word or comma, or the next starts lower-case. */
function softBreak(text: string, at: number, next: number): boolean {
  const before = text[at - 1] ?? '';
  const after = text[next] ?? '';
  return /[A-Za-z,，、(（]/.test(before) || /[a-z]/.test(after);
}

/**
 * Cuts text into sentences at `。！？!?`, at an English full stop before a space, and at line breaks;
 * never inside inline code, never at a decimal point or in `file.txt`. `；` stays inside a sentence:
 * Chinese notes use it between the two halves of one statement.
 */
export function splitSentences(text: string): string[] {
  const inside = insideCode(text);
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (inside(m.index)) continue;
    if (m[0].startsWith('\n') && softBreak(text, m.index, end)) continue;
    const piece = tidy(text.slice(start, m[0].startsWith('\n') ? m.index : end));
    if (piece) out.push(piece);
    start = end;
  }
  const rest = tidy(text.slice(start));
  if (rest) out.push(rest);
  return out;
}

/** Joins the lines of a wrapped sentence: no space between Chinese characters, one between words. */
function tidy(text: string): string {
  if (!text.includes('\n')) return text.trim();
  return text
    .trim()
    .replace(/(?<=[\p{Script=Han}\p{P}])\s*\n\s*(?=[\p{Script=Han}\p{P}])/gu, '')
    .replace(/\s*\n\s*/g, ' ');
}

/**
 * Cuts a sentence into clauses at Chinese commas, semicolons and colons, and at an ASCII comma that
 * touches Chinese text (`AUFS,曾经是`), but not between two English words (`LVM,RAID`) or inside code.
 */
export function splitClauses(sentence: string): string[] {
  const inside = insideCode(sentence);
  const out: string[] = [];
  let start = 0;
  for (const m of sentence.matchAll(/[，；：;,:]/g)) {
    const i = m.index;
    const ch = m[0];
    let cut = ch !== ',' && ch !== ':';
    if (!cut) {
      const before = sentence.charAt(i - 1);
      const after = sentence.charAt(i + 1);
      const han = HAN.test(before) || HAN.test(after);
      cut = han || (ch === ',' && after === ' ');
    }
    if (!cut || inside(i)) continue;
    const piece = sentence.slice(start, i).trim();
    if (piece) out.push(piece);
    start = i + 1;
  }
  const rest = sentence.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/**
 * Text that is a command or syntax line rather than prose: no Chinese, and shaped like
 * `COPY ./package.json /app/`, `docker build - < Dockerfile` or `--interval=<间隔>`.
 */
export function looksLikeCode(text: string): boolean {
  const t = text.trim();
  // `docker pull [选项] <镜像>`, `docker tag IMAGE[:TAG]`: a command and its syntax, whatever the language.
  if (/^(?:[a-z][\w.-]*\s+){1,2}(?:\[|<|-{1,2}[a-z]|[A-Z]{2,}\b)/.test(t)) return true;
  if (HAN.test(t.replace(/`[^`]*`|<[^>]*>|\[[^\]]*\]/g, ''))) return false;
  if (/^[A-Z]{2,}(?:\s|\[|$)/.test(t) || /^-{1,2}[a-z]/.test(t)) return true;
  if (/^[a-z][\w.-]*\s+(?:-|\.|\/|<|\[|[a-z][\w-]*\s+[-.<[/])/.test(t) && !/[.!?]$/.test(t)) return true;
  return (t.match(/[<>[\]{}=|$\\/]/g)?.length ?? 0) >= 3 && !/[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}/.test(t);
}

/** Every sentence of a section's prose, with its line; command and syntax lines are left out. */
export function sectionSentences(section: Section): Sentence[] {
  const out: Sentence[] = [];
  for (const block of proseBlocks(section)) {
    if (looksLikeCode(block.text)) continue;
    let offset = 0;
    for (const text of splitSentences(block.text)) {
      const at = block.text.indexOf(text, offset);
      const line = block.line + (at > 0 ? (block.text.slice(0, at).match(/\n/g)?.length ?? 0) : 0);
      offset = at >= 0 ? at + text.length : offset;
      out.push({ text, block, index: out.length, line });
    }
  }
  return out;
}

/** Sentence ends (`。` or `.`) to add when sentences are joined back into one answer. */
function closed(sentence: string): string {
  sentence = sentence.replace(/[：:，,、\s]+$/, '');
  if (/[。！？!?.;；…]$/.test(sentence)) return sentence;
  return HAN.test(sentence) ? `${sentence}。` : `${sentence}.`;
}

/** Joins sentences into one text, closing each one, with a space between English sentences. */
export function joinSentences(sentences: readonly string[]): string {
  const closedOnes = sentences.map(closed);
  let out = '';
  for (const s of closedOnes) {
    if (!out) out = s;
    else out += /[.!?;]$/.test(out) ? ` ${s}` : s;
  }
  return out;
}

/** How many characters an answer may take: Chinese says in 120 characters what English says in 300. */
export function textBudget(text: string): number {
  return HAN.test(text) ? 150 : 300;
}

/** A sentence that opens with a word pointing back (`这类…`, `This …`). */
export const REFERS_BACK = /^(?:这|该|此|它|其|上述|These\b|This\b|It\b|They\b|Such\b)/u;

/** A scored candidate for a key sentence. */
export interface ScoredSentence {
  sentence: Sentence;
  score: number;
}

/**
 * Picks the key sentences of a definition: the best-scoring sentence first, then further sentences
 * with a positive score, in note order, while they fit the budget (at most `max`).
 */
export function pickKeySentences(scored: readonly ScoredSentence[], max = 3): Sentence[] {
  const ranked = [...scored]
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
  const best = ranked[0];
  if (!best) return [];
  const budget = textBudget(best.sentence.text);
  const chosen = [best];
  let used = best.sentence.text.length;
  for (const candidate of ranked.slice(1)) {
    if (chosen.length >= max) break;
    // A sentence of a paragraph already in the answer continues it; another paragraph must earn its place.
    const sameBlock = chosen.some((c) => c.sentence.block === candidate.sentence.block);
    if (candidate.score < best.score / (sameBlock ? 3 : 2)) continue;
    if (used + candidate.sentence.text.length > budget) continue;
    if (chosen.some((c) => c.sentence.text === candidate.sentence.text)) continue;
    chosen.push(candidate);
    used += candidate.sentence.text.length;
  }
  // The defining sentence's paragraph comes first, in its own order (`一个容易混淆的概念是X。实际上X是…`);
  // then the other sentences in note order. A best sentence that points back (`这类…`) reads after
  // what it points to, so then everything keeps note order.
  const home = best.sentence.block;
  const byIndex = (a: ScoredSentence, b: ScoredSentence) => a.sentence.index - b.sentence.index;
  if (REFERS_BACK.test(best.sentence.text)) chosen.sort(byIndex);
  else
    chosen.sort(
      (a, b) => Number(b.sentence.block === home) - Number(a.sentence.block === home) || byIndex(a, b),
    );
  return chosen.map((c) => c.sentence);
}
