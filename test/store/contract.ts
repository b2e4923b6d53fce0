/**
 * The behaviour every `ReviewStore` owes the app, run against each implementation
 * (memory-store.test.ts, lowdb-store.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { BadInputError, StaleReviewError, StoreClosedError } from '../../src/errors.ts';
import { newSchedule } from '../../src/review/scheduler.ts';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';
import type { ReviewStore } from '../../src/store/types.ts';
import { at, gradeInput, gradeMany, quizLapse } from './grading.ts';

/** Opens a fresh, empty store; the suite closes it. */
export type OpenFreshStore = () => Promise<ReviewStore>;

export function reviewStoreContract(name: string, open: OpenFreshStore): void {
  describe(`${name} (ReviewStore contract)`, () => {
    async function withStore(test: (store: ReviewStore) => Promise<void>): Promise<void> {
      const store = await open();
      try {
        await test(store);
      } finally {
        await store.close();
      }
    }

    it('starts empty, with the default settings', () =>
      withStore(async (store) => {
        expect(store.allProgress().size).toBe(0);
        expect(store.reviews()).toEqual([]);
        expect(store.getProgress('a')).toBeUndefined();
        expect(store.settings()).toEqual(DEFAULT_SETTINGS);
      }));

    it('records a grade: progress, history per card and since a moment', () =>
      withStore(async (store) => {
        const input = gradeInput(store, 'a', 3, at(0));
        const entry = await store.recordGrade(input);
        expect(entry).toMatchObject({ cardId: 'a', rating: 3, origin: 'review', reviewedAt: at(0) });
        expect(entry.before).toEqual(input.before);
        expect(entry.after).toEqual(input.after);
        expect(store.getProgress('a')).toEqual({ cardId: 'a', schedule: input.after, suspended: false });
        await gradeMany(store, 'b', [3], 5);
        await gradeMany(store, 'a', [3], 10);
        expect(store.reviews().map((review) => review.cardId)).toEqual(['a', 'b', 'a']);
        expect(new Set(store.reviews().map((review) => review.id)).size).toBe(3);
        expect(store.reviewsOf('a').map((review) => review.reviewedAt)).toEqual([at(0), at(10)]);
        expect(store.reviewsSince(at(5)).map((review) => review.reviewedAt)).toEqual([at(5), at(10)]);
        expect(store.reviewsSince(at(11))).toEqual([]);
        expect(store.getProgress('a')?.schedule.reps).toBe(2);
      }));

    it('finds reviews since a moment even when the clock went back', () =>
      withStore(async (store) => {
        await gradeMany(store, 'a', [3], 60);
        await gradeMany(store, 'b', [3], 0);
        expect(store.reviewsSince(at(30)).map((review) => review.cardId)).toEqual(['a']);
      }));

    it('takes `before` from the stored progress, not from the caller', () =>
      withStore(async (store) => {
        await gradeMany(store, 'a', [3]);
        const stored = store.getProgress('a')!.schedule;
        const input = gradeInput(store, 'a', 3, at(10));
        const entry = await store.recordGrade({ ...input, before: { ...stored, stability: 99 } });
        expect(entry.before).toEqual(stored);
      }));

    it('records a quiz lapse as a grade from the quiz', () =>
      withStore(async (store) => {
        await gradeMany(store, 'a', [4]);
        const entry = await store.recordGrade(quizLapse(store, 'a', at(60)));
        expect(entry.origin).toBe('quiz');
        expect(store.getProgress('a')?.schedule.due).toEqual(at(60));
      }));

    it('refuses a stale grade and changes nothing', () =>
      withStore(async (store) => {
        const shown = gradeInput(store, 'a', 3, at(0));
        await store.recordGrade(shown);
        const progress = store.getProgress('a');
        await expect(store.recordGrade({ ...shown, reviewedAt: at(1) })).rejects.toThrow(StaleReviewError);
        expect(store.getProgress('a')).toBe(progress);
        expect(store.reviews()).toHaveLength(1);
      }));

    it('records exactly one of 20 concurrent grades of one card', () =>
      withStore(async (store) => {
        const shown = gradeInput(store, 'a', 3, at(0));
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, index) => store.recordGrade({ ...shown, reviewedAt: at(index) })),
        );
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.filter((result) => result.status === 'rejected');
        expect(rejected).toHaveLength(19);
        for (const result of rejected) expect(result.reason).toBeInstanceOf(StaleReviewError);
        expect(store.reviews()).toHaveLength(1);
        expect(store.getProgress('a')?.schedule.reps).toBe(1);
      }));

    it('undoes the newest review: restores the schedule and removes it from the history', () =>
      withStore(async (store) => {
        expect(await store.undoLastReview()).toBeUndefined();
        await gradeMany(store, 'a', [3, 3]);
        await gradeMany(store, 'b', [1], 5);
        const afterFirst = store.reviewsOf('a')[0]!.after;
        const undone = await store.undoLastReview();
        expect(undone?.cardId).toBe('b');
        expect(store.getProgress('b')?.schedule.reps).toBe(0);
        expect(store.reviewsOf('b')).toEqual([]);
        const second = await store.undoLastReview();
        expect(second?.cardId).toBe('a');
        expect(store.getProgress('a')?.schedule).toEqual(afterFirst);
        expect(store.reviews().map((review) => review.cardId)).toEqual(['a']);
        expect(store.reviewsSince(at(0))).toHaveLength(1);
        // The card is back in the state the undone grade was shown in: grading it again is not stale.
        await store.recordGrade(gradeInput(store, 'a', 4, at(20)));
        expect(store.reviews()).toHaveLength(2);
      }));

    it('suspends, unsuspends and buries, creating progress for an untouched card', () =>
      withStore(async (store) => {
        const fresh = newSchedule(at(0));
        expect(await store.setSuspended('n', true, fresh)).toEqual({
          cardId: 'n',
          schedule: fresh,
          suspended: true,
        });
        expect((await store.setSuspended('n', false, fresh)).suspended).toBe(false);
        await gradeMany(store, 'a', [3]);
        const schedule = store.getProgress('a')!.schedule;
        const buried = await store.bury('a', at(24 * 60), newSchedule(at(0)));
        expect(buried).toEqual({ cardId: 'a', schedule, suspended: false, buriedUntil: at(24 * 60) });
        expect((await store.setSuspended('a', true, newSchedule(at(0)))).schedule).toBe(schedule);
        expect(store.reviews()).toHaveLength(1);
      }));

    it('reports each change to subscribers once it is applied, and nothing for a refused write', () =>
      withStore(async (store) => {
        const seen: string[] = [];
        const unsubscribe = store.subscribe((change) => {
          // Called after the change is in memory: the progress read here is the new one.
          const reps = store.getProgress(change.cardId)?.schedule.reps;
          const review = 'review' in change ? (change.review?.id ?? 'none') : '-';
          seen.push(`${change.type} ${change.cardId} ${review} reps=${reps ?? 'new'}`);
        });
        await gradeMany(store, 'a', [3]);
        const stale = gradeInput(store, 'b', 3, at(1));
        await store.recordGrade(stale);
        await expect(store.recordGrade({ ...stale, reviewedAt: at(2) })).rejects.toThrow(StaleReviewError);
        await store.recordGrade(quizLapse(store, 'a', at(3)));
        await store.setSuspended('c', true, newSchedule(at(4)));
        await store.bury('a', at(24 * 60), newSchedule(at(4)));
        const undone = await store.undoLastReview();
        unsubscribe();
        await gradeMany(store, 'b', [3], 10);
        const [first, second, lapsed] = [...store.reviews().slice(0, 2), undone];
        expect(seen).toEqual([
          `grade a ${first!.id} reps=1`,
          `grade b ${second!.id} reps=1`,
          `grade a ${lapsed!.id} reps=2`,
          'suspend c - reps=0',
          'bury a - reps=2',
          `undo a ${lapsed!.id} reps=1`,
        ]);
      }));

    it('saves valid settings and refuses invalid ones', () =>
      withStore(async (store) => {
        const settings = {
          ...DEFAULT_SETTINGS,
          newPerDay: 7,
          learningSteps: [2, 15],
          language: 'zh' as const,
        };
        expect(await store.saveSettings(settings)).toEqual(settings);
        expect(store.settings()).toEqual(settings);
        await expect(store.saveSettings({ ...settings, dayStartHour: 25 })).rejects.toThrow(BadInputError);
        await expect(store.saveSettings({ ...settings, desiredRetention: 2 })).rejects.toThrow(BadInputError);
        expect(store.settings()).toEqual(settings);
      }));

    it('refuses writes once closed', async () => {
      const store = await open();
      const pending = store.recordGrade(gradeInput(store, 'a', 3, at(0)));
      await store.close();
      await pending; // queued before close: still written
      await expect(store.recordGrade(gradeInput(store, 'a', 3, at(1)))).rejects.toThrow(StoreClosedError);
      await expect(store.undoLastReview()).rejects.toThrow(StoreClosedError);
      await expect(store.saveSettings(DEFAULT_SETTINGS)).rejects.toThrow(StoreClosedError);
      await store.close();
    });
  });
}
