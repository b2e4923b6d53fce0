/**
 * The db.json file: its versions, the zod schema that validates it and turns its ISO date strings
 * back into `Date`s, and the migrations that bring an older file up to date. Pure.
 *
 * The review log (reviews.jsonl) is versioned with this file: a change to the log format is a new
 * db version whose migration also converts the log.
 */
import { z } from 'zod';
import type { CardProgress, Schedule, Settings } from '../review/types.ts';
import { DEFAULT_SETTINGS } from '../review/types.ts';

export const DB_VERSION = 1;

/** db.json in memory. On disk the dates are ISO strings (JSON.stringify writes them so). */
export interface DbFile {
  version: typeof DB_VERSION;
  settings: Settings;
  /** Seq of the newest review-log record folded into `progress`; replay starts after it. */
  logSeq: number;
  progress: Record<string, CardProgress>;
  /** When `progress` was last folded from the log; null before the first checkpoint. */
  checkpointedAt: Date | null;
}

/** A fresh db: default settings, no progress. */
export function emptyDb(): DbFile {
  return {
    version: DB_VERSION,
    settings: structuredClone(DEFAULT_SETTINGS),
    logSeq: 0,
    progress: {},
    checkpointedAt: null,
  };
}

const isoDate = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

export const scheduleSchema = z.object({
  due: isoDate,
  stability: z.number().nonnegative(),
  difficulty: z.number().nonnegative(),
  elapsed_days: z.number().nonnegative(),
  scheduled_days: z.number().nonnegative(),
  learning_steps: z.int().nonnegative(),
  reps: z.int().nonnegative(),
  lapses: z.int().nonnegative(),
  state: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  last_review: isoDate.exactOptional(),
}) satisfies z.ZodType<Schedule, unknown>;

/** Settings as the store keeps them; the settings form can validate with it too. */
export const settingsSchema = z.object({
  newPerDay: z.int().min(0).max(10_000),
  maxReviewsPerDay: z.int().min(0).max(100_000),
  desiredRetention: z.number().min(0.7).max(0.99),
  learningSteps: z
    .array(
      z
        .number()
        .positive()
        .max(1440 * 30),
    )
    .max(10),
  relearningSteps: z
    .array(
      z
        .number()
        .positive()
        .max(1440 * 30),
    )
    .max(10),
  dayStartHour: z.int().min(0).max(23),
  language: z.enum(['zh', 'en']).nullable(),
  fuzz: z.boolean().exactOptional(),
}) satisfies z.ZodType<Settings, unknown>;

const progressSchema = z.object({
  cardId: z.string().min(1),
  schedule: scheduleSchema,
  suspended: z.boolean(),
  buriedUntil: isoDate.exactOptional(),
}) satisfies z.ZodType<CardProgress, unknown>;

const dbSchema = z.object({
  version: z.literal(DB_VERSION),
  settings: settingsSchema,
  logSeq: z.int().nonnegative(),
  progress: z.record(z.string(), progressSchema),
  checkpointedAt: isoDate.nullable(),
}) satisfies z.ZodType<DbFile, unknown>;

/**
 * Version 0, the first prototype: no `version` field; ts-fsrs cards stored as they came, with state
 * names (`"Review"`) and `last_review: null`; settings without relearning steps or language.
 */
const v0Schema = z.object({
  settings: z
    .object({
      newPerDay: z.int(),
      maxReviewsPerDay: z.int(),
      desiredRetention: z.number(),
      learningSteps: z.array(z.number()),
      dayStartHour: z.int(),
    })
    .partial()
    .default({}),
  cards: z.record(
    z.string(),
    z.object({
      card: z.object({
        due: z.string(),
        stability: z.number(),
        difficulty: z.number(),
        elapsed_days: z.number(),
        scheduled_days: z.number(),
        learning_steps: z.number().default(0),
        reps: z.number(),
        lapses: z.number(),
        state: z.enum(['New', 'Learning', 'Review', 'Relearning']),
        last_review: z.string().nullable().optional(),
      }),
      suspended: z.boolean().optional(),
    }),
  ),
});

const STATE_NUMBERS = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;

/** `migrations[n]` turns the JSON of version n into the JSON of version n + 1. */
const migrations: ((json: unknown) => unknown)[] = [
  (json) => {
    const v0 = v0Schema.parse(json);
    const progress: Record<string, unknown> = {};
    for (const [cardId, { card, suspended }] of Object.entries(v0.cards)) {
      const { last_review, state, ...rest } = card;
      progress[cardId] = {
        cardId,
        schedule: {
          ...rest,
          state: STATE_NUMBERS[state],
          ...(last_review ? { last_review } : {}),
        },
        suspended: suspended ?? false,
      };
    }
    return {
      version: 1,
      settings: { ...DEFAULT_SETTINGS, ...v0.settings },
      logSeq: 0,
      progress,
      checkpointedAt: null,
    };
  },
];

/** The db version a JSON value claims: its `version` field, or 0 for the prototype that had none. */
export function versionOf(json: unknown): number {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return Number.NaN;
  const version = (json as { version?: unknown }).version;
  if (version === undefined) return 0;
  return typeof version === 'number' && Number.isInteger(version) ? version : Number.NaN;
}

/**
 * Validates db.json's content, migrating it first when it is older.
 * @returns the db and the version it had on disk (less than `DB_VERSION` when migrated)
 * @throws Error with a readable message when the content is not a db of any known version
 */
export function parseDb(json: unknown): { db: DbFile; fromVersion: number } {
  const fromVersion = versionOf(json);
  if (Number.isNaN(fromVersion)) throw new Error('not a deckhand database (no valid version field)');
  if (fromVersion > DB_VERSION) {
    throw new Error(
      `database version ${fromVersion} is newer than this deckhand (${DB_VERSION}): update deckhand`,
    );
  }
  let current = json;
  for (let version = fromVersion; version < DB_VERSION; version++) {
    try {
      current = migrations[version]!(current);
    } catch (error) {
      if (!(error instanceof z.ZodError)) throw error;
      throw new Error(`not a valid version ${version} database: ${z.prettifyError(error)}`);
    }
  }
  const result = dbSchema.safeParse(current);
  if (!result.success) throw new Error(z.prettifyError(result.error));
  return { db: result.data, fromVersion };
}
