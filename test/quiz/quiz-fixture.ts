/** A quiz built from the sample items, with a pinned clock, for the session and scoring tests. */
import { selectItems, toQuestions } from '../../src/quiz/selection.ts';
import { startQuiz } from '../../src/quiz/session.ts';
import type { Quiz, QuizSetup } from '../../src/quiz/types.ts';
import { sampleItems } from './items.ts';

export const T0 = new Date(2026, 2, 10, 10, 0, 0);

export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

/** A quiz over every sample item in the given order (no shuffling), unless `ids` picks some. */
export function sampleQuiz(setup: Partial<QuizSetup> = {}, ids?: string[]): Quiz {
  const all = sampleItems();
  const items = ids ? ids.map((id) => all.find((i) => i.id === id)!) : all;
  const full: QuizSetup = {
    scopes: [],
    count: items.length,
    types: [],
    timeLimitMinutes: null,
    mode: 'exam',
    ...setup,
  };
  return startQuiz({ id: 'quiz-1', seed: 's', setup: full, questions: toQuestions(items, 's'), now: T0 });
}

/** The same, picked by `selectItems`. */
export function selectedQuiz(setup: Partial<QuizSetup> = {}, seed = 's'): Quiz {
  const full: QuizSetup = {
    scopes: [],
    count: 10,
    types: [],
    timeLimitMinutes: null,
    mode: 'exam',
    ...setup,
  };
  const items = selectItems(sampleItems(), { ...full, seed });
  return startQuiz({ id: 'quiz-2', seed, setup: full, questions: toQuestions(items, seed), now: T0 });
}
