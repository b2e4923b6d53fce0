import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newSchedule } from '../../src/review/scheduler.ts';
import type { CardProgress, FsrsState } from '../../src/review/types.ts';
import { type DbFile, emptyDb } from '../../src/store/schema.ts';
import { DbText, progressRecord, SnapshotFile } from '../../src/store/snapshot-file.ts';
import { tempDir } from './temp-dir.ts';

const progressOf = (cardId: string) =>
  fc
    .record({
      due: fc.integer({ min: 0, max: 4e12 }),
      state: fc.constantFrom<FsrsState>(0, 1, 2, 3),
      stability: fc.double({ min: 0, max: 1e4, noNaN: true }),
      suspended: fc.boolean(),
      buriedUntil: fc.option(fc.integer({ min: 0, max: 4e12 })),
    })
    .map(({ due, state, stability, suspended, buriedUntil }): CardProgress => {
      const progress: CardProgress = {
        cardId,
        schedule: { ...newSchedule(new Date(due)), state, stability },
        suspended,
      };
      if (buriedUntil !== null) progress.buriedUntil = new Date(buriedUntil);
      return progress;
    });

/** Card ids as they come: words, digits (which objects put first), quotes and CJK. */
const cardId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.nat(50).map(String),
  fc.constantFrom('c"q', '第一张', 'a\\b', '__proto__x'),
);

describe('DbText', () => {
  it('writes JSON.stringify(db, null, 2) exactly, in slices, across changes to the progress', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cardId.chain(progressOf), { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        async (rounds, slice) => {
          // One DbText over several checkpoints: states unchanged between rounds are reused.
          const text = new DbText();
          let progress: Record<string, CardProgress> = {};
          for (const [round, changed] of rounds.entries()) {
            progress = { ...progress };
            for (const item of changed) progress[item.cardId] = item;
            const db: DbFile = { ...emptyDb(), logSeq: round, progress, checkpointedAt: new Date(round) };
            expect((await text.pieces(db, slice)).join('')).toBe(JSON.stringify(db, null, 2));
          }
        },
      ),
    );
  });

  it('writes states remembered at opening as JSON.stringify would, changed or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(cardId.chain(progressOf), { maxLength: 12 }),
        fc.array(cardId.chain(progressOf), { maxLength: 4 }),
        async (read, changed) => {
          const text = new DbText();
          const opened: DbFile = {
            ...emptyDb(),
            progress: Object.fromEntries(read.map((p) => [p.cardId, p])),
          };
          text.remember(opened);
          const later = { ...opened, progress: { ...opened.progress } };
          for (const item of changed) later.progress[item.cardId] = item;
          expect((await text.pieces(later, 3)).join('')).toBe(JSON.stringify(later, null, 2));
        },
      ),
    );
  });

  it('does not reuse the text of a state filed under another key', async () => {
    const text = new DbText();
    const shared: CardProgress = { cardId: 'a', schedule: newSchedule(new Date(0)), suspended: false };
    const db: DbFile = { ...emptyDb(), progress: { a: shared } };
    await text.pieces(db);
    const moved = { ...db, progress: { b: shared } };
    expect((await text.pieces(moved)).join('')).toBe(JSON.stringify(moved, null, 2));
  });
});

describe('progressRecord', () => {
  it('keys the card states as Object.fromEntries over the store map does, in slices', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(cardId, fc.constant('__proto__')).chain(progressOf), { maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        async (items, slice) => {
          const map = new Map(items.map((item) => [item.cardId, item]));
          const record = await progressRecord([...map.values()], slice);
          const expected = Object.fromEntries(map);
          expect(Object.keys(record)).toEqual(Object.keys(expected));
          expect(JSON.stringify(record, null, 2)).toBe(JSON.stringify(expected, null, 2));
        },
      ),
    );
  });
});

describe('SnapshotFile', () => {
  it('reads back what it wrote, leaves no temp file, and reads a missing file as null', async () => {
    const dir = await tempDir();
    const file = new SnapshotFile(join(dir, 'db.json'));
    expect(await file.read()).toBeNull();
    const db: DbFile = {
      ...emptyDb(),
      progress: { a: { cardId: 'a', schedule: newSchedule(new Date(0)), suspended: false } },
    };
    await file.write(db);
    expect(await readFile(join(dir, 'db.json'), 'utf8')).toBe(JSON.stringify(db, null, 2));
    expect(await file.read()).toEqual(JSON.parse(JSON.stringify(db)));
    expect(await readdir(dir)).toEqual(['db.json']);
  });
});
