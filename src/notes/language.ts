import type { NoteLanguage } from '../deck/types.ts';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z]{2,}/g;

/**
 * The language of a note's prose, for question templates and the interface default. Counts Han
 * characters against Latin words, outside code: Chinese notes are full of English terms
 * (`镜像Image`, `docker run`), so a note is Chinese as soon as a fair share of its prose is Han.
 */
export function detectLanguage(prose: string): NoteLanguage {
  const han = prose.match(HAN)?.length ?? 0;
  const words = prose.match(LATIN_WORD)?.length ?? 0;
  // One Chinese word is about two characters.
  return han / 2 >= words * 0.3 && han > 0 ? 'zh' : 'en';
}
