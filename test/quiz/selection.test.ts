import { describe, expect, it } from 'vitest';
import type { QuizItem } from '../../src/deck/types.ts';
import { candidates, selectItems, showsItsAnswer, toQuestions } from '../../src/quiz/selection.ts';
import { mcq, sampleItems, typed } from './items.ts';

const items = sampleItems();
const ids = (list: readonly QuizItem[]) => list.map((i) => i.id);
const count = (list: readonly QuizItem[], type: string) => list.filter((i) => i.type === type).length;

describe('selectItems', () => {
  it('keeps to the chosen topics', () => {
    const picked = selectItems(items, {
      scopes: [{ deck: 'Docker', path: ['Docker', '操作容器'] }],
      count: 20,
      types: [],
      seed: 's',
    });
    expect(ids(picked).sort()).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    const two = selectItems(items, {
      scopes: [
        { deck: 'Docker', path: ['Docker', '操作容器'] },
        { deck: 'Docker', path: ['Docker', '基本概念'] },
      ],
      count: 50,
      types: [],
      seed: 's',
    });
    expect(two).toHaveLength(14);
    expect(two.every((i) => i.id.startsWith('k') || i.id.startsWith('b'))).toBe(true);
    expect(
      selectItems(items, { scopes: [{ deck: 'Kubernetes', path: [] }], count: 5, types: [], seed: 's' }),
    ).toEqual([]);
  });

  it('gives the count asked for, or all there are', () => {
    expect(selectItems(items, { scopes: [], count: 10, types: [], seed: 's' })).toHaveLength(10);
    expect(selectItems(items, { scopes: [], count: 100, types: [], seed: 's' })).toHaveLength(24);
    expect(selectItems(items, { scopes: [], count: 0, types: [], seed: 's' })).toHaveLength(0);
  });

  it('mixes the chosen types evenly while each has items', () => {
    const picked = selectItems(items, {
      scopes: [],
      count: 8,
      types: ['mcq', 'truefalse', 'typed', 'match'],
      seed: 'x',
    });
    expect([
      count(picked, 'mcq'),
      count(picked, 'truefalse'),
      count(picked, 'typed'),
      count(picked, 'match'),
    ]).toEqual([2, 2, 2, 2]);
    // Only two matching items exist: their turns go to the other types.
    const twelve = selectItems(items, { scopes: [], count: 12, types: [], seed: 'x' });
    expect(count(twelve, 'match')).toBe(2);
    expect([count(twelve, 'mcq'), count(twelve, 'truefalse'), count(twelve, 'typed')]).toEqual([4, 3, 3]);
    const typedOnly = selectItems(items, { scopes: [], count: 5, types: ['typed'], seed: 'x' });
    expect(typedOnly.every((i) => i.type === 'typed')).toBe(true);
    expect(typedOnly).toHaveLength(5);
  });

  it('is reproducible from the seed, and another seed gives another quiz', () => {
    const a = selectItems(items, { scopes: [], count: 10, types: [], seed: 'seed-1' });
    const again = selectItems([...items].reverse().reverse(), {
      scopes: [],
      count: 10,
      types: [],
      seed: 'seed-1',
    });
    expect(ids(again)).toEqual(ids(a));
    const others = ['seed-2', 'seed-3', 'seed-4'].map((seed) =>
      ids(selectItems(items, { scopes: [], count: 10, types: [], seed })),
    );
    expect(others.some((o) => o.join() !== ids(a).join())).toBe(true);
  });

  it('tests each card once while other cards are left', () => {
    const picked = selectItems(items, {
      scopes: [{ deck: 'Docker', path: ['Docker', '基本概念'] }],
      count: 5,
      types: [],
      seed: 'q',
    });
    const cards = picked.flatMap((i) => (i.type === 'match' ? i.pairs.map((p) => p.cardId) : [i.cardId]));
    expect(new Set(cards).size).toBe(cards.length);
  });

  it('never picks an item that shows its answer in the prompt', () => {
    const leaky = typed(
      'leak',
      'c99',
      ['使用镜像'],
      'docker image ls',
      [],
      '列出镜像：docker image ls 对吗？',
    );
    const picked = selectItems([...items, leaky], { scopes: [], count: 100, types: [], seed: 's' });
    expect(ids(picked)).not.toContain('leak');
    expect(picked).toHaveLength(24);
  });
});

describe('showsItsAnswer', () => {
  it('finds a typed answer or an alternative in the prompt, after normalization', () => {
    expect(
      showsItsAnswer(typed('t', 'c', [], 'docker image ls', [], '用 `Docker Image LS` 列出镜像？')),
    ).toBe(true);
    expect(
      showsItsAnswer(
        typed('t', 'c', [], 'docker image ls', ['docker images'], '和 docker images 一样的命令？'),
      ),
    ).toBe(true);
    expect(
      showsItsAnswer(typed('t', 'c', [], '虚悬镜像', [], '仓库名为 <none> 的叫什么？（虚悬 镜像）')),
    ).toBe(true);
    expect(
      showsItsAnswer(typed('t', 'c', [], '虚悬镜像', [], '仓库名和标签均为 <none> 的镜像叫什么？')),
    ).toBe(false);
  });

  it('matches Latin answers as whole words only', () => {
    expect(showsItsAnswer(typed('t', 'c', [], '-i', [], '`-it` 里的哪个参数表示交互？'))).toBe(false);
    expect(
      showsItsAnswer(typed('t', 'c', [], 'ADD', [], 'Which instruction, like COPY but for an address?')),
    ).toBe(false);
    expect(showsItsAnswer(typed('t', 'c', [], 'ADD', [], 'Is ADD like COPY?'))).toBe(true);
  });

  it('finds the right choice of a multiple-choice item in its prompt', () => {
    const item = { ...mcq('m', 'c', []), prompt: '乙：下面哪一项说得对？' };
    expect(showsItsAnswer(item)).toBe(true);
    expect(showsItsAnswer(mcq('m', 'c', []))).toBe(false);
  });
});

describe('candidates and toQuestions', () => {
  it('filters by type and scope', () => {
    expect(candidates(items, { scopes: [], types: ['match'] }).map((i) => i.id)).toEqual(['b8', 'i9']);
  });

  it('offers matching sides in a seeded order that is never the answer order', () => {
    const matches = items.filter((i) => i.type === 'match');
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const questions = toQuestions(matches, seed);
      for (const q of questions) {
        expect([...(q.rightOrder ?? [])].sort()).toEqual([0, 1, 2]);
        expect(q.rightOrder).not.toEqual([0, 1, 2]);
      }
      expect(toQuestions(matches, seed)).toEqual(questions);
    }
    expect(toQuestions([items[0] as QuizItem], 'a')).toEqual([{ item: items[0] }]);
  });
});
