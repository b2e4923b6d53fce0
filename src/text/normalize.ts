/**
 * Text normalization shared by card ids, search, duplicate detection and answer judging, so that
 * `docker image ls`, `Docker  image ls` and `ｄｏｃｋｅｒ image ls` are the same thing everywhere.
 */

/** Curly and CJK quotes that mean a plain quote. */
const QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u300c': '"',
  '\u300d': '"',
  '\u300e': '"',
  '\u300f': '"',
};

/** CJK punctuation with a plain ASCII counterpart that NFKC leaves alone. */
const CJK_PUNCTUATION: Record<string, string> = {
  '\u3001': ',', // 、
  '\u3002': '.', // 。
  '\u3010': '[', // 【
  '\u3011': ']', // 】
  '\u300a': '<', // 《
  '\u300b': '>', // 》
};

/** Quotes and punctuation with a plain counterpart, in one table and one pattern (one pass over the text). */
const MAPPED: Record<string, string> = { ...QUOTES, ...CJK_PUNCTUATION };
const MAPPED_RE = /[\u2018\u2019\u201c\u201d\u300c-\u300f\u3001\u3002\u3010\u3011\u300a\u300b]/g;
/** White space that is not already a single space: runs of two or more, and any other lone white space. */
const WIDE_SPACE = /\s{2,}|[^\S ]/g;
/**
 * A space next to a Chinese character or punctuation. `foldText` leaves only single spaces, never at
 * either end, so this is all the white space `normalizeText` drops. Every match starts with the
 * space itself, which lets the engine skip straight to the spaces instead of trying a look-behind at
 * every character.
 */
const HAN_GAP = / (?:(?=[\p{Script=Han}\p{P}])|(?<=[\p{Script=Han}\p{P}] ))/gu;

/**
 * Folds width, case, quotes and punctuation: full-width letters, digits and `：，（）` become ASCII
 * (NFKC), curly and CJK quotes become straight ones, runs of white space become one space.
 */
export function foldText(text: string): string {
  // Same as replacing every run of white space with one space; single spaces are left as they are.
  return text
    .normalize('NFKC')
    .replace(MAPPED_RE, (c) => MAPPED[c] ?? c)
    .toLowerCase()
    .replace(WIDE_SPACE, ' ')
    .trim();
}

/**
 * `foldText`, and also drops the spaces next to Chinese characters and punctuation, which carry no
 * meaning in Chinese (`镜像 Image` = `镜像Image`, `删除 镜像` = `删除镜像`), while keeping the spaces
 * between English words and command arguments.
 */
export function normalizeText(text: string): string {
  const folded = foldText(text);
  return folded.includes(' ') ? folded.replace(HAN_GAP, '') : folded;
}
