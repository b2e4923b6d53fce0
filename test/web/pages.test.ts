import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARDS, shownCard, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/** Grades cards at past moments through the app itself, one study day each. */
async function studyOnDays(days: number[]) {
  const tab = server.client();
  const today = server.clock.now();
  for (const daysAgo of days) {
    server.clock.set(new Date(today.getFullYear(), today.getMonth(), today.getDate() - daysAgo, 10));
    const page = await tab.get('/review');
    const cardId = shownCard(page.text)!;
    await tab.post(`/review/${cardId}/grade`, {
      rating: '4',
      reps: /name="reps" value="(\d+)"/.exec(page.text)![1]!,
    });
  }
  server.clock.set(today);
  return tab;
}

describe('GET / (Today)', () => {
  it('counts new, learning and due cards, per deck and per topic, and offers to start', async () => {
    const page = await server.client().get('/');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<div class="count q-new"><strong>13<\/strong>/);
    expect(page.text).toContain('<a class="button primary big" href="/review" id="start">开始复习</a>');
    expect(page.text).toMatch(/>Docker<\/a><\/th><td class="q-new">13<\/td>/);
    expect(page.text).toMatch(/>Docker › 基本概念<\/a><\/th><td class="q-new">4<\/td>/);
    expect(page.text).toContain('还没有连续学习记录');
    expect(page.text).toContain('<svg');
  });

  it('shows today’s progress and the streak of study days', async () => {
    const tab = await studyOnDays([2, 1, 0]);
    const page = await tab.get('/');
    expect(page.text).toContain('今天已复习 1 张');
    expect(page.text).toContain('连续学习 3 天');
    expect(page.text).toMatch(/<div class="count q-new"><strong>10<\/strong>/);
  });

  it('limits today’s new cards to the setting', async () => {
    await server.store.saveSettings({ ...server.store.settings(), newPerDay: 5 });
    const page = await server.client().get('/');
    expect(page.text).toMatch(/<div class="count q-new"><strong>5<\/strong>/);
  });

  it('says there is nothing to do when the day is done', async () => {
    await server.store.saveSettings({ ...server.store.settings(), newPerDay: 0 });
    const page = await server.client().get('/');
    expect(page.text).toContain('现在没有要复习的卡片');
    expect(page.text).not.toContain('id="start"');
  });
});

describe('GET /stats', () => {
  it('draws four SVG charts with Plot, without inline styles the CSP would block', async () => {
    const tab = await studyOnDays([40, 20, 9, 8, 1]);
    // Due reviews graded again give the retention chart its points.
    const page = await tab.get('/stats');
    expect(page.status).toBe(200);
    const svgs = page.text.match(/<svg[^>]*class="plot"/g) ?? [];
    expect(svgs.length).toBe(4 - (page.text.includes('<p class="empty">') ? 1 : 0));
    expect(page.text).not.toMatch(/<style|style="/);
    expect(page.text).toContain('共 5 次复习');
    // the calendar has a cell with a tooltip for a day with reviews
    expect(page.text).toMatch(/<title>\d{4}-\d{2}-\d{2}: 1 次复习<\/title>/);
  });

  it('shows true retention per week once review-state cards were graded', async () => {
    const tab = server.client();
    const today = server.clock.now();
    await tab.get('/settings');
    // Easy puts the card in review; graded again when due, it passes once, then fails once.
    server.clock.set(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 90, 10));
    for (const rating of ['4', '3', '1']) {
      const progress = server.store.getProgress(CARDS.image);
      if (progress) server.clock.set(new Date(progress.schedule.due.getTime() + 3_600_000));
      const reply = await tab.post(`/review/${CARDS.image}/grade`, {
        rating,
        reps: String(progress?.schedule.reps ?? 0),
      });
      expect(reply.status).toBe(303);
    }
    expect(server.clock.now().getTime()).toBeLessThan(today.getTime());
    server.clock.set(today);
    const page = await tab.get('/stats');
    expect(page.text).not.toContain('还没有复习记录');
    expect(page.text).toMatch(/<title>\d{4}-\d{2}-\d{2}: 1\/1<\/title>/);
    expect(page.text).toMatch(/<title>\d{4}-\d{2}-\d{2}: 0\/1<\/title>/);
  });

  it('says why retention is empty when only new or learning cards were graded, not that nothing was', async () => {
    const tab = server.client();
    await tab.get('/settings');
    const reply = await tab.post(`/review/${CARDS.image}/grade`, { rating: '3', reps: '0' });
    expect(reply.status).toBe(303);
    const page = await tab.get('/stats');
    expect(page.text).toContain('共 1 次复习');
    expect(page.text).not.toContain('还没有复习记录');
    expect(page.text).toContain('保持率只统计已学会的卡片到期时的评分');
  });

  it('draws the charts with no reviews at all', async () => {
    const page = await server.client().get('/stats');
    expect(page.status).toBe(200);
    expect(page.text).toContain('还没有复习记录');
    expect(page.text).toContain('共 0 次复习');
  });
});
