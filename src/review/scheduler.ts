/**
 * FSRS scheduling: the one module that imports ts-fsrs. Everything else handles `Schedule`, our
 * plain copy of a ts-fsrs `Card`, so the library can be upgraded or swapped here alone.
 *
 * Every function takes `now`; randomness (fuzz) is seeded by ts-fsrs from the review time and the
 * card, so the same inputs always give the same schedule.
 */
import {
  type Card,
  createEmptyCard,
  type FSRS,
  fsrs,
  type Grade,
  generatorParameters,
  type State,
  type StepUnit,
} from 'ts-fsrs';
import type { GradeOutcome, Rating, Schedule, Settings } from './types.ts';
import { RATINGS } from './types.ts';

/** Schedulers by parameter set: building one validates and clips parameters, so reuse it. */
const schedulers = new Map<string, FSRS>();

function schedulerFor(settings: Settings): FSRS {
  const fuzz = settings.fuzz ?? true;
  const key = JSON.stringify([
    settings.desiredRetention,
    fuzz,
    settings.learningSteps,
    settings.relearningSteps,
  ]);
  let scheduler = schedulers.get(key);
  if (scheduler === undefined) {
    scheduler = fsrs(
      generatorParameters({
        request_retention: settings.desiredRetention,
        enable_fuzz: fuzz,
        enable_short_term: true,
        learning_steps: settings.learningSteps.map(toStep),
        relearning_steps: settings.relearningSteps.map(toStep),
      }),
    );
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

function toStep(minutes: number): StepUnit {
  return `${minutes}m`;
}

function toCard(schedule: Schedule): Card {
  return { ...schedule, state: schedule.state as State };
}

/** Copies only our fields, so nothing ts-fsrs adds later leaks into the store. */
function toSchedule(card: Card): Schedule {
  const schedule: Schedule = {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as Schedule['state'],
  };
  if (card.last_review !== undefined) schedule.last_review = card.last_review;
  return schedule;
}

/**
 * The schedule of a card never studied: state New, due at `now`.
 * @example newSchedule(new Date()) // { state: 0, reps: 0, due: now, … }
 */
export function newSchedule(now: Date): Schedule {
  return toSchedule(createEmptyCard(now));
}

/**
 * What each answer button would do, in the order Again, Hard, Good, Easy: the schedule it gives and
 * its interval for the button label.
 * @param schedule the card's current schedule (`newSchedule(now)` for a new card)
 * @param now the moment the card is shown
 * @example preview(s, now, settings).map((o) => formatInterval(o.intervalMs, 'en')) // ['1m', '6m', '10m', '8d']
 */
export function preview(schedule: Schedule, now: Date, settings: Settings): GradeOutcome[] {
  const outcomes = schedulerFor(settings).repeat(toCard(schedule), now);
  return RATINGS.map((rating) => {
    const next = toSchedule(outcomes[rating as Grade].card);
    return { rating, schedule: next, intervalMs: Math.max(0, next.due.getTime() - now.getTime()) };
  });
}

/**
 * Applies one answer and returns the new schedule; the input is not changed.
 * @example grade(newSchedule(now), 3, now, settings).state // 1 (Learning)
 */
export function grade(schedule: Schedule, rating: Rating, now: Date, settings: Settings): Schedule {
  return toSchedule(schedulerFor(settings).next(toCard(schedule), now, rating as Grade).card);
}

/**
 * A missed quiz question: graded Again (a review card moves to relearning and its `lapses` grows, as
 * FSRS counts them; a new or learning card restarts its steps) and made due now, so daily review
 * shows it next instead of after the first relearning step.
 */
export function lapse(schedule: Schedule, now: Date, settings: Settings): Schedule {
  return { ...grade(schedule, 1, now, settings), due: now };
}
