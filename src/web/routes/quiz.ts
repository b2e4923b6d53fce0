import { randomBytes } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { QUIZ_TYPES } from '../../deck/types.ts';
import { BadInputError } from '../../errors.ts';
import { summarize, topicMastery } from '../../quiz/history.ts';
import { showsItsAnswer } from '../../quiz/selection.ts';
import { viewOf } from '../../quiz/session.ts';
import { decodeScope, type TopicNode, topicTree } from '../../quiz/topics.ts';
import type { GivenAnswer, Question, Quiz, QuizSetup } from '../../quiz/types.ts';
import type { QuizStore } from '../../quiz-store/types.ts';
import type { AppContext } from '../context.ts';
import { wholeNumber } from '../form-fields.ts';
import { isPartial, redirectClient } from '../htmx.ts';
import type { Lang, MessageKey, Translate } from '../i18n.ts';
import { masteryChart, scoresChart } from '../quiz-charts.ts';
import { feedbackView, formatClock, progressView, questionView, resultsView } from '../quiz-view.ts';
import { type QuizService, quizService } from '../quizzes.ts';
import { fragment, page } from '../render.ts';

/** Questions a quiz starts with unless the setup says otherwise. */
const DEFAULT_COUNT = 20;
const MAX_COUNT = 200;
/** Time limits offered on the setup page, in minutes. */
const TIME_LIMITS = [5, 10, 15, 20, 30, 45, 60, 90];
/** Heading levels under a deck in the setup page's topic tree. */
const TREE_DEPTH = 3;

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const setupForm = z.object({
  scope: many,
  type: many,
  // A cleared count box (the browser lets an optional number field go empty) means the default.
  count: z
    .union([z.literal('').transform(() => DEFAULT_COUNT), wholeNumber(1, MAX_COUNT)])
    .default(DEFAULT_COUNT),
  minutes: z
    .union([z.literal(''), z.literal('none'), wholeNumber(1, 600)])
    .default('none')
    .transform((v) => (typeof v === 'number' ? v : null)),
  mode: z.enum(['practice', 'exam']).default('practice'),
  seed: z.string().trim().max(64).default(''),
});

const indexForm = z.object({ index: wholeNumber(0, 10_000) });

const NOTICES = ['time-up', 'finished'] as const;
type Notice = (typeof NOTICES)[number];
const NOTICE_KEYS: Record<Notice, MessageKey> = {
  'time-up': 'quiz.refused.time-up',
  finished: 'quiz.refused.finished',
};

function fresh(seed = '') {
  return { id: randomBytes(6).toString('hex'), seed: seed || randomBytes(6).toString('hex') };
}

/** The setup a form asks for, or the message to show above the form again. */
function parseSetup(body: unknown): { setup: QuizSetup; seed: string } | { problem: MessageKey } {
  const form = setupForm.safeParse(body ?? {});
  if (!form.success) {
    const count = form.error.issues.some((issue) => issue.path[0] === 'count');
    return { problem: count ? 'quiz.badCount' : 'quiz.badSetup' };
  }
  const scopes = form.data.scope.map(decodeScope);
  if (scopes.some((s) => s === undefined)) return { problem: 'quiz.badSetup' };
  const types = form.data.type.filter((t): t is QuizSetup['types'][number] =>
    (QUIZ_TYPES as readonly string[]).includes(t),
  );
  if (types.length !== form.data.type.length) return { problem: 'quiz.badSetup' };
  return {
    setup: {
      scopes: scopes as QuizSetup['scopes'],
      types,
      count: form.data.count,
      timeLimitMinutes: form.data.minutes,
      mode: form.data.mode,
    },
    seed: form.data.seed,
  };
}

/** The answer a form carries for a question of a given type; anything missing or odd is a blank. */
function givenFrom(question: Question, body: Record<string, unknown>): GivenAnswer {
  const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const position = (name: string, size: number) => {
    const text = field(name);
    const n = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
    return Number.isInteger(n) && n < size ? n : null;
  };
  const { item } = question;
  switch (item.type) {
    case 'mcq':
      return { type: 'mcq', choice: position('choice', item.choices.length) };
    case 'truefalse': {
      const value = field('value');
      return { type: 'truefalse', value: value === 'true' ? true : value === 'false' ? false : null };
    }
    case 'typed':
      return { type: 'typed', text: field('text').slice(0, 500) };
    case 'match':
      return { type: 'match', picks: item.pairs.map((_, i) => position(`m${i}`, item.pairs.length)) };
  }
}

/** What the quiz page shows: the current question, or the feedback on question `feedback`. */
interface Display {
  feedback?: number;
  flash?: MessageKey;
  status?: number;
}

function showQuiz(req: Request, res: Response, ctx: AppContext, quiz: Quiz, display: Display = {}): void {
  const t = res.locals.t as Translate;
  const view = viewOf(quiz);
  const feedbackIndex = display.feedback ?? (view.kind === 'feedback' ? view.index : undefined);
  const data = {
    title: t('quiz.title'),
    flash: display.flash ?? '',
    progress: progressView(quiz, ctx.now()),
    question:
      view.kind === 'question' && feedbackIndex === undefined ? questionView(quiz, view.index, t) : null,
    feedback: feedbackIndex === undefined ? null : feedbackView(quiz, feedbackIndex, t),
    finished: quiz.finishedAt !== null,
  };
  const status = display.status ?? 200;
  if (isPartial(req, res)) fragment(res, 'quiz-question', data, status, [{ view: 'quiz-progress' }]);
  else page(res, 'quiz-take', data, status);
}

function countNodes(nodes: readonly TopicNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}

function showSetup(res: Response, ctx: AppContext, quizzes: QuizStore, flash = '', status = 200): void {
  const t = res.locals.t as Translate;
  const deck = ctx.deck().deck;
  const usable = deck.quiz.filter((item) => !showsItsAnswer(item));
  const tree = topicTree(deck.decks, usable, TREE_DEPTH);
  const now = ctx.now();
  const running = quizzes
    .list()
    .filter((q) => q.finishedAt === null && (q.deadline === null || q.deadline.getTime() >= now.getTime()))
    .map((q) => ({ ...progressView(q, now), started: q.createdAt }))
    .reverse();
  page(
    res,
    'quiz-setup',
    {
      title: t('quiz.title'),
      flash,
      tree,
      nodes: countNodes(tree),
      available: usable.length,
      types: QUIZ_TYPES.map((type) => ({ type, count: usable.filter((i) => i.type === type).length })),
      limits: TIME_LIMITS,
      defaultCount: DEFAULT_COUNT,
      running,
    },
    status,
  );
}

function quizUrl(id: string, rest = ''): string {
  return `/quiz/${encodeURIComponent(id)}${rest}`;
}

/**
 * GET /quiz: the setup page. POST /quiz: starts a quiz. GET /quiz/history: finished quizzes and charts.
 * GET /quiz/:id: the question on screen (or its feedback). POST /quiz/:id/answer, /next, /end.
 * GET /quiz/:id/results; POST /quiz/:id/retry: a new quiz of the missed questions.
 */
export function quizRoutes(ctx: AppContext, quizzes: QuizStore): Router {
  const router = Router();
  const service: QuizService = quizService(ctx, quizzes);

  router.get('/quiz', (_req, res) => {
    showSetup(res, ctx, quizzes);
  });

  router.post('/quiz', async (req, res) => {
    const parsed = parseSetup(req.body);
    if ('problem' in parsed) {
      showSetup(res, ctx, quizzes, parsed.problem, 400);
      return;
    }
    const { setup, seed } = parsed;
    try {
      const quiz = await service.start(setup, fresh(seed));
      redirectClient(req, res, quizUrl(quiz.id));
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
      showSetup(res, ctx, quizzes, 'quiz.noQuestions', 422);
    }
  });

  router.get('/quiz/history', (_req, res) => {
    const t = res.locals.t as Translate;
    const all = quizzes.list();
    const rows = summarize(all);
    const mastery = topicMastery(all);
    page(res, 'quiz-history', {
      title: t('quiz.history.title'),
      rows: rows.map((row) => ({ ...row, duration: formatClock(row.durationMs) })),
      scores: rows.length === 0 ? '' : scoresChart(rows, res.locals.lang as Lang, t('quiz.history.scores')),
      mastery:
        mastery.length === 0
          ? ''
          : masteryChart(mastery, t('quiz.history.percentRight'), t('quiz.history.mastery')),
      masteryRows: mastery.map((m) => ({ ...m, percent: Math.round(m.share * 100) })),
    });
  });

  router.get('/quiz/:id', async (req, res) => {
    const quiz = await service.open(req.params.id);
    const asked = Number(typeof req.query.feedback === 'string' ? req.query.feedback : Number.NaN);
    // Practice mode shows the feedback on an answered question; exam mode keeps it for the results.
    const feedback =
      quiz.setup.mode === 'practice' && Number.isInteger(asked) && quiz.answers[asked]?.given
        ? asked
        : undefined;
    if (quiz.finishedAt !== null && feedback === undefined) {
      res.redirect(303, quizUrl(quiz.id, '/results'));
      return;
    }
    showQuiz(req, res, ctx, quiz, feedback === undefined ? {} : { feedback });
  });

  router.post('/quiz/:id/answer', async (req, res) => {
    const id = req.params.id;
    const current = await service.open(id);
    const form = indexForm.safeParse(req.body);
    const question = form.success ? current.questions[form.data.index] : undefined;
    if (!form.success || question === undefined) throw new BadInputError('no such question in this quiz');
    const index = form.data.index;
    const outcome = await service.answer(id, index, givenFrom(question, req.body as Record<string, unknown>));
    const quiz = outcome.quiz;
    if (outcome.status === 'refused') {
      if (outcome.reason === 'time-up' || outcome.reason === 'finished') {
        redirectClient(req, res, quizUrl(id, `/results?notice=${outcome.reason}`));
        return;
      }
      // Nothing recorded: say why, and show what is current now.
      showQuiz(req, res, ctx, quiz, { flash: `quiz.refused.${outcome.reason}`, status: 409 });
      return;
    }
    if (quiz.setup.mode === 'practice') {
      if (isPartial(req, res)) showQuiz(req, res, ctx, quiz, { feedback: index });
      else res.redirect(303, quizUrl(id, `?feedback=${index}`));
      return;
    }
    if (quiz.finishedAt !== null) redirectClient(req, res, quizUrl(id, '/results'));
    else if (isPartial(req, res)) showQuiz(req, res, ctx, quiz);
    else res.redirect(303, quizUrl(id));
  });

  router.post('/quiz/:id/next', async (req, res) => {
    const form = indexForm.safeParse(req.body);
    if (!form.success) throw new BadInputError('no such question in this quiz');
    const quiz = await service.next(req.params.id, form.data.index);
    if (quiz.finishedAt !== null) redirectClient(req, res, quizUrl(quiz.id, '/results'));
    else if (isPartial(req, res)) showQuiz(req, res, ctx, quiz);
    else res.redirect(303, quizUrl(quiz.id));
  });

  router.post('/quiz/:id/end', async (req, res) => {
    const quiz = await service.end(req.params.id);
    redirectClient(req, res, quizUrl(quiz.id, '/results'));
  });

  router.get('/quiz/:id/results', async (req, res) => {
    const quiz = await service.open(req.params.id);
    if (quiz.finishedAt === null) {
      res.redirect(303, quizUrl(quiz.id));
      return;
    }
    const t = res.locals.t as Translate;
    const notice = NOTICES.find((n) => n === req.query.notice);
    page(res, 'quiz-results', {
      title: t('quiz.results.title'),
      flash: notice === undefined ? '' : NOTICE_KEYS[notice],
      ...resultsView(quiz, ctx.now(), t),
    });
  });

  router.post('/quiz/:id/retry', async (req, res) => {
    const quiz = await service.retry(req.params.id, fresh());
    redirectClient(req, res, quizUrl(quiz.id));
  });

  return router;
}
