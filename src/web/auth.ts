import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type RequestHandler, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { isPartial, redirectClient } from './htmx.ts';
import { page } from './render.ts';
import { browserIdOf, setBrowserId } from './security.ts';

/** Options of the password gate. */
export interface PasswordGateOptions {
  password: string;
  /** Wrong passwords allowed per client address and window (default 5 per 15 minutes). */
  attempts?: number;
  windowMs?: number;
}

/** The login routes and the guard that sends everyone else to them. */
export interface PasswordGate {
  router: Router;
  guard: RequestHandler;
}

const OPEN_PATHS = ['/login', '/static/'];

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Only local paths are followed after login, so `?next=` cannot send the user to another site. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

const loginForm = z.object({ password: z.string().max(1000), next: z.string().optional() });

/**
 * Password protection for a server reachable from other machines: a login form, a session bound to
 * the browser-id cookie (renewed at login), and rate limiting of wrong passwords per client address.
 * Sessions live in memory: a restart asks for the password again.
 */
export function passwordGate(options: PasswordGateOptions): PasswordGate {
  const expected = digest(options.password);
  const sessions = new Set<string>();
  const router = Router();

  const limiter = rateLimit({
    windowMs: options.windowMs ?? 15 * 60_000,
    limit: options.attempts ?? 5,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      page(res, 'login', { error: 'login.tooMany', next: '/' }, 429);
    },
  });

  router.get('/login', (req, res) => {
    page(res, 'login', { next: safeNext(req.query.next) });
  });

  router.post('/login', limiter, (req, res) => {
    const form = loginForm.safeParse(req.body);
    const next = safeNext(form.data?.next);
    if (!form.success || !timingSafeEqual(digest(form.data.password), expected)) {
      page(res, 'login', { error: 'login.wrong', next }, 401);
      return;
    }
    sessions.delete(browserIdOf(req));
    const id = randomBytes(16).toString('hex');
    setBrowserId(req, res, id);
    sessions.add(id);
    res.redirect(303, next);
  });

  router.post('/logout', (req, res) => {
    sessions.delete(browserIdOf(req));
    setBrowserId(req, res, randomBytes(16).toString('hex'));
    res.redirect(303, '/login');
  });

  const guard: RequestHandler = (req, res, next) => {
    res.locals.loggedIn = sessions.has(browserIdOf(req));
    if (res.locals.loggedIn || OPEN_PATHS.some((p) => req.path === p || req.path.startsWith(p))) {
      return next();
    }
    const target = `/login?next=${encodeURIComponent(req.originalUrl)}`;
    if (isPartial(req, res)) {
      redirectClient(req, res, target);
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      res.redirect(303, target);
      return;
    }
    res.status(401).type('text').send('Log in first.');
  };

  return { router, guard };
}
