import express, { type Express, type RequestHandler } from 'express';
import type { Deck } from '../deck/types.ts';
import { memoryQuizStore } from '../quiz-store/memory-quiz-store.ts';
import type { QuizStore } from '../quiz-store/types.ts';
import type { ReviewStore } from '../store/types.ts';
import { staticAssets } from './assets.ts';
import { passwordGate } from './auth.ts';
import type { AppContext } from './context.ts';
import { deckIndexer } from './deck-index.ts';
import { errorHandler, notFound } from './errors.ts';
import { formatDateTime, formatRelative, interfaceLanguage, translator } from './i18n.ts';
import { cardRoutes } from './routes/cards.ts';
import { exportRoutes } from './routes/export.ts';
import { quizRoutes } from './routes/quiz.ts';
import { reviewRoutes } from './routes/review.ts';
import { settingsRoutes } from './routes/settings.ts';
import { sourceRoutes } from './routes/source.ts';
import { statsRoutes } from './routes/stats.ts';
import { todayRoutes } from './routes/today.ts';
import { csrfProtection, securityHeaders } from './security.ts';
import { StudyState } from './study-state.ts';

/** What the app is built from; all I/O (listening, reading the deck file) stays outside. */
export interface AppOptions {
  /** The deck, or a getter returning the newest one (the server swaps decks after a rebuild). */
  deck: Deck | (() => Deck);
  store: ReviewStore;
  /** Where quizzes are kept (default: in memory, lost at exit; the server passes the quiz folder's store). */
  quizzes?: QuizStore;
  now: () => Date;
  config: { password?: string };
  /** Folder the cards' source files are relative to. */
  notesDir: string;
  /** HMAC key for CSRF tokens (default: random per process). */
  csrfSecret?: string;
  /** Where the last .apkg download per topic is kept, so a re-download moves `mod` only for edited notes. */
  exportsDir?: string;
  /** Where server errors are logged (default console.error). */
  log?: (message: string) => void;
}

/**
 * Every form of the app (and htmx) posts `application/x-www-form-urlencoded`; any other body would
 * go unread and end as a misleading CSRF refusal, so it is refused as what it is: 415.
 */
const formBodiesOnly: RequestHandler = (req, _res, next) => {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody || req.is('application/x-www-form-urlencoded')) return next();
  next(
    Object.assign(
      new Error(
        `send forms as application/x-www-form-urlencoded, not ${req.get('content-type') ?? 'an untyped body'}`,
      ),
      {
        status: 415,
      },
    ),
  );
};

/**
 * Builds the Express app: security headers, CSRF and origin checks on every POST, the optional
 * password gate, the pages, and error pages. It does not listen: see `startServer`.
 * @example const app = createApp({ deck, store, now: () => new Date(), config: {}, notesDir: 'content' })
 */
export function createApp(options: AppOptions): Express {
  const { deck } = options;
  const deckIndex = deckIndexer(typeof deck === 'function' ? deck : () => deck);
  const ctx: AppContext = {
    deck: deckIndex,
    store: options.store,
    study: new StudyState(options.store, deckIndex),
    now: options.now,
    notesDir: options.notesDir,
  };
  const assets = staticAssets();
  const csrf = csrfProtection(options.csrfSecret);
  const app = express();
  app.disable('x-powered-by');
  // Pages are sent with Cache-Control: no-store, so an ETag (a SHA-1 of every page) is never used;
  // the static assets set their own.
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use(securityHeaders());
  app.use(assets.router);
  app.use(...csrf.prelude);
  // Shared page data: every template gets the translator, the token for its forms and asset URLs.
  app.use((req, res, next) => {
    const lang = interfaceLanguage(ctx.store.settings(), ctx.deck().deck);
    const t = translator(lang);
    const now = ctx.now();
    Object.assign(res.locals, {
      lang,
      t,
      csrf: csrf.token(req, res),
      assets: assets.urls,
      path: req.path,
      loggedIn: false,
      rel: (date: Date) => formatRelative(t, lang, date, now),
      dateTime: formatDateTime,
    });
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Bodies are read after the page context is set up, so a refused body gets a proper error page.
  app.use(formBodiesOnly);
  // Small bodies only (a grade is a few bytes); enough fields for a quiz setup with every topic ticked.
  app.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 1000 }));
  app.use(...csrf.checks);
  if (options.config.password !== undefined) {
    const gate = passwordGate({ password: options.config.password });
    app.use(gate.router);
    app.use(gate.guard);
  }
  app.use(todayRoutes(ctx));
  app.use(reviewRoutes(ctx));
  app.use(quizRoutes(ctx, options.quizzes ?? memoryQuizStore()));
  app.use(cardRoutes(ctx));
  app.use(exportRoutes(ctx, options.exportsDir));
  app.use(sourceRoutes(ctx));
  app.use(statsRoutes(ctx));
  app.use(settingsRoutes(ctx));
  app.use(notFound);
  app.use(errorHandler(options.log));
  return app;
}
