import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Question, Quiz } from '../../src/quiz/types.ts';
import { grade, newSchedule } from '../../src/review/scheduler.ts';
import { type QuizServer, startQuizServer } from '../quiz/quiz-server.ts';
import type { TestClient } from './harness.ts';

let server: QuizServer;
beforeEach(async () => {
  server = await startQuizServer();
});
afterEach(async () => {
  await server.close();
});

const IMAGES = 'Docker/Docker/%E4%BD%BF%E7%94%A8%E9%95%9C%E5%83%8F'; // Docker › 使用镜像

/** Starts a quiz through the setup form and returns its id. */
async function start(tab: TestClient, form: Record<string, string> = {}): Promise<string> {
  await tab.get('/quiz');
  const reply = await tab.post('/quiz', form);
  expect(reply.status).toBe(303);
  const id = /^\/quiz\/([a-z0-9]+)$/.exec(reply.headers.get('location') ?? '')?.[1];
  expect(id).toBeDefined();
  return id!;
}

function quiz(id: string): Quiz {
  const found = server.quizzes.get(id);
  if (!found) throw new Error(`no quiz ${id}`);
  return found;
}

/** The form fields of a right (or wrong) answer to a question. */
function answerFields(question: Question, right: boolean): Record<string, string> {
  const { item } = question;
  switch (item.type) {
    case 'mcq':
      return { choice: String(right ? item.answerIndex : (item.answerIndex + 1) % item.choices.length) };
    case 'truefalse':
      return { value: String(right ? item.answer : !item.answer) };
    case 'typed':
      return { text: right ? item.answer : 'docker 不知道' };
    case 'match': {
      const order = question.rightOrder ?? [];
      const fields: Record<string, string> = {};
      item.pairs.forEach((_, i) => {
        const position = order.indexOf(i);
        fields[`m${i}`] = String(right ? position : (position + 1) % order.length);
      });
      return fields;
    }
  }
}

async function answer(tab: TestClient, id: string, index: number, right: boolean, partial = false) {
  const question = quiz(id).questions[index]!;
  const form = { index: String(index), ...answerFields(question, right) };
  return partial ? tab.postPartial(`/quiz/${id}/answer`, form) : tab.post(`/quiz/${id}/answer`, form);
}

function shownIndex(html: string): string | undefined {
  return /id="quiz-question"[^>]*data-index="([^"]*)"/.exec(html)?.[1];
}

function shownView(html: string): string | undefined {
  return /id="quiz-question"[^>]*data-view="([^"]*)"/.exec(html)?.[1];
}

describe('GET /quiz: setup', () => {
  it('offers the topic tree with counts, the types, time limits and modes, with defaults', async () => {
    const page = await server.client().get('/quiz');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="/quiz" aria-current="page">测验</a>');
    expect(page.text).toContain(`value="${IMAGES}"> <span>使用镜像</span> <small class="muted">14</small>`);
    expect(page.text).toContain('不勾选则从全部 30 道题中抽取');
    // Unchecking every type gives every type, as no topic gives every topic: the form says so.
    expect(page.text).toContain('不勾选则包括全部题型');
    expect(page.text).toMatch(/name="type" value="match" checked> 配对题 <small class="muted">1<\/small>/);
    expect(page.text).toContain('<option value="none" selected>不限时</option>');
    expect(page.text).toContain('name="mode" value="practice" checked');
    expect(page.text).toContain('name="count" value="20"');
  });
});

describe('POST /quiz: start', () => {
  it('starts a 20-question practice quiz from one click, persisted in its own file', async () => {
    const tab = server.client();
    const id = await start(tab);
    const started = quiz(id);
    expect(started.questions).toHaveLength(20);
    expect(started.setup).toMatchObject({ mode: 'practice', timeLimitMinutes: null, scopes: [] });
    expect(new Set(started.questions.map((q) => q.item.id)).size).toBe(20);
    const file = JSON.parse(await readFile(join(server.dataDir, 'quizzes', `${id}.json`), 'utf8'));
    expect(file.quiz.questions).toHaveLength(20);

    const page = await tab.get(`/quiz/${id}`);
    expect(page.status).toBe(200);
    expect(shownIndex(page.text)).toBe('0');
    expect(page.text).toContain('<progress value="0" max="20">');
    expect(page.text).toContain('第 1 题，共 20 题');
  });

  it('draws from the chosen topic and types only, and the same seed gives the same quiz', async () => {
    const tab = server.client();
    const form = { scope: IMAGES, count: '6', type: 'typed', mode: 'exam', seed: 'pinned' };
    const a = quiz(await start(tab, form));
    const b = quiz(await start(tab, form));
    expect(a.questions.length).toBe(5); // the topic has five typed items
    expect(
      a.questions.every((q) => q.item.type === 'typed' && q.item.source.headingPath[1] === '使用镜像'),
    ).toBe(true);
    expect(b.questions.map((q) => q.item.id)).toEqual(a.questions.map((q) => q.item.id));
    expect(a.id).not.toBe(b.id);
  });

  it('refuses a setup nothing matches, an unknown topic and values out of range', async () => {
    const tab = server.client();
    await tab.get('/quiz');
    const none = await tab.post('/quiz', {
      scope: 'Docker/Docker/%E4%B8%8D%E5%8F%AF%E4%BF%A1%E7%9A%84%E7%AC%94%E8%AE%B0',
      type: 'match',
    });
    expect(none.status).toBe(422);
    expect(none.text).toContain('没有符合这些主题和题型的题目');
    expect((await tab.post('/quiz', { count: '0' })).status).toBe(400);
    expect((await tab.post('/quiz', { type: 'essay' })).status).toBe(400);
    expect((await tab.post('/quiz', { scope: '%E4%ZZ' })).status).toBe(400);
    expect((await tab.post('/quiz', { minutes: '-5' })).status).toBe(400);
    expect(server.quizzes.list()).toHaveLength(0);
  });

  it('reads a cleared question count as the default, and shows the form again with a message for a bad one', async () => {
    const tab = server.client();
    const id = await start(tab, { count: '' });
    expect(quiz(id).questions).toHaveLength(20);
    const bad = await tab.post('/quiz', { count: '0' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="quiz-setup"');
    expect(bad.text).toContain('题目数量是 1 到 200 之间的整数');
    expect(bad.text).not.toContain('out of range');
  });

  it('needs the CSRF token', async () => {
    const tab = server.client();
    await tab.get('/quiz');
    expect((await tab.post('/quiz', { _csrf: 'forged' })).status).toBe(403);
    expect(server.quizzes.list()).toHaveLength(0);
  });
});

describe('answering', () => {
  it('practice: swaps in the feedback with the explanation and a notes link, then the next question', async () => {
    const tab = server.client();
    const id = await start(tab, { count: '3', seed: 'p' });
    await tab.get(`/quiz/${id}`);
    const reply = await answer(tab, id, 0, false, true);
    expect(reply.status).toBe(200);
    expect(reply.text.startsWith('<section id="quiz-question"')).toBe(true);
    expect(shownView(reply.text)).toBe('feedback');
    expect(reply.text).toContain('class="verdict verdict-wrong"');
    expect(reply.text).toContain('正确答案');
    const cardId = quiz(id).questions[0]!.item.cardId;
    expect(reply.text).toContain(`href="/source/${cardId}"`);
    expect(reply.text).toContain(
      '<div id="quiz-progress" class="progress quiz-progress" hx-swap-oob="true">',
    );
    expect(reply.text).toContain('<progress value="1" max="3">');
    expect(reply.headers.get('vary')).toMatch(/HX-Request-Type/i);

    // Reload and another tab continue at the same place: the feedback of question 1.
    expect(shownView((await tab.get(`/quiz/${id}`)).text)).toBe('feedback');
    expect(shownView((await server.client().get(`/quiz/${id}`)).text)).toBe('feedback');

    const next = await tab.postPartial(`/quiz/${id}/next`, { index: '0' });
    expect(shownView(next.text)).toBe('question');
    expect(shownIndex(next.text)).toBe('1');
    // A second Next for the same question does not skip one.
    expect(shownIndex((await tab.postPartial(`/quiz/${id}/next`, { index: '0' })).text)).toBe('1');
  });

  it('practice without JavaScript: redirects to the feedback, which stays after a reload', async () => {
    const tab = server.client();
    const id = await start(tab, { count: '2', seed: 'nojs' });
    await tab.get(`/quiz/${id}`);
    const reply = await answer(tab, id, 0, true);
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe(`/quiz/${id}?feedback=0`);
    const page = await tab.get(`/quiz/${id}?feedback=0`);
    expect(page.text).toContain('verdict-correct');
    expect((await tab.post(`/quiz/${id}/next`, { index: '0' })).headers.get('location')).toBe(`/quiz/${id}`);
    await answer(tab, id, 1, true);
    // The last feedback is still shown before the results.
    const last = await tab.get(`/quiz/${id}?feedback=1`);
    expect(last.text).toContain(`href="/quiz/${id}/results" data-next`);
    expect((await tab.get(`/quiz/${id}`)).headers.get('location')).toBe(`/quiz/${id}/results`);
  });

  it('records a double submit once and says why, showing where the quiz is now', async () => {
    const tab = server.client();
    const id = await start(tab, { count: '3', mode: 'exam', seed: 'dbl' });
    await tab.get(`/quiz/${id}`);
    const [a, b] = await Promise.all([answer(tab, id, 0, true, true), answer(tab, id, 0, false, true)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.text).toContain('这道题已经答过了');
    expect(shownIndex(refused.text)).toBe('1');
    const stored = quiz(id);
    expect(stored.answers.filter((x) => x !== null)).toHaveLength(1);
    const firstWasRight = a.status === 200;
    expect(stored.answers[0]?.judgement.correct).toBe(firstWasRight);

    // The tab, still showing question 1, submits it again later: refused, nothing changes.
    const again = await answer(tab, id, 0, !firstWasRight);
    expect(again.status).toBe(409);
    expect(quiz(id).answers[0]).toEqual(stored.answers[0]);
    // Answering ahead is refused too.
    const ahead = await answer(tab, id, 2, true, true);
    expect(ahead.status).toBe(409);
    expect(ahead.text).toContain('这不是当前的题目');
  });

  it('judges typed answers fairly: an alternative counts, a typo is a near miss', async () => {
    const tab = server.client();
    const id = await start(tab, {
      scope: `${IMAGES}/%E5%88%97%E5%87%BA%E9%95%9C%E5%83%8F`,
      type: 'typed',
      count: '3',
      seed: 't',
    });
    await tab.get(`/quiz/${id}`);
    const indexOf = (itemId: string) => quiz(id).questions.findIndex((q) => q.item.id === itemId);
    const byIndex = quiz(id).questions.map((q) => q.item.id);
    expect([...byIndex].sort()).toEqual([
      'c4e5c7d9f1a3-typed-0',
      'c7b8f0a2c4d6-typed-1',
      'c7b8f0a2c4d6-typed-2',
    ]);
    const replies: Record<string, string> = {};
    for (let i = 0; i < 3; i++) {
      const itemId = byIndex[i]!;
      const text =
        itemId === 'c4e5c7d9f1a3-typed-0'
          ? 'Docker  Images'
          : itemId === 'c7b8f0a2c4d6-typed-1'
            ? '虚悬 镜象'
            : 'docker image prune。';
      replies[itemId] = (await tab.postPartial(`/quiz/${id}/answer`, { index: String(i), text })).text;
      await tab.postPartial(`/quiz/${id}/next`, { index: String(i) });
    }
    expect(replies['c4e5c7d9f1a3-typed-0']).toContain('verdict-correct');
    expect(replies['c7b8f0a2c4d6-typed-2']).toContain('verdict-correct');
    expect(replies['c7b8f0a2c4d6-typed-1']).toContain('verdict-near');
    expect(replies['c7b8f0a2c4d6-typed-1']).toContain(
      '<strong>差一点——只错了一个字。</strong> 正确答案是 虚悬镜像。',
    );
    expect(quiz(id).answers[indexOf('c7b8f0a2c4d6-typed-1')]?.judgement.correct).toBe(false);
  });

  it('says why a typed answer right but for the case of a short flag is wrong', async () => {
    const tab = server.client();
    const id = await start(tab, { type: 'typed', count: '20', mode: 'exam', seed: 'flags' });
    await tab.get(`/quiz/${id}`);
    const questions = quiz(id).questions;
    const flag = questions.findIndex((q) => q.item.type === 'typed' && q.item.answer === '-d');
    const image = questions.findIndex((q) => q.item.type === 'typed' && q.item.answer === 'docker image ls');
    expect(flag).toBeGreaterThanOrEqual(0);
    expect(image).toBeGreaterThanOrEqual(0);
    const texts = new Map([
      [flag, '-D'],
      [image, 'DOCKER IMAGE LS'],
    ]);
    for (let i = 0; i < questions.length; i++) {
      await tab.post(`/quiz/${id}/answer`, { index: String(i), text: texts.get(i) ?? '不知道' });
    }
    expect(quiz(id).answers[flag]?.judgement.verdict).toBe('wrong');
    expect(quiz(id).answers[image]?.judgement.verdict).toBe('correct');
    const results = await tab.get(`/quiz/${id}/results`);
    const items = results.text.split('class="panel wrong-item"').slice(1);
    const hint = '短参数区分大小写';
    const flagItem = items.find((html) => html.includes('<code>-D</code>'));
    expect(flagItem).toContain(hint);
    // Only where case is what made it wrong.
    expect(items.filter((html) => html.includes(hint))).toHaveLength(1);
  });

  it('lists each accepted alternative apart, so answers with spaces do not run together', async () => {
    const tab = server.client();
    const id = await start(tab, { type: 'typed', count: '20', mode: 'exam', seed: 'alts' });
    await tab.get(`/quiz/${id}`);
    const questions = quiz(id).questions;
    for (let i = 0; i < questions.length; i++) {
      await tab.post(`/quiz/${id}/answer`, { index: String(i), text: '不知道' });
    }
    const results = await tab.get(`/quiz/${id}/results`);
    const item = results.text
      .split('class="panel wrong-item"')
      .find((html) => html.includes('<code>docker image ls</code>'));
    expect(item).toMatch(/<ul class="alternatives">\s*<li><code>docker images<\/code><\/li>\s*<\/ul>/);
  });

  it('answers a matching question with one select per item', async () => {
    const tab = server.client();
    const id = await start(tab, { type: 'match', seed: 'm' });
    const page = await tab.get(`/quiz/${id}`);
    expect(page.text).toContain('<select name="m0">');
    expect(page.text).toContain('<select name="m2">');
    expect(page.text).toMatch(/<option value="0">A · /);
    const reply = await answer(tab, id, 0, true, true);
    expect(reply.text).toContain('verdict-correct');
    expect(reply.text).toContain('配对正确 3 / 3');
  });

  it('continues the same quiz after a server restart', async () => {
    const tab = server.client();
    const id = await start(tab, { count: '4', mode: 'exam', seed: 'r' });
    await tab.get(`/quiz/${id}`);
    await answer(tab, id, 0, true);
    await answer(tab, id, 1, false);
    const before = quiz(id);
    server = await server.restart();
    expect(server.quizzes.get(id)).toEqual(before);
    const page = await server.client().get(`/quiz/${id}`);
    expect(shownIndex(page.text)).toBe('2');
    expect(page.text).toContain('<progress value="2" max="4">');
  });

  it('answers 404 for an unknown quiz and 400 for a question it does not have', async () => {
    const tab = server.client();
    expect((await tab.get('/quiz/nosuchquiz')).status).toBe(404);
    const id = await start(tab, { count: '2', seed: 'x' });
    await tab.get(`/quiz/${id}`);
    expect((await tab.post(`/quiz/${id}/answer`, { index: '7', choice: '0' })).status).toBe(400);
    expect((await tab.post(`/quiz/${id}/answer`, { index: 'x' })).status).toBe(400);
  });
});

describe('time limit', () => {
  it('ends the quiz when time is up: a late answer is refused and says why, the rest count as wrong', async () => {
    const tab = server.client();
    const id = await start(tab, { count: '4', minutes: '5', mode: 'exam', seed: 'late' });
    const page = await tab.get(`/quiz/${id}`);
    expect(page.text).toMatch(
      /<span id="quiz-timer" role="timer" data-deadline="[^"]+" data-now="[^"]+" data-results="\/quiz\/[a-z0-9]+\/results">5:00<\/span>/,
    );
    await answer(tab, id, 0, true);
    server.clock.advance(5 * 60_000 + 1000);
    const late = await answer(tab, id, 1, true);
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toBe(`/quiz/${id}/results?notice=time-up`);
    const stored = quiz(id);
    expect(stored.endReason).toBe('timeout');
    expect(stored.answers.map((a) => a?.judgement.verdict)).toEqual([
      'correct',
      'unanswered',
      'unanswered',
      'unanswered',
    ]);
    const results = await tab.get(late.headers.get('location')!);
    expect(results.text).toContain('答案提交时已经超时，没有记录。');
    expect(results.text).toContain('答对 1 / 4');
    expect(results.text).toContain('时间到');
    expect(results.text).toContain('5:00'); // time taken: the whole limit
    // An htmx request gets a client-side redirect instead.
    const htmx = await answer(tab, id, 1, true, true);
    expect(htmx.status).toBe(204);
    expect(htmx.headers.get('hx-redirect')).toBe(`/quiz/${id}/results?notice=time-up`);
  });

  it('ends a quiz left open past its deadline at the next look', async () => {
    const tab = server.client();
    const id = await start(tab, { count: '3', minutes: '5', seed: 'idle' });
    server.clock.advance(10 * 60_000);
    const reply = await tab.get(`/quiz/${id}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe(`/quiz/${id}/results`);
    expect(quiz(id).finishedAt).toEqual(quiz(id).deadline);
  });
});

describe('results, review and retry', () => {
  async function finishExam(tab: TestClient, pattern: boolean[]): Promise<string> {
    const id = await start(tab, { scope: IMAGES, count: String(pattern.length), mode: 'exam', seed: 'exam' });
    await tab.get(`/quiz/${id}`);
    for (const [i, right] of pattern.entries()) {
      const reply = await answer(tab, id, i, right);
      expect(reply.status).toBe(303);
      expect(reply.headers.get('location')).toBe(
        i === pattern.length - 1 ? `/quiz/${id}/results` : `/quiz/${id}`,
      );
    }
    return id;
  }

  it('shows the score, breakdowns weakest first, time, and each wrong answer with the right one', async () => {
    const tab = server.client();
    const id = await finishExam(tab, [true, false, true, false, true, true]);
    const page = await tab.get(`/quiz/${id}/results`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<strong id="quiz-score">67%</strong>');
    expect(page.text).toContain('答对 4 / 6');
    expect(page.text).toContain('按主题（最弱的在前）');
    expect(page.text).toContain('<th scope="row">Docker › 使用镜像</th>');
    expect(page.text).toContain('需要复习的 2 道题');
    const wrong = quiz(id).questions.filter((_, i) => i === 1 || i === 3);
    for (const q of wrong) expect(page.text).toContain(`href="/source/${q.item.cardId}"`);
    expect((page.text.match(/class="panel wrong-item"/g) ?? []).length).toBe(2);
    // Kinds weakest first: the first kind row has the lowest share.
    const kinds = [...page.text.matchAll(/<td>(\d+)\/(\d+)<\/td><td>(\d+)%<\/td>/g)].map((m) => Number(m[3]));
    expect(kinds.length).toBeGreaterThan(2);
  });

  it('makes the cards behind missed questions due now with a lapse, once, and Today shows them', async () => {
    const tab = server.client();
    const todayBefore = await tab.get('/');
    const learningBefore = Number(/class="count q-learning"><strong>(\d+)</.exec(todayBefore.text)?.[1]);
    const id = await finishExam(tab, [false, true, false, true, true, true]);
    const missed = [
      ...new Set(
        quiz(id)
          .answers.filter((a) => !a?.judgement.correct)
          .flatMap((a) => a!.judgement.missedCards),
      ),
    ];
    expect(missed.length).toBeGreaterThan(0);
    const now = server.clock.now();
    for (const cardId of missed) {
      const progress = server.store.getProgress(cardId);
      expect(progress?.schedule.due).toEqual(now);
      expect(progress?.schedule.state).toBe(1); // a new card lapsed: learning, due now
      expect(server.store.reviewsOf(cardId).map((r) => [r.origin, r.rating])).toEqual([['quiz', 1]]);
    }
    expect(quiz(id).lapsesRecorded).toBe(true);
    // Looking at the results again records nothing more.
    const results = await tab.get(`/quiz/${id}/results`);
    expect(results.text).toContain(`${missed.length} 张卡片已加入今天的复习`);
    expect(server.store.reviews()).toHaveLength(missed.length);
    const today = await tab.get('/');
    expect(Number(/class="count q-learning"><strong>(\d+)</.exec(today.text)?.[1])).toBe(
      learningBefore + missed.length,
    );
  });

  it('lapses a card in review: relearning, one more lapse, due now', async () => {
    const tab = server.client();
    const id = await start(tab, { scope: IMAGES, count: '1', type: 'typed', mode: 'exam', seed: 'rev' });
    const cardId = quiz(id).questions[0]!.item.cardId;
    // The card was learnt in daily review: Easy on a new card makes it a review card due in days.
    const now = server.clock.now();
    const before = newSchedule(now);
    await server.store.recordGrade({
      cardId,
      rating: 4,
      reviewedAt: now,
      origin: 'review',
      expectedReps: 0,
      before,
      after: grade(before, 4, now, server.store.settings()),
    });
    expect(server.store.getProgress(cardId)?.schedule.state).toBe(2);
    server.clock.advance(60_000);
    await tab.get(`/quiz/${id}`);
    await answer(tab, id, 0, false);
    const lapsed = server.store.getProgress(cardId)!.schedule;
    expect(lapsed).toMatchObject({ state: 3, lapses: 1, due: server.clock.now() });
    expect(server.store.reviewsOf(cardId).map((r) => r.origin)).toEqual(['review', 'quiz']);
  });

  it('retries the wrong answers as a new quiz of exactly those questions', async () => {
    const tab = server.client();
    const id = await finishExam(tab, [true, false, true, false, false, true]);
    const missed = quiz(id)
      .questions.filter((_, i) => [1, 3, 4].includes(i))
      .map((q) => q.item.id);
    await tab.get(`/quiz/${id}/results`);
    const reply = await tab.post(`/quiz/${id}/retry`);
    expect(reply.status).toBe(303);
    const retryId = /^\/quiz\/([a-z0-9]+)$/.exec(reply.headers.get('location') ?? '')?.[1] ?? '';
    const retry = quiz(retryId);
    expect(retry.retryOf).toBe(id);
    expect(retry.setup.mode).toBe('exam');
    expect(retry.questions.map((q) => q.item.id).sort()).toEqual([...missed].sort());
    const page = await tab.get(`/quiz/${retryId}`);
    expect(page.text).toContain('<progress value="0" max="3">');
    // An all-right quiz has nothing to retry.
    const perfect = await finishExam(tab, [true]);
    const refused = await tab.post(`/quiz/${perfect}/retry`);
    expect(refused.status).toBe(400);
    expect(server.quizzes.list()).toHaveLength(3);
  });

  it('ends a quiz on request, the rest unanswered, without lapsing unseen cards', async () => {
    const tab = server.client();
    const id = await start(tab, { count: '5', mode: 'exam', seed: 'end' });
    await tab.get(`/quiz/${id}`);
    await answer(tab, id, 0, false);
    const reply = await tab.post(`/quiz/${id}/end`);
    expect(reply.headers.get('location')).toBe(`/quiz/${id}/results`);
    expect(quiz(id).endReason).toBe('ended');
    const seen = quiz(id).answers[0]!.judgement.missedCards;
    expect(new Set(server.store.reviews().map((r) => r.cardId))).toEqual(new Set(seen));
    const page = await tab.get(`/quiz/${id}/results`);
    expect(page.text).toContain('提前结束');
    expect(page.text).toContain('需要复习的 5 道题');
  });

  it('redirects the results of a quiz still running back to it', async () => {
    const tab = server.client();
    const id = await start(tab, { count: '2', seed: 'run' });
    const reply = await tab.get(`/quiz/${id}/results`);
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe(`/quiz/${id}`);
  });
});

describe('GET /quiz/history', () => {
  it('says so when nothing is finished yet', async () => {
    const page = await server.client().get('/quiz/history');
    expect(page.status).toBe(200);
    expect(page.text).toContain('还没有完成的测验');
    expect(page.text).not.toContain('<svg');
  });

  it('lists finished quizzes with a chart of scores and a per-topic mastery chart', async () => {
    const tab = server.client();
    for (const [seed, right] of [
      ['h1', false],
      ['h2', true],
    ] as const) {
      const id = await start(tab, { count: '3', mode: 'exam', seed });
      await tab.get(`/quiz/${id}`);
      for (let i = 0; i < 3; i++) await answer(tab, id, i, right);
      server.clock.advance(3_600_000);
    }
    const page = await tab.get('/quiz/history');
    expect((page.text.match(/<svg[^>]*class="plot"/g) ?? []).length).toBe(2);
    expect(page.text).toContain('历次得分');
    expect(page.text).toContain('各主题掌握程度');
    expect(page.text).not.toMatch(/<style/);
    const rows = [
      ...page.text.matchAll(/<td>(\d+)% <span class="muted">\((\d+)\/(\d+)\)<\/span><\/td>/g),
    ].map((m) => m[1]);
    expect(rows).toEqual(['100', '0']); // newest first
    // The mastery chart labels each topic with its share.
    expect(page.text).toMatch(/<text[^>]*>\d+% \(\d+\/\d+\)<\/text>/);
  });
});
