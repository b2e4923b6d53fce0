import type { Card } from '../deck/types.ts';
import { shiftDayKey, studyDayKey, studyDayStart, tallyByDay } from '../review/day.ts';
import type { CardProgress, ReviewEntry } from '../review/types.ts';
import { CARD_STATES, type CardState, cardState } from './study.ts';

/**
 * The numbers behind the Stats and Today charts, computed from the review log and card progress.
 * Pure: the clock and the day boundary are parameters. Days are `YYYY-MM-DD` study-day keys.
 */

/** Reviews on one study day. */
export interface DayCount {
  day: string;
  count: number;
}

/** Share of review-state grades passed in one week (Monday start). */
export interface WeekRetention {
  week: string;
  passed: number;
  total: number;
  retention: number;
}

export interface StateCount {
  state: CardState;
  count: number;
}

/**
 * Reviews per study day for the `days` days ending today, zero days included, oldest first.
 * @param reviews at least the reviews of those days, oldest first (e.g. `store.reviewsSince(…)`)
 */
export function reviewsPerDay(
  reviews: readonly ReviewEntry[],
  now: Date,
  dayStartHour: number,
  days: number,
): DayCount[] {
  const tallies = tallyByDay(reviews, dayStartHour);
  const today = studyDayKey(now, dayStartHour);
  return Array.from({ length: days }, (_, i) => {
    const day = shiftDayKey(today, i - days + 1);
    return { day, count: tallies.get(day)?.total ?? 0 };
  });
}

/** The moment `days` study days before the current one started: where a chart's window begins. */
export function windowStart(now: Date, dayStartHour: number, days: number): Date {
  const start = studyDayStart(now, dayStartHour);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() - days, dayStartHour);
}

/**
 * Cards falling due on each of the next `days` study days (today first; overdue cards count today).
 * New, suspended and removed cards are left out: they are not waiting for a review.
 */
export function dueForecast(
  cards: readonly Card[],
  progress: ReadonlyMap<string, CardProgress>,
  now: Date,
  dayStartHour: number,
  days: number,
): DayCount[] {
  const today = studyDayKey(now, dayStartHour);
  const keys = Array.from({ length: days }, (_, i) => shiftDayKey(today, i));
  const counts = new Map(keys.map((key) => [key, 0]));
  for (const card of cards) {
    const p = progress.get(card.id);
    if (p === undefined || p.suspended || p.schedule.state === 0) continue;
    const key = p.schedule.due <= now ? today : studyDayKey(p.schedule.due, dayStartHour);
    const count = counts.get(key);
    if (count !== undefined) counts.set(key, count + 1);
  }
  return keys.map((day) => ({ day, count: counts.get(day) ?? 0 }));
}

/** Monday of the week a day key falls in. */
export function weekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  return shiftDayKey(day, -weekday);
}

/**
 * True retention per week: of the grades given to cards in the review state (not new, not in
 * learning steps), the share that was not Again. Weeks without such grades are left out.
 */
export function retentionPerWeek(reviews: readonly ReviewEntry[], dayStartHour: number): WeekRetention[] {
  const weeks = new Map<string, { passed: number; total: number }>();
  for (const [day, tally] of tallyByDay(reviews, dayStartHour)) {
    if (tally.reviewState === 0) continue;
    const week = weekOf(day);
    const entry = weeks.get(week) ?? { passed: 0, total: 0 };
    entry.passed += tally.passed;
    entry.total += tally.reviewState;
    weeks.set(week, entry);
  }
  return [...weeks]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, { passed, total }]) => ({ week, passed, total, retention: passed / total }));
}

/** How many cards of the deck are in each state now (every state listed, zeros included). */
export function cardsByState(
  cards: readonly Card[],
  progress: ReadonlyMap<string, CardProgress>,
  now: Date,
): StateCount[] {
  const counts = new Map<CardState, number>(CARD_STATES.map((state) => [state, 0]));
  for (const card of cards) {
    const state = cardState(progress.get(card.id), now);
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return CARD_STATES.map((state) => ({ state, count: counts.get(state) ?? 0 }));
}
