import type { CardProgress, ReviewEntry, Schedule } from '../review/types.ts';

/**
 * Our FSRS review state (ts-fsrs fields) as Anki's legacy card columns and review log, for
 * `--with-progress`. Anki keeps review cards' due dates as day numbers counted from the
 * collection's creation (`col.crt`) and shifts them to the importing collection's calendar, so
 * everything here is relative to one `crt` chosen by `collectionCreation`.
 */

/** What the export needs from the review store: `store.allProgress()` and `store.reviews()`. */
export interface ExportProgress {
  cards: ReadonlyMap<string, CardProgress>;
  /** Oldest first. */
  reviews: readonly ReviewEntry[];
}

/** The scheduling columns of an Anki `cards` row. */
export interface AnkiCardSchedule {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  /** The card's `data` column: FSRS memory state, which Anki 23.10+ reads as `s` and `d`. */
  data: string;
}

/** One row of Anki's `revlog` table. */
export interface AnkiRevlogRow {
  id: number;
  cid: number;
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  time: number;
  type: number;
}

const DAY = 86_400;
/** SM-2 ease Anki shows for our cards; FSRS ignores it, and it is Anki's default starting ease. */
const DEFAULT_FACTOR = 2500;

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * `col.crt`: midnight UTC of the earliest moment the export mentions (now, any due date or
 * review), so no day number is negative. Anki reads it with its own rollover hour and time zone;
 * the resulting due dates can differ from ours by at most a day.
 */
export function collectionCreation(now: Date, progress?: ExportProgress): number {
  let earliest = seconds(now);
  for (const p of progress?.cards.values() ?? []) earliest = Math.min(earliest, seconds(p.schedule.due));
  for (const r of progress?.reviews ?? []) earliest = Math.min(earliest, seconds(r.reviewedAt));
  return Math.floor(earliest / DAY) * DAY;
}

function dayNumber(date: Date, crt: number): number {
  return Math.floor((seconds(date) - crt) / DAY);
}

/** FSRS memory state in the `data` column; 4 decimals are more than Anki's f32 keeps. */
function memoryData(s: Schedule): string {
  if (s.state === 0 || !(s.stability > 0)) return '';
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return JSON.stringify({ s: round(s.stability), d: round(s.difficulty) });
}

/**
 * Anki columns for one card. Without progress (or still new) the card is new at `position` in the
 * new queue. Learning and relearning cards whose next step is within the day go to the intraday
 * learning queue (due in epoch seconds), longer steps to the day-learning queue (due as a day
 * number); one learning step is left either way, since our steps live in the review settings, not
 * on the card. Suspended cards keep their state in the suspended queue; buried cards are not
 * buried in Anki (burying lasts until tomorrow anyway).
 */
export function cardSchedule(
  progress: CardProgress | undefined,
  position: number,
  crt: number,
): AnkiCardSchedule {
  const s = progress?.schedule;
  if (!s || s.state === 0) {
    return {
      type: 0,
      queue: progress?.suspended ? -1 : 0,
      due: position,
      ivl: 0,
      factor: 0,
      reps: s?.reps ?? 0,
      lapses: s?.lapses ?? 0,
      left: 0,
      data: '',
    };
  }
  let queue: number;
  let due: number;
  let ivl: number;
  if (s.state === 2) {
    queue = 2;
    due = dayNumber(s.due, crt);
    ivl = Math.max(1, Math.round(s.scheduled_days));
  } else {
    const interday = s.scheduled_days >= 1;
    queue = interday ? 3 : 1;
    due = interday ? dayNumber(s.due, crt) : seconds(s.due);
    ivl = s.state === 3 ? Math.max(1, Math.round(s.stability)) : 0;
  }
  return {
    type: s.state,
    queue: progress.suspended ? -1 : queue,
    due,
    ivl,
    factor: DEFAULT_FACTOR,
    reps: s.reps,
    lapses: s.lapses,
    left: 1,
    data: memoryData(s),
  };
}

/** Anki's interval notation: days for review cards, negative seconds for learning steps. */
function interval(s: Schedule, from: Date): number {
  if (s.state === 0) return 0;
  if (s.state === 2) return Math.max(1, Math.round(s.scheduled_days));
  return -Math.max(0, Math.round((s.due.getTime() - from.getTime()) / 1000));
}

/** `revlog.type`: 0 learn, 1 review, 2 relearn — from the state the card was in when graded. */
const REVIEW_KIND: Record<Schedule['state'], number> = { 0: 0, 1: 0, 2: 1, 3: 2 };

/**
 * Review-log rows for the exported cards, oldest first. Ids are the review times in milliseconds
 * (Anki's convention, and how it skips rows it already has on a second import), moved up by one
 * millisecond on a tie. Answer time is unknown to us and written as 0.
 * @param ankiCardId our card id → Anki card id; reviews of cards not exported are left out.
 */
export function revlogRows(
  reviews: readonly ReviewEntry[],
  ankiCardId: (cardId: string) => number | undefined,
) {
  const rows: AnkiRevlogRow[] = [];
  const used = new Set<number>();
  const sorted = [...reviews].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
  for (const review of sorted) {
    const cid = ankiCardId(review.cardId);
    if (cid === undefined) continue;
    let id = review.reviewedAt.getTime();
    while (used.has(id)) id += 1;
    used.add(id);
    rows.push({
      id,
      cid,
      ease: review.rating,
      ivl: interval(review.after, review.reviewedAt),
      lastIvl: review.before.last_review ? interval(review.before, review.before.last_review) : 0,
      factor: review.after.state === 0 ? 0 : DEFAULT_FACTOR,
      time: 0,
      type: REVIEW_KIND[review.before.state],
    });
  }
  return rows;
}
