import type { Request, Response } from 'express';

/**
 * The one place that knows htmx's header names (htmx 4: `HX-Request-Type`, `HX-Source`). Routes ask
 * questions (`isPartial`) and give instructions (`redirectClient`), never read or write HX-* themselves.
 */
const REQUEST_TYPE = 'HX-Request-Type';
const REQUEST = 'HX-Request';
const REDIRECT = 'HX-Redirect';
const PUSH_URL = 'HX-Push-Url';
const RETARGET = 'HX-Retarget';
const RESWAP = 'HX-Reswap';

/**
 * True when htmx asked for a fragment to swap into part of the page (`HX-Request-Type: partial`);
 * false for a normal navigation, a boosted link or a body swap, which all want the full page. Always
 * adds `Vary`, because the same URL serves both.
 */
export function isPartial(req: Request, res: Response): boolean {
  res.vary(REQUEST_TYPE);
  return req.get(REQUEST_TYPE) === 'partial';
}

/** True for any request sent by htmx (partial or full). */
export function isHtmx(req: Request): boolean {
  return req.get(REQUEST) === 'true';
}

/**
 * Sends the browser to another page: a 303 for a plain form post, an `HX-Redirect` for htmx (a 303
 * would make fetch follow it and swap a whole page into a fragment's place).
 */
export function redirectClient(req: Request, res: Response, url: string): void {
  if (isHtmx(req)) {
    res.set(REDIRECT, url).status(204).end();
  } else {
    res.redirect(303, url);
  }
}

/** Tells htmx to put `url` in the address bar after the swap, so reload and back show the same thing. */
export function pushUrl(res: Response, url: string): void {
  res.set(PUSH_URL, url);
}

/**
 * Sends this response's fragment to another element than the one the request named (an error goes
 * to the page's `#error` slot, so the region that asked keeps its id and keeps working).
 */
export function retarget(res: Response, selector: string, swap = 'outerHTML'): void {
  res.set(RETARGET, selector).set(RESWAP, swap);
}
