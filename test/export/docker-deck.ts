import { fileURLToPath } from 'node:url';
import { readDeck } from '../../src/deck/file.ts';
import { parseDeck } from '../../src/deck/schema.ts';
import type { Card, Deck } from '../../src/deck/types.ts';

/**
 * The export fixture: six cards cut from content/docker-notes.md (Chinese text, `<none>`, a shell
 * code block with `{{.ID}}` templates, a `{{c1::127}}` cloze), read through the real deck reader.
 */
export const DOCKER_DECK_PATH = fileURLToPath(
  new URL('../fixtures/export/docker-deck.json', import.meta.url),
);

export const IDS = {
  image: 'a1c4e0f27b9d3e58',
  imageLs: '5b7e2d9c0f14a6b3',
  dangling: '0e9f3a7c5d2b8e41',
  format: 'c3d8b1f6e2a07954',
  cloze: '7f2a6c9e4b1d0358',
  rm: 'e4b0d7a2c9f51386',
} as const;

export function loadDockerDeck(): Promise<Deck> {
  return readDeck(DOCKER_DECK_PATH);
}

export function cardById(deck: Deck, id: string): Card {
  const card = deck.cards.find((c) => c.id === id);
  if (!card) throw new Error(`fixture has no card ${id}`);
  return card;
}

/** A copy of the deck with cards changed by `edit` (return undefined to drop one) and `added` appended, validated. */
export function editDeck(deck: Deck, edit: (card: Card) => Card | undefined, added: Card[] = []): Deck {
  const cards = deck.cards.map((c) => edit(structuredClone(c))).filter((c): c is Card => c !== undefined);
  return parseDeck({ ...structuredClone(deck), cards: [...cards, ...added] });
}

/** A new card in the fixture's shape (a deck validated with parseDeck accepts it). */
export function newCard(overrides: Partial<Card> & Pick<Card, 'id' | 'front' | 'back'>): Card {
  return {
    kind: 'concept',
    deck: '试题',
    key: overrides.front,
    extra: '',
    source: {
      file: 'docker-notes.md',
      headingPath: ['Docker', '使用镜像', '删除本地镜像'],
      line: 198,
      endLine: 226,
    },
    tags: ['docker', 'kind::concept', 'topic::Docker::使用镜像::删除本地镜像'],
    ...overrides,
  };
}
