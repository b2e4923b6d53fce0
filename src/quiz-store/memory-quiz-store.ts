/** A `QuizStore` in memory: for tests, and for an app started without a quiz folder. */
import { BadInputError, NotFoundError, StoreClosedError } from '../errors.ts';
import type { Quiz } from '../quiz/types.ts';
import { WriteQueue } from '../store/write-queue.ts';
import { QUIZ_ID, type QuizChange, type QuizStore } from './types.ts';

/** A quiz store that forgets everything when the process ends. */
export function memoryQuizStore(): QuizStore {
  const quizzes = new Map<string, Quiz>();
  const writes = new WriteQueue();
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new StoreClosedError('the quiz store is closed');
  };
  return {
    get: (id) => quizzes.get(id),
    list: () =>
      [...quizzes.values()].sort(
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
      ),
    create: (quiz) =>
      writes.run(() => {
        assertOpen();
        if (!QUIZ_ID.test(quiz.id)) throw new BadInputError(`quiz id ${quiz.id} is not a file name`);
        if (quizzes.has(quiz.id)) throw new BadInputError(`quiz ${quiz.id} exists already`);
        // A copy, as a file would hold: later changes to the caller's object do not leak in.
        quizzes.set(quiz.id, structuredClone(quiz));
      }),
    update: <T>(id: string, change: QuizChange<T>) =>
      writes.run(() => {
        assertOpen();
        const current = quizzes.get(id);
        if (current === undefined) throw new NotFoundError(`no quiz ${id}`);
        const { quiz, result } = change(current);
        if (quiz !== current) quizzes.set(id, structuredClone(quiz));
        return result;
      }),
    close: async () => {
      closed = true;
      await writes.idle();
    },
  };
}
