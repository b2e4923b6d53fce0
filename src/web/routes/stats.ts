import { Router } from 'express';
import { chartLabels } from '../chart-labels.ts';
import { calendarHeatmap, forecastChart, retentionChart, statesChart } from '../charts.ts';
import type { AppContext } from '../context.ts';
import type { Lang, Translate } from '../i18n.ts';
import { page } from '../render.ts';
import { cardsByState, dueForecast, retentionPerWeek, reviewsPerDay, windowStart } from '../study-stats.ts';

const YEAR_DAYS = 365;
const FORECAST_DAYS = 30;

/** GET /stats: the four charts, drawn on the server as SVG. */
export function statsRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/stats', (_req, res) => {
    const t = res.locals.t as Translate;
    const labels = chartLabels(t, res.locals.lang as Lang);
    const now = ctx.now();
    const settings = ctx.store.settings();
    const hour = settings.dayStartHour;
    const cards = ctx.deck().cards;
    const progress = ctx.store.allProgress();
    const yearReviews = ctx.store.reviewsSince(windowStart(now, hour, YEAR_DAYS));
    const days = reviewsPerDay(yearReviews, now, hour, YEAR_DAYS);
    const weeks = retentionPerWeek(yearReviews, hour);
    const total = days.reduce((sum, day) => sum + day.count, 0);
    page(res, 'stats', {
      total,
      charts: {
        calendar: calendarHeatmap(days, labels, t('stats.calendar')),
        forecast: forecastChart(
          dueForecast(cards, progress, now, hour, FORECAST_DAYS),
          labels,
          t('stats.forecast'),
        ),
        retention:
          weeks.length === 0
            ? ''
            : retentionChart(weeks, settings.desiredRetention, labels, t('stats.retention')),
        states: statesChart(cardsByState(cards, progress, now), labels, t('stats.states')),
      },
    });
  });
  return router;
}
