import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { BadInputError, NotFoundError, StaleReviewError } from '../../errors.ts';
import { studyDayStart } from '../../review/day.ts';
import { formatInterval } from '../../review/interval.ts';
import type { AppContext } from '../context.ts';
import { placeOf } from '../deck-index.ts';
import { describeError } from '../errors.ts';
import { wholeNumber } from '../form-fields.ts';
import { isPartial } from '../htmx.ts';
import type { Lang, MessageKey, Translate } from '../i18n.ts';
import { fragment, page } from '../render.ts';
import { cardState, cardToShow, gradeCard, session, undoLastGrade } from '../study.ts';

const LABELS: Record<number, MessageKey> = {
  1: 'review.again',
  2: 'review.hard',
  3: 'review.good',
  4: 'review.easy',
};

const gradeForm = z.object({
  rating: z.enum(['1', '2', '3', '4']).transform((v) => Number(v) as 1 | 2 | 3 | 4),
  reps: wholeNumber(0, 1_000_000),
});

const showQuery = z.object({
  show: z.string().max(200).optional(),
  card: z.string().max(200).optional(),
});

interface ViewOptions {
  /** Card to show instead of the queue's next one (after an undo), if it is in the queue. */
  preferred?: string | undefined;
  revealed?: boolean;
  flash?: MessageKey;
  flashKind?: 'ok' | 'warn';
}

/** Everything the review card and progress partials show. */
function reviewView(ctx: AppContext, res: Response, options: ViewOptions = {}) {
  const t = res.locals.t as Translate;
  const lang = res.locals.lang as Lang;
  const s = session(ctx);
  const shown = cardToShow(ctx, s, options.preferred);
  const remaining = s.counts.new + s.counts.learning + s.counts.review;
  const base = {
    flash: options.flash ?? '',
    flashKind: options.flashKind ?? 'ok',
    counts: s.counts,
    progress: { done: s.usage.total, total: s.usage.total + remaining },
    canUndo: s.usage.total > 0,
  };
  if (shown === undefined) {
    // The session is over: a page shown once, so today's reviews are read here rather than tallied.
    const today = ctx.store.reviewsSince(studyDayStart(s.now, s.settings.dayStartHour));
    const again = today.filter((review) => review.rating === 1).length;
    const next = s.queue.soonestDue();
    return {
      ...base,
      shown: undefined,
      summary: {
        reviewed: s.usage.total,
        again,
        passed: s.usage.total - again,
        retention: s.usage.retention === null ? '' : `${Math.round(s.usage.retention * 100)}%`,
        nextDue: next === undefined ? '' : (res.locals.rel as (d: Date) => string)(next),
      },
    };
  }
  const index = ctx.deck();
  const { card } = shown;
  return {
    ...base,
    shown,
    revealed: options.revealed ?? false,
    place: placeOf(card).join(' › '),
    state: cardState(ctx.store.getProgress(card.id), s.now),
    frontHtml: index.html(card, 'front', 'front'),
    // A cloze card's answer is its own text with the gaps filled in.
    backHtml: card.kind === 'cloze' ? index.html(card, 'front', 'back') : index.html(card, 'back', 'back'),
    // The extra is the paragraph the answer was cut from: worth showing only when it adds something.
    extraHtml:
      card.extra.trim() === '' || card.extra.trim() === card.back.trim()
        ? ''
        : index.html(card, 'extra', 'back'),
    buttons: shown.outcomes.map((outcome) => ({
      rating: outcome.rating,
      label: t(LABELS[outcome.rating] ?? 'review.good'),
      interval: formatInterval(outcome.intervalMs, lang),
    })),
  };
}

function showReview(req: Request, res: Response, ctx: AppContext, options: ViewOptions, status = 200): void {
  const data = reviewView(ctx, res, options);
  if (isPartial(req, res)) {
    fragment(res, 'review-card', data, status, [{ view: 'review-progress' }]);
  } else {
    page(res, 'review', data, status);
  }
}

/**
 * GET /review: the next card (front); `?show=<id>` reveals it without JavaScript.
 * POST /review/:cardId/grade: records a grade and shows the next card.
 * POST /review/undo: undoes the newest grade and shows that card again.
 */
export function reviewRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/review', (req, res) => {
    const query = showQuery.safeParse(req.query);
    const show = query.success ? query.data.show : undefined;
    const preferred = show ?? (query.success ? query.data.card : undefined);
    showReview(req, res, ctx, { preferred, revealed: show !== undefined });
  });

  router.post('/review/:cardId/grade', async (req, res) => {
    const cardId = req.params.cardId;
    const form = gradeForm.safeParse(req.body);
    try {
      if (!form.success) throw new BadInputError('rating must be 1–4 and reps a count');
      await gradeCard(ctx, { cardId, rating: form.data.rating, expectedReps: form.data.reps });
    } catch (error) {
      if (
        !(
          error instanceof StaleReviewError ||
          error instanceof NotFoundError ||
          error instanceof BadInputError
        )
      ) {
        throw error;
      }
      // Refused, nothing written: say why, and show the card that is current now.
      const flash: MessageKey =
        error instanceof StaleReviewError
          ? 'review.stale'
          : error instanceof NotFoundError
            ? 'review.unknownCard'
            : form.success
              ? 'review.notDue'
              : 'error.badInput';
      showReview(req, res, ctx, { flash, flashKind: 'warn' }, describeError(error).status);
      return;
    }
    if (isPartial(req, res)) showReview(req, res, ctx, {});
    else res.redirect(303, '/review');
  });

  router.post('/review/undo', async (req, res) => {
    const undone = await undoLastGrade(ctx);
    const flash: MessageKey = undone ? 'review.undone' : 'review.nothingToUndo';
    if (isPartial(req, res)) {
      showReview(req, res, ctx, { preferred: undone?.cardId, flash });
    } else {
      res.redirect(303, undone ? `/review?card=${encodeURIComponent(undone.cardId)}` : '/review');
    }
  });

  return router;
}
