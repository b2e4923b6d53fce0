import { describe, expect, it } from 'vitest';
import { lapsedCards, missedItems } from '../../src/quiz/follow-up.ts';
import { summarize, topicMastery } from '../../src/quiz/history.ts';
import { kindOf, scoreQuiz, tallies } from '../../src/quiz/scoring.ts';
import { endQuiz, submitAnswer } from '../../src/quiz/session.ts';
import type { GivenAnswer, Quiz } from '../../src/quiz/types.ts';
import { at, sampleQuiz } from './quiz-fixture.ts';

function answerAll(quiz: Quiz, answers: GivenAnswer[], step = 10): Quiz {
  let current = quiz;
  answers.forEach((given, i) => {
    const outcome = submitAnswer(current, i, given, at((i + 1) * step));
    if (outcome.status !== 'recorded') throw new Error(outcome.reason);
    current = outcome.quiz;
  });
  return current;
}

// b1 mcq (basics, concept), i1 typed (images, command), i4 mcq (images, command), k1 typed (containers, flag),
// k4 truefalse (containers, command), i9 match (images, flag).
const IDS = ['b1', 'i1', 'i4', 'k1', 'k4', 'i9'];

function finished(): Quiz {
  const quiz = sampleQuiz({}, IDS);
  const order = quiz.questions[5]?.rightOrder ?? [];
  return answerAll(quiz, [
    { type: 'mcq', choice: 1 }, // right
    { type: 'typed', text: 'docker images' }, // right (alternative)
    { type: 'mcq', choice: 0 }, // wrong
    { type: 'typed', text: '-D' }, // wrong (case of a short flag)
    { type: 'truefalse', value: true }, // right
    // Match: first pair right, the other two swapped.
    { type: 'match', picks: [order.indexOf(0), order.indexOf(2), order.indexOf(1)] },
  ]);
}

describe('scoreQuiz', () => {
  it('scores, times and breaks down by topic, kind and type, weakest first', () => {
    const score = scoreQuiz(finished(), at(1000));
    expect(score).toMatchObject({ correct: 3, total: 6, percent: 50, durationMs: 60_000, missed: [2, 3, 5] });
    expect(score.byTopic).toEqual([
      { key: 'Docker › 使用镜像', correct: 1, total: 3, share: 1 / 3 },
      { key: 'Docker › 操作容器', correct: 1, total: 2, share: 0.5 },
      { key: 'Docker › 基本概念', correct: 1, total: 1, share: 1 },
    ]);
    expect(score.byKind.map((t) => [t.key, t.correct, t.total])).toEqual([
      ['flag', 0, 2],
      ['command', 2, 3],
      ['concept', 1, 1],
    ]);
    expect(score.byType.map((t) => t.key)).toEqual(['match', 'mcq', 'typed', 'truefalse']);
  });

  it('counts a quiz still running up to now, unanswered as wrong', () => {
    const quiz = sampleQuiz({}, IDS);
    expect(scoreQuiz(quiz, at(42))).toMatchObject({ correct: 0, total: 6, percent: 0, durationMs: 42_000 });
  });

  it('sorts equal shares by more questions first, then by name', () => {
    const rows = [
      { k: 'b', ok: false },
      { k: 'a', ok: false },
      { k: 'c', ok: false },
      { k: 'c', ok: false },
    ];
    expect(
      tallies(
        rows,
        (r) => r.k,
        (r) => r.ok,
      ).map((t) => t.key),
    ).toEqual(['c', 'a', 'b']);
    expect(kindOf({ tags: ['docker'] })).toBe('other');
  });
});

describe('follow-up: retry and lapses', () => {
  it('retries every question not answered right', () => {
    expect(missedItems(finished()).map((i) => i.id)).toEqual(['i4', 'k1', 'i9']);
  });

  it('lapses the cards answered wrong, once each, but not the questions never seen', () => {
    // i9 pairs c14 (right), c15 and c16 (swapped).
    expect(lapsedCards(finished())).toEqual(['c11', 'c17', 'c15', 'c16']);
    const quiz = answerAll(sampleQuiz({}, ['b1', 'b4', 'b7']), [{ type: 'mcq', choice: 0 }]);
    const ended = endQuiz(quiz, at(30));
    expect(lapsedCards(ended)).toEqual(['c01']);
    expect(missedItems(ended).map((i) => i.id)).toEqual(['b1', 'b4', 'b7']);
  });
});

describe('history', () => {
  it('lists finished quizzes newest first and tallies topics over all of them', () => {
    const one = finished();
    const two = { ...endQuiz(sampleQuiz({ mode: 'practice' }, ['b1', 'k4']), at(500)), id: 'quiz-2' };
    const running = { ...sampleQuiz({}, ['b1']), id: 'quiz-3' };
    const rows = summarize([one, two, running]);
    expect(rows.map((r) => [r.id, r.correct, r.total, r.percent, r.mode, r.endReason])).toEqual([
      ['quiz-2', 0, 2, 0, 'practice', 'ended'],
      ['quiz-1', 3, 6, 50, 'exam', 'completed'],
    ]);
    expect(topicMastery([one, two, running]).map((t) => [t.key, t.correct, t.total])).toEqual([
      ['Docker › 使用镜像', 1, 3],
      ['Docker › 操作容器', 1, 3],
      ['Docker › 基本概念', 1, 2],
    ]);
  });
});
