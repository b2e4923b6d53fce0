import type { Card, Deck } from './types.ts';

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/**
 * The cards as a person reads them in a terminal, grouped by deck and topic in note order, so the
 * deck can be judged card by card (`npm run preview`).
 */
export function formatPreview(deck: Deck, filter?: (card: Card) => boolean): string {
  const out: string[] = [];
  let lastDeck = '';
  let lastTopic = '';
  for (const card of deck.cards) {
    if (filter && !filter(card)) continue;
    if (card.deck !== lastDeck) {
      out.push('', `══ ${card.deck} ══`);
      lastDeck = card.deck;
      lastTopic = '';
    }
    const topic = card.source.headingPath.join(' › ') || '(before the first heading)';
    if (topic !== lastTopic) {
      out.push('', `── ${topic}`);
      lastTopic = topic;
    }
    out.push(`  [${card.kind}] ${card.source.file}:${card.source.line}`);
    out.push(indent(card.front, '    Q  '));
    out.push(indent(card.back, '    A  '));
  }
  return out.join('\n').trimStart();
}
