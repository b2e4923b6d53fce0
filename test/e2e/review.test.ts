import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReviews } from '../../src/store/seed.ts';
import { CARDS, startTestServer, type TestServer } from '../web/harness.ts';
import { launchChromium, type PageProblems, watchProblems } from './chromium.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({
    settings: { newPerDay: 7 },
    // A year of history on the last six cards, so Stats has something to draw; the first seven stay new.
    seed: async (dataDir, deck, now) => {
      await seedReviews({ dataDir, cards: deck.cards.slice(7).map((card) => card.id), reviews: 420, now });
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function done(page: Page): Promise<number> {
  return Number(await page.locator('#review-progress progress').getAttribute('value'));
}

async function waitForDone(page: Page, value: number): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      Number(document.querySelector('#review-progress progress')?.getAttribute('value')) === expected,
    value,
  );
}

/**
 * Presses a key that sends a request swapping #review-card, and waits until the new card is in place
 * and the progress bar shows `expectedDone` (htmx may swap the bar and the card in either order).
 */
async function pressAndWaitForCard(page: Page, key: string, expectedDone: number): Promise<void> {
  await page.locator('#review-card').evaluate((element) => {
    (element as HTMLElement).dataset.replaced = 'no';
  });
  await page.keyboard.press(key);
  await page.waitForFunction(
    (expected) =>
      document.querySelector('#review-card:not([data-replaced])') !== null &&
      Number(document.querySelector('#review-progress progress')?.getAttribute('value')) === expected,
    expectedDone,
  );
}

async function shown(page: Page): Promise<string> {
  return (await page.locator('#review-card').getAttribute('data-card')) ?? '';
}

/** Space reveals, the key grades; resolves when the next card has been swapped in. */
async function revealAndGrade(page: Page, key: string): Promise<void> {
  await page.keyboard.press('Space');
  await expect.poll(() => page.locator('#review-card .answer').isVisible()).toBe(true);
  await pressAndWaitForCard(page, key, (await done(page)) + 1);
}

describe('a day of review in Chromium', () => {
  let page: Page;
  let problems: PageProblems;

  it('opens Today, starts a review, reveals with Space, grades 1–4, undoes with u, finishes', async () => {
    page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    problems = watchProblems(page);
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator('.count.q-new strong').textContent()).toBe('7');
    await page.locator('#start').click();
    await page.waitForURL(`${server.url}/review`);

    // Front only until Space.
    expect(await page.locator('#review-card .answer').isVisible()).toBe(false);
    const url = page.url();
    for (const key of ['1', '2', '3', '4']) await revealAndGrade(page, key);
    expect(page.url()).toBe(url); // each grade swapped the card in place, no page load
    expect(server.store.reviewsSince(new Date(2026, 2, 10, 4)).map((r) => r.rating)).toEqual([1, 2, 3, 4]);

    // u undoes the Easy: the card comes back, the review is gone.
    const easyCard = server.store.reviews().at(-1)?.cardId;
    await pressAndWaitForCard(page, 'u', 3);
    expect(await shown(page)).toBe(easyCard);
    await expect.poll(() => page.locator('#review-card .flash').textContent()).toContain('已撤销');
    expect(server.store.reviewsSince(new Date(2026, 2, 10, 4))).toHaveLength(3);

    // Good on everything until the session ends; photograph the command card with its code.
    for (let i = 0; i < 60 && (await shown(page)) !== ''; i++) {
      if (
        (await shown(page)) === CARDS.rmRedis &&
        !(await page.locator('#review-card .answer').isVisible())
      ) {
        await page.keyboard.press('Space');
        await page.screenshot({ path: 'docs/screenshots/review.png' });
      }
      await revealAndGrade(page, '3');
    }
    await expect.poll(() => page.locator('.summary h2').textContent()).toBe('本次复习完成');
    expect(await page.locator('.summary').textContent()).toMatch(/今天复习了 \d+ 张卡片/);
    expect(problems).toEqual({ dialogs: [], errors: [] });
  });

  it('opens Stats and sees the charts drawn with data', async () => {
    await page.goto(`${server.url}/stats`);
    const charts = page.locator('svg.plot');
    expect(await charts.count()).toBe(4);
    // The calendar has reviewed days (seeded history and today's session), the states chart counts.
    expect(await page.locator('svg.plot').first().locator('title').count()).toBeGreaterThan(100);
    expect(await page.locator('.chart').nth(3).textContent()).toMatch(/复习/);
    await page.screenshot({ path: 'docs/screenshots/stats.png', fullPage: true });
    expect(problems).toEqual({ dialogs: [], errors: [] });
  });

  it('finds a card in Browse by a Chinese word, updating the list as you type', async () => {
    await page.goto(`${server.url}/cards`);
    await page.locator('input[name="q"]').fill('虚悬');
    await page.waitForURL(`${server.url}/cards?q=${encodeURIComponent('虚悬')}`);
    const first = page.locator('#card-rows .row-link').first();
    await expect.poll(() => first.getAttribute('href')).toBe(`/cards/${CARDS.cloze}`);
    expect(await page.locator('#card-rows .row-link').count()).toBe(1);
    await first.click();
    await page.waitForURL(`${server.url}/cards/${CARDS.cloze}`);
    expect(await page.locator('.card-page').textContent()).toContain('虚悬镜像');
    expect(problems).toEqual({ dialogs: [], errors: [] });
  });
});

describe('keys and input methods', () => {
  it('does not reveal or grade while an input method is composing', async () => {
    const fresh = await startTestServer();
    const page = await browser.newPage();
    const problems = watchProblems(page);
    try {
      await page.goto(`${fresh.url}/review`);
      const hidden = await page.evaluate(() => {
        const send = (init: KeyboardEventInit) =>
          document.body.dispatchEvent(
            new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }),
          );
        send({ key: ' ', code: 'Space', isComposing: true });
        send({ key: 'Enter', code: 'Enter', isComposing: true });
        // keyCode 229: what Chrome reports for keys an IME has taken, with or without isComposing.
        send({ key: 'Process', code: 'Space', keyCode: 229 } as KeyboardEventInit);
        return document.querySelector<HTMLElement>('#review-card .answer')?.hidden;
      });
      expect(hidden).toBe(true);
      // The same Space without composition reveals; a composing 3 then grades nothing.
      await page.keyboard.press('Space');
      expect(await page.locator('#review-card .answer').isVisible()).toBe(true);
      await page.evaluate(() =>
        document.body.dispatchEvent(
          new KeyboardEvent('keydown', { key: '3', bubbles: true, isComposing: true }),
        ),
      );
      await page.waitForTimeout(300);
      expect(fresh.store.reviews()).toHaveLength(0);
      expect(problems).toEqual({ dialogs: [], errors: [] });
    } finally {
      await page.close();
      await fresh.close();
    }
  });

  it('grades once when a grade key is pressed twice in a row', async () => {
    const fresh = await startTestServer();
    const page = await browser.newPage();
    const statuses: number[] = [];
    page.on('response', (response) => {
      if (response.request().method() === 'POST') statuses.push(response.status());
    });
    try {
      await page.goto(`${fresh.url}/review`);
      await page.keyboard.press('Space');
      await page.keyboard.press('3');
      await page.keyboard.press('3');
      await waitForDone(page, 1);
      await page.waitForTimeout(300);
      expect(statuses).toEqual([200]);
      expect(fresh.store.reviews()).toHaveLength(1);
    } finally {
      await page.close();
      await fresh.close();
    }
  });
});
