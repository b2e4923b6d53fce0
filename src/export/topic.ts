import type { Card } from '../deck/types.ts';

/**
 * Choosing part of a deck for export: `Docker › 使用镜像` (or `Docker::使用镜像`) names every card
 * whose heading path starts with those headings. A path may also start with the deck name, so the
 * web app can offer "one deck" and "one topic" downloads through the same parameter.
 */

const SEPARATOR = /\s*(?:›|::)\s*/;

function same(a: string, b: string): boolean {
  return (
    a.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase() ===
    b.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase()
  );
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => same(part, path[i] ?? ''));
}

/** `"Docker › 使用镜像"` → `['Docker', '使用镜像']`; an empty string is the whole deck (`[]`). */
export function parseTopic(text: string): string[] {
  return text
    .split(SEPARATOR)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * Cards under `topic` (heading-path prefix, or deck name then headings); all cards for `[]`. Each
 * card id once, the first kept: two notes with one GUID would make Anki update one with the other.
 */
export function selectCards(cards: readonly Card[], topic: readonly string[]): Card[] {
  const seen = new Set<string>();
  return cards.filter((card) => {
    if (seen.has(card.id)) return false;
    seen.add(card.id);
    return (
      topic.length === 0 ||
      startsWith(card.source.headingPath, topic) ||
      startsWith([card.deck, ...card.source.headingPath], topic)
    );
  });
}
