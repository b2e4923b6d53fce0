import { appendFile, copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { StoreClosedError, StoreCorruptError } from '../../src/errors.ts';
import { newSchedule } from '../../src/review/scheduler.ts';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';
import { openStore } from '../../src/store/lowdb-store.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { seedReviews } from '../../src/store/seed.ts';
import type { ReviewStore } from '../../src/store/types.ts';
import { reviewStoreContract } from './contract.ts';
import { at, gradeInput, gradeMany } from './grading.ts';
import { tempDir } from './temp-dir.ts';

reviewStoreContract(
  'lowdb store',
  async () => (await openStore({ dataDir: await tempDir(), now: () => at(0) })).store,
);

function open(dataDir: string, now = at(0), checkpointEvery?: number) {
  return openStore({
    dataDir,
    now: () => now,
    ...(checkpointEvery === undefined ? {} : { checkpointEvery }),
  });
}

/** Everything a reader can see of a store, for comparing two opens of the same folder. */
function observe(store: ReviewStore) {
  return {
    progress: Object.fromEntries(store.allProgress()),
    reviews: store.reviews(),
    settings: store.settings(),
  };
}

async function logLines(dataDir: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dataDir, 'reviews.jsonl'), 'utf8');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function dbFile(dataDir: string): Promise<{ logSeq: number; version: number }> {
  return JSON.parse(await readFile(join(dataDir, 'db.json'), 'utf8')) as { logSeq: number; version: number };
}

/** A store with grades, an undo, a suspension, a burial and settings: every kind of record. */
async function busyStore(dataDir: string, checkpointEvery?: number): Promise<ReviewStore> {
  const { store } = await open(dataDir, at(0), checkpointEvery);
  await gradeMany(store, 'a', [3, 3, 4]);
  await gradeMany(store, 'b', [1, 3], 10);
  await store.undoLastReview();
  await store.setSuspended('c', true, newSchedule(at(0)));
  await store.bury('a', at(24 * 60), newSchedule(at(0)));
  await store.saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 9, fuzz: false });
  return store;
}

describe('lowdb store on disk', () => {
  it('has the grade in the log when recordGrade resolves', async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    await store.recordGrade(gradeInput(store, 'a', 3, at(0)));
    expect(await logLines(dataDir)).toMatchObject([{ seq: 1, type: 'grade', cardId: 'a', rating: 3 }]);
    await store.recordGrade(gradeInput(store, 'a', 3, at(1)));
    const lines = await logLines(dataDir);
    expect(lines).toHaveLength(2);
    // The second grade's `before` is the first one's `after`, so the line leaves it out.
    expect(lines[1]).not.toHaveProperty('before');
    expect((await dbFile(dataDir)).logSeq).toBe(0); // not folded yet: replayed from the log
    await store.close();
  });

  it('writes concurrent changes as the memory store makes them one at a time, and reopens to them', async () => {
    // Writes that arrive together go to disk in groups (one fsync each): the outcome must be the
    // one of writing them one by one in the order they were asked for.
    const run = (store: ReviewStore) => {
      const shown = (cardId: string, minute: number) => gradeInput(store, cardId, 3, at(minute));
      const writes: Promise<unknown>[] = [];
      for (const [minute, cardId] of ['a', 'b', 'c', 'd', 'e', 'f'].entries())
        writes.push(store.recordGrade(shown(cardId, minute)));
      writes.push(store.recordGrade(shown('a', 10))); // shown before a's first grade: stale
      writes.push(store.undoLastReview());
      writes.push(store.setSuspended('b', true, newSchedule(at(0))));
      writes.push(store.recordGrade(shown('g', 11)));
      writes.push(store.bury('g', at(24 * 60), newSchedule(at(0))));
      writes.push(store.undoLastReview());
      writes.push(store.recordGrade(shown('h', 12)));
      return Promise.allSettled(writes);
    };
    const outcome = (results: PromiseSettledResult<unknown>[]) =>
      results.map((result) => (result.status === 'fulfilled' ? 'ok' : (result.reason as Error).name));

    const memory = createMemoryStore();
    const expected = outcome(await run(memory));
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    expect(outcome(await run(store))).toEqual(expected);
    expect(expected.filter((status) => status !== 'ok')).toEqual(['StaleReviewError']);
    expect(observe(store)).toEqual({ ...observe(memory), settings: store.settings() });
    expect((await logLines(dataDir)).map((line) => line.seq)).toEqual(
      Array.from({ length: 12 }, (_, index) => index + 1),
    );
    const reopened = await open(dataDir);
    expect(observe(reopened.store)).toEqual(observe(store));
    await reopened.store.close();
    await store.close();
  });

  it('reopens to the same state, after a clean close and after a crash (no checkpoint)', async () => {
    const dataDir = await tempDir();
    const store = await busyStore(dataDir);
    const before = observe(store);
    expect((await dbFile(dataDir)).logSeq).toBe(0);

    const crashed = await open(dataDir); // the first store never closed: as after a crash
    expect(crashed.warnings).toEqual([]);
    expect(observe(crashed.store)).toEqual(before);
    await crashed.store.close();
    await store.close();
    expect((await dbFile(dataDir)).logSeq).toBe(8);

    const reopened = await open(dataDir);
    expect(observe(reopened.store)).toEqual(before);
    expect(reopened.store.settings().newPerDay).toBe(9);
    expect(reopened.store.getProgress('a')?.buriedUntil).toEqual(at(24 * 60));
    expect(reopened.store.getProgress('c')?.suspended).toBe(true);
    expect(reopened.store.reviews().map((review) => review.cardId)).toEqual(['a', 'a', 'a', 'b']);
    await reopened.store.close();
  });

  it('checkpoints every N writes in the background and keeps the whole history in the log', async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir, at(0), 3);
    await gradeMany(store, 'a', [3, 3, 3]);
    await vi.waitFor(async () => expect((await dbFile(dataDir)).logSeq).toBe(3));
    await gradeMany(store, 'a', [3], 10);
    expect((await dbFile(dataDir)).logSeq).toBe(3);
    await store.close();
    expect((await dbFile(dataDir)).logSeq).toBe(4);
    expect(await logLines(dataDir)).toHaveLength(4);
    const { store: reopened } = await open(dataDir);
    expect(reopened.reviews()).toHaveLength(4);
    expect(reopened.getProgress('a')?.schedule.reps).toBe(4);
    await reopened.close();
  });

  it('applies nothing twice after a crash at any step of a checkpoint', async () => {
    const dataDir = await tempDir();
    const dbPath = join(dataDir, 'db.json');
    const first = await open(dataDir);
    await gradeMany(first.store, 'a', [3, 3, 3]);
    await first.store.close();
    await copyFile(dbPath, join(dataDir, 'snapshot-at-3.json'));

    const second = await open(dataDir);
    await gradeMany(second.store, 'a', [3, 3], 10);
    await second.store.close();
    // Crash after the new snapshot was written: it holds seq 5, and the log still has records 1–5.
    const afterWrite = await open(dataDir);
    expect(afterWrite.store.getProgress('a')?.schedule.reps).toBe(5);
    expect(afterWrite.store.reviews()).toHaveLength(5);
    const expected = observe(afterWrite.store);
    await afterWrite.store.close();

    // Crash before the rename: the old snapshot (seq 3) and a half-written temp file beside it.
    await copyFile(join(dataDir, 'snapshot-at-3.json'), dbPath);
    await writeFile(join(dataDir, '.db.json.tmp'), '{"version":1,"settings":{"newPer');
    const beforeRename = await open(dataDir);
    expect(beforeRename.warnings).toEqual([]);
    expect(observe(beforeRename.store)).toEqual(expected);
    await beforeRename.store.close();
    expect((await dbFile(dataDir)).logSeq).toBe(5);
  });

  it('does not replay records the snapshot already holds over it', async () => {
    // Records carry the resulting schedule, not a change, so replaying a folded one would give the
    // same state; but the snapshot is the truth up to its seq (a migration may have rewritten it).
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    await gradeMany(store, 'a', [3, 3]);
    await store.close();
    const db = JSON.parse(await readFile(join(dataDir, 'db.json'), 'utf8')) as {
      progress: Record<string, { schedule: { stability: number } }>;
    };
    db.progress.a!.schedule.stability = 42;
    await writeFile(join(dataDir, 'db.json'), JSON.stringify(db));
    const reopened = await open(dataDir);
    expect(reopened.store.getProgress('a')?.schedule.stability).toBe(42);
    expect(reopened.store.reviews()).toHaveLength(2);
    await reopened.store.close();
  });

  it('skips a doubled log line instead of applying it twice', async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    await gradeMany(store, 'a', [3]);
    await store.close();
    const line = await readFile(join(dataDir, 'reviews.jsonl'), 'utf8');
    await appendFile(join(dataDir, 'reviews.jsonl'), line);
    await writeFile(
      join(dataDir, 'db.json'),
      JSON.stringify({ ...(await dbFile(dataDir)), logSeq: 0, progress: {} }),
    );
    const reopened = await open(dataDir);
    expect(reopened.warnings).toEqual([expect.stringContaining('repeats an earlier one')]);
    expect(reopened.store.reviews()).toHaveLength(1);
    expect(reopened.store.getProgress('a')?.schedule.reps).toBe(1);
    await reopened.store.close();
  });

  it('keeps progress when the log lost records the snapshot holds, and says so', async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    await gradeMany(store, 'a', [3, 3]);
    await store.close();
    await writeFile(join(dataDir, 'reviews.jsonl'), '');
    const reopened = await open(dataDir);
    expect(reopened.warnings).toEqual([expect.stringContaining('progress is kept')]);
    expect(reopened.store.getProgress('a')?.schedule.reps).toBe(2);
    const entry = await reopened.store.recordGrade(gradeInput(reopened.store, 'a', 3, at(5)));
    expect(entry.id).toBe('r3'); // numbering continues after the snapshot's records
    await reopened.store.close();
  });

  describe('torn last line (crash during an append)', () => {
    async function tornAfterTwoGrades(tail: string) {
      const dataDir = await tempDir();
      const { store } = await open(dataDir);
      await gradeMany(store, 'a', [3, 3]);
      const expected = observe(store);
      await store.close();
      const logPath = join(dataDir, 'reviews.jsonl');
      const good = await readFile(logPath);
      await appendFile(logPath, tail);
      return { dataDir, logPath, good, expected };
    }

    it('drops an unfinished line, reports it, keeps a copy and appends cleanly after it', async () => {
      const tail = '{"seq":3,"type":"grade","cardId":"a","rat';
      const { dataDir, logPath, good, expected } = await tornAfterTwoGrades(tail);
      const reopened = await open(dataDir, at(30));
      expect(reopened.warnings).toEqual([expect.stringContaining('dropped an unfinished last line')]);
      expect(observe(reopened.store)).toEqual(expected);
      expect(await readFile(logPath)).toEqual(good);
      const copies = (await readdir(dataDir)).filter((name) => name.startsWith('reviews.jsonl.torn-'));
      expect(copies).toHaveLength(1);
      expect(await readFile(join(dataDir, copies[0]!), 'utf8')).toBe(tail);

      await reopened.store.recordGrade(gradeInput(reopened.store, 'a', 4, at(31)));
      await reopened.store.close();
      expect(await logLines(dataDir)).toHaveLength(3);
      const again = await open(dataDir);
      expect(again.warnings).toEqual([]);
      expect(again.store.reviews()).toHaveLength(3);
      await again.store.close();
    });

    it('drops zero bytes left by a write whose data never landed', async () => {
      const { dataDir, logPath, good, expected } = await tornAfterTwoGrades('\0'.repeat(64));
      const reopened = await open(dataDir);
      expect(reopened.warnings).toHaveLength(1);
      expect(observe(reopened.store)).toEqual(expected);
      expect(await readFile(logPath)).toEqual(good);
      await reopened.store.close();
    });

    it('drops a complete last line that is not a valid record', async () => {
      const { dataDir, expected } = await tornAfterTwoGrades('{"seq":3,"type":"grade"}\n');
      const reopened = await open(dataDir);
      expect(reopened.warnings).toHaveLength(1);
      expect(observe(reopened.store)).toEqual(expected);
      await reopened.store.close();
    });
  });

  it('stops at a damaged line in the middle of the log and changes no file', async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    await gradeMany(store, 'a', [3, 3, 3]);
    await store.close();
    const logPath = join(dataDir, 'reviews.jsonl');
    const lines = (await readFile(logPath, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('"rating":3', '"rating":7');
    await writeFile(logPath, lines.join('\n'));
    const damaged = await readFile(logPath);
    const db = await readFile(join(dataDir, 'db.json'));
    await expect(open(dataDir)).rejects.toThrow(/reviews\.jsonl line 2 is not a review record \(rating/);
    await expect(open(dataDir)).rejects.toBeInstanceOf(StoreCorruptError);
    expect(await readFile(logPath)).toEqual(damaged);
    expect(await readFile(join(dataDir, 'db.json'))).toEqual(db);
  });

  describe('unreadable db.json', () => {
    async function withBackup(): Promise<string> {
      const dataDir = await tempDir();
      const { store } = await open(dataDir);
      await gradeMany(store, 'a', [3]);
      await store.close();
      return dataDir;
    }

    it.each([
      ['not JSON', '{"version":1,"settings":'],
      ['JSON null', 'null'],
      ['not a database', '{"hello":"world"}'],
      [
        'invalid fields',
        JSON.stringify({
          version: 1,
          settings: DEFAULT_SETTINGS,
          logSeq: -1,
          progress: {},
          checkpointedAt: null,
        }),
      ],
      [
        'a bad date',
        JSON.stringify({
          version: 1,
          settings: DEFAULT_SETTINGS,
          logSeq: 0,
          progress: {},
          checkpointedAt: 'yesterday',
        }),
      ],
    ])(
      '%s: stops, names the file and the latest backup, and leaves the file untouched',
      async (_, content) => {
        const dataDir = await withBackup();
        const dbPath = join(dataDir, 'db.json');
        await writeFile(dbPath, content);
        const error = await open(dataDir).then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(error).toBeInstanceOf(StoreCorruptError);
        expect((error as Error).message).toContain(dbPath);
        expect((error as Error).message).toContain(join(dataDir, 'backups', 'db-2026-05-12.json'));
        expect(await readFile(dbPath, 'utf8')).toBe(content);
      },
    );

    it('says when there is no backup, and refuses a db of a newer version', async () => {
      const dataDir = await tempDir();
      await writeFile(join(dataDir, 'db.json'), '[]');
      await expect(open(dataDir)).rejects.toThrow(/no backup to restore/);
      await writeFile(join(dataDir, 'db.json'), '{"version":2}');
      await expect(open(dataDir)).rejects.toThrow(
        /version 2 is newer than this deckhand \(1\): update deckhand/,
      );
    });
  });

  it('keeps one backup a day, the newest seven, taken at opening or at the first write of a day', async () => {
    const dataDir = await tempDir();
    const backups = join(dataDir, 'backups');
    for (let day = 1; day <= 9; day++) {
      const { store } = await open(dataDir, new Date(2026, 0, day, 9));
      await store.recordGrade(gradeInput(store, 'a', 3, new Date(2026, 0, day, 9)));
      await store.close();
    }
    expect(await readdir(backups)).toEqual([
      'db-2026-01-03.json',
      'db-2026-01-04.json',
      'db-2026-01-05.json',
      'db-2026-01-06.json',
      'db-2026-01-07.json',
      'db-2026-01-08.json',
      'db-2026-01-09.json',
    ]);
    // Taken right after a checkpoint: the backup of day 9 holds the progress of day 8.
    const backup = JSON.parse(await readFile(join(backups, 'db-2026-01-09.json'), 'utf8')) as {
      logSeq: number;
    };
    expect(backup.logSeq).toBe(8);

    let now = new Date(2026, 0, 10, 23, 50);
    const { store } = await openStore({ dataDir, now: () => now });
    expect(await readdir(backups)).toContain('db-2026-01-10.json');
    now = new Date(2026, 0, 11, 0, 10);
    await store.recordGrade(gradeInput(store, 'a', 3, now));
    await vi.waitFor(async () => expect(await readdir(backups)).toContain('db-2026-01-11.json'));
    expect(await readdir(backups)).toHaveLength(7);
    await store.close();
  });

  it('reports a failed backup and keeps grading', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'backups'), 'a file where the backups folder should be');
    const problems: string[] = [];
    const { store } = await openStore({
      dataDir,
      now: () => at(0),
      onWarning: (message) => problems.push(message),
    });
    expect(problems).toEqual([expect.stringContaining('daily backup failed')]);
    await gradeMany(store, 'a', [3, 3]);
    await store.close();
    expect(problems).toHaveLength(1); // not retried at every write
    expect((await dbFile(dataDir)).logSeq).toBe(2);
  });

  it('migrates a version 0 database and keeps the old file', async () => {
    const dataDir = await tempDir();
    const fixture = join(import.meta.dirname, '..', 'fixtures', 'db', 'v0.json');
    await copyFile(fixture, join(dataDir, 'db.json'));
    const { store, warnings } = await open(dataDir);
    expect(warnings).toEqual([expect.stringContaining('migrated from version 0 to 1')]);
    expect(store.settings()).toEqual({
      ...DEFAULT_SETTINGS,
      newPerDay: 15,
      maxReviewsPerDay: 150,
      desiredRetention: 0.88,
      dayStartHour: 5,
    });
    expect(store.getProgress('docker-run-p')).toEqual({
      cardId: 'docker-run-p',
      suspended: true,
      schedule: {
        due: new Date('2026-05-14T08:00:00.000Z'),
        stability: 8.2956,
        difficulty: 4.9314,
        elapsed_days: 3,
        scheduled_days: 8,
        learning_steps: 0,
        reps: 4,
        lapses: 1,
        state: 2,
        last_review: new Date('2026-05-06T08:00:00.000Z'),
      },
    });
    expect(store.getProgress('dockerfile-cmd')?.schedule).toMatchObject({ state: 1, learning_steps: 0 });
    expect(store.getProgress('image-layer')?.schedule.last_review).toBeUndefined();
    expect(store.getProgress('image-layer')?.suspended).toBe(false);
    // Grading a migrated card works from its migrated schedule.
    await store.recordGrade(gradeInput(store, 'docker-run-p', 3, at(0)));
    await store.close();

    expect((await dbFile(dataDir)).version).toBe(1);
    const kept = join(dataDir, 'backups', 'db-v0-before-migration-2026-05-12.json');
    expect(await readFile(kept, 'utf8')).toBe(await readFile(fixture, 'utf8'));
    const reopened = await open(dataDir);
    expect(reopened.warnings).toEqual([]);
    expect(reopened.store.getProgress('docker-run-p')?.schedule.reps).toBe(5);
    await reopened.store.close();
  });

  it('records an undo as a new log line and keeps it across a checkpoint and a reopen', async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    await gradeMany(store, 'a', [3, 3]);
    const firstAfter = store.reviewsOf('a')[0]!.after;
    await store.checkpoint();
    await store.undoLastReview();
    const lines = await logLines(dataDir);
    expect(lines.map((line) => line.type)).toEqual(['grade', 'grade', 'undo']);
    expect(lines[2]).toMatchObject({ seq: 3, reviewId: 'r2', cardId: 'a' });
    const crashed = await open(dataDir);
    expect(crashed.store.getProgress('a')?.schedule).toEqual(firstAfter);
    expect(crashed.store.reviews().map((review) => review.id)).toEqual(['r1']);
    await crashed.store.close();
    await store.close();
  });

  describe('read-only (a second process beside the server)', () => {
    it('reads what the writer has logged and changes no file', async () => {
      const dataDir = await tempDir();
      const writer = await open(dataDir);
      await gradeMany(writer.store, 'a', [3, 3]);
      await appendFile(join(dataDir, 'reviews.jsonl'), '{"seq":3,"ty'); // as if caught mid-append
      const files = async () => ({
        log: await readFile(join(dataDir, 'reviews.jsonl')),
        db: await readFile(join(dataDir, 'db.json')),
        names: await readdir(dataDir),
      });
      const before = await files();
      const reader = await openStore({ dataDir, now: () => at(24 * 60), readOnly: true });
      expect(reader.warnings).toEqual([expect.stringContaining('read-only, so left in place')]);
      expect(observe(reader.store)).toEqual(observe(writer.store));
      await expect(reader.store.recordGrade(gradeInput(reader.store, 'a', 3, at(5)))).rejects.toThrow(
        StoreClosedError,
      );
      await expect(reader.store.saveSettings(DEFAULT_SETTINGS)).rejects.toThrow(/read-only/);
      await reader.store.checkpoint();
      await reader.store.close();
      expect(await files()).toEqual(before);
      await writer.store.close();
    });

    it('reads an old version without migrating the file, and an empty folder without creating one', async () => {
      const dataDir = await tempDir();
      const fixture = join(import.meta.dirname, '..', 'fixtures', 'db', 'v0.json');
      await copyFile(fixture, join(dataDir, 'db.json'));
      const { store, warnings } = await openStore({ dataDir, readOnly: true });
      expect(warnings).toEqual([expect.stringContaining('not saved')]);
      expect(store.getProgress('docker-run-p')?.schedule.state).toBe(2);
      await store.close();
      expect(await readdir(dataDir)).toEqual(['db.json']);
      const missing = join(dataDir, 'nothing-here');
      const empty = await openStore({ dataDir: missing, readOnly: true });
      expect(empty.store.allProgress().size).toBe(0);
      await empty.store.close();
      expect(await readdir(dataDir)).toEqual(['db.json']);
    });
  });

  it('opens a folder seeded with 20,000 reviews of 2,000 cards', async () => {
    const dataDir = await tempDir();
    const { cardIds } = await seedReviews({ dataDir, cards: 2000, reviews: 20_000, now: at(0) });
    const { store, warnings } = await open(dataDir);
    expect(warnings).toEqual([]);
    expect(store.reviews()).toHaveLength(20_000);
    expect(store.allProgress().size).toBe(2000);
    expect(store.getProgress(cardIds[0]!)?.schedule.reps).toBe(10);
    expect(store.reviewsOf(cardIds[1999]!)).toHaveLength(10);
    expect(store.reviews().at(-1)!.reviewedAt.getTime()).toBeLessThan(at(0).getTime());
    await store.close();
    await expect(seedReviews({ dataDir, cards: 1, reviews: 1, now: at(0) })).rejects.toThrow(
      /seed only an empty/,
    );
  });
});
