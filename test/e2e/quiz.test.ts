import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lapsedCards } from '../../src/quiz/follow-up.ts';
import type { Question, Quiz } from '../../src/quiz/types.ts';
import { type QuizServer, startQuizServer } from '../quiz/quiz-server.ts';
import { launchChromium, watchProblems } from './chromium.ts';

let server: QuizServer;
let browser: Browser;

beforeAll(async () => {
  server = await startQuizServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function quizAt(page: Page): Quiz {
  const id = /\/quiz\/([a-z0-9]+)/.exec(page.url())?.[1] ?? '';
  const quiz = server.quizzes.get(id);
  if (!quiz) throw new Error(`no quiz at ${page.url()}`);
  return quiz;
}

async function shownIndex(page: Page): Promise<number> {
  return Number(await page.locator('#quiz-question').getAttribute('data-index'));
}

/** Answers the question on screen with the keyboard only: digits for choices, typing, letters in selects. */
async function answerWithKeys(page: Page, question: Question, right: boolean, photo?: string): Promise<void> {
  const { item } = question;
  switch (item.type) {
    case 'mcq': {
      const index = right ? item.answerIndex : (item.answerIndex + 1) % item.choices.length;
      await page.keyboard.press(String(index + 1));
      expect(await page.locator(`.choices input[value="${index}"]`).isChecked()).toBe(true);
      break;
    }
    case 'truefalse':
      await page.keyboard.press(item.answer === right ? '1' : '2');
      break;
    case 'typed':
      // The answer box has the focus as soon as the question is swapped in.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('text');
      await page.keyboard.type(right ? item.answer : '不记得了');
      break;
    case 'match': {
      const order = question.rightOrder ?? [];
      await page.locator('select[name="m0"]').focus();
      for (let i = 0; i < item.pairs.length; i++) {
        const position = right ? order.indexOf(i) : (order.indexOf(i) + 1) % order.length;
        await page.keyboard.press('ABCDEF'[position] ?? 'A');
        if (i < item.pairs.length - 1) await page.keyboard.press('Tab');
      }
      break;
    }
  }
  if (photo !== undefined) await page.screenshot({ path: photo, fullPage: true });
  await page.keyboard.press('Enter');
}

describe('an exam on one topic in Chromium', () => {
  it('sets up a 10-question exam, answers with the keyboard, sees the results, retries, and finds the misses in Today', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const problems = watchProblems(page);
    await page.goto(`${server.url}/`);
    const learningBefore = Number(await page.locator('.count.q-learning strong').textContent());
    await page.locator('nav a[href="/quiz"]').click();
    await page.waitForURL(`${server.url}/quiz`);
    await page.screenshot({ path: 'docs/screenshots/quiz-setup.png', fullPage: true });

    // One topic, ten questions, exam mode.
    await page.locator('.topic-tree label', { hasText: '使用镜像' }).first().locator('input').check();
    await page.locator('input[name="count"]').fill('10');
    await page.locator('input[name="mode"][value="exam"]').check();
    await page.locator('#quiz-setup button.primary').last().click();
    await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
    const quiz = quizAt(page);
    expect(quiz.questions).toHaveLength(10);
    expect(quiz.questions.every((q) => q.item.source.headingPath[1] === '使用镜像')).toBe(true);
    expect(await page.locator('#quiz-progress progress').getAttribute('max')).toBe('10');

    // Wrong on every third question, right on the rest.
    const plan = quiz.questions.map((_, i) => i % 3 !== 1);
    let photographed = false;
    for (const [i, question] of quiz.questions.entries()) {
      expect(await shownIndex(page)).toBe(i);
      const url = page.url();
      server.clock.advance(23_000); // time to think, so the results show a real duration
      // Photograph the matching question, answered and about to be submitted.
      const photo = question.item.type === 'match' ? 'docs/screenshots/quiz-question.png' : undefined;
      if (photo) photographed = true;
      await answerWithKeys(page, question, plan[i]!, photo);
      if (i < quiz.questions.length - 1) {
        await page.waitForSelector(`#quiz-question[data-index="${i + 1}"]`);
        expect(page.url()).toBe(url); // swapped in place, no page load
        expect(await page.locator('#quiz-question .verdict').count()).toBe(0); // exam: no feedback yet
      }
    }
    await page.waitForURL(/\/results$/);
    if (!photographed) throw new Error('the exam had no matching question to photograph');

    const finished = quizAt(page);
    expect(finished.answers.map((a) => a?.judgement.correct)).toEqual(plan);
    const wrong = plan.filter((ok) => !ok).length;
    const percent = Math.round(((10 - wrong) / 10) * 100);
    expect(await page.locator('#quiz-score').textContent()).toBe(`${percent}%`);
    expect(await page.locator('.results-head').textContent()).toContain(`答对 ${10 - wrong} / 10`);
    expect(await page.locator('.breakdown h2').allTextContents()).toEqual([
      '按主题（最弱的在前）',
      '按卡片类型',
      '按题型',
    ]);
    expect(await page.locator('.breakdown-table').first().locator('th').first().textContent()).toBe(
      'Docker › 使用镜像',
    );
    expect(await page.locator('.wrong-item').count()).toBe(wrong);
    expect(await page.locator('.wrong-item a[href^="/source/"]').count()).toBe(wrong);
    await page.screenshot({ path: 'docs/screenshots/quiz-results.png', fullPage: true });

    // Retry the wrong answers: a new quiz of exactly those questions.
    await page.locator('#quiz-retry').click();
    await page.waitForURL(
      (url) => /\/quiz\/[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith(finished.id),
    );
    const retry = quizAt(page);
    expect(retry.retryOf).toBe(finished.id);
    expect(retry.questions).toHaveLength(wrong);
    expect(await page.locator('#quiz-progress progress').getAttribute('max')).toBe(String(wrong));

    // The cards behind the missed questions are due now in daily review.
    const missed = lapsedCards(finished);
    expect(missed.length).toBeGreaterThan(0);
    await page.locator('nav a[href="/"]').click();
    await page.waitForURL(`${server.url}/`);
    expect(Number(await page.locator('.count.q-learning strong').textContent())).toBe(
      learningBefore + missed.length,
    );
    for (const cardId of missed)
      expect(server.store.getProgress(cardId)?.schedule.due).toEqual(server.clock.now());
    expect(problems).toEqual({ dialogs: [], errors: [] });
    await page.close();
  });
});

describe('practice mode, input methods and the countdown', () => {
  beforeEach(() => {
    // Each quiz a while after the last, as History would show them.
    server.clock.advance(47 * 60_000);
  });

  it('shows feedback after each answer and moves on with Enter', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/quiz`);
    await page.locator('input[name="count"]').fill('2');
    await page.locator('input[name="type"][value="typed"]').uncheck();
    await page.locator('input[name="type"][value="match"]').uncheck();
    await page.locator('#quiz-start').click();
    await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
    const quiz = quizAt(page);
    await answerWithKeys(page, quiz.questions[0]!, false);
    await page.waitForSelector('#quiz-question[data-view="feedback"]');
    expect(await page.locator('.verdict').getAttribute('class')).toContain('verdict-wrong');
    expect(await page.locator('.answer-facts').textContent()).toContain('正确答案');
    // The notes section opens in place.
    await page.locator('#quiz-question .source a').click();
    await page.waitForSelector('#note-source.note-source');
    await page.locator('[data-next]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#quiz-question[data-view="question"][data-index="1"]');
    await answerWithKeys(page, quiz.questions[1]!, true);
    await page.waitForSelector('#quiz-question[data-view="feedback"][data-index="1"]');
    expect(await page.locator('.verdict').getAttribute('class')).toContain('verdict-correct');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/results$/);
    expect(await page.locator('#quiz-score').textContent()).toBe('50%');
    expect(problems).toEqual({ dialogs: [], errors: [] });
    await page.close();
  });

  it('does not submit a typed answer while an input method is composing', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/quiz`);
    for (const type of ['mcq', 'truefalse', 'match'])
      await page.locator(`input[name="type"][value="${type}"]`).uncheck();
    await page.locator('input[name="count"]').fill('1');
    await page.locator('#quiz-start').click();
    await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
    const quiz = quizAt(page);
    await page.locator('input[name="text"]').fill('虚悬');
    await page.evaluate(() => {
      const input = document.querySelector('input[name="text"]');
      for (const init of [
        { key: 'Enter', code: 'Enter', isComposing: true },
        { key: 'Process', code: 'Enter', keyCode: 229 } as KeyboardEventInit,
      ]) {
        input?.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
      }
    });
    await page.waitForTimeout(300);
    expect(server.quizzes.get(quiz.id)?.answers[0]).toBeNull();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#quiz-question[data-view="feedback"]');
    expect(server.quizzes.get(quiz.id)?.answers[0]?.given).toEqual({ type: 'typed', text: '虚悬' });
    expect(problems).toEqual({ dialogs: [], errors: [] });
    await page.close();
  });

  it('counts down with the server clock and, at time-up, shows the results', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/quiz`);
    await page.locator('input[name="count"]').fill('3');
    await page.locator('select[name="minutes"]').selectOption('5');
    await page.locator('#quiz-start').click();
    await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
    const quiz = quizAt(page);
    await expect.poll(() => page.locator('#quiz-timer').textContent()).toMatch(/^4:5\d$/);
    // Time runs out: on the server, and for the page.
    server.clock.advance(5 * 60_000 + 2000);
    await page.evaluate(() => {
      const timer = document.getElementById('quiz-timer');
      if (timer) timer.dataset.deadline = new Date(Date.parse(timer.dataset.now ?? '') - 2000).toISOString();
    });
    await page.waitForURL(/\/results$/);
    expect(server.quizzes.get(quiz.id)?.endReason).toBe('timeout');
    expect(await page.locator('.results-head').textContent()).toContain('时间到');
    expect(problems).toEqual({ dialogs: [], errors: [] });
    await page.close();
  });

  it('works as plain forms with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/quiz`);
    await page.locator('input[name="count"]').fill('1');
    for (const type of ['typed', 'truefalse', 'match'])
      await page.locator(`input[name="type"][value="${type}"]`).uncheck();
    await page.locator('#quiz-start').click();
    await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
    const quiz = quizAt(page);
    const item = quiz.questions[0]!.item;
    if (item.type !== 'mcq') throw new Error('expected a multiple-choice question');
    await page.locator(`.choices input[value="${item.answerIndex}"]`).check();
    await page.locator('button[data-submit]').click();
    await page.waitForURL(/\?feedback=0$/);
    expect(await page.locator('.verdict').getAttribute('class')).toContain('verdict-correct');
    await page.locator('[data-next]').click();
    await page.waitForURL(/\/results$/);
    expect(await page.locator('#quiz-score').textContent()).toBe('100%');
    await context.close();
  });
});

describe('on a phone', () => {
  it('fits the setup, a matching question, its feedback and the results in 375 pixels', async () => {
    const page = await browser.newPage({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(`${server.url}/quiz`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    for (const type of ['mcq', 'truefalse', 'typed'])
      await page.locator(`input[name="type"][value="${type}"]`).uncheck();
    await page.locator('#quiz-start').click();
    await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
    expect(await page.locator('select[name="m0"]').count()).toBe(1);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // Each item to match gets the whole width, its select below it, so a command is not cut mid-word.
    const rows = await page.locator('table.match tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const label = tr.querySelector('th')?.getBoundingClientRect();
        const select = tr.querySelector('select')?.getBoundingClientRect();
        const table = tr.closest('table')?.getBoundingClientRect();
        return {
          label: label?.width ?? 0,
          labelBottom: label?.bottom ?? 0,
          selectTop: select?.top ?? 0,
          table: table?.width ?? 1,
        };
      }),
    );
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row.label / row.table).toBeGreaterThan(0.9);
      expect(row.selectTop).toBeGreaterThanOrEqual(row.labelBottom - 1);
    }
    await page.locator('button[data-submit]').click();
    await page.waitForSelector('#quiz-question[data-view="feedback"]');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.locator('[data-next]').click();
    await page.waitForURL(/\/results$/);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.close();
  });
});

describe('History', () => {
  it('charts the scores of the quizzes taken and the mastery of each topic', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const problems = watchProblems(page);
    await page.goto(`${server.url}/quiz`);
    await page.locator('a[href="/quiz/history"]').click();
    await page.waitForURL(`${server.url}/quiz/history`);
    const finished = server.quizzes.list().filter((q) => q.finishedAt !== null).length;
    expect(finished).toBeGreaterThanOrEqual(5);
    expect(await page.locator('.quiz-history tbody tr').count()).toBe(finished);
    expect(await page.locator('svg.plot').count()).toBe(2);
    expect(await page.locator('svg.plot').first().locator('circle').count()).toBe(finished);
    expect(await page.locator('svg.plot').nth(1).textContent()).toContain('Docker › 使用镜像');
    await page.screenshot({ path: 'docs/screenshots/quiz-history.png', fullPage: true });
    expect(problems).toEqual({ dialogs: [], errors: [] });
    await page.close();
  });

  it('keeps the list of quizzes readable on a phone: no word cut across lines', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${server.url}/quiz/history`);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    // Lines a cell's text takes, for cells holding one word (练习, 查看结果): one each.
    const lines = await page.locator('.quiz-history td').evaluateAll((cells) =>
      cells
        .filter((cell) => !/\s/.test(cell.textContent?.trim() ?? ' '))
        .map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          const tops = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
          return { text: cell.textContent?.trim(), lines: tops.size };
        }),
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((cell) => cell.lines !== 1)).toEqual([]);
    await page.close();
  });
});
