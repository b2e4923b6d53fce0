import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

const PASSWORD = 'long enough secret';
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ password: PASSWORD });
});
afterEach(async () => {
  await server.close();
});

describe('password gate', () => {
  it.each(['/', '/review', '/cards', '/stats', '/settings'])(
    'sends %s to the login form first',
    async (path) => {
      const reply = await server.client().get(path);
      expect(reply.status).toBe(303);
      expect(reply.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    },
  );

  it('tells htmx to go to the login form instead of swapping it into a fragment', async () => {
    const reply = await server.client().partial('/cards?q=x');
    expect(reply.status).toBe(204);
    expect(reply.headers.get('hx-redirect')).toMatch(/^\/login\?next=/);
  });

  it('refuses a POST before login without recording anything', async () => {
    const tab = server.client();
    await tab.get('/login');
    const reply = await tab.post('/review/undo');
    expect(reply.status).toBe(401);
  });

  it('lets the right password in with a new session, and back to the page asked for', async () => {
    const tab = server.client();
    await tab.get('/login?next=/stats');
    const login = await tab.post('/login', { password: PASSWORD, next: '/stats' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/stats');
    expect(login.headers.getSetCookie().some((c) => c.startsWith('deckhand.sid='))).toBe(true);
    expect((await tab.get('/stats')).status).toBe(200);
    // Another browser is still outside.
    expect((await server.client().get('/stats')).status).toBe(303);
  });

  it('never follows ?next= to another site', async () => {
    const tab = server.client();
    await tab.get('/login');
    const login = await tab.post('/login', { password: PASSWORD, next: '//evil.example/' });
    expect(login.headers.get('location')).toBe('/');
  });

  it('answers a wrong password with 401 and the form', async () => {
    const tab = server.client();
    await tab.get('/login');
    const reply = await tab.post('/login', { password: 'wrong password' });
    expect(reply.status).toBe(401);
    expect(reply.text).toContain('密码错误');
  });

  it('rate-limits wrong passwords: after five, even the right one waits', async () => {
    const tab = server.client();
    await tab.get('/login');
    for (let i = 0; i < 5; i++) {
      expect((await tab.post('/login', { password: `wrong ${i}` })).status).toBe(401);
    }
    const blocked = await tab.post('/login', { password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('密码错误次数太多');
  });

  it('needs the CSRF token on the login form too', async () => {
    const tab = server.client();
    await tab.get('/login');
    const reply = await tab.post('/login', { password: PASSWORD, _csrf: 'forged' });
    expect(reply.status).toBe(403);
  });

  it('logs out', async () => {
    const tab = server.client();
    await tab.get('/login');
    await tab.post('/login', { password: PASSWORD });
    await tab.get('/');
    const out = await tab.post('/logout');
    expect(out.status).toBe(303);
    expect((await tab.get('/')).status).toBe(303);
  });
});
