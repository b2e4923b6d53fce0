/**
 * `normalizeText` is shared by card ids, search, duplicate detection and answer judging, so a faster
 * implementation must give exactly the old results: it is checked here against the plain definition
 * (fold, then drop every run of white space next to Han or punctuation).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, normalizeText } from '../../src/text/normalize.ts';

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
const CJK_PUNCTUATION: Record<string, string> = {
  '\u3001': ',',
  '\u3002': '.',
  '\u3010': '[',
  '\u3011': ']',
  '\u300a': '<',
  '\u300b': '>',
};

/** The definition `foldText` had before it was tuned for speed. */
function referenceFold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201c\u201d\u300c-\u300f]/g, (q) => QUOTES[q] ?? q)
    .replace(/[\u3001\u3002\u3010\u3011\u300a\u300b]/g, (p) => CJK_PUNCTUATION[p] ?? p)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The definition `normalizeText` had before it was tuned for speed. */
function reference(text: string): string {
  return referenceFold(text).replace(/(?<=[\p{Script=Han}\p{P}])\s+|\s+(?=[\p{Script=Han}\p{P}])/gu, '');
}

/** Han (BMP and astral), punctuation of both widths, every kind of white space, Latin, quotes. */
const noteChar = fc.constantFrom(
  ...'abcXYZ09 -_./:=,;!?()[]`\'"镜像容器仓库，。：；（）「」『』“”‘’、【】《》…'.split(''),
  '\t',
  '\n',
  '\r',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '𠀀',
  '𪜀',
  'ａ',
  'Ｄ',
  '１',
  'é',
  'e\u0301',
);
const noteText = fc.array(noteChar, { maxLength: 50 }).map((chars) => chars.join(''));

describe('normalizeText', () => {
  it('drops the spaces beside Chinese text and punctuation, keeps those between words', () => {
    expect(normalizeText('镜像 Image')).toBe('镜像image');
    expect(normalizeText('删除 镜像')).toBe('删除镜像');
    expect(normalizeText('docker  image   ls')).toBe('docker image ls');
    expect(normalizeText(' a , b ')).toBe('a,b');
    expect(normalizeText('ｄｏｃｋｅｒ　image ls')).toBe('docker image ls');
    expect(normalizeText('「引用」 text')).toBe('"引用"text');
  });

  it('equals the plain definition on note-like text', () => {
    fc.assert(
      fc.property(noteText, (text) => {
        expect(foldText(text)).toBe(referenceFold(text));
        expect(normalizeText(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('equals the plain definition on any code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(foldText(text)).toBe(referenceFold(text));
        expect(normalizeText(text)).toBe(reference(text));
      }),
      { numRuns: 1000 },
    );
  });
});
