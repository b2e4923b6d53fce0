/**
 * Fills an empty data folder with synthetic review history, for `npm run bench` and scale tests:
 * 100,000 reviews take about two seconds, against minutes through `recordGrade` (one fsync each).
 * The log is written in the real format with real FSRS schedules, then opened and closed through
 * `openStore`, so db.json is the checkpoint the app itself would write.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { grade, newSchedule } from '../review/scheduler.ts';
import type { Rating, Schedule, Settings } from '../review/types.ts';
import { DEFAULT_SETTINGS } from '../review/types.ts';
import { LogCodec } from './log-codec.ts';
import { LOG_FILE, openStore } from './lowdb-store.ts';
import { reviewId } from './state.ts';

export interface SeedOptions {
  dataDir: string;
  /** Card ids to review, or how many to make up (`seed-card-0`, `seed-card-1`, …). */
  cards: number | readonly string[];
  reviews: number;
  /** The last review happens just before this moment; the reviews spread over the year before it. */
  now: Date;
  /** Chooses the ratings (about one Again in ten); the same seed gives the same history. */
  seed?: number;
  /** Scheduling settings for the synthetic grades (fuzz is always off); not saved to the store. */
  settings?: Settings;
}

export interface SeedResult {
  cardIds: string[];
  /** Reviews per card (round-robin, so they differ by at most one). */
  reviewsPerCard: number;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * @throws Error when `dataDir` already holds a review log (seeding never mixes with real data)
 * @example await seedReviews({ dataDir, cards: 10_000, reviews: 100_000, now: new Date() });
 */
export async function seedReviews(options: SeedOptions): Promise<SeedResult> {
  const logPath = join(options.dataDir, LOG_FILE);
  if (await exists(logPath)) throw new Error(`${logPath} exists: seed only an empty data folder`);
  await mkdir(options.dataDir, { recursive: true });
  const cardIds =
    typeof options.cards === 'number'
      ? Array.from({ length: options.cards }, (_, index) => `seed-card-${index}`)
      : [...options.cards];
  if (cardIds.length === 0) throw new Error('seedReviews needs at least one card');
  const settings = { ...(options.settings ?? DEFAULT_SETTINGS), fuzz: false };

  const random = lcg(options.seed ?? 1);
  const spacing = Math.max(1000, Math.floor(YEAR_MS / Math.max(1, options.reviews)));
  const first = options.now.getTime() - spacing * options.reviews;
  const schedules = new Map<string, Schedule>();
  const codec = new LogCodec();
  const lines: string[] = [];
  for (let index = 0; index < options.reviews; index++) {
    const cardId = cardIds[index % cardIds.length]!;
    const reviewedAt = new Date(first + index * spacing);
    const before = schedules.get(cardId) ?? newSchedule(reviewedAt);
    const rating: Rating = random() < 0.1 ? 1 : random() < 0.85 ? 3 : random() < 0.5 ? 2 : 4;
    const after = grade(before, rating, reviewedAt, settings);
    schedules.set(cardId, after);
    const seq = index + 1;
    const record = {
      seq,
      type: 'grade',
      entry: { id: reviewId(seq), cardId, rating, reviewedAt, origin: 'review', before, after },
    } as const;
    lines.push(codec.encode(record));
    codec.note(record);
  }
  await writeFile(logPath, lines.join(''));
  const { store } = await openStore({ dataDir: options.dataDir, now: () => options.now });
  await store.close();
  return { cardIds, reviewsPerCard: Math.ceil(options.reviews / cardIds.length) };
}

/** A small seeded generator (numbers in [0, 1)); Math.random cannot be seeded. */
function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
