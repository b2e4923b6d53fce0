import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, codeSpan, splitClauses, splitSentences, splitTermLine } from '../../src/extract/prose.ts';

describe('prose helpers', () => {
  it('splits sentences and clauses without cutting inside code', () => {
    expect(splitSentences('第一句。用`a. b; c`做事！Then this. And that')).toEqual([
      '第一句。',
      '用`a. b; c`做事！',
      'Then this.',
      'And that',
    ]);
    expect(splitClauses('镜像名，`a,b`，mongo:3.2之后,-t选项')).toEqual([
      '镜像名，',
      '`a,b`，',
      'mongo:3.2之后,',
      '-t选项',
    ]);
  });

  it('clips at clause ends', () => {
    expect(clip('一二三四五，六七八九十，十一十二', 11)).toBe('一二三四五，六七八九十');
    expect(clip('short', 10)).toBe('short');
  });

  it('reads term lines with either colon, a dash or an em dash', () => {
    expect(splitTermLine('`-it`:交互式')).toEqual({ term: '-it', description: '交互式' });
    expect(splitTermLine('`--rm`：退出后删除')).toEqual({ term: '--rm', description: '退出后删除' });
    expect(splitTermLine('`git add` — stage changes')).toEqual({
      term: 'git add',
      description: 'stage changes',
    });
    expect(splitTermLine('--interval=<间隔>：两次检查的间隔')).toEqual({
      term: '--interval=<间隔>',
      description: '两次检查的间隔',
    });
    expect(splitTermLine('just prose: no term')).toBeUndefined();
  });

  it('fences code that holds a backtick', () => {
    expect(codeSpan('a`b')).toBe('`` a`b ``');
  });
});

/** The splitters as first written, one character at a time: the faster ones must cut the same way. */
function referenceSplit(text: string, isBoundary: (ch: string, index: number) => boolean): string[] {
  const parts: string[] = [];
  let start = 0;
  let fence = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const ticks = '`'.repeat(run);
      if (!fence) fence = ticks;
      else if (fence === ticks) fence = '';
      i += run - 1;
      continue;
    }
    if (!fence && isBoundary(ch, i)) {
      parts.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const referenceSentences = (text: string) =>
  referenceSplit(text, (ch, i) => {
    if ('。！？!?；;\n'.includes(ch)) return true;
    return ch === '.' && /\s/.test(text[i + 1] ?? '') && !/\b(?:e\.g|i\.e|etc|vs)$/i.test(text.slice(0, i));
  });

const referenceClauses = (text: string) =>
  referenceSplit(text, (ch, i) => {
    if ('，；;：。！？!?'.includes(ch)) return true;
    const next = text[i + 1] ?? ' ';
    return (ch === ',' && next === '-') || ((ch === ',' || ch === ':') && /[\s\p{Script=Han}]/u.test(next));
  });

describe('sentence and clause splitting', () => {
  const piece = fc.constantFrom(
    ...'ab .,:;!?-\n。！？；，：镜像'.split(''),
    '`',
    '``',
    '```',
    'e.g. ',
    'i.e. ',
    'etc. ',
    'vs. ',
    'xvs. ',
    '`docker run -it`',
  );
  const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

  it('cuts prose with inline code exactly as the character-by-character reading', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(splitSentences(t)).toEqual(referenceSentences(t));
        expect(splitClauses(t)).toEqual(referenceClauses(t));
      }),
      { numRuns: 3000 },
    );
  });
});
