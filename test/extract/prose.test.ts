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
