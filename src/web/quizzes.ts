/**
 * The quiz use cases the quiz routes call: start a quiz (or a retry of one's missed questions), look at
 * one, answer, move on, end. The rules live in `src/quiz/`; this module joins them to the deck, the
 * quiz store and the review store. When a quiz ends, the cards behind the questions answered wrong
 * get a lapse in their FSRS state (origin 'quiz') and become due now, so daily review picks them up.
 */

import { BadInputError, StaleReviewError } from '../errors.ts';
import { lapsedCards, missedItems } from '../quiz/follow-up.ts';
import { selectItems, toQuestions } from '../quiz/selection.ts';
import {
  type AnswerOutcome,
  endQuiz,
  nextQuestion,
  settle,
  startQuiz,
  submitAnswer,
} from '../quiz/session.ts';
import type { GivenAnswer, Quiz, QuizSetup } from '../quiz/types.ts';
import type { QuizStore } from '../quiz-store/types.ts';
import { lapse, newSchedule } from '../review/scheduler.ts';
import type { AppContext } from './context.ts';

/** A new quiz's id and seed; the route draws them (randomness stays at the edge). */
export interface Fresh {
  id: string;
  seed: string;
}

export interface QuizService {
  /** @throws BadInputError when no question matches the setup */
  start(setup: QuizSetup, fresh: Fresh): Promise<Quiz>;
  /** A quiz of the questions `quizId` missed, same mode, no time limit. @throws BadInputError when none were missed */
  retry(quizId: string, fresh: Fresh): Promise<Quiz>;
  /** The quiz with the clock applied (a passed deadline ends it). @throws NotFoundError */
  open(quizId: string): Promise<Quiz>;
  answer(quizId: string, index: number, given: GivenAnswer): Promise<AnswerOutcome>;
  next(quizId: string, index: number): Promise<Quiz>;
  end(quizId: string): Promise<Quiz>;
}

/** The quiz use cases over one app's deck, review store and quiz store. */
export function quizService(ctx: AppContext, quizzes: QuizStore): QuizService {
  /** Lapse recordings under way, so two requests seeing one quiz end never record its lapses twice. */
  const recording = new Map<string, Promise<Quiz>>();

  async function recordLapses(quiz: Quiz): Promise<Quiz> {
    const finishedAt = quiz.finishedAt;
    if (finishedAt === null || quiz.lapsesRecorded) return quiz;
    const now = ctx.now();
    const settings = ctx.store.settings();
    const deck = ctx.deck();
    for (const cardId of lapsedCards(quiz)) {
      // A card gone from the deck since the quiz started has nothing to review.
      if (!deck.byId.has(cardId)) continue;
      // Recorded already, before a crash cut this quiz's bookkeeping short.
      const known = ctx.store
        .reviewsOf(cardId)
        .some((r) => r.origin === 'quiz' && r.reviewedAt.getTime() >= finishedAt.getTime());
      if (known) continue;
      for (let attempt = 0; ; attempt++) {
        const before = ctx.store.getProgress(cardId)?.schedule ?? newSchedule(now);
        try {
          await ctx.store.recordGrade({
            cardId,
            rating: 1,
            reviewedAt: now,
            origin: 'quiz',
            expectedReps: before.reps,
            before,
            after: lapse(before, now, settings),
          });
          break;
        } catch (error) {
          // Graded in review at this very moment: take the new state and lapse that.
          if (!(error instanceof StaleReviewError) || attempt >= 2) throw error;
        }
      }
    }
    return quizzes.update(quiz.id, (current) => {
      const next = current.lapsesRecorded ? current : { ...current, lapsesRecorded: true };
      return { quiz: next, result: next };
    });
  }

  /** Sends a finished quiz's missed cards to review, once, whoever asks first. */
  function afterFinish(quiz: Quiz): Promise<Quiz> {
    if (quiz.finishedAt === null || quiz.lapsesRecorded) return Promise.resolve(quiz);
    let pending = recording.get(quiz.id);
    if (pending === undefined) {
      pending = recordLapses(quiz).finally(() => recording.delete(quiz.id));
      recording.set(quiz.id, pending);
    }
    return pending;
  }

  async function change(quizId: string, step: (quiz: Quiz) => Quiz): Promise<Quiz> {
    const quiz = await quizzes.update(quizId, (current) => {
      const next = step(current);
      return { quiz: next, result: next };
    });
    return afterFinish(quiz);
  }

  async function create(
    setup: QuizSetup,
    fresh: Fresh,
    items: Quiz['questions'][number]['item'][],
    retryOf: string | null,
  ) {
    const quiz = startQuiz({
      id: fresh.id,
      seed: fresh.seed,
      setup,
      questions: toQuestions(items, fresh.seed),
      now: ctx.now(),
      retryOf,
    });
    await quizzes.create(quiz);
    return quiz;
  }

  return {
    async start(setup, fresh) {
      const items = selectItems(ctx.deck().deck.quiz, { ...setup, seed: fresh.seed });
      if (items.length === 0) throw new BadInputError('no quiz question matches these topics and types');
      return create({ ...setup, count: items.length }, fresh, items, null);
    },

    async retry(quizId, fresh) {
      const original = await this.open(quizId);
      if (original.finishedAt === null) throw new BadInputError(`quiz ${quizId} is still running`);
      const missed = missedItems(original);
      if (missed.length === 0) throw new BadInputError(`quiz ${quizId} has no missed questions`);
      const setup: QuizSetup = { ...original.setup, count: missed.length, timeLimitMinutes: null };
      // The missed questions in a new order, so the retry is not answered by position.
      const items = selectItems(missed, { scopes: [], types: [], count: missed.length, seed: fresh.seed });
      return create(setup, fresh, items, original.id);
    },

    open(quizId) {
      return change(quizId, (quiz) => settle(quiz, ctx.now()));
    },

    async answer(quizId, index, given) {
      const outcome = await quizzes.update(quizId, (quiz) => {
        const result = submitAnswer(quiz, index, given, ctx.now());
        return { quiz: result.quiz, result };
      });
      const quiz = await afterFinish(outcome.quiz);
      return { ...outcome, quiz };
    },

    next(quizId, index) {
      return change(quizId, (quiz) => nextQuestion(quiz, index, ctx.now()).quiz);
    },

    end(quizId) {
      return change(quizId, (quiz) => endQuiz(quiz, ctx.now()));
    },
  };
}
