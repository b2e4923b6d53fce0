import type { Card, DeckInfo, QuizItem } from '../deck/types.ts';

// Placeholder until quiz generation lands (being written now); returns no items.
export function generateQuiz(
  _cards: readonly Card[],
  _decks: readonly DeckInfo[],
  _seed: string,
): QuizItem[] {
  return [];
}
