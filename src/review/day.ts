/**
 * Study-day arithmetic. A study day runs from `dayStartHour` (local time) to the same hour the next
 * calendar day, as in Anki: a review at 01:30 with a 04:00 day start belongs to the day before.
 * Keys are the local calendar date of the day's start, `YYYY-MM-DD`.
 */
import type { DayTally, DayUsage, ReviewEntry, Streak } from './types.ts';

/** Start of the study day containing `moment`. */
export function studyDayStart(moment: Date, dayStartHour: number): Date {
  const start = new Date(moment.getFullYear(), moment.getMonth(), moment.getDate(), dayStartHour, 0, 0, 0);
  if (start.getTime() > moment.getTime()) start.setDate(start.getDate() - 1);
  return start;
}

/** Start of the study day after the one containing `moment`: reviews due before it are due today. */
export function nextStudyDayStart(moment: Date, dayStartHour: number): Date {
  const start = studyDayStart(moment, dayStartHour);
  // setDate keeps the wall-clock hour across a DST change, where adding 24 h would not.
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1, dayStartHour, 0, 0, 0);
}

/** `YYYY-MM-DD` of the study day containing `moment`. */
export function studyDayKey(moment: Date, dayStartHour: number): string {
  return dateKey(studyDayStart(moment, dayStartHour));
}

/** The key `days` days after (or before, if negative) the key given. */
export function shiftDayKey(key: string, days: number): string {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return dateKey(new Date(year, month - 1, day + days, 12));
}

function dateKey(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/**
 * What today's reviews used of the daily limits.
 * @param todayReviews `store.reviewsSince(studyDayStart(now, settings.dayStartHour))`
 */
export function dayUsage(todayReviews: readonly ReviewEntry[]): DayUsage {
  let newStudied = 0;
  let reviewsDone = 0;
  let passed = 0;
  let reviewState = 0;
  for (const review of todayReviews) {
    if (review.before.state === 2) {
      reviewState++;
      if (review.rating !== 1) passed++;
    }
    if (review.origin !== 'review') continue;
    if (review.before.state === 0) newStudied++;
    else if (review.before.state === 2) reviewsDone++;
  }
  return {
    newStudied,
    reviewsDone,
    total: todayReviews.length,
    retention: reviewState === 0 ? null : passed / reviewState,
  };
}

/**
 * `dayUsage` kept up to date one review at a time, for the review screen, which needs it on every
 * grade: it equals `dayUsage(store.reviewsSince(dayStart))` as long as every review recorded is
 * added and every review undone is taken back. Reviews before `dayStart` (a clock set back) are
 * left out, as `reviewsSince` leaves them out.
 */
export class DayUsageCounter {
  readonly dayStart: Date;
  #newStudied = 0;
  #reviewsDone = 0;
  #total = 0;
  #reviewState = 0;
  #passed = 0;

  /** @param todayReviews `store.reviewsSince(dayStart)` */
  constructor(dayStart: Date, todayReviews: readonly ReviewEntry[]) {
    this.dayStart = dayStart;
    for (const review of todayReviews) this.add(review);
  }

  /** Counts a review just recorded (`sign` 1) or takes back one just undone (`sign` -1). */
  add(review: ReviewEntry, sign: 1 | -1 = 1): void {
    if (review.reviewedAt.getTime() < this.dayStart.getTime()) return;
    this.#total += sign;
    if (review.before.state === 2) {
      this.#reviewState += sign;
      if (review.rating !== 1) this.#passed += sign;
    }
    if (review.origin !== 'review') return;
    if (review.before.state === 0) this.#newStudied += sign;
    else if (review.before.state === 2) this.#reviewsDone += sign;
  }

  usage(): DayUsage {
    return {
      newStudied: this.#newStudied,
      reviewsDone: this.#reviewsDone,
      total: this.#total,
      retention: this.#reviewState === 0 ? null : this.#passed / this.#reviewState,
    };
  }
}

/**
 * Reviews per study day, keyed `YYYY-MM-DD`, in the order the days first occur.
 * @param reviews oldest first, as the store returns them (a day boundary is computed once per day,
 * not once per review, so 100,000 reviews take a few milliseconds)
 */
export function tallyByDay(reviews: readonly ReviewEntry[], dayStartHour: number): Map<string, DayTally> {
  const tallies = new Map<string, DayTally>();
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let tally: DayTally | undefined;
  for (const review of reviews) {
    const time = review.reviewedAt.getTime();
    if (tally === undefined || time < start || time >= end) {
      const dayStart = studyDayStart(review.reviewedAt, dayStartHour);
      start = dayStart.getTime();
      end = nextStudyDayStart(review.reviewedAt, dayStartHour).getTime();
      const key = dateKey(dayStart);
      tally = tallies.get(key);
      if (tally === undefined) {
        tally = { total: 0, reviewState: 0, passed: 0 };
        tallies.set(key, tally);
      }
    }
    tally.total++;
    if (review.before.state === 2) {
      tally.reviewState++;
      if (review.rating !== 1) tally.passed++;
    }
  }
  return tallies;
}

/**
 * Current and longest run of consecutive study days with a review. Today without reviews yet does
 * not break the current streak: the student still has the rest of the day.
 * @param days the keys of days with reviews, e.g. `tallyByDay(reviews, hour).keys()`
 */
export function streak(days: Iterable<string>, now: Date, dayStartHour: number): Streak {
  const studied = new Set(days);
  let longest = 0;
  for (const day of studied) {
    if (studied.has(shiftDayKey(day, -1))) continue; // not the first day of a run
    let length = 1;
    while (studied.has(shiftDayKey(day, length))) length++;
    longest = Math.max(longest, length);
  }
  const today = studyDayKey(now, dayStartHour);
  let day = studied.has(today) ? today : shiftDayKey(today, -1);
  let current = 0;
  while (studied.has(day)) {
    current++;
    day = shiftDayKey(day, -1);
  }
  return { current, longest };
}
