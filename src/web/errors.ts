import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  BadInputError,
  DeckFormatError,
  DeckhandError,
  NotFoundError,
  StaleReviewError,
  StoreCorruptError,
  StoreWriteError,
} from '../errors.ts';
import { isPartial, retarget } from './htmx.ts';
import type { MessageKey } from './i18n.ts';
import { fragment, page } from './render.ts';
import { ForbiddenRequestError } from './security.ts';

/** HTTP status and the message shown for an error; the only place errors become HTTP. */
export function describeError(error: unknown): { status: number; message: MessageKey } {
  if (error instanceof NotFoundError) return { status: 404, message: 'error.notFound' };
  if (error instanceof BadInputError) return { status: 400, message: 'error.badInput' };
  if (error instanceof StaleReviewError) return { status: 409, message: 'review.stale' };
  if (error instanceof ForbiddenRequestError) return { status: 403, message: 'error.csrf' };
  if (error instanceof DeckFormatError) return { status: 503, message: 'error.deck' };
  // 507 Insufficient Storage: the request was fine, the disk could not take it.
  if (error instanceof StoreWriteError) return { status: 507, message: 'error.disk' };
  if (error instanceof StoreCorruptError) return { status: 503, message: 'error.server' };
  if (error instanceof DeckhandError) return { status: 500, message: 'error.server' };
  // Errors from Express and body-parser carry a 4xx status (bad JSON, too large).
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message: MessageKey =
      status === 404
        ? 'error.notFound'
        : status === 413
          ? 'error.tooLarge'
          : status === 415
            ? 'error.mediaType'
            : 'error.badInput';
    return { status, message };
  }
  return { status: 500, message: 'error.server' };
}

/** The last route: anything not matched is a NotFoundError. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`no page at ${req.method} ${req.path}`));
};

/**
 * Renders an error as a page, or, when htmx asked for a fragment, as the `#error` fragment swapped
 * into the layout's `#error` slot (htmx 4 swaps error responses; the region that asked stays as it
 * was). Server faults are logged with their stack; request faults are not.
 */
export function errorHandler(log: (message: string) => void = console.error): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, message } = describeError(error);
    if (status >= 500) log(`${req.method} ${req.originalUrl}: ${(error as Error)?.stack ?? String(error)}`);
    const detail = status >= 500 ? '' : String((error as Error)?.message ?? '');
    // The detail may echo the request (an id from the URL): keep control and bidi characters out of it.
    const data = {
      status,
      message,
      detail: detail.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '\ufffd'),
    };
    if (typeof res.locals.t !== 'function') {
      // Failed before the page context was set up: plain text is all we can trust.
      res.status(status).type('text').send(`${status}`);
      return;
    }
    if (isPartial(req, res)) {
      retarget(res, '#error');
      fragment(res, 'error', data, status);
    } else {
      page(res, 'error', data, status);
    }
  };
}
