import type { Card } from '../deck/types.ts';
import { BadInputError, NotFoundError, StaleReviewError } from '../errors.ts';
import { nextStudyDayStart } from '../review/day.ts';
import type { QueueView } from '../review/queue-index.ts';
import { grade, newSchedule, preview } from '../review/scheduler.ts';
import type {
  CardProgress,
  DayUsage,
  DueCounts,
  GradeOutcome,
  Rating,
  ReviewEntry,
  Schedule,
  Settings,
} from '../review/types.ts';
import type { AppContext } from './context.ts';

/**
 * The review use cases the routes call: what to show now, grading, undo, suspend and bury. Routes
 * parse input and render; the rules live here and in `review/`.
 */

/** Today's queue at one moment, with the usage of the daily limits it was cut with. */
export interface Session {
  now: Date;
  settings: Settings;
  queue: QueueView;
  counts: DueCounts;
  usage: DayUsage;
}

/** Today's queue for the current deck, now (valid until the store changes). */
export function session(ctx: AppContext): Session {
  const now = ctx.now();
  const settings = ctx.store.settings();
  const { queue, usage } = ctx.study.at(now, settings);
  return { now, settings, queue, counts: queue.counts(), usage };
}

/** The card on screen: its current schedule and what each grade button would do. */
export interface ShownCard {
  card: Card;
  schedule: Schedule;
  outcomes: GradeOutcome[];
}

/**
 * The card to show: `preferred` when it is in today's queue (after an undo, or a reveal without
 * JavaScript), else the queue's next card; undefined when the session is over.
 */
export function cardToShow(ctx: AppContext, s: Session, preferred?: string): ShownCard | undefined {
  const id = preferred !== undefined && s.queue.has(preferred) ? preferred : s.queue.next();
  const card = id === undefined ? undefined : ctx.deck().byId.get(id);
  if (card === undefined) return undefined;
  const schedule = ctx.store.getProgress(card.id)?.schedule ?? newSchedule(s.now);
  return { card, schedule, outcomes: preview(schedule, s.now, s.settings) };
}

/** A grade as submitted by the review form. */
export interface GradeRequest {
  cardId: string;
  rating: Rating;
  /** `reps` of the schedule the page showed. */
  expectedReps: number;
}

/**
 * Records a grade for a card of today's queue.
 * @throws NotFoundError for a card not in the deck; StaleReviewError when the card was graded since
 * the page showed it (another tab, a double click); BadInputError for a card not due now. Nothing is
 * written in any of these cases.
 */
export async function gradeCard(ctx: AppContext, request: GradeRequest): Promise<ReviewEntry> {
  const card = ctx.deck().byId.get(request.cardId);
  if (card === undefined) throw new NotFoundError(`no card ${request.cardId} in the deck`);
  const progress = ctx.store.getProgress(card.id);
  // Stale before not-due: a card graded a moment ago in another tab is usually no longer due either,
  // and "someone graded this already" is the message that explains it.
  if ((progress?.schedule.reps ?? 0) !== request.expectedReps) {
    throw new StaleReviewError(`card ${card.id} was graded since it was shown`);
  }
  const s = session(ctx);
  if (!s.queue.has(card.id)) throw new BadInputError(`card ${card.id} is not due now`);
  const before = progress?.schedule ?? newSchedule(s.now);
  return ctx.store.recordGrade({
    cardId: card.id,
    rating: request.rating,
    reviewedAt: s.now,
    origin: 'review',
    expectedReps: request.expectedReps,
    before,
    after: grade(before, request.rating, s.now, s.settings),
  });
}

/** Undoes the newest grade; returns it (its card is the one to show again), or undefined. */
export function undoLastGrade(ctx: AppContext): Promise<ReviewEntry | undefined> {
  return ctx.store.undoLastReview();
}

function knownCard(ctx: AppContext, cardId: string): Card {
  const card = ctx.deck().byId.get(cardId);
  if (card === undefined) throw new NotFoundError(`no card ${cardId} in the deck`);
  return card;
}

/** Suspends or unsuspends a card of the deck. @throws NotFoundError */
export function suspendCard(ctx: AppContext, cardId: string, suspended: boolean): Promise<CardProgress> {
  const card = knownCard(ctx, cardId);
  return ctx.store.setSuspended(card.id, suspended, newSchedule(ctx.now()));
}

/** Hides a card until the next study day starts. @throws NotFoundError */
export function buryCard(ctx: AppContext, cardId: string): Promise<CardProgress> {
  const card = knownCard(ctx, cardId);
  const now = ctx.now();
  const until = nextStudyDayStart(now, ctx.store.settings().dayStartHour);
  return ctx.store.bury(card.id, until, newSchedule(now));
}

/** A card's state as Browse and Stats show it; suspension and burial win over the FSRS state. */
export type CardState = 'new' | 'learning' | 'review' | 'relearning' | 'suspended' | 'buried';
export const CARD_STATES: readonly CardState[] = [
  'new',
  'learning',
  'review',
  'relearning',
  'suspended',
  'buried',
];

const FSRS_STATES = ['new', 'learning', 'review', 'relearning'] as const;

/** Where a card stands now. */
export function cardState(progress: CardProgress | undefined, now: Date): CardState {
  if (progress === undefined) return 'new';
  if (progress.suspended) return 'suspended';
  if (progress.buriedUntil !== undefined && progress.buriedUntil.getTime() > now.getTime()) return 'buried';
  return FSRS_STATES[progress.schedule.state];
}
