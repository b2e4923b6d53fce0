import type { Card } from '../deck/types.ts';
import { type BigramIndex, buildBigramIndex, type SearchHit, searchIndex } from './bigram-index.ts';

const CLOZE = /\{\{c\d+::(.*?)(?:::.*?)?\}\}/g;
const FENCE = /^```[^\n]*$/gm;

/** Card text as a reader sees it: cloze answers in place, no fence lines or backticks. */
function plain(markdown: string): string {
  return markdown.replace(CLOZE, '$1').replace(FENCE, ' ').replaceAll('`', '').replaceAll('**', '');
}

/** The searchable fields of a card, most important first: key, front, back, extra, topic path. */
export function cardSearchFields(card: Card): string[] {
  return [
    card.key,
    plain(card.front),
    plain(card.back),
    [plain(card.extra), card.answer ?? '', ...(card.alternatives ?? [])].join(' '),
    card.source.headingPath.join(' '),
  ];
}

/** Full-text index over a deck's cards; rebuild it when the deck changes. */
export function buildCardIndex(cards: readonly Card[]): BigramIndex {
  return buildBigramIndex(cards.map((card) => ({ id: card.id, fields: cardSearchFields(card) })));
}

/**
 * Card ids matching a query in Chinese or English, best first.
 * @example searchCards(buildCardIndex(deck.cards), '虚悬镜像') // ['c7b8…', …]
 */
export function searchCards(index: BigramIndex, query: string): SearchHit[] {
  return searchIndex(index, query);
}
