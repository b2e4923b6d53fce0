import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARDS, shownCard, startTestServer, type TestServer } from '../web/harness.ts';
import { launchChromium, watchProblems } from './chromium.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a card and a note holding <script> and <img onerror>', () => {
  it.each([
    `/review?show=${CARDS.untrusted}`,
    `/cards/${CARDS.untrusted}`,
    `/source/${CARDS.untrusted}`,
    '/cards?q=alert',
  ])('show as text and run nothing on %s', async (path) => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}${path}`);
    await page.waitForLoadState('load');
    expect(await page.locator('main').textContent()).toContain('<script>alert(1)</script>');
    if (!path.startsWith('/cards?')) {
      expect(await page.locator('main').textContent()).toContain('<img src=x onerror=alert(1)>');
    }
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(problems).toEqual({ dialogs: [], errors: [] });
    await page.close();
  });

  it('stay text when htmx swaps the note into the review page', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/review?show=${CARDS.untrusted}`);
    await page.locator('.source a').click();
    await page.locator('#note-source .notes').waitFor();
    expect(await page.locator('#note-source').textContent()).toContain(
      '<script>alert(1)</script> 和 <img src=x onerror=alert(1)>',
    );
    expect(page.url()).toBe(`${server.url}/review?show=${CARDS.untrusted}`);
    expect(problems).toEqual({ dialogs: [], errors: [] });
    await page.close();
  });
});

describe('with JavaScript off', () => {
  it('reviews through plain links and forms', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/review`);
    const first = await page.locator('#review-card').getAttribute('data-card');
    expect(await page.locator('#review-card .answer').isVisible()).toBe(false);
    await page.locator('a[data-reveal]').click();
    await page.waitForURL(`${server.url}/review?show=${first}`);
    expect(await page.locator('#review-card .answer').isVisible()).toBe(true);
    await page.locator('button.grade-3').click();
    await page.waitForURL(`${server.url}/review`);
    expect(await page.locator('#review-card').getAttribute('data-card')).not.toBe(first);
    expect(server.store.reviewsOf(first!)).toHaveLength(1);
    await page.locator('.undo button').click();
    await page.waitForURL(`${server.url}/review?card=${first}`);
    expect(server.store.reviewsOf(first!)).toHaveLength(0);

    await page.goto(`${server.url}/cards`);
    await page.locator('input[name="q"]').fill('容器');
    await page.locator('#browse-filters button').click();
    await page.waitForURL(/\/cards\?q=/);
    expect(await page.locator('#card-rows .row-link').count()).toBeGreaterThan(0);

    await page.goto(`${server.url}/settings`);
    await page.locator('input[name="newPerDay"]').fill('12');
    await page.locator('#settings-form button.primary').click();
    await page.waitForURL(`${server.url}/settings?saved=1`);
    expect(server.store.settings().newPerDay).toBe(12);
    await context.close();
  });
});

describe('on a phone-sized screen', () => {
  it.each(['/', '/review', '/cards', '/stats', '/settings'])(
    '%s fits the width without sideways scrolling',
    async (path) => {
      const page = await browser.newPage({
        viewport: { width: 375, height: 740 },
        isMobile: true,
        hasTouch: true,
      });
      await page.goto(`${server.url}${path}`);
      if (path === '/review' && shownCard(await page.content())) await page.keyboard.press('Space');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    },
  );
});
