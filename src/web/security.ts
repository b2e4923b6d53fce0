import { randomBytes } from 'node:crypto';
import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { DeckhandError } from '../errors.ts';

/** A state-changing request that did not prove it came from our own page (token or origin). */
export class ForbiddenRequestError extends DeckhandError {
  override name = 'ForbiddenRequestError';
}

/** Name of the cookie that identifies a browser; CSRF tokens and login sessions are bound to it. */
export const BROWSER_COOKIE = 'deckhand.sid';
const CSRF_COOKIE = 'deckhand.csrf';
/** Form field that carries the CSRF token (htmx posts the form, so no header is needed). */
export const CSRF_FIELD = '_csrf';

/**
 * helmet with a CSP that allows no inline script, no eval and no framing: scripts, styles and fetches
 * come from this origin only. htmx is configured (meta htmx-config) so it needs neither: no `hx-on`,
 * no `js:` values, no injected indicator styles. Plain HTTP is expected (127.0.0.1 or a LAN), so no
 * HSTS and no upgrade-insecure-requests.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * Gives every browser a random id cookie (HttpOnly, SameSite=Lax) and makes it readable in the same
 * request, so a first visit can already get a CSRF token.
 */
export function browserId(): RequestHandler {
  return (req, res, next) => {
    const cookies = req.cookies as Record<string, string | undefined>;
    if (!cookies[BROWSER_COOKIE] || !/^[0-9a-f]{32}$/.test(cookies[BROWSER_COOKIE])) {
      setBrowserId(req, res, randomBytes(16).toString('hex'));
    }
    next();
  };
}

/** Replaces the browser id (after a login, so a planted id cannot become a session). */
export function setBrowserId(req: Request, res: Response, id: string): void {
  (req.cookies as Record<string, string>)[BROWSER_COOKIE] = id;
  res.cookie(BROWSER_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure });
}

/** The current browser id (set by `browserId()`). */
export function browserIdOf(req: Request): string {
  return (req.cookies as Record<string, string | undefined>)[BROWSER_COOKIE] ?? '';
}

/**
 * Refuses a POST whose `Origin` (or, without one, `Referer`) names another site, or that the browser
 * marks `Sec-Fetch-Site: cross-site`. A request with none of them (curl, old browsers) still has to
 * pass the CSRF token check.
 */
export function sameOrigin(): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    const origin = req.get('origin');
    const referer = req.get('referer');
    const site = req.get('sec-fetch-site');
    let claimed: string | undefined;
    if (origin !== undefined && origin !== 'null') claimed = origin;
    else if (referer !== undefined) {
      try {
        claimed = new URL(referer).origin;
      } catch {
        claimed = referer;
      }
    }
    if (origin === 'null' || (claimed !== undefined && claimed !== own) || site === 'cross-site') {
      return next(new ForbiddenRequestError(`refused a ${req.method} from origin ${claimed ?? 'null'}`));
    }
    next();
  };
}

/** CSRF protection in two steps, so error pages can be rendered between them. */
export interface CsrfKit {
  /** Cookie parsing and the browser id: run before anything reads the token. */
  prelude: RequestHandler[];
  /** Origin check, then the token check on every POST (and any other unsafe method). */
  checks: RequestHandler[];
  /** The token to put in a form's hidden `_csrf` field (also refreshes its cookie). */
  token(req: Request, res: Response): string;
}

/**
 * Double-submit CSRF protection (csrf-csrf): the token is an HMAC of the browser id and a random value,
 * sent both as an HttpOnly cookie and as the form field `_csrf`; every POST must carry both, matching.
 * @param secret HMAC key; a new random one per process unless given.
 */
export function csrfProtection(secret: string = randomBytes(32).toString('hex')): CsrfKit {
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: browserIdOf,
    cookieName: CSRF_COOKIE,
    cookieOptions: { sameSite: 'strict', path: '/', secure: false, httpOnly: true },
    getCsrfTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const field = body?.[CSRF_FIELD];
      return typeof field === 'string' ? field : req.get('x-csrf-token');
    },
  });
  const checkToken: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    doubleCsrfProtection(req, res, (error?: unknown) => {
      if (error) return next(new ForbiddenRequestError('missing or invalid CSRF token'));
      next();
    });
  };
  return {
    prelude: [cookieParser(), browserId()],
    checks: [sameOrigin(), checkToken],
    token: (req, res) => generateCsrfToken(req, res),
  };
}
