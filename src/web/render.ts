import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { Response } from 'express';

/** The templates folder: `views/` at the project root (layouts/, pages/, partials/). */
export const VIEWS_DIR = fileURLToPath(new URL('../../views', import.meta.url));

/**
 * The one Eta instance. Interpolations `<%= %>` are escaped; `<%~ %>` is kept for HTML that has been
 * through `renderCardHtml` (sanitized) or built by our own chart code.
 */
export const eta = new Eta({ views: VIEWS_DIR, cache: true, autoEscape: true, autoTrim: [false, 'nl'] });

type ViewData = Record<string, unknown>;

function html(res: Response, status: number, body: string): void {
  res.status(status).type('html').send(body);
}

/**
 * Renders a full page (`pages/<view>.eta`, which sets its layout) with the request's shared data
 * (`res.locals`: translator, language, CSRF token, asset URLs, current path) and `data`.
 */
export function page(res: Response, view: string, data: ViewData = {}, status = 200): void {
  html(res, status, eta.render(`/pages/${view}`, { ...res.locals, ...data }));
}

/**
 * Renders a partial alone (`partials/<view>.eta`): the fragment htmx swaps in place of the element
 * with the same id. Extra partials are appended for out-of-band swaps (`hx-swap-oob`).
 */
export function fragment(
  res: Response,
  view: string,
  data: ViewData = {},
  status = 200,
  oob: readonly { view: string; data?: ViewData }[] = [],
): void {
  const locals = { ...res.locals, ...data };
  const parts = [eta.render(`/partials/${view}`, locals)];
  for (const extra of oob) {
    parts.push(eta.render(`/partials/${extra.view}`, { ...locals, ...extra.data, oob: true }));
  }
  html(res, status, parts.join('\n'));
}
