/**
 * The quiz state machine, pure: every step takes the quiz and `now` and returns a new quiz.
 *
 * - One question at a time, in order; an answer is recorded once. A second submit of the same
 *   question (double click, another tab, the back button) changes nothing and says so.
 * - With a time limit, the deadline is enforced here, not by the browser: at the first look after it
 *   (`settle`), the quiz ends and every unanswered question counts as wrong; an answer arriving after
 *   the deadline is refused.
 * - Exam mode moves to the next question with each answer; practice mode stays on the answered
 *   question to show its feedback until `nextQuestion`.
 */
import { judgeAnswer, unanswered } from './judge.ts';
import type { AnswerRecord, GivenAnswer, Question, Quiz, QuizSetup } from './types.ts';

const MINUTE_MS = 60_000;

export interface NewQuiz {
  id: string;
  seed: string;
  setup: QuizSetup;
  questions: Question[];
  now: Date;
  retryOf?: string | null;
}

/** A quiz that starts now, with its deadline set from the time limit. */
export function startQuiz(input: NewQuiz): Quiz {
  const { setup, now } = input;
  return {
    id: input.id,
    seed: input.seed,
    setup,
    createdAt: now,
    deadline:
      setup.timeLimitMinutes === null ? null : new Date(now.getTime() + setup.timeLimitMinutes * MINUTE_MS),
    questions: input.questions,
    answers: input.questions.map(() => null),
    cursor: 0,
    finishedAt: input.questions.length === 0 ? now : null,
    endReason: input.questions.length === 0 ? 'completed' : null,
    retryOf: input.retryOf ?? null,
    lapsesRecorded: false,
  };
}

/** Whether the time limit has passed at `now` (never, without a limit). */
export function isTimeUp(quiz: Quiz, now: Date): boolean {
  return quiz.deadline !== null && now.getTime() > quiz.deadline.getTime();
}

/** Milliseconds left before the deadline (0 when past), or null without a limit. */
export function timeLeft(quiz: Quiz, now: Date): number | null {
  return quiz.deadline === null ? null : Math.max(0, quiz.deadline.getTime() - now.getTime());
}

function closeOut(quiz: Quiz, at: Date, reason: 'timeout' | 'ended'): Quiz {
  return {
    ...quiz,
    answers: quiz.answers.map(
      (answer, i) =>
        answer ?? { given: null, judgement: unanswered(quiz.questions[i] as Question), answeredAt: at },
    ),
    cursor: quiz.questions.length,
    finishedAt: at,
    endReason: reason,
  };
}

/**
 * Applies the clock: a running quiz whose deadline has passed ends at its deadline, its unanswered
 * questions wrong. Returns the same object when nothing changes, so callers can skip a write.
 */
export function settle(quiz: Quiz, now: Date): Quiz {
  if (quiz.finishedAt !== null || quiz.deadline === null || !isTimeUp(quiz, now)) return quiz;
  return closeOut(quiz, quiz.deadline, 'timeout');
}

/** "End now": the quiz ends, unanswered questions wrong. A finished quiz is returned unchanged. */
export function endQuiz(quiz: Quiz, now: Date): Quiz {
  const settled = settle(quiz, now);
  if (settled.finishedAt !== null) return settled;
  return closeOut(settled, now, 'ended');
}

/** Why an answer was not recorded. */
export type Refusal =
  /** This question has an answer already: a double submit, another tab, the back button. */
  | 'already-answered'
  /** The time limit passed before the answer arrived. */
  | 'time-up'
  /** The quiz was ended. */
  | 'finished'
  /** Not the question on screen: an earlier one must be answered first. */
  | 'not-current';

export type AnswerOutcome =
  | { status: 'recorded'; quiz: Quiz; record: AnswerRecord }
  | { status: 'refused'; reason: Refusal; quiz: Quiz };

/**
 * Records the answer to question `index`, once. Refusals leave the quiz as it was, except that a
 * deadline found passed ends the quiz (`settle`), which the caller should store.
 * @example submitAnswer(quiz, 0, { type: 'mcq', choice: 2 }, now).status // 'recorded'
 */
export function submitAnswer(quiz: Quiz, index: number, given: GivenAnswer, now: Date): AnswerOutcome {
  const settled = settle(quiz, now);
  const question = settled.questions[index];
  const previous = settled.answers[index];
  if (question === undefined) return { status: 'refused', reason: 'not-current', quiz: settled };
  if (previous?.given) return { status: 'refused', reason: 'already-answered', quiz: settled };
  if (settled.endReason === 'timeout') return { status: 'refused', reason: 'time-up', quiz: settled };
  if (settled.finishedAt !== null) return { status: 'refused', reason: 'finished', quiz: settled };
  if (index !== settled.cursor) return { status: 'refused', reason: 'not-current', quiz: settled };

  const record: AnswerRecord = { given, judgement: judgeAnswer(question, given), answeredAt: now };
  const answers = settled.answers.map((a, i) => (i === index ? record : a));
  const done = answers.every((a) => a !== null);
  const next: Quiz = {
    ...settled,
    answers,
    cursor: settled.setup.mode === 'exam' ? index + 1 : index,
    finishedAt: done ? now : null,
    endReason: done ? 'completed' : null,
  };
  return { status: 'recorded', quiz: next, record };
}

/**
 * Practice mode: leaves the feedback of question `index` for the next question. Only moves from the
 * question on screen once it is answered, so a repeated click moves once.
 * @returns the quiz (the same object when nothing moved) and whether it moved
 */
export function nextQuestion(quiz: Quiz, index: number, now: Date): { quiz: Quiz; moved: boolean } {
  const settled = settle(quiz, now);
  if (settled.finishedAt !== null || settled.cursor !== index || settled.answers[index] === null) {
    return { quiz: settled, moved: false };
  }
  return { quiz: { ...settled, cursor: index + 1 }, moved: true };
}

/** What the quiz page shows: a question to answer, the feedback on one (practice), or the results. */
export type QuizView =
  | { kind: 'question'; index: number }
  | { kind: 'feedback'; index: number }
  | { kind: 'finished' };

/** The view of a settled quiz. */
export function viewOf(quiz: Quiz): QuizView {
  if (quiz.finishedAt !== null || quiz.cursor >= quiz.questions.length) return { kind: 'finished' };
  const index = quiz.cursor;
  return quiz.answers[index] === null ? { kind: 'question', index } : { kind: 'feedback', index };
}

/** Questions answered so far (for the progress bar). */
export function answeredCount(quiz: Quiz): number {
  return quiz.answers.filter((a) => a?.given).length;
}
