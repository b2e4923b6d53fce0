/**
 * Text checks every quiz item shares: comparing answers after normalization, spotting an answer inside
 * a prompt, blanking a term out of a description, and deciding whether a text can stand as a choice.
 */
import { normalizeText } from '../text/normalize.ts';

/** What replaces a hidden answer in a prompt. */
export const BLANK = '____';

/** Longest text offered as a multiple-choice option or a matching side. */
export const MAX_CHOICE_CHARS = 240;

/** Choices that judge the other choices instead of stating a fact; never offered. */
const META_CHOICE =
  /^(?:以上(?:都|全|均)?(?:对|是|正确|不对|不是|错误|都不对|皆是|皆非|全部)|都(?:对|不对)|all of the above|none of the above|both of the above|neither)[.。]?$/;

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const ASCII_WORD_CHAR = /[a-z0-9_]/;
const CLOZE_MARKER = /\{\{c\d+::/;

/**
 * Normalization for comparing quiz texts: `normalizeText` without the inline-code backticks, so the
 * choice `` `-d` `` equals the answer `-d`. Memoized per generation run (one instance per call of
 * `generateQuiz`, so nothing leaks between builds): the same token is compared many times.
 */
export function createComparable(): (text: string) => string {
  const memo = new Map<string, string>();
  return (text: string) => {
    let value = memo.get(text);
    if (value === undefined) {
      value = normalizeText(text.replace(/`+/g, ''));
      memo.set(text, value);
    }
    return value;
  };
}

/** A short flag whose case carries meaning: `-p` publishes given ports, `-P` all exposed ports. */
const CASED_FLAG = /^-[A-Za-z0-9]+$/;

/**
 * The identity of a text for "same answer?" questions: its normalized form, except that short flags
 * keep their case, so `-p` and `-P` are two different choices (and a classic exam question).
 */
export function distinctKey(text: string, comparable: (text: string) => string): string {
  const bare = text.replace(/`+/g, '').trim().normalize('NFKC');
  const norm = comparable(text);
  return CASED_FLAG.test(bare) ? `${norm}\u0000${bare}` : norm;
}

/**
 * Whether the normalized `answer` occurs in the normalized `text`. An answer that starts or ends with
 * a Latin letter or digit must stand as a word there (`add` is not revealed by `address`, `-i` not by
 * `-it`); Chinese answers match anywhere, as Chinese has no word spaces.
 */
export function reveals(text: string, answer: string): boolean {
  if (!answer) return false;
  const first = answer[0] ?? '';
  const last = answer.at(-1) ?? '';
  const checkBefore = ASCII_WORD_CHAR.test(first);
  const checkAfter = ASCII_WORD_CHAR.test(last);
  for (let at = text.indexOf(answer); at !== -1; at = text.indexOf(answer, at + 1)) {
    const before = text[at - 1] ?? '';
    const after = text[at + answer.length] ?? '';
    const clearBefore = !checkBefore || !ASCII_WORD_CHAR.test(before);
    const clearAfter = !checkAfter || !ASCII_WORD_CHAR.test(after);
    if (clearBefore && clearAfter) return true;
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces each term in `text` with {@link BLANK}, ignoring case, so a description can be shown
 * without naming what it describes. Longer terms go first (`docker run -d` before `-d`); a term that
 * starts or ends with a letter or digit only matches as a whole word.
 */
export function maskTerms(text: string, terms: readonly string[]): string {
  const usable = [...new Set(terms.map((t) => t.replace(/`+/g, '').trim()).filter((t) => t.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (usable.length === 0) return text;
  const alternatives = usable.map((term) => {
    const before = WORD_CHAR.test(term[0] ?? '') && /^[\x21-\x7e]/.test(term) ? '(?<![\\p{L}\\p{N}_])' : '';
    const after = WORD_CHAR.test(term.at(-1) ?? '') && /[\x21-\x7e]$/.test(term) ? '(?![\\p{L}\\p{N}_])' : '';
    return `${before}${escapeRegExp(term)}${after}`;
  });
  return text.replace(new RegExp(alternatives.join('|'), 'giu'), BLANK);
}

/**
 * Whether a text can be offered as a choice or a matching side: one short piece of the Markdown
 * subset (no fenced code, no cloze markers), not a meta-choice like "all of the above".
 */
export function isChoiceText(text: string, comparable: (text: string) => string): boolean {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_CHOICE_CHARS) return false;
  if (trimmed.includes('```') || trimmed.includes('~~~') || CLOZE_MARKER.test(trimmed)) return false;
  return !META_CHOICE.test(comparable(trimmed));
}

/** Shows a short answer as inline code, as card sides show commands and flags. */
export function asCode(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('`') && trimmed.endsWith('`')) return trimmed;
  // A backtick inside the answer needs a longer fence (CommonMark: ``a`b``).
  return trimmed.includes('`') ? `\`\` ${trimmed} \`\`` : `\`${trimmed}\``;
}
