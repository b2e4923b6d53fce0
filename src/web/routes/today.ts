import { Router } from 'express';
import { streak, tallyByDay } from '../../review/day.ts';
import { countByGroup } from '../../review/queue.ts';
import type { DueCounts } from '../../review/types.ts';
import { chartLabels } from '../chart-labels.ts';
import { calendarHeatmap } from '../charts.ts';
import type { AppContext } from '../context.ts';
import { topicOf } from '../deck-index.ts';
import type { Lang, Translate } from '../i18n.ts';
import { page } from '../render.ts';
import { session } from '../study.ts';
import { reviewsPerDay, windowStart } from '../study-stats.ts';

/** Days in the small heatmap on Today: twelve weeks. */
const HEATMAP_DAYS = 84;

function rows(counts: Map<string, DueCounts>, totals: Map<string, number>) {
  return [...counts].map(([name, c]) => ({ name, ...c, cards: totals.get(name) ?? 0 }));
}

/** GET /: what is waiting today, per deck and per topic, today's progress, streak and recent activity. */
export function todayRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const t = res.locals.t as Translate;
    const s = session(ctx);
    const hour = s.settings.dayStartHour;
    const index = ctx.deck();
    const progress = ctx.store.allProgress();
    const total = (keyOf: (card: (typeof index.cards)[number]) => string) => {
      const totals = new Map<string, number>();
      for (const card of index.cards) totals.set(keyOf(card), (totals.get(keyOf(card)) ?? 0) + 1);
      return totals;
    };
    const byDeck = countByGroup(index.cards, (card) => [card.deck], progress, s.now, hour);
    const byTopic = countByGroup(
      index.cards,
      (card) => (topicOf(card) === '' ? [] : [topicOf(card)]),
      progress,
      s.now,
      hour,
    );
    const days = reviewsPerDay(
      ctx.store.reviewsSince(windowStart(s.now, hour, HEATMAP_DAYS)),
      s.now,
      hour,
      HEATMAP_DAYS,
    );
    const run = streak(tallyByDay(ctx.store.reviews(), hour).keys(), s.now, hour);
    page(res, 'today', {
      title: t('today.title'),
      counts: s.counts,
      usage: s.usage,
      retention: s.usage.retention === null ? '' : `${Math.round(s.usage.retention * 100)}%`,
      streak: run.current,
      decks: rows(
        byDeck,
        total((card) => card.deck),
      ),
      topics: rows(byTopic, total(topicOf)),
      heatmap: calendarHeatmap(days, chartLabels(t, res.locals.lang as Lang), t('today.activity')),
    });
  });
  return router;
}
