import type { NoteLanguage } from '../deck/types.ts';

const NOT_HAN = /[^\p{Script=Han}]+/gu;
const ASTRAL = /[\uD800-\uDBFF]/;
const HIGH_SURROGATES = /[\uD800-\uDBFF]/g;

/** How many Han characters a text holds (code points: an astral character counts once). */
function countHan(text: string): number {
  const han = text.replace(NOT_HAN, '');
  return han.length - (ASTRAL.test(han) ? (han.match(HIGH_SURROGATES)?.length ?? 0) : 0);
}

/** How many runs of two or more ASCII letters a text holds (what `/[A-Za-z]{2,}/g` would match). */
function countLatinWords(text: string): number {
  let words = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c >= 0x61 && c <= 0x7a) run++;
    else {
      if (run >= 2) words++;
      run = 0;
    }
  }
  return run >= 2 ? words + 1 : words;
}

/**
 * The language of a note's prose, for question templates and the interface default. Counts Han
 * characters against Latin words, outside code: Chinese notes are full of English terms
 * (`镜像Image`, `docker run`), so a note is Chinese as soon as a fair share of its prose is Han.
 * (Counted without collecting the matches: a long note has hundreds of thousands of them.)
 */
export function detectLanguage(prose: string): NoteLanguage {
  const han = countHan(prose);
  const words = countLatinWords(prose);
  // One Chinese word is about two characters.
  return han / 2 >= words * 0.3 && han > 0 ? 'zh' : 'en';
}
