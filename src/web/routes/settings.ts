import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Settings } from '../../review/types.ts';
import type { AppContext } from '../context.ts';
import { decimalNumber, wholeNumber } from '../form-fields.ts';
import { isPartial, redirectClient } from '../htmx.ts';
import { fragment, page } from '../render.ts';

const steps = z
  .string()
  .trim()
  .max(200)
  .transform((text, check) => {
    const values = text === '' ? [] : text.split(/[\s,，]+/).map(Number);
    if (values.length > 10 || values.some((v) => !Number.isFinite(v) || v <= 0 || v > 1440)) {
      check.addIssue({ code: 'custom', message: 'steps are 1–10 numbers of minutes, each up to 1440' });
      return z.NEVER;
    }
    return values;
  });

/** The Settings form: strings in, a valid `Settings` (minus the fields the form does not show) out. */
export const settingsForm = z.object({
  newPerDay: wholeNumber(0, 9999),
  maxReviewsPerDay: wholeNumber(0, 99999),
  desiredRetention: decimalNumber(0.7, 0.99),
  learningSteps: steps,
  relearningSteps: steps,
  dayStartHour: wholeNumber(0, 23),
  language: z.enum(['', 'zh', 'en']).transform((v) => (v === '' ? null : v)),
});

type FormValues = Record<keyof z.input<typeof settingsForm>, string>;

function formValues(settings: Settings): FormValues {
  return {
    newPerDay: String(settings.newPerDay),
    maxReviewsPerDay: String(settings.maxReviewsPerDay),
    desiredRetention: settings.desiredRetention.toFixed(2),
    learningSteps: settings.learningSteps.join(' '),
    relearningSteps: settings.relearningSteps.join(' '),
    dayStartHour: String(settings.dayStartHour),
    language: settings.language ?? '',
  };
}

function show(req: Request, res: Response, data: Record<string, unknown>, status = 200): void {
  if (isPartial(req, res)) fragment(res, 'settings-form', data, status);
  else page(res, 'settings', data, status);
}

/** GET /settings: the form; POST /settings: validate, save, show the form again. */
export function settingsRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/settings', (req, res) => {
    show(req, res, {
      values: formValues(ctx.store.settings()),
      errors: {},
      saved: req.query.saved === '1',
    });
  });

  router.post('/settings', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = settingsForm.safeParse(body);
    if (!parsed.success) {
      const errors = Object.fromEntries(
        parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]),
      );
      const values = { ...formValues(ctx.store.settings()) } as Record<string, string>;
      for (const key of Object.keys(values)) if (typeof body[key] === 'string') values[key] = body[key];
      show(req, res, { values, errors, saved: false }, 400);
      return;
    }
    const before = ctx.store.settings();
    const saved = await ctx.store.saveSettings({ ...before, ...parsed.data });
    // A new language needs the whole page drawn again; otherwise the form alone is enough.
    if (isPartial(req, res) && saved.language === before.language) {
      fragment(res, 'settings-form', { values: formValues(saved), errors: {}, saved: true });
    } else {
      redirectClient(req, res, '/settings?saved=1');
    }
  });

  return router;
}
