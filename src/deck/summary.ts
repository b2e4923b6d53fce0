import { CARD_KINDS, type CardKind, type Deck, QUIZ_TYPES, type QuizType } from './types.ts';

export interface DeckSummary {
  files: number;
  sections: number;
  cards: number;
  cardsByKind: Record<CardKind, number>;
  quizByType: Record<QuizType, number>;
  warnings: number;
}

export function summarizeDeck(deck: Deck): DeckSummary {
  const cardsByKind = Object.fromEntries(CARD_KINDS.map((k) => [k, 0])) as Record<CardKind, number>;
  for (const card of deck.cards) cardsByKind[card.kind]++;
  const quizByType = Object.fromEntries(QUIZ_TYPES.map((t) => [t, 0])) as Record<QuizType, number>;
  for (const item of deck.quiz) quizByType[item.type]++;
  return {
    files: deck.decks.length,
    sections: deck.decks.reduce((sum, d) => sum + d.topics.length, 0),
    cards: deck.cards.length,
    cardsByKind,
    quizByType,
    warnings: deck.warnings.length,
  };
}

/** The build's closing report, for a terminal. */
export function formatSummary(summary: DeckSummary, elapsedMs: number, parsed: number): string {
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ');
  const quizTotal = Object.values(summary.quizByType).reduce((a, b) => a + b, 0);
  return [
    `files     ${summary.files} (${parsed} parsed, ${summary.files - parsed} from cache)`,
    `sections  ${summary.sections}`,
    `cards     ${summary.cards}: ${list(summary.cardsByKind)}`,
    `quiz      ${quizTotal}: ${list(summary.quizByType)}`,
    `warnings  ${summary.warnings}`,
    `time      ${(elapsedMs / 1000).toFixed(2)} s`,
  ].join('\n');
}
