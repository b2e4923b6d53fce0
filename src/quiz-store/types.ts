import type { Quiz } from '../quiz/types.ts';

/** A change to one quiz: the new quiz (the same object when nothing changed) and what to return. */
export type QuizChange<T> = (quiz: Quiz) => { quiz: Quiz; result: T };

/**
 * Where quizzes live: every quiz, running or finished, whole. Writes resolve once the quiz is on disk,
 * so an answer the page acknowledged survives a crash. Changes to one quiz run one at a time against
 * its newest version, which is what makes "an answer is recorded once" hold across tabs.
 */
export interface QuizStore {
  get(id: string): Quiz | undefined;
  /** Every quiz, oldest first. */
  list(): readonly Quiz[];
  /** Stores a new quiz. @throws BadInputError for an id already used or not of `[a-z0-9-]`. */
  create(quiz: Quiz): Promise<void>;
  /**
   * Runs `change` on the quiz's newest version, after any change still being written, and stores the
   * result unless `change` returned the same object. @throws NotFoundError for an unknown id.
   */
  update<T>(id: string, change: QuizChange<T>): Promise<T>;
  /** Waits for writes in flight; later writes throw StoreClosedError. */
  close(): Promise<void>;
}

/** A quiz id: lowercase letters, digits and dashes, so it can name a file. */
export const QUIZ_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
