import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { CARD_KINDS, type Card } from '../../deck/types.ts';
import { BadInputError, NotFoundError } from '../../errors.ts';
import { formatInterval } from '../../review/interval.ts';
import { searchCards } from '../../search/card-search.ts';
import type { AppContext } from '../context.ts';
import { placeOf, topicOf } from '../deck-index.ts';
import { isPartial, pushUrl } from '../htmx.ts';
import { formatDateTime, type Lang, type Translate } from '../i18n.ts';
import { fragment, page } from '../render.ts';
import { buryCard, CARD_STATES, cardState, suspendCard } from '../study.ts';

/** Rows shown at most; the count above them says how many matched. */
const ROW_LIMIT = 200;
const GRADES = ['', 'review.again', 'review.hard', 'review.good', 'review.easy'] as const;

const filtersSchema = z.object({
  q: z.string().max(200).default(''),
  deck: z.string().max(200).default(''),
  topic: z.string().max(400).default(''),
  kind: z.enum(['', ...CARD_KINDS]).catch(''),
  state: z.enum(['', ...CARD_STATES]).catch(''),
});
type Filters = z.infer<typeof filtersSchema>;

function parseFilters(query: unknown): Filters {
  const parsed = filtersSchema.safeParse(query);
  if (!parsed.success) throw new BadInputError('invalid search');
  return parsed.data;
}

function browse(ctx: AppContext, filters: Filters, rel: (date: Date) => string) {
  const index = ctx.deck();
  const now = ctx.now();
  const progress = ctx.store.allProgress();
  const candidates: Card[] =
    filters.q.trim() === ''
      ? [...index.cards]
      : searchCards(index.search, filters.q).flatMap((hit) => index.byId.get(hit.id) ?? []);
  const matched = candidates.filter(
    (card) =>
      (filters.deck === '' || card.deck === filters.deck) &&
      (filters.topic === '' || topicOf(card) === filters.topic) &&
      (filters.kind === '' || card.kind === filters.kind) &&
      (filters.state === '' || cardState(progress.get(card.id), now) === filters.state),
  );
  const rows = matched.slice(0, ROW_LIMIT).map((card) => {
    const p = progress.get(card.id);
    const state = cardState(p, now);
    return {
      id: card.id,
      kind: card.kind,
      topic: topicOf(card),
      state,
      due:
        p && (state === 'learning' || state === 'review' || state === 'relearning')
          ? rel(p.schedule.due)
          : '',
      frontHtml: index.html(card, 'front', 'front'),
    };
  });
  return { rows, total: matched.length };
}

function options(ctx: AppContext, t: Translate) {
  const index = ctx.deck();
  const plain = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
  return {
    decks: plain(index.deckNames),
    topics: plain(index.topics),
    kinds: index.kinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) })),
    states: CARD_STATES.map((state) => ({ value: state, label: t(`state.${state}`) })),
  };
}

function cardById(ctx: AppContext, id: string | undefined): Card {
  const card = id === undefined ? undefined : ctx.deck().byId.get(id);
  if (card === undefined) throw new NotFoundError(`no card ${id ?? ''} in the deck`);
  return card;
}

function actionsData(ctx: AppContext, card: Card) {
  const now = ctx.now();
  const progress = ctx.store.getProgress(card.id);
  const buried = progress?.buriedUntil !== undefined && progress.buriedUntil.getTime() > now.getTime();
  return {
    card,
    state: cardState(progress, now),
    suspended: progress?.suspended ?? false,
    buriedUntil: buried && progress?.buriedUntil ? formatDateTime(progress.buriedUntil) : '',
  };
}

/** Browse (search + filters), the card page, suspend/unsuspend and bury. */
export function cardRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/cards', (req, res) => {
    const filters = parseFilters(req.query);
    const t = res.locals.t as Translate;
    const data = { filters, options: options(ctx, t), ...browse(ctx, filters, res.locals.rel) };
    if (isPartial(req, res)) {
      // Keep the address bar in step with the filters (only those set), so reload and back agree.
      const params = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''));
      pushUrl(res, params.size === 0 ? '/cards' : `/cards?${params}`);
      fragment(res, 'card-rows', data);
    } else {
      page(res, 'cards', data);
    }
  });

  router.get('/cards/:id', (req, res) => {
    const card = cardById(ctx, req.params.id);
    const index = ctx.deck();
    const t = res.locals.t as Translate;
    const progress = ctx.store.getProgress(card.id);
    const rel = res.locals.rel as (date: Date) => string;
    const lang = res.locals.lang as Lang;
    const dateTime = res.locals.dateTime as (date: Date) => string;
    const history = ctx.store
      .reviewsOf(card.id)
      .toReversed()
      .map((entry) => ({
        when: dateTime(entry.reviewedAt),
        rating: entry.rating,
        grade: t(GRADES[entry.rating] as 'review.again'),
        interval: formatInterval(entry.after.due.getTime() - entry.reviewedAt.getTime(), lang),
        origin: t(entry.origin === 'quiz' ? 'card.origin.quiz' : 'card.origin.review'),
      }));
    const schedule =
      progress === undefined || progress.schedule.state === 0
        ? undefined
        : {
            due: `${dateTime(progress.schedule.due)} (${rel(progress.schedule.due)})`,
            stability: t('card.days', { n: progress.schedule.stability.toFixed(1) }),
            difficulty: progress.schedule.difficulty.toFixed(2),
            reps: progress.schedule.reps,
            lapses: progress.schedule.lapses,
            lastReview: progress.schedule.last_review ? dateTime(progress.schedule.last_review) : undefined,
          };
    page(res, 'card', {
      ...actionsData(ctx, card),
      topic: topicOf(card),
      place: placeOf(card).join(' › '),
      frontHtml: index.html(card, 'front', 'front'),
      backHtml: index.html(card, 'back', 'back'),
      extraHtml: card.extra === '' ? '' : index.html(card, 'extra', 'back'),
      schedule,
      history,
    });
  });

  const afterAction = (req: Request, res: Response, card: Card) => {
    if (isPartial(req, res)) fragment(res, 'card-actions', actionsData(ctx, card));
    else res.redirect(303, `/cards/${encodeURIComponent(card.id)}`);
  };

  router.post('/cards/:id/suspend', async (req, res) => {
    const card = cardById(ctx, req.params.id);
    const suspended = z.enum(['0', '1']).safeParse((req.body as Record<string, unknown>)?.suspended);
    if (!suspended.success) throw new BadInputError('suspended must be 0 or 1');
    await suspendCard(ctx, card.id, suspended.data === '1');
    afterAction(req, res, card);
  });

  router.post('/cards/:id/bury', async (req, res) => {
    const card = cardById(ctx, req.params.id);
    await buryCard(ctx, card.id);
    afterAction(req, res, card);
  });

  return router;
}
