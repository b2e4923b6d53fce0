import type { Database } from 'sql.js';
import { afterEach, describe, expect, test } from 'vitest';
import {
  cardSchedule,
  collectionCreation,
  type ExportProgress,
  revlogRows,
} from '../../src/export/anki-schedule.ts';
import { buildApkg, openApkg } from '../../src/export/apkg.ts';
import { progressFromStore } from '../../src/export/store-progress.ts';
import type { CardProgress, ReviewEntry, Schedule } from '../../src/review/types.ts';
import { IDS, loadDockerDeck } from './docker-deck.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-11-20T09:30:00Z');
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

function schedule(overrides: Partial<Schedule>): Schedule {
  return {
    due: NOW,
    stability: 0,
    difficulty: 0,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 0,
    lapses: 0,
    state: 0,
    ...overrides,
  };
}

const reviewState = schedule({
  state: 2,
  due: at(5),
  stability: 12.345678,
  difficulty: 5.4321,
  scheduled_days: 12,
  reps: 4,
  lapses: 1,
  last_review: at(-7),
});
const learningState = schedule({
  state: 1,
  due: new Date(NOW.getTime() + 600_000),
  stability: 0.4,
  difficulty: 6,
  reps: 1,
  last_review: NOW,
});

function progressOf(cardId: string, s: Schedule, suspended = false): CardProgress {
  return { cardId, schedule: s, suspended };
}

function entry(
  cardId: string,
  rating: 1 | 2 | 3 | 4,
  reviewedAt: Date,
  before: Schedule,
  after: Schedule,
): ReviewEntry {
  return {
    id: `${cardId}@${reviewedAt.toISOString()}`,
    cardId,
    rating,
    reviewedAt,
    origin: 'review',
    before,
    after,
  };
}

describe('cardSchedule', () => {
  const crt = collectionCreation(NOW);

  test('no progress: a new card at its position in the new queue', () => {
    expect(cardSchedule(undefined, 7, crt)).toEqual({
      type: 0,
      queue: 0,
      due: 7,
      ivl: 0,
      factor: 0,
      reps: 0,
      lapses: 0,
      left: 0,
      data: '',
    });
  });

  test('a review card: due as a day number from crt, interval in days, FSRS memory state in data', () => {
    const s = cardSchedule(progressOf('x', reviewState), 1, crt);
    expect(s).toMatchObject({ type: 2, queue: 2, ivl: 12, factor: 2500, reps: 4, lapses: 1 });
    expect(s.due).toBe(Math.floor((reviewState.due.getTime() / 1000 - crt) / 86_400));
    expect(JSON.parse(s.data)).toEqual({ s: 12.3457, d: 5.4321 });
  });

  test('a learning step within the day: intraday queue, due in epoch seconds', () => {
    const s = cardSchedule(progressOf('x', learningState), 1, crt);
    expect(s).toMatchObject({
      type: 1,
      queue: 1,
      due: Math.floor(learningState.due.getTime() / 1000),
      left: 1,
    });
  });

  test('a relearning step of a day or more: day-learning queue, due as a day number', () => {
    const relearning = schedule({
      state: 3,
      due: at(1),
      scheduled_days: 1,
      stability: 3.2,
      difficulty: 7,
      reps: 6,
      lapses: 2,
    });
    expect(cardSchedule(progressOf('x', relearning), 1, crt)).toMatchObject({
      type: 3,
      queue: 3,
      ivl: 3,
      lapses: 2,
    });
  });

  test('suspended cards keep their type in the suspended queue', () => {
    expect(cardSchedule(progressOf('x', reviewState, true), 1, crt)).toMatchObject({ type: 2, queue: -1 });
    expect(cardSchedule(progressOf('x', schedule({}), true), 3, crt)).toMatchObject({
      type: 0,
      queue: -1,
      due: 3,
    });
  });

  test('crt is a UTC midnight no later than any date the progress mentions', () => {
    const progress: ExportProgress = {
      cards: new Map([['x', progressOf('x', schedule({ state: 2, due: at(-40) }))]]),
      reviews: [],
    };
    const crt = collectionCreation(NOW, progress);
    expect(crt % 86_400).toBe(0);
    expect(crt).toBeLessThanOrEqual(at(-40).getTime() / 1000);
    expect(cardSchedule(progress.cards.get('x'), 1, crt).due).toBeGreaterThanOrEqual(0);
  });
});

describe('revlogRows', () => {
  const reviews = [
    entry('b', 3, at(-7), learningState, reviewState),
    entry('a', 1, at(-10), schedule({}), learningState),
    entry('gone', 3, at(-9), schedule({}), learningState),
    entry('a', 4, at(-10), learningState, reviewState),
  ];

  test('oldest first, ids in milliseconds made unique, reviews of cards not exported left out', () => {
    const rows = revlogRows(reviews, (id) => ({ a: 101, b: 102 })[id]);
    expect(rows.map((r) => [r.cid, r.ease])).toEqual([
      [101, 1],
      [101, 4],
      [102, 3],
    ]);
    expect(rows[0]?.id).toBe(at(-10).getTime());
    expect(rows[1]?.id).toBe(at(-10).getTime() + 1);
  });

  test('intervals in Anki notation and the review kind from the state before the grade', () => {
    const [first, , third] = revlogRows(reviews, (id) => ({ a: 101, b: 102 })[id]);
    // New → learning: a learn entry whose interval is the learning step, as negative seconds.
    expect(first).toMatchObject({
      type: 0,
      ivl: -Math.round((learningState.due.getTime() - at(-10).getTime()) / 1000),
      lastIvl: 0,
      factor: 2500,
    });
    // Learning → review: interval in days; the last interval was the 10-minute step.
    expect(third).toMatchObject({ type: 0, ivl: 12, lastIvl: -600 });
    const relearn = revlogRows([entry('a', 3, NOW, schedule({ state: 3, due: NOW }), reviewState)], () => 1);
    expect(relearn[0]?.type).toBe(2);
    const review = revlogRows([entry('a', 3, NOW, reviewState, reviewState)], () => 1);
    expect(review[0]).toMatchObject({ type: 1, lastIvl: 12 });
  });
});

describe('apkg with progress', () => {
  const opened: Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  test('writes card state and review history; cards without progress stay new', async () => {
    const deck = await loadDockerDeck();
    const store = {
      allProgress: () =>
        new Map([
          [IDS.imageLs, progressOf(IDS.imageLs, reviewState)],
          [IDS.cloze, progressOf(IDS.cloze, learningState, true)],
        ]),
      reviews: () => [
        entry(IDS.imageLs, 3, at(-7), learningState, reviewState),
        entry(IDS.imageLs, 1, at(-8), schedule({}), learningState),
        entry('not-in-deck', 3, at(-1), schedule({}), learningState),
      ],
    };
    const bytes = await buildApkg(deck, { now: NOW, progress: progressFromStore(store) });
    const db = await openApkg(bytes);
    opened.push(db);
    const crt = Number(db.exec('SELECT crt FROM col')[0]?.values[0]?.[0]);
    const cards =
      db.exec(
        'SELECT n.guid, c.id, c.type, c.queue, c.due, c.ivl, c.reps, c.lapses, c.data FROM cards c JOIN notes n ON n.id = c.nid',
      )[0]?.values ?? [];
    const byType = cards.map((r) => [r[2], r[3]]);
    expect(byType.filter(([t]) => t === 0)).toHaveLength(deck.cards.length - 2);
    const review = cards.find((r) => r[2] === 2);
    expect(review?.slice(3, 8)).toEqual([
      2,
      Math.floor((reviewState.due.getTime() / 1000 - crt) / 86_400),
      12,
      4,
      1,
    ]);
    expect(cards.find((r) => r[2] === 1)?.[3]).toBe(-1);

    const revlog = db.exec('SELECT id, cid, usn, ease, type FROM revlog ORDER BY id')[0]?.values ?? [];
    expect(revlog).toEqual([
      [at(-8).getTime(), review?.[1], -1, 1, 0],
      [at(-7).getTime(), review?.[1], -1, 3, 0],
    ]);
  });
});
