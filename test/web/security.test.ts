import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARDS, shownCard, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const PAGES = [
  '/',
  '/review',
  '/cards',
  '/cards?q=镜像',
  `/cards/${CARDS.image}`,
  `/source/${CARDS.image}`,
  '/stats',
  '/settings',
  '/no-such-page',
];

function directives(header: string | null): Map<string, string> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

describe('Content-Security-Policy', () => {
  it.each(PAGES)('is strict on %s: no inline script, no eval, no framing', async (path) => {
    const reply = await server.client().get(path);
    const csp = directives(reply.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(reply.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(PAGES)('goes with pages that hold no inline script or handler: %s', async (path) => {
    const { text } = await server.client().get(path);
    const scripts = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\ssrc="\/static\//);
      expect(body).toBe('');
    }
    expect(text).not.toMatch(/\son[a-z]+=/i);
    expect(text).not.toMatch(/hx-on|js:/);
  });

  it('serves htmx from the installed package with the CSP-related config in a meta tag', async () => {
    const page = await server.client().get('/');
    const htmxUrl = /<script src="(\/static\/htmx\.[0-9a-f]+\.js)"/.exec(page.text)?.[1];
    expect(htmxUrl).toBeDefined();
    const script = await server.client().get(htmxUrl!);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.text).toContain('version="4.0.1"');
    expect(page.text).toContain('<meta name="htmx-config" content=\'{"includeIndicatorCSS":false');
  });
});

describe('CSRF', () => {
  it('refuses a POST without a token', async () => {
    const tab = server.client();
    await tab.get('/settings');
    const reply = await tab.post('/settings', { _csrf: '', newPerDay: '5' });
    expect(reply.status).toBe(403);
    expect(reply.text).toContain('表单已过期或来自其他网站');
  });

  it('refuses a token taken from another browser', async () => {
    const attacker = server.client();
    await attacker.get('/settings');
    const victim = server.client();
    await victim.get('/settings');
    const reply = await victim.post('/review/undo', { _csrf: attacker.csrf });
    expect(reply.status).toBe(403);
  });

  it('refuses a POST from a foreign Origin even with a valid token', async () => {
    const tab = server.client();
    const cardId = shownCard((await tab.get('/review')).text)!;
    const reply = await tab.post(
      `/review/${cardId}/grade`,
      { rating: '3', reps: '0' },
      { origin: 'http://evil.example' },
    );
    expect(reply.status).toBe(403);
    expect(server.store.reviews()).toHaveLength(0);
  });

  it('refuses a cross-site Referer and a cross-site fetch mark', async () => {
    const tab = server.client();
    await tab.get('/review');
    const byReferer = await tab.post('/review/undo', {}, { origin: '', referer: 'http://evil.example/page' });
    expect(byReferer.status).toBe(403);
    const bySite = await tab.post('/review/undo', {}, { 'sec-fetch-site': 'cross-site' });
    expect(bySite.status).toBe(403);
  });

  it('accepts the same POST with the token and our own Origin', async () => {
    const tab = server.client();
    await tab.get('/review');
    const reply = await tab.post('/review/undo');
    expect(reply.status).toBe(303);
  });

  it('sets the token and browser cookies HttpOnly and SameSite', async () => {
    const reply = await server.client().get('/');
    const cookies = reply.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThanOrEqual(2);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=(Strict|Lax)/);
    }
  });
});

describe('errors for htmx', () => {
  it('go to the page’s #error slot, leaving the region that asked in place', async () => {
    const reply = await server.client().partial(`/cards?q=${'x'.repeat(300)}`);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('hx-retarget')).toBe('#error');
    expect(reply.headers.get('hx-reswap')).toBe('outerHTML');
    expect(reply.text.startsWith('<section id="error"')).toBe(true);
    const page = await server.client().get('/cards');
    expect(page.text.match(/id="error"/g)).toHaveLength(1);
    const errorPage = await server.client().get('/nowhere');
    expect(errorPage.text.match(/id="error"/g)).toHaveLength(1);
  });
});
