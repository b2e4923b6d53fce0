import { describe, expect, it } from 'vitest';
import {
  answeredCount,
  endQuiz,
  nextQuestion,
  settle,
  submitAnswer,
  timeLeft,
  viewOf,
} from '../../src/quiz/session.ts';
import type { Quiz } from '../../src/quiz/types.ts';
import { at, sampleQuiz } from './quiz-fixture.ts';

function recorded(outcome: ReturnType<typeof submitAnswer>): Quiz {
  if (outcome.status !== 'recorded') throw new Error(`refused: ${outcome.reason}`);
  return outcome.quiz;
}

describe('the once-only rule', () => {
  it('records an answer once; a second submit of it changes nothing and says why', () => {
    const quiz = sampleQuiz({ mode: 'exam' }, ['b1', 'b4', 'b7']);
    const first = recorded(submitAnswer(quiz, 0, { type: 'mcq', choice: 1 }, at(5)));
    expect(first.answers[0]?.judgement.correct).toBe(true);
    expect(first.cursor).toBe(1);
    const again = submitAnswer(first, 0, { type: 'mcq', choice: 3 }, at(6));
    expect(again).toEqual({ status: 'refused', reason: 'already-answered', quiz: first });
    expect(again.quiz.answers[0]?.given).toEqual({ type: 'mcq', choice: 1 });
    // The input is never changed.
    expect(quiz.answers).toEqual([null, null, null]);
  });

  it('refuses a question that is not the current one', () => {
    const quiz = sampleQuiz({}, ['b1', 'b4', 'b7']);
    expect(submitAnswer(quiz, 2, { type: 'typed', text: '镜像' }, at(1))).toMatchObject({
      status: 'refused',
      reason: 'not-current',
    });
    expect(submitAnswer(quiz, 9, { type: 'typed', text: '镜像' }, at(1))).toMatchObject({
      status: 'refused',
      reason: 'not-current',
    });
  });

  it('finishes when the last question is answered, and then refuses everything', () => {
    let quiz = sampleQuiz({}, ['b1', 'b4']);
    quiz = recorded(submitAnswer(quiz, 0, { type: 'mcq', choice: 0 }, at(3)));
    quiz = recorded(submitAnswer(quiz, 1, { type: 'truefalse', value: true }, at(8)));
    expect(quiz).toMatchObject({ finishedAt: at(8), endReason: 'completed', cursor: 2 });
    expect(viewOf(quiz)).toEqual({ kind: 'finished' });
    expect(submitAnswer(quiz, 1, { type: 'truefalse', value: false }, at(9))).toMatchObject({
      reason: 'already-answered',
    });
    expect(answeredCount(quiz)).toBe(2);
  });
});

describe('practice mode', () => {
  it('stays on an answered question for its feedback until Next, which moves once', () => {
    let quiz = sampleQuiz({ mode: 'practice' }, ['b1', 'b4', 'b7']);
    expect(viewOf(quiz)).toEqual({ kind: 'question', index: 0 });
    quiz = recorded(submitAnswer(quiz, 0, { type: 'mcq', choice: 2 }, at(4)));
    expect(viewOf(quiz)).toEqual({ kind: 'feedback', index: 0 });
    expect(submitAnswer(quiz, 1, { type: 'truefalse', value: true }, at(5))).toMatchObject({
      reason: 'not-current',
    });
    const moved = nextQuestion(quiz, 0, at(6));
    expect(moved.moved).toBe(true);
    expect(viewOf(moved.quiz)).toEqual({ kind: 'question', index: 1 });
    // A second click on Next (or a stale tab) does not skip a question.
    const twice = nextQuestion(moved.quiz, 0, at(7));
    expect(twice).toEqual({ quiz: moved.quiz, moved: false });
    // Next before answering does nothing.
    expect(nextQuestion(moved.quiz, 1, at(7)).moved).toBe(false);
  });
});

describe('time limit', () => {
  it('counts down and ends the quiz at the deadline, unanswered questions wrong', () => {
    let quiz = sampleQuiz({ timeLimitMinutes: 1 }, ['b1', 'b4', 'b7']);
    expect(quiz.deadline).toEqual(at(60));
    expect(timeLeft(quiz, at(45))).toBe(15_000);
    quiz = recorded(submitAnswer(quiz, 0, { type: 'mcq', choice: 1 }, at(30)));
    expect(settle(quiz, at(60))).toBe(quiz); // exactly at the deadline: still on time
    const late = settle(quiz, at(61));
    expect(late).toMatchObject({ finishedAt: at(60), endReason: 'timeout', cursor: 3 });
    expect(late.answers.map((a) => a?.judgement.verdict)).toEqual(['correct', 'unanswered', 'unanswered']);
    expect(late.answers[1]).toMatchObject({ given: null, answeredAt: at(60) });
    expect(timeLeft(late, at(61))).toBe(0);
  });

  it('refuses a late answer and records nothing from it', () => {
    const quiz = sampleQuiz({ timeLimitMinutes: 1 }, ['b1', 'b4']);
    const outcome = submitAnswer(quiz, 0, { type: 'mcq', choice: 1 }, at(90));
    expect(outcome).toMatchObject({ status: 'refused', reason: 'time-up' });
    expect(outcome.quiz.answers[0]).toMatchObject({ given: null, judgement: { verdict: 'unanswered' } });
    // And a second late try says the same.
    expect(submitAnswer(outcome.quiz, 0, { type: 'mcq', choice: 1 }, at(95))).toMatchObject({
      reason: 'time-up',
    });
  });

  it('has no deadline without a limit', () => {
    const quiz = sampleQuiz({}, ['b1']);
    expect(quiz.deadline).toBeNull();
    expect(timeLeft(quiz, at(9999))).toBeNull();
    expect(settle(quiz, at(999_999))).toBe(quiz);
  });
});

describe('endQuiz', () => {
  it('ends now with the rest unanswered, and leaves a finished quiz alone', () => {
    let quiz = sampleQuiz({}, ['b1', 'b4']);
    quiz = recorded(submitAnswer(quiz, 0, { type: 'mcq', choice: 1 }, at(3)));
    const ended = endQuiz(quiz, at(10));
    expect(ended).toMatchObject({ finishedAt: at(10), endReason: 'ended' });
    expect(ended.answers[1]?.judgement.verdict).toBe('unanswered');
    expect(endQuiz(ended, at(20))).toBe(ended);
    expect(submitAnswer(ended, 1, { type: 'truefalse', value: true }, at(11))).toMatchObject({
      reason: 'finished',
    });
  });

  it('ends at the deadline when the time ran out first', () => {
    const quiz = sampleQuiz({ timeLimitMinutes: 1 }, ['b1']);
    expect(endQuiz(quiz, at(300))).toMatchObject({ finishedAt: at(60), endReason: 'timeout' });
  });
});
