/**
 * A quiz's score: right answers of all questions, the share per topic, per card kind and per question
 * type (weakest first, so the results page opens on what to study), and the time taken.
 */
import type { QuizItem } from '../deck/types.ts';
import { topicLabel } from './topics.ts';
import type { Quiz } from './types.ts';

/** Right answers among the questions of one group. */
export interface Tally {
  key: string;
  correct: number;
  total: number;
  /** correct / total, 0–1. */
  share: number;
}

export interface QuizScore {
  correct: number;
  total: number;
  /** Whole percent, rounded. */
  percent: number;
  /** From the start to the last answer, the deadline or "end now". */
  durationMs: number;
  byTopic: Tally[];
  /** By the kind of card behind the question (concept, command, flag…). */
  byKind: Tally[];
  /** By question type (mcq, truefalse, typed, match). */
  byType: Tally[];
  /** Indexes of the questions not answered right, in quiz order. */
  missed: number[];
}

/** The card kind in an item's tags (`kind::flag`); `other` when it has none. */
export function kindOf(item: Pick<QuizItem, 'tags'>): string {
  const tag = item.tags.find((t) => t.startsWith('kind::'));
  return tag === undefined ? 'other' : tag.slice('kind::'.length);
}

/**
 * Groups results and sorts them weakest first: lowest share, then the group with more questions (more
 * evidence), then by name, so equal groups keep a stable order.
 */
export function tallies<T>(
  results: readonly T[],
  keyOf: (result: T) => string,
  correctOf: (result: T) => boolean,
): Tally[] {
  const groups = new Map<string, { correct: number; total: number }>();
  for (const result of results) {
    const key = keyOf(result);
    const group = groups.get(key) ?? { correct: 0, total: 0 };
    group.total++;
    if (correctOf(result)) group.correct++;
    groups.set(key, group);
  }
  return [...groups]
    .map(([key, g]) => ({ key, ...g, share: g.total === 0 ? 0 : g.correct / g.total }))
    .sort((a, b) => a.share - b.share || b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Scores a quiz; unanswered questions count as wrong. For a quiz still running, `now` ends the time.
 * @example scoreQuiz(quiz, now).percent // 70
 */
export function scoreQuiz(quiz: Quiz, now: Date): QuizScore {
  const results = quiz.questions.map((question, index) => ({
    item: question.item,
    index,
    correct: quiz.answers[index]?.judgement.correct ?? false,
  }));
  const correct = results.filter((r) => r.correct).length;
  const total = results.length;
  const end = quiz.finishedAt ?? now;
  return {
    correct,
    total,
    percent: total === 0 ? 0 : Math.round((correct / total) * 100),
    durationMs: Math.max(0, end.getTime() - quiz.createdAt.getTime()),
    byTopic: tallies(
      results,
      (r) => topicLabel(r.item),
      (r) => r.correct,
    ),
    byKind: tallies(
      results,
      (r) => kindOf(r.item),
      (r) => r.correct,
    ),
    byType: tallies(
      results,
      (r) => r.item.type,
      (r) => r.correct,
    ),
    missed: results.filter((r) => !r.correct).map((r) => r.index),
  };
}
