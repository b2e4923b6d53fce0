import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARDS, shownCard, shownReps, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('GET /review', () => {
  it('shows the first new card in note order, front only, with four grade buttons and their intervals', async () => {
    const tab = server.client();
    const page = await tab.get('/review');
    expect(page.status).toBe(200);
    expect(shownCard(page.text)).toBe(server.deck.cards[0]?.id);
    expect(page.text).toMatch(/<div class="answer" hidden>/);
    // fuzz off, learning steps 1m 10m: Again 1m, Hard 6m, Good 10m, Easy 8d (as Anki with FSRS)
    const intervals = [...page.text.matchAll(/<small class="interval">([^<]+)<\/small>/g)].map((m) => m[1]);
    expect(intervals).toEqual(['1分钟', '6分钟', '10分钟', '8天']);
    expect(page.text).toContain('<progress value="0" max="13">');
  });

  it('reveals the answer without JavaScript through ?show=', async () => {
    const page = await server.client().get(`/review?show=${CARDS.image}`);
    expect(page.text).toMatch(/<div class="answer">/);
    expect(page.text).toMatch(/<p class="reveal-row" hidden>/);
  });
});

describe('POST /review/:cardId/grade', () => {
  it('records the grade and swaps in the next card with an out-of-band progress bar', async () => {
    const tab = server.client();
    const first = await tab.get('/review');
    const cardId = shownCard(first.text)!;
    const reply = await tab.postPartial(`/review/${cardId}/grade`, { rating: '3', reps: '0' });
    expect(reply.status).toBe(200);
    expect(reply.text.startsWith('<section id="review-card"')).toBe(true);
    expect(shownCard(reply.text)).toBe(server.deck.cards[1]?.id);
    expect(reply.text).toContain('<div id="review-progress" class="progress" hx-swap-oob="true">');
    // Good on a new card is a 10-minute learning step: it comes back this session, so 1 of 14.
    expect(reply.text).toContain('<progress value="1" max="14">');
    expect(reply.headers.get('vary')).toMatch(/HX-Request-Type/i);
    expect(server.store.reviews()).toHaveLength(1);
    expect(server.store.getProgress(cardId)?.schedule.state).toBe(1);
  });

  it('answers a plain form post (JavaScript off) with a redirect back to /review', async () => {
    const tab = server.client();
    const cardId = shownCard((await tab.get('/review')).text)!;
    const reply = await tab.post(`/review/${cardId}/grade`, { rating: '4', reps: '0' });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/review');
    expect(server.store.getProgress(cardId)?.schedule.state).toBe(2);
  });

  it('records a double submit once and answers the second with 409, a message and the current card', async () => {
    const tab = server.client();
    const cardId = shownCard((await tab.get('/review')).text)!;
    const [a, b] = await Promise.all([
      tab.postPartial(`/review/${cardId}/grade`, { rating: '3', reps: '0' }),
      tab.postPartial(`/review/${cardId}/grade`, { rating: '3', reps: '0' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const stale = a.status === 409 ? a : b;
    expect(stale.text).toContain('已经在另一个标签页或被重复点击评过分了');
    expect(shownCard(stale.text)).toBe(server.deck.cards[1]?.id);
    expect(server.store.reviews()).toHaveLength(1);
  });

  it('lets a second tab that still shows the old card know, and shows it the current one', async () => {
    const tabA = server.client();
    const tabB = server.client();
    const cardId = shownCard((await tabA.get('/review')).text)!;
    await tabB.get('/review');
    expect((await tabA.postPartial(`/review/${cardId}/grade`, { rating: '1', reps: '0' })).status).toBe(200);
    const late = await tabB.postPartial(`/review/${cardId}/grade`, { rating: '4', reps: '0' });
    expect(late.status).toBe(409);
    expect(server.store.reviews()).toHaveLength(1);
    expect(server.store.reviews()[0]?.rating).toBe(1);
    expect(shownReps(late.text)).toBeDefined();
  });

  it('refuses an unknown card with 404 and writes nothing', async () => {
    const tab = server.client();
    await tab.get('/review');
    const reply = await tab.postPartial('/review/no-such-card/grade', { rating: '3', reps: '0' });
    expect(reply.status).toBe(404);
    expect(reply.text).toContain('牌组里没有这张卡片');
    expect(server.store.reviews()).toHaveLength(0);
    expect(server.store.allProgress().size).toBe(0);
  });

  it('refuses a card that is not due with 400 and writes nothing', async () => {
    const tab = server.client();
    await tab.get('/review');
    // Easy sends the first card to review in 8 days; grading it again now is not allowed.
    await tab.postPartial(`/review/${CARDS.image}/grade`, { rating: '4', reps: '0' });
    const before = server.store.getProgress(CARDS.image);
    const reply = await tab.postPartial(`/review/${CARDS.image}/grade`, { rating: '3', reps: '1' });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('现在不需要复习');
    expect(server.store.reviews()).toHaveLength(1);
    expect(server.store.getProgress(CARDS.image)).toEqual(before);
  });

  it('refuses a suspended card with 400', async () => {
    const tab = server.client();
    await tab.get(`/cards/${CARDS.cloze}`);
    await tab.post(`/cards/${CARDS.cloze}/suspend`, { suspended: '1' });
    const reply = await tab.postPartial(`/review/${CARDS.cloze}/grade`, { rating: '3', reps: '0' });
    expect(reply.status).toBe(400);
    expect(server.store.reviews()).toHaveLength(0);
  });

  it('refuses a rating outside 1–4 with 400', async () => {
    const tab = server.client();
    const cardId = shownCard((await tab.get('/review')).text)!;
    const reply = await tab.postPartial(`/review/${cardId}/grade`, { rating: '5', reps: '0' });
    expect(reply.status).toBe(400);
    expect(server.store.reviews()).toHaveLength(0);
  });
});

describe('POST /review/undo', () => {
  it('restores the card, removes the review and shows that card again', async () => {
    const tab = server.client();
    const cardId = shownCard((await tab.get('/review')).text)!;
    await tab.postPartial(`/review/${cardId}/grade`, { rating: '4', reps: '0' });
    const reply = await tab.postPartial('/review/undo');
    expect(reply.status).toBe(200);
    expect(shownCard(reply.text)).toBe(cardId);
    expect(reply.text).toContain('已撤销上一次评分');
    expect(server.store.reviews()).toHaveLength(0);
    expect(server.store.getProgress(cardId)?.schedule.state ?? 0).toBe(0);
  });

  it('redirects a plain form post to the undone card', async () => {
    const tab = server.client();
    const cardId = shownCard((await tab.get('/review')).text)!;
    await tab.post(`/review/${cardId}/grade`, { rating: '3', reps: '0' });
    await tab.get('/review');
    const reply = await tab.post('/review/undo');
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe(`/review?card=${cardId}`);
  });
});

describe('a whole session', () => {
  it('ends with a summary once every card due today is graded', async () => {
    await server.store.saveSettings({ ...server.store.settings(), newPerDay: 3 });
    const tab = server.client();
    let html = (await tab.get('/review')).text;
    let grades = 0;
    while (shownCard(html) !== '' && grades < 20) {
      const cardId = shownCard(html)!;
      html = (await tab.postPartial(`/review/${cardId}/grade`, { rating: '4', reps: shownReps(html)! })).text;
      grades++;
    }
    expect(grades).toBe(3);
    expect(html).toContain('本次复习完成');
    expect(html).toContain('今天复习了 3 张卡片');
    expect(html).toMatch(/下一张卡片 .+ 到期/);
    // Nothing left to reveal or grade: the keys line would only offer keys that do nothing.
    expect(html).not.toContain('1–4 评分');
    expect(html).toContain('data-key="u"');
  });
});
