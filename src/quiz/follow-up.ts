/**
 * What a finished quiz leads to: a retry of the questions missed, and the cards to send back to daily
 * review.
 */
import type { QuizItem } from '../deck/types.ts';
import type { Quiz } from './types.ts';

/** The items of the questions not answered right (wrong, near miss, blank or unanswered), in quiz order. */
export function missedItems(quiz: Quiz): QuizItem[] {
  return quiz.questions.filter((_, i) => !quiz.answers[i]?.judgement.correct).map((q) => q.item);
}

/**
 * Cards whose questions were answered wrong (a near miss and a blank submit included), each once, in
 * quiz order. Questions never answered (time out, "end now") are left out: the student did not see
 * them, so they say nothing about the card.
 */
export function lapsedCards(quiz: Quiz): string[] {
  const cards = new Set<string>();
  quiz.answers.forEach((answer) => {
    if (answer === null || answer.given === null || answer.judgement.correct) return;
    for (const card of answer.judgement.missedCards) cards.add(card);
  });
  return [...cards];
}
