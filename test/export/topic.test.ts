import { beforeAll, describe, expect, test } from 'vitest';
import type { Deck } from '../../src/deck/types.ts';
import { parseTopic, selectCards } from '../../src/export/topic.ts';
import { IDS, loadDockerDeck } from './docker-deck.ts';

let deck: Deck;
beforeAll(async () => {
  deck = await loadDockerDeck();
});

describe('parseTopic', () => {
  test('› or :: separated, spaces trimmed; empty is the whole deck', () => {
    expect(parseTopic('Docker › 使用镜像')).toEqual(['Docker', '使用镜像']);
    expect(parseTopic('Docker::使用镜像 :: 列出镜像')).toEqual(['Docker', '使用镜像', '列出镜像']);
    expect(parseTopic('  ')).toEqual([]);
  });
});

describe('selectCards', () => {
  test('a heading-path prefix selects its cards, deeper headings included', () => {
    const ids = selectCards(deck.cards, ['Docker', '使用镜像', '列出镜像']).map((c) => c.id);
    expect(ids.sort()).toEqual([IDS.imageLs, IDS.dangling, IDS.format].sort());
  });

  test('the deck name may lead the path; matching ignores case and width', () => {
    expect(selectCards(deck.cards, ['试题', 'docker', '基本概念']).map((c) => c.id)).toEqual([IDS.image]);
    expect(selectCards(deck.cards, ['试题'])).toHaveLength(deck.cards.length);
    expect(selectCards(deck.cards, ['ＤＯＣＫＥＲ', '基本概念']).map((c) => c.id)).toEqual([IDS.image]);
  });

  test('a partial heading is not a match; an empty topic is everything', () => {
    expect(selectCards(deck.cards, ['Docker', '使用'])).toEqual([]);
    expect(selectCards(deck.cards, [])).toHaveLength(deck.cards.length);
  });

  test('a card id listed twice is exported once', () => {
    const twice = [...deck.cards, { ...deck.cards[0]!, front: 'copy' }];
    const selected = selectCards(twice, []);
    expect(selected).toHaveLength(deck.cards.length);
    expect(selected[0]?.front).toBe(deck.cards[0]?.front);
  });
});
