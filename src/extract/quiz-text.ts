/**
 * Text checks every quiz item shares: comparing answers after normalization, spotting an answer inside
 * a prompt, blanking a term out of a description, and deciding whether a text can stand as a choice.
 */
import { normalizeText } from '../text/normalize.ts';
import { orderInPlace } from './quiz-random.ts';

/** What replaces a hidden answer in a prompt. */
export const BLANK = '____';

/** Longest text offered as a multiple-choice option or a matching side. */
export const MAX_CHOICE_CHARS = 240;

/** Choices that judge the other choices instead of stating a fact; never offered. */
const META_CHOICE =
  /^(?:以上(?:都|全|均)?(?:对|是|正确|不对|不是|错误|都不对|皆是|皆非|全部)|都(?:对|不对)|all of the above|none of the above|both of the above|neither)[.。]?$/;

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const ASCII_EDGE = /[A-Za-z0-9_]/;
const CLOZE_MARKER = /\{\{c\d+::/;
const META_MAX_CHARS = 24;
const META_HINT = /以上|都|all|none|both|neither/i;

function withoutTicks(text: string): string {
  return text.includes('`') ? text.replace(/`+/g, '') : text;
}

/** `normalizeText` for quiz comparisons, plus a cached variant for the few texts that repeat. */
export interface Comparable {
  (text: string): string;
  /** For templates ("下面说的是哪条指令？"): the same few texts, normalized once per run. */
  memo(text: string): string;
}

/**
 * Normalization for comparing quiz texts: `normalizeText` without the inline-code backticks, so the
 * choice `` `-d` `` equals the answer `-d`. Card texts are normalized directly (few repeat, and a big
 * cache only slows the collector); templates go through `memo`. One instance per generation run.
 */
export function createComparable(): Comparable {
  const templates = new Map<string, string>();
  const comparable = (text: string) => normalizeText(withoutTicks(text));
  return Object.assign(comparable, {
    memo(text: string) {
      let norm = templates.get(text);
      if (norm === undefined) {
        norm = comparable(text);
        templates.set(text, norm);
      }
      return norm;
    },
  });
}

/** A short flag whose case carries meaning: `-p` publishes given ports, `-P` all exposed ports. */
const CASED_FLAG = /^-[A-Za-z0-9]+$/;

/**
 * The identity of a text for "same answer?" questions: its normalized form, except that short flags
 * keep their case, so `-p` and `-P` are two different choices (and a classic exam question).
 * @param norm the text as `createComparable` normalizes it.
 */
export function distinctKey(text: string, norm: string): string {
  // Flags are short; skip the work for sentences.
  if (text.length > 24) return norm;
  const bare = text.replace(/`+/g, '').trim().normalize('NFKC');
  return CASED_FLAG.test(bare) ? `${norm}\u0000${bare}` : norm;
}

/**
 * Whether the normalized `answer` occurs in the normalized `text`. An answer that starts or ends with
 * a Latin letter or digit must stand as a word there (`add` is not revealed by `address`, `-i` not by
 * `-it`); an answer holding Chinese matches anywhere, as Chinese has no word spaces (`docker有什么作用`
 * is revealed by `dockerdocker有什么作用`).
 */
export function reveals(text: string, answer: string): boolean {
  if (!answer) return false;
  const ascii = !NON_ASCII.test(answer);
  const checkBefore = ascii && isAsciiWord(answer.charCodeAt(0));
  const checkAfter = ascii && isAsciiWord(answer.charCodeAt(answer.length - 1));
  for (let at = text.indexOf(answer); at !== -1; at = text.indexOf(answer, at + 1)) {
    const clearBefore = !checkBefore || !isAsciiWord(text.charCodeAt(at - 1));
    const clearAfter = !checkAfter || !isAsciiWord(text.charCodeAt(at + answer.length));
    if (clearBefore && clearAfter) return true;
  }
  return false;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** A lowercase Latin letter, a digit or `_` (the texts compared are normalized, so lowercase). */
function isAsciiWord(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
}

/**
 * Whether one normalized term is another with more after it (`docker image ls` → `docker image ls -a`):
 * the other's text continues past it with something that is not a letter, digit or `_`.
 */
export function continues(long: string, short: string): boolean {
  if (long.length <= short.length || !long.startsWith(short)) return false;
  return !WORD_CHAR.test(long[short.length] ?? '');
}

/** Whether `text[at]` continues a word: a term's edge may not sit against one. */
function wordAt(text: string, at: number): boolean {
  const char = text[at];
  return char !== undefined && WORD_CHAR.test(char);
}

/**
 * Replaces each term in `text` with {@link BLANK}, ignoring case, so a description can be shown
 * without naming what it describes. Longer terms go first (`docker run -d` before `-d`); a term that
 * starts or ends with a Latin letter or digit only matches as a whole word there.
 */
export function maskTerms(text: string, terms: readonly string[]): string {
  return replaceTerms(text, terms, () => BLANK);
}

/**
 * Replaces each occurrence of a term (ignoring case, whole words for Latin edges, longer terms first)
 * with `replacement(term)`. A plain scan, not a regular expression built per call: compiling
 * Unicode-aware patterns costs a millisecond each.
 */
export function replaceTerms(
  text: string,
  terms: readonly string[],
  replacement: (term: string) => string,
): string {
  const usable: string[] = [];
  for (const raw of terms) {
    const term = (raw.includes('`') ? raw.replace(/`+/g, '') : raw).trim();
    if (term && !usable.includes(term)) usable.push(term);
  }
  orderInPlace(usable, (a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  // Lowercasing can change the length of a few letters (İ); then positions would not line up.
  if (usable.length === 0 || lower.length !== text.length) return text;
  const ranges: [number, number, string][] = [];
  for (const term of usable) {
    const wanted = term.toLowerCase();
    if (wanted.length !== term.length) continue;
    const edgeBefore = ASCII_EDGE.test(term[0] ?? '');
    const edgeAfter = ASCII_EDGE.test(term.at(-1) ?? '');
    for (let at = lower.indexOf(wanted); at !== -1; at = lower.indexOf(wanted, at + 1)) {
      const end = at + wanted.length;
      if ((edgeBefore && wordAt(text, at - 1)) || (edgeAfter && wordAt(text, end))) continue;
      if (ranges.some(([from, to]) => at < to && end > from)) continue;
      ranges.push([at, end, term]);
    }
  }
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let last = 0;
  for (const [from, to, term] of ranges) {
    out += text.slice(last, from) + replacement(term);
    last = to;
  }
  return out + text.slice(last);
}

/**
 * Whether a text can be offered as a choice or a matching side: one short piece of the Markdown
 * subset (no fenced code, no cloze markers), not a meta-choice like "all of the above".
 */
export function isChoiceText(text: string, comparable: (text: string) => string): boolean {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_CHOICE_CHARS) return false;
  if (trimmed.includes('```') || trimmed.includes('~~~') || CLOZE_MARKER.test(trimmed)) return false;
  // Meta-choices are short and use a few words; other texts need not be normalized to be told apart.
  if (trimmed.length > META_MAX_CHARS || !META_HINT.test(trimmed)) return true;
  return !META_CHOICE.test(comparable(trimmed));
}

/** Shows a short answer as inline code, as card sides show commands and flags. */
export function asCode(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('`') && trimmed.endsWith('`')) return trimmed;
  // A backtick inside the answer needs a longer fence (CommonMark: ``a`b``).
  return trimmed.includes('`') ? `\`\` ${trimmed} \`\`` : `\`${trimmed}\``;
}
