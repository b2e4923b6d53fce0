import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARDS, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const rowIds = (html: string) =>
  [...html.matchAll(/class="row-link" href="\/cards\/([^"]+)"/g)].map((m) => m[1]);

describe('GET /cards (Browse)', () => {
  it('lists every card with the filter form', async () => {
    const page = await server.client().get('/cards');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form id="browse-filters"');
    expect(rowIds(page.text)).toHaveLength(server.deck.cards.length);
  });

  it('finds a card by a Chinese word written without spaces', async () => {
    const page = await server.client().get(`/cards?q=${encodeURIComponent('虚悬镜像')}`);
    expect(rowIds(page.text)[0]).toBe(CARDS.cloze);
  });

  it('finds a card by a word of a command', async () => {
    const page = await server.client().get('/cards?q=redis');
    expect(rowIds(page.text)).toEqual([CARDS.rmRedis]);
  });

  it('answers htmx with the rows fragment alone and puts the search in the address bar', async () => {
    const reply = await server.client().partial(`/cards?q=${encodeURIComponent('容器')}`);
    expect(reply.text.startsWith('<section id="card-rows"')).toBe(true);
    expect(reply.text).not.toContain('<html');
    expect(decodeURIComponent(reply.headers.get('hx-push-url') ?? '')).toBe('/cards?q=容器');
    expect(reply.headers.get('vary')).toMatch(/HX-Request-Type/i);
  });

  it('filters by kind, topic and deck', async () => {
    const tab = server.client();
    expect(rowIds((await tab.get('/cards?kind=cloze')).text)).toEqual([CARDS.cloze]);
    const topic = encodeURIComponent('Docker › 基本概念');
    expect(rowIds((await tab.get(`/cards?topic=${topic}`)).text)).toHaveLength(4);
    expect(rowIds((await tab.get('/cards?deck=Docker')).text)).toHaveLength(server.deck.cards.length);
    expect(rowIds((await tab.get('/cards?deck=Kubernetes')).text)).toHaveLength(0);
  });

  it('filters by state: new, suspended, learning', async () => {
    const tab = server.client();
    await tab.get('/settings'); // a page with a form, for the CSRF token
    await tab.post(`/cards/${CARDS.cloze}/suspend`, { suspended: '1' });
    await tab.post(`/review/${CARDS.image}/grade`, { rating: '1', reps: '0' });
    expect(rowIds((await tab.get('/cards?state=suspended')).text)).toEqual([CARDS.cloze]);
    expect(rowIds((await tab.get('/cards?state=learning')).text)).toEqual([CARDS.image]);
    expect(rowIds((await tab.get('/cards?state=new')).text)).toHaveLength(server.deck.cards.length - 2);
  });

  it('ignores an unknown filter value instead of failing', async () => {
    const reply = await server.client().get('/cards?kind=nonsense&state=weird');
    expect(reply.status).toBe(200);
    expect(rowIds(reply.text)).toHaveLength(server.deck.cards.length);
  });
});

describe('GET /cards/:id', () => {
  it('shows front, back, source, schedule and review history', async () => {
    const tab = server.client();
    await tab.get('/settings');
    await tab.post(`/review/${CARDS.image}/grade`, { rating: '3', reps: '0' });
    const page = await tab.get(`/cards/${CARDS.image}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('镜像（Image）</strong> 是什么？');
    expect(page.text).toContain('docker-notes.md:13');
    expect(page.text).toContain(`href="/source/${CARDS.image}"`);
    // Where the grade came from, in the interface language (the log's `review`, `quiz`).
    expect(page.text).toMatch(/<td class="grade-3">良好<\/td><td>10分钟<\/td><td>复习<\/td>/);
    expect(page.text).toContain('稳定性');
  });

  it('answers 404 for a card that is not in the deck', async () => {
    const reply = await server.client().get('/cards/gone-card');
    expect(reply.status).toBe(404);
    expect(reply.text).toContain('没有找到');
  });

  it('shows highlighted code on a command card', async () => {
    const page = await server.client().get(`/cards/${CARDS.rmRedis}`);
    expect(page.text).toMatch(/<code class="hljs language-bash">.*<span class="hljs-/s);
  });
});

describe('suspend and bury', () => {
  it('suspends and unsuspends, swapping the actions fragment for htmx', async () => {
    const tab = server.client();
    await tab.get(`/cards/${CARDS.cloze}`);
    const suspended = await tab.postPartial(`/cards/${CARDS.cloze}/suspend`, { suspended: '1' });
    expect(suspended.status).toBe(200);
    expect(suspended.text.startsWith('<div id="card-actions"')).toBe(true);
    expect(suspended.text).toContain('恢复');
    expect(server.store.getProgress(CARDS.cloze)?.suspended).toBe(true);
    const back = await tab.post(`/cards/${CARDS.cloze}/suspend`, { suspended: '0' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/cards/${CARDS.cloze}`);
    expect(server.store.getProgress(CARDS.cloze)?.suspended).toBe(false);
  });

  it('buries a card until the next day starts, and it leaves today’s queue', async () => {
    const tab = server.client();
    await tab.get(`/cards/${CARDS.image}`);
    await tab.postPartial(`/cards/${CARDS.image}/bury`);
    const until = server.store.getProgress(CARDS.image)?.buriedUntil;
    expect(until).toEqual(new Date(2026, 2, 11, 4, 0, 0));
    const review = await tab.get('/review');
    expect(review.text).not.toContain(`data-card="${CARDS.image}"`);
    server.clock.set(new Date(2026, 2, 11, 9, 0, 0));
    expect((await tab.get('/review')).text).toContain(`data-card="${CARDS.image}"`);
  });

  it('refuses to suspend an unknown card', async () => {
    const tab = server.client();
    await tab.get('/settings');
    expect((await tab.post('/cards/nope/suspend', { suspended: '1' })).status).toBe(404);
    expect((await tab.post(`/cards/${CARDS.image}/suspend`, { suspended: 'maybe' })).status).toBe(400);
    expect(server.store.allProgress().size).toBe(0);
  });
});
