/**
 * Cloze deletions (`{{c1::answer}}`, `{{c2::answer::hint}}`) as quiz material: each deletion number
 * becomes a typed question with that deletion blanked and the others shown.
 */
import { BLANK } from './quiz-text.ts';

/** Same syntax as the card renderer (`src/render/card-html.ts`) and Anki. */
const CLOZE = /\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}/g;

/**
 * What a deletion hides: a number (`127`, `30s`), code (inside backticks), Chinese or English words.
 * A false statement swaps in a deletion of the same shape, so it reads as plausibly as the true one.
 */
export type ClozeShape = 'number' | 'code' | 'zh' | 'en';

export interface ClozeDeletion {
  /** The `cN` number. */
  n: number;
  text: string;
  hint?: string;
  shape: ClozeShape;
  /** The deletion sits inside inline code (`` `{{c1::docker image prune}}` ``). */
  inCode: boolean;
}

function shapeOf(text: string, inCode: boolean): ClozeShape {
  if (/^[\d.,:/]+\s*[\p{L}%]{0,4}$/u.test(text.trim()) && /\d/.test(text)) return 'number';
  if (inCode || text.includes('`')) return 'code';
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}

/**
 * The deletions of a cloze text, one per number, in number order. A number used for two different
 * texts is left out: a single typed answer could not be right for both blanks.
 */
export function clozeDeletions(front: string): ClozeDeletion[] {
  const byNumber = new Map<number, ClozeDeletion | null>();
  for (const match of front.matchAll(CLOZE)) {
    const n = Number(match[1]);
    const text = (match[2] ?? '').trim();
    const ticksBefore = front.slice(0, match.index).match(/`/g)?.length ?? 0;
    const inCode = ticksBefore % 2 === 1;
    const deletion: ClozeDeletion = {
      n,
      text,
      shape: shapeOf(text, inCode),
      inCode,
      ...(match[3]?.trim() ? { hint: match[3].trim() } : {}),
    };
    const seen = byNumber.get(n);
    if (seen === undefined) byNumber.set(n, text ? deletion : null);
    else if (seen !== null && seen.text !== text) byNumber.set(n, null);
  }
  return [...byNumber.values()].filter((d): d is ClozeDeletion => d !== null).sort((a, b) => a.n - b.n);
}

/**
 * The cloze text with deletion `n` replaced (by `replacement`, or a blank with its hint) and every other
 * deletion shown as plain text.
 */
export function fillCloze(front: string, n: number, replacement?: string): string {
  return front.replace(CLOZE, (_whole, num: string, text: string, hint: string | undefined) => {
    if (Number(num) !== n) return text;
    if (replacement !== undefined) return replacement;
    // Anki shows a hint in brackets on the blank; so do we.
    return hint?.trim() ? `${BLANK} [${hint.trim()}]` : BLANK;
  });
}

/** Whether a text carries cloze markers; such a card is quizzed by its deletions, whatever its kind. */
export function hasCloze(text: string): boolean {
  CLOZE.lastIndex = 0;
  const found = CLOZE.test(text);
  CLOZE.lastIndex = 0;
  return found;
}
