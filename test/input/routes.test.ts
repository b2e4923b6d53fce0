/**
 * Bad input on every route read from the router stack: unknown ids, wrong ratings and form values,
 * oversized bodies, wrong content types and query strings with odd Unicode. Each is refused with a 4xx
 * and a message a person can read (never a 500, never a bare status), and nothing is written.
 */
import { once } from 'node:events';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QuizServer, startQuizServer } from '../quiz/quiz-server.ts';
import { type AppRoute, allRoutes, fillPath, type ParamValues } from '../security/app-routes.ts';
import { CARDS, type Reply, type TestClient } from '../web/harness.ts';

let routes: AppRoute[];
let server: QuizServer;
let values: ParamValues;
let tab: TestClient;

beforeAll(async () => {
  routes = (await allRoutes()).filter((r) => r.path !== '/login' && r.path !== '/logout');
  server = await startQuizServer();
  tab = server.client();
  await tab.get('/quiz');
  const started = await tab.post('/quiz', { count: '3', mode: 'exam' });
  const quizId = /^\/quiz\/([a-z0-9]+)$/.exec(started.headers.get('location') ?? '')?.[1] ?? '';
  values = { cardId: CARDS.image, quizId };
  await tab.get('/review');
});
afterAll(async () => {
  await server.close();
});

const unsafe = () => routes.filter((r) => r.method !== 'GET');

/** What a refusal must leave untouched. */
const state = () =>
  JSON.stringify({
    reviews: server.store.reviews().length,
    progress: [...server.store.allProgress()],
    settings: server.store.settings(),
    quizzes: server.quizzes.list(),
  });

/** A 4xx whose page says what went wrong: an error section, or a warning on the page it came from. */
function expectReadable(reply: Reply, where: string, status?: number): void {
  if (status === undefined) {
    expect(reply.status, where).toBeGreaterThanOrEqual(400);
    expect(reply.status, where).toBeLessThan(500);
  } else {
    expect(reply.status, where).toBe(status);
  }
  expect(reply.headers.get('content-type'), where).toMatch(/^text\/html/);
  const message =
    /<section id="error"[\s\S]*?<p>([^<]+)<\/p>/.exec(reply.text)?.[1] ??
    /class="flash[^"]*"[^>]*>([^<]+)</.exec(reply.text)?.[1] ??
    /class="field-error[^"]*"[^>]*>([^<]+)</.exec(reply.text)?.[1] ??
    /role="alert"[^>]*>\s*([^<]+)</.exec(reply.text)?.[1];
  expect(message?.trim().length ?? 0, `${where}: no message in ${reply.text.slice(0, 200)}`).toBeGreaterThan(
    3,
  );
}

/** A GET sent exactly as written (bytes that `fetch` would refuse or re-encode). */
async function rawGet(path: string): Promise<Reply> {
  const url = new URL(server.url);
  const req = request({ host: url.hostname, port: url.port, path, method: 'GET' });
  req.end();
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
  return { status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') };
}

describe('unknown ids and values in the path', () => {
  it('every route with a param answers 404 for an unknown id (4xx for another value) with a message', async () => {
    const before = state();
    const withIds = routes.filter((r) => r.path.includes(':') && !r.path.startsWith('/static/'));
    expect(withIds.length).toBeGreaterThan(5);
    for (const route of withIds) {
      const path = fillPath(route.path, values, 'no-such-id');
      const reply =
        route.method === 'GET'
          ? await tab.get(path)
          : await tab.post(path, { rating: '3', reps: '0', index: '0' });
      const isId = /:(id|cardId)\b/.test(route.path);
      expectReadable(reply, `${route.method} ${path}`, isId ? 404 : undefined);
    }
    expect(state()).toBe(before);
  });
});

describe('wrong values', () => {
  it.each(['0', '5', '-1', '1.5', 'abc', '', '３', ' 3', '1e0', 'NaN', '0x3', '3\u0000'])(
    'a rating of %j is refused with 400',
    async (rating) => {
      const before = state();
      const reply = await tab.post(`/review/${CARDS.image}/grade`, { rating, reps: '0' });
      expectReadable(reply, `rating ${JSON.stringify(rating)}`, 400);
      expect(state()).toBe(before);
    },
  );

  it('a rating sent twice, reps that are not a count, and a suspend flag that is not 0 or 1 are refused', async () => {
    const before = state();
    const { cookie, csrf } = await session();
    const twice = new URLSearchParams([
      ['_csrf', csrf],
      ['rating', '3'],
      ['rating', '4'],
      ['reps', '0'],
    ]);
    const raw = await fetch(`${server.url}/review/${CARDS.image}/grade`, {
      method: 'POST',
      body: twice.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie },
    });
    expect(raw.status).toBe(400);
    for (const reps of ['-1', 'abc', '1.5', '']) {
      expectReadable(
        await tab.post(`/review/${CARDS.image}/grade`, { rating: '3', reps }),
        `reps ${reps}`,
        400,
      );
    }
    for (const newPerDay of ['', ' ', '1e2', '0x10', '-1', '10000']) {
      const reply = await tab.post('/settings', {
        newPerDay,
        maxReviewsPerDay: '200',
        desiredRetention: '0.9',
        learningSteps: '1 10',
        relearningSteps: '10',
        dayStartHour: '4',
        language: '',
      });
      expectReadable(reply, `newPerDay ${JSON.stringify(newPerDay)}`, 400);
    }
    for (const suspended of ['2', 'yes', '']) {
      expectReadable(
        await tab.post(`/cards/${CARDS.image}/suspend`, { suspended }),
        `suspended ${suspended}`,
        400,
      );
    }
    expect(state()).toBe(before);
  });

  it('quiz setups and answers out of range are refused', async () => {
    const before = state();
    const setups: Record<string, string>[] = [
      { count: '0' },
      { count: '100000' },
      { count: 'many' },
      { minutes: '-5' },
      { minutes: '99999' },
      { mode: 'cheat' },
      { type: 'essay' },
      { scope: 'no/such/topic' },
      { seed: 'x'.repeat(100) },
    ];
    for (const form of setups) expectReadable(await tab.post('/quiz', form), `setup ${JSON.stringify(form)}`);
    for (const index of ['-1', 'abc', '99999', '']) {
      expectReadable(
        await tab.post(`/quiz/${values.quizId}/answer`, { index, choice: '0' }),
        `answer index ${index}`,
        400,
      );
      expectReadable(await tab.post(`/quiz/${values.quizId}/next`, { index }), `next index ${index}`, 400);
    }
    expect(state()).toBe(before);
  });
});

/** A session made by hand, for the one request a TestClient cannot build (a field sent twice). */
async function session(): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${server.url}/review`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { cookie, csrf };
}

describe('bodies', () => {
  it('over 32 KB, or with more than 1000 fields, are refused on every form route with 413', async () => {
    const before = state();
    for (const route of unsafe()) {
      const path = fillPath(route.path, values);
      expectReadable(await tab.post(path, { pad: 'x'.repeat(40_000) }), `${path} 40 KB`, 413);
      const fields = Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`f${i}`, '1']));
      expectReadable(await tab.post(path, fields), `${path} 1200 fields`, 413);
    }
    expect(state()).toBe(before);
  });

  it.each([
    'application/json',
    'text/plain',
    'multipart/form-data; boundary=xyz',
    'application/xml',
    'application/octet-stream',
  ])('sent as %s are refused on every form route with 415', async (type) => {
    const before = state();
    for (const route of unsafe()) {
      const path = fillPath(route.path, values);
      expectReadable(
        await tab.post(path, { rating: '3', reps: '0' }, { 'content-type': type }),
        `${path} ${type}`,
        415,
      );
    }
    expect(state()).toBe(before);
  });
});

describe('query strings and ids with odd Unicode', () => {
  const ODD: Record<string, string> = {
    'a lone surrogate': '%ED%A0%80',
    'invalid UTF-8': '%FF%FE%C0%AF',
    NUL: 'a%00b',
    'a right-to-left mark': '%E2%80%8Fabc',
    'a right-to-left override': '%E2%80%AEcba',
    'a byte order mark': '%EF%BB%BF',
    'combining marks': `e${'%CC%81'.repeat(50)}`,
    'an emoji': '%F0%9F%90%B3',
    'a broken escape': '%E0%A4%A',
    // Eleven names × 1,200 characters stays under Node's 16 KB header limit (past it, Node answers 431).
    'a long value': 'x'.repeat(1200),
  };
  const NAMES = [
    'q',
    'show',
    'card',
    'next',
    'feedback',
    'notice',
    'saved',
    'deck',
    'topic',
    'kind',
    'state',
  ];

  it.each(Object.entries(ODD))('%s: every GET route answers without a server error', async (_, value) => {
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const base = fillPath(route.path, values);
      const query = `${base}?${NAMES.map((n) => `${n}=${value}`).join('&')}`;
      const reply = await rawGet(query);
      expect(reply.status, query.slice(0, 120)).toBeLessThan(500);
      if (reply.status >= 400 && !route.path.startsWith('/static/'))
        expectReadable(reply, query.slice(0, 120));
      if (route.path.includes(':') && !route.path.startsWith('/static/')) {
        const odd = await rawGet(fillPath(route.path, values, value));
        expect(odd.status, `${route.path} with ${value.slice(0, 30)}`).toBeGreaterThanOrEqual(400);
        expectReadable(odd, `${route.path} with ${value.slice(0, 30)}`);
      }
    }
  });
});
