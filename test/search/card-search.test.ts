import { describe, expect, it } from 'vitest';
import { readDeck } from '../../src/deck/file.ts';
import { buildCardIndex, cardSearchFields, searchCards } from '../../src/search/card-search.ts';

const deck = await readDeck('test/fixtures/web/deck.json');
const index = buildCardIndex(deck.cards);
const keys = (query: string) =>
  searchCards(index, query).map((hit) => deck.cards.find((card) => card.id === hit.id)?.key);

describe('searchCards', () => {
  it('finds a cloze card by its hidden answer', () => {
    expect(keys('虚悬镜像')[0]).toBe('虚悬镜像');
  });

  it('finds a command by its text with markdown stripped', () => {
    expect(keys('docker image ls -q redis')).toEqual(['docker image rm $(docker image ls -q redis)']);
  });

  it('finds cards by an English word in a Chinese card', () => {
    expect(keys('dangling')).toEqual(['虚悬镜像']);
  });

  it('drops cloze markers and backticks from the indexed text', () => {
    const cloze = deck.cards.find((card) => card.kind === 'cloze');
    expect(cloze).toBeDefined();
    const fields = cardSearchFields(cloze!);
    expect(fields.join(' ')).not.toContain('{{c');
    expect(fields[1]).toContain('docker image prune');
  });
});
