/**
 * Every route, as read from the router stack: headers and CSP on every GET, CSRF and origin checks on
 * every POST (or any other unsafe method), and the password gate in front of all of them. A route
 * added later is covered without being listed here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/web/config.ts';
import { startServer } from '../../src/web/server.ts';
import { type QuizServer, startQuizServer } from '../quiz/quiz-server.ts';
import { CARDS, startTestServer, type TestClient, type TestServer } from '../web/harness.ts';
import { type AppRoute, allRoutes, fillPath, type ParamValues } from './app-routes.ts';

let routes: AppRoute[];
let server: QuizServer;
let values: ParamValues;

/** Starts a quiz through the setup form and returns its id. */
async function startQuiz(tab: TestClient): Promise<string> {
  await tab.get('/quiz');
  const reply = await tab.post('/quiz', { count: '3' });
  const id = /^\/quiz\/([a-z0-9]+)$/.exec(reply.headers.get('location') ?? '')?.[1];
  if (id === undefined) throw new Error(`no quiz started: ${reply.status}`);
  return id;
}

beforeAll(async () => {
  routes = await allRoutes();
  server = await startQuizServer();
  values = { cardId: CARDS.image, quizId: await startQuiz(server.client()) };
});
afterAll(async () => {
  await server.close();
});

const gets = () => routes.filter((r) => r.method === 'GET');
const unsafe = () => routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));

describe('the route list', () => {
  it('is read from the app: the pages and forms we know are in it', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    for (const known of [
      'GET /',
      'GET /review',
      'POST /review/:cardId/grade',
      'POST /settings',
      'POST /quiz',
      'POST /login',
    ]) {
      expect(keys).toContain(known);
    }
    expect(unsafe().length).toBeGreaterThanOrEqual(10);
  });
});

function directives(header: string | null): Map<string, string> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...rest]) => [name, rest.join(' ')]),
  );
}

describe('headers on every GET route', () => {
  it('a strict CSP (no inline script, no eval, no framing) and the other safety headers', async () => {
    const tab = server.client();
    const checked: string[] = [];
    for (const route of gets()) {
      // The route with real ids, and once with an id that does not exist (error pages too).
      for (const path of [fillPath(route.path, values), fillPath(route.path, values, 'no-such-id')]) {
        const reply = await tab.get(path);
        const header = reply.headers.get('content-security-policy');
        const csp = directives(header);
        const where = `${route.path} → ${path} (${reply.status})`;
        expect(csp.get('default-src'), where).toBe("'self'");
        expect(csp.get('script-src'), where).toBe("'self'");
        expect(csp.get('frame-ancestors'), where).toBe("'none'");
        expect(csp.get('object-src'), where).toBe("'none'");
        expect(csp.get('base-uri'), where).toBe("'none'");
        expect(header, where).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
        expect(reply.headers.get('x-content-type-options'), where).toBe('nosniff');
        expect(reply.headers.get('x-frame-options'), where).toMatch(/DENY|SAMEORIGIN/);
        expect(reply.headers.get('referrer-policy'), where).toBe('same-origin');
        expect(reply.headers.get('x-powered-by'), where).toBeNull();
        if ((reply.headers.get('content-type') ?? '').startsWith('text/html')) {
          for (const [, attrs, body] of reply.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
            expect(attrs, where).toMatch(/\ssrc="\/static\//);
            expect(body, where).toBe('');
          }
          expect(reply.text, where).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
          expect(reply.text, where).not.toMatch(/\bhx-on|javascript:/i);
        }
        checked.push(where);
      }
    }
    expect(checked.length).toBe(gets().length * 2);
  });
});

describe('CSRF on every state-changing route', () => {
  /** A form with the fields the route reads, so only the CSRF check can refuse it. */
  const FORM: Record<string, string> = {
    rating: '3',
    reps: '0',
    suspended: '1',
    index: '0',
    choice: '0',
    newPerDay: '20',
    maxReviewsPerDay: '200',
    desiredRetention: '0.9',
    learningSteps: '1 10',
    relearningSteps: '10',
    dayStartHour: '4',
    language: '',
    password: 'wrong password',
  };

  /** What a refused request must leave untouched. */
  const state = () =>
    JSON.stringify({
      reviews: server.store.reviews().length,
      progress: [...server.store.allProgress()],
      settings: server.store.settings(),
      quizzes: server.quizzes.list(),
    });

  it('refuses a POST without a token, with another browser’s token, and from another origin', async () => {
    const victim = server.client();
    await victim.get('/review');
    const attacker = server.client();
    await attacker.get('/review');
    const before = state();
    for (const route of unsafe()) {
      const path = fillPath(route.path, values);
      const attempts = {
        'no token': await victim.post(path, { ...FORM, _csrf: '' }),
        'a forged token': await victim.post(path, { ...FORM, _csrf: 'forged' }),
        'another browser’s token': await victim.post(path, { ...FORM, _csrf: attacker.csrf }),
        'another Origin': await victim.post(path, FORM, { origin: 'http://evil.example' }),
        'a null Origin': await victim.post(path, FORM, { origin: 'null' }),
        'a foreign Referer': await victim.post(path, FORM, { origin: '', referer: 'http://evil.example/x' }),
        'a cross-site fetch': await victim.post(path, FORM, { 'sec-fetch-site': 'cross-site' }),
      };
      for (const [how, reply] of Object.entries(attempts)) {
        expect(reply.status, `${route.method} ${route.path} with ${how}`).toBe(403);
      }
      expect(state(), `${route.method} ${route.path}`).toBe(before);
    }
  });

  it('lets the same POSTs through with the page’s token and origin (so the 403s above were CSRF)', async () => {
    const tab = server.client();
    await tab.get('/review');
    for (const route of unsafe()) {
      const reply = await tab.post(fillPath(route.path, values), FORM);
      expect(reply.status, `${route.method} ${route.path}`).not.toBe(403);
    }
  });
});

describe('the password gate', () => {
  let gated: TestServer;
  const PASSWORD = 'a long password';
  beforeAll(async () => {
    gated = await startTestServer({ password: PASSWORD });
  });
  afterAll(async () => {
    await gated.close();
  });

  it('stands in front of every route but the login form and the static files', async () => {
    const tab = gated.client();
    await tab.get('/login');
    for (const route of routes) {
      const path = fillPath(route.path, { ...values, quizId: 'abc123' });
      if (route.path === '/login' || route.path.startsWith('/static/')) continue;
      if (route.method === 'GET') {
        const reply = await tab.get(path);
        expect(reply.status, path).toBe(303);
        expect(reply.headers.get('location'), path).toMatch(/^\/login\?next=/);
      } else if (route.path !== '/logout') {
        const reply = await tab.post(path, { rating: '3', reps: '0' });
        expect(reply.status, `${route.method} ${path}`).toBe(401);
      }
    }
    expect(gated.store.reviews()).toHaveLength(0);
  });

  it('opens every page after login', async () => {
    const tab = gated.client();
    await tab.get('/login');
    expect((await tab.post('/login', { password: PASSWORD })).status).toBe(303);
    for (const route of gets()) {
      // No quiz in this server; static files have hashed names (test/web/assets.test.ts).
      if ((route.path.includes(':') && route.path.startsWith('/quiz/')) || route.path.startsWith('/static/'))
        continue;
      const reply = await tab.get(fillPath(route.path, values));
      expect(reply.status, route.path).toBe(200);
    }
  });

  it('rate-limits wrong passwords per client: the sixth try waits, even with the right password', async () => {
    const tab = gated.client();
    await tab.get('/login');
    for (let i = 0; i < 5; i++)
      expect((await tab.post('/login', { password: `guess ${i}` })).status).toBe(401);
    expect((await tab.post('/login', { password: PASSWORD })).status).toBe(429);
    // A fresh browser from the same address is still limited: the limit is per address, not per cookie.
    const other = gated.client();
    await other.get('/login');
    expect((await other.post('/login', { password: 'guess 6' })).status).toBe(429);
  });
});

describe('a host other machines can reach', () => {
  it.each([
    '0.0.0.0',
    '::',
    '192.168.1.20',
    '10.0.0.1',
    'deckhand.lan',
    '127.0.0.1.nip.io',
    '::ffff:10.0.0.1',
  ])('HOST=%s without DECKHAND_PASSWORD is refused before listening', async (host) => {
    expect(() => loadConfig({ HOST: host })).toThrow(ConfigError);
    await expect(
      startServer(
        { port: 0, host, dataDir: '/nonexistent', notesDir: '/nonexistent' },
        { deck: server.deck, store: server.store },
      ),
    ).rejects.toThrow(/DECKHAND_PASSWORD/);
  });

  it('0.0.0.0 with a password serves only behind the login form', async () => {
    const running = await startServer(
      { port: 0, host: '0.0.0.0', dataDir: server.dataDir, notesDir: '/nonexistent', password: PASSWORD_ANY },
      { deck: server.deck, store: server.store },
    );
    try {
      const port = new URL(running.url).port;
      for (const route of gets()) {
        if (route.path === '/login' || route.path.startsWith('/static/')) continue;
        const reply = await fetch(`http://127.0.0.1:${port}${fillPath(route.path, values)}`, {
          redirect: 'manual',
        });
        expect(reply.status, route.path).toBe(303);
      }
    } finally {
      await running.close();
    }
  });
});

const PASSWORD_ANY = 'another long password';
