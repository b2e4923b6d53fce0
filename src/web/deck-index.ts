import type { Card, CardKind, Deck } from '../deck/types.ts';
import { type ClozeMode, renderCardHtml } from '../render/card-html.ts';
import type { BigramIndex } from '../search/bigram-index.ts';
import { buildCardIndex } from '../search/card-search.ts';

/** Everything the pages look up in a deck, computed once per deck version. */
export interface DeckIndex {
  readonly deck: Deck;
  readonly cards: readonly Card[];
  readonly byId: ReadonlyMap<string, Card>;
  /** Note order: position of each card in the deck, for "new cards in note order". */
  readonly order: ReadonlyMap<string, number>;
  readonly search: BigramIndex;
  readonly deckNames: readonly string[];
  readonly topics: readonly string[];
  readonly kinds: readonly CardKind[];
  /** Sanitized HTML of a card field, rendered once and kept. */
  html(card: Card, field: 'front' | 'back' | 'extra', cloze?: ClozeMode): string;
}

/** The topic a card belongs to: its first two heading levels (`Docker › 使用镜像`). */
export function topicOf(card: Card): string {
  return card.source.headingPath.slice(0, 2).join(' › ');
}

/** Where a card sits, for breadcrumbs: deck name, then headings (the deck name once, if the top heading repeats it). */
export function placeOf(card: Card): string[] {
  const path = card.source.headingPath;
  return path[0] === card.deck ? [...path] : [card.deck, ...path];
}

/** Builds the lookups, the search index and an HTML cache for one deck. */
export function indexDeck(deck: Deck): DeckIndex {
  const cache = new Map<string, string>();
  const unique = <T>(values: T[]) => [...new Set(values)];
  return {
    deck,
    cards: deck.cards,
    byId: new Map(deck.cards.map((card) => [card.id, card])),
    order: new Map(deck.cards.map((card, i) => [card.id, i])),
    search: buildCardIndex(deck.cards),
    deckNames: unique(deck.cards.map((card) => card.deck)),
    topics: unique(deck.cards.map(topicOf)).filter((topic) => topic !== ''),
    kinds: unique(deck.cards.map((card) => card.kind)),
    html(card, field, cloze = 'back') {
      const key = `${card.id}\u0000${field}\u0000${cloze}`;
      let out = cache.get(key);
      if (out === undefined) {
        out = renderCardHtml(card[field], cloze);
        cache.set(key, out);
      }
      return out;
    },
  };
}

/**
 * Keeps the index of the newest deck: `current()` re-indexes only when the deck getter returns a
 * different deck object (after a rebuild), so every request sees one consistent version.
 */
export function deckIndexer(getDeck: () => Deck): () => DeckIndex {
  let last: DeckIndex | undefined;
  return () => {
    const deck = getDeck();
    if (last?.deck !== deck) last = indexDeck(deck);
    return last;
  };
}
