import { describe, expect, it } from 'vitest';
import type { DeckInfo } from '../../src/deck/types.ts';
import { decodeScope, encodeScope, inScope, topicLabel, topicTree } from '../../src/quiz/topics.ts';
import { sampleItems } from './items.ts';

const DECK: DeckInfo = {
  name: 'Docker',
  file: 'docker-notes.md',
  lang: 'zh',
  tags: [],
  topics: [
    { path: ['Docker'], line: 1, endLine: 99 },
    { path: ['Docker', '基本概念'], line: 2, endLine: 20 },
    { path: ['Docker', '使用镜像'], line: 21, endLine: 60 },
    { path: ['Docker', '使用镜像', '列出镜像'], line: 30, endLine: 40 },
    { path: ['Docker', '没有题目的一节'], line: 61, endLine: 70 },
    { path: ['Docker', '操作容器'], line: 71, endLine: 99 },
  ],
};

describe('scopes', () => {
  it('round-trips through a form value, headings with / and › included', () => {
    const scope = { deck: 'Docker 笔记', path: ['a/b', 'x › y'] };
    expect(decodeScope(encodeScope(scope))).toEqual(scope);
    expect(decodeScope(encodeScope({ deck: 'Docker', path: [] }))).toEqual({ deck: 'Docker', path: [] });
    expect(decodeScope('')).toBeUndefined();
    expect(decodeScope('Docker//x')).toBeUndefined();
    expect(decodeScope('%E4%ZZ')).toBeUndefined();
  });

  it('selects by deck and heading prefix', () => {
    const [item] = sampleItems();
    expect(inScope(item!, [])).toBe(true);
    expect(inScope(item!, [{ deck: 'Docker', path: [] }])).toBe(true);
    expect(inScope(item!, [{ deck: 'Docker', path: ['Docker', '基本概念'] }])).toBe(true);
    expect(inScope(item!, [{ deck: 'Docker', path: ['Docker', '使用镜像'] }])).toBe(false);
    expect(inScope(item!, [{ deck: 'K8s', path: [] }])).toBe(false);
    expect(topicLabel(item!)).toBe('Docker › 基本概念');
  });
});

describe('topicTree', () => {
  it('lists decks and sections that have questions, with counts, skipping a lone top heading', () => {
    const tree = topicTree([DECK], sampleItems());
    expect(tree).toHaveLength(1);
    const [deck] = tree;
    expect(deck).toMatchObject({ label: 'Docker', count: 24, scope: { deck: 'Docker', path: [] } });
    expect(deck!.children.map((c) => [c.label, c.count])).toEqual([
      ['基本概念', 8],
      ['使用镜像', 10],
      ['操作容器', 6],
    ]);
    const images = deck!.children[1]!;
    expect(images.scope).toEqual({ deck: 'Docker', path: ['Docker', '使用镜像'] });
    expect(images.children.map((c) => [c.label, c.count])).toEqual([['列出镜像', 10]]);
    expect(decodeScope(images.value)).toEqual(images.scope);
  });

  it('is empty for a deck without quiz items', () => {
    expect(topicTree([DECK], [])).toEqual([]);
  });
});
