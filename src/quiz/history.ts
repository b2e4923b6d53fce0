/**
 * The History page's numbers: one row per finished quiz, and topic mastery over all of them (every
 * question ever answered in a topic, right or not), weakest first.
 */
import { scoreQuiz, type Tally, tallies } from './scoring.ts';
import { topicLabel } from './topics.ts';
import type { EndReason, Quiz, QuizMode } from './types.ts';

export interface QuizSummary {
  id: string;
  finishedAt: Date;
  mode: QuizMode;
  endReason: EndReason;
  correct: number;
  total: number;
  percent: number;
  durationMs: number;
  retry: boolean;
}

/** Finished quizzes, newest first. Quizzes still running are left out. */
export function summarize(quizzes: readonly Quiz[]): QuizSummary[] {
  return quizzes
    .filter((q): q is Quiz & { finishedAt: Date; endReason: EndReason } => q.finishedAt !== null)
    .filter((q) => q.questions.length > 0)
    .map((quiz) => {
      const score = scoreQuiz(quiz, quiz.finishedAt);
      return {
        id: quiz.id,
        finishedAt: quiz.finishedAt,
        mode: quiz.setup.mode,
        endReason: quiz.endReason,
        correct: score.correct,
        total: score.total,
        percent: score.percent,
        durationMs: score.durationMs,
        retry: quiz.retryOf !== null,
      };
    })
    .sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime() || (a.id < b.id ? -1 : 1));
}

/** Share of questions answered right per topic, over every finished quiz; weakest first. */
export function topicMastery(quizzes: readonly Quiz[]): Tally[] {
  const results = quizzes
    .filter((quiz) => quiz.finishedAt !== null)
    .flatMap((quiz) =>
      quiz.questions.map((question, i) => ({
        topic: topicLabel(question.item),
        correct: quiz.answers[i]?.judgement.correct ?? false,
      })),
    );
  return tallies(
    results,
    (r) => r.topic,
    (r) => r.correct,
  );
}
