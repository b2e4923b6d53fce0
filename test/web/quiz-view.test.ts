import { describe, expect, it } from 'vitest';
import { readDeck } from '../../src/deck/file.ts';
import { toQuestions } from '../../src/quiz/selection.ts';
import { startQuiz, submitAnswer } from '../../src/quiz/session.ts';
import type { Quiz } from '../../src/quiz/types.ts';
import { translator } from '../../src/web/i18n.ts';
import { feedbackView, formatClock, progressView, questionView } from '../../src/web/quiz-view.ts';
import { match, truefalse } from '../quiz/items.ts';
import { QUIZ_DECK } from '../quiz/quiz-server.ts';

const t = translator('zh');
const NOW = new Date(2026, 2, 10, 10, 0);

function quizOf(items: Parameters<typeof toQuestions>[0], minutes: number | null = null): Quiz {
  return startQuiz({
    id: 'q1',
    seed: 's',
    setup: { scopes: [], count: items.length, types: [], timeLimitMinutes: minutes, mode: 'practice' },
    questions: toQuestions(items, 's'),
    now: NOW,
  });
}

describe('quiz views', () => {
  it('numbers the choices for the keys: 1–4 for multiple choice, 1 and 2 for true/false', async () => {
    const deck = await readDeck(QUIZ_DECK);
    const mcq = deck.quiz.find((i) => i.type === 'mcq')!;
    const view = questionView(quizOf([mcq, truefalse('tf', 'c1', [])]), 0, t);
    expect(view.choices.map((c) => c.key)).toEqual(['1', '2', '3', '4']);
    const tf = questionView(quizOf([truefalse('tf', 'c1', [])]), 0, t);
    expect(tf.choices.map((c) => [c.key, c.value, c.html])).toEqual([
      ['1', 'true', '对'],
      ['2', 'false', '错'],
    ]);
  });

  it('keeps raw HTML in notes as text', async () => {
    const deck = await readDeck(QUIZ_DECK);
    const untrusted = deck.quiz.find((i) => i.cardId === 'ccf3e5f7b9c1')!;
    const view = questionView(quizOf([untrusted]), 0, t);
    expect(view.promptHtml).not.toContain('<script');
    expect(view.promptHtml).toContain('&#x3C;script>');
    expect(view.promptHtml).not.toMatch(/<img/);
  });

  it('puts a code fence glued to text on its own line', () => {
    const item = {
      ...truefalse('tf', 'c1', []),
      prompt: '启动？\n\n答：```shell\ndocker run --rm ubuntu bash\n```',
    };
    const html = questionView(quizOf([item]), 0, t).promptHtml;
    expect(html).toContain('<p>答：</p>');
    expect(html).toMatch(/<pre><code[^>]*>docker run/);
  });

  it('offers matching sides by letter and shows each pair as answered', () => {
    const quiz = quizOf([match('m', ['c1', 'c2', 'c3'], [])]);
    const view = questionView(quiz, 0, t);
    expect(view.rights.map((r) => r.letter)).toEqual(['A', 'B', 'C']);
    expect(view.lefts.map((l) => l.name)).toEqual(['m0', 'm1', 'm2']);
    const order = quiz.questions[0]!.rightOrder!;
    const outcome = submitAnswer(
      quiz,
      0,
      { type: 'match', picks: [order.indexOf(0), order.indexOf(2), null] },
      NOW,
    );
    const feedback = feedbackView(outcome.quiz, 0, t);
    expect(feedback.pairs.map((p) => p.ok)).toEqual([true, false, false]);
    expect(feedback.pairs[1]?.givenHtml).toContain('作用 2');
    expect(feedback.pairs[2]?.givenHtml).toBe('');
    expect(feedback.pairsRight).toBe(1);
  });

  it('formats the clock and the time left', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(3_725_000)).toBe('1:02:05');
    expect(
      progressView(quizOf([truefalse('a', 'c', [])], 5), new Date(NOW.getTime() + 61_000)).timer,
    ).toEqual({
      deadline: new Date(NOW.getTime() + 300_000).toISOString(),
      now: new Date(NOW.getTime() + 61_000).toISOString(),
      left: '3:59',
    });
    expect(progressView(quizOf([truefalse('a', 'c', [])]), NOW).timer).toBeNull();
  });
});
