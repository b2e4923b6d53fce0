import { describe, expect, it } from 'vitest';
import type { Card, DeckInfo } from '../../src/deck/types.ts';
import { generateQuiz } from '../../src/extract/quiz.ts';
import { reveals } from '../../src/extract/quiz-text.ts';

describe('reveals', () => {
  it('needs word edges for Latin answers and matches Chinese-holding answers anywhere', () => {
    expect(reveals('docker image ls -a', '-a')).toBe(true);
    expect(reveals('address', 'add')).toBe(false);
    expect(reveals('docker run -it', '-i')).toBe(false);
    expect(reveals('dockerdocker有什么作用?docker', 'docker有什么作用?')).toBe(true);
    expect(reveals('使用数据卷保存数据', '数据卷')).toBe(true);
  });
});

describe('typed items', () => {
  it('are not made when the prompt holds a mixed Chinese/English answer glued to a word (fast-check counterexample)', () => {
    const card: Card = {
      id: 'card0',
      kind: 'option',
      deck: '试题',
      key: 'docker',
      front: ' ',
      back: 'dockerdocker有什么作用？docker',
      extra: '',
      source: { file: 'notes.md', headingPath: [], line: 1, endLine: 1 },
      tags: ['kind::option'],
      answer: 'docker有什么作用？',
    };
    const decks: DeckInfo[] = [{ name: '试题', file: 'notes.md', lang: 'zh', tags: [], topics: [] }];
    expect(generateQuiz([card], decks, '').filter((item) => item.type === 'typed')).toEqual([]);
  });
});
