import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';
import { DB_VERSION, emptyDb, parseDb, settingsSchema, versionOf } from '../../src/store/schema.ts';

const v0Fixture = join(import.meta.dirname, '..', 'fixtures', 'db', 'v0.json');

describe('parseDb', () => {
  it('revives ISO dates of a current db and round-trips through JSON', () => {
    const db = {
      ...emptyDb(),
      logSeq: 3,
      checkpointedAt: new Date('2026-05-12T08:00:00.000Z'),
      progress: {
        a: {
          cardId: 'a',
          suspended: false,
          buriedUntil: new Date('2026-05-13T04:00:00.000Z'),
          schedule: {
            due: new Date('2026-05-20T08:00:00.000Z'),
            stability: 8.1,
            difficulty: 5.2,
            elapsed_days: 2,
            scheduled_days: 8,
            learning_steps: 0,
            reps: 3,
            lapses: 0,
            state: 2 as const,
            last_review: new Date('2026-05-12T08:00:00.000Z'),
          },
        },
      },
    };
    const parsed = parseDb(JSON.parse(JSON.stringify(db)));
    expect(parsed).toEqual({ db, fromVersion: DB_VERSION });
    expect(parsed.db.progress.a?.schedule.due).toBeInstanceOf(Date);
  });

  it('migrates the version 0 fixture', async () => {
    const { db, fromVersion } = parseDb(JSON.parse(await readFile(v0Fixture, 'utf8')));
    expect(fromVersion).toBe(0);
    expect(db.version).toBe(1);
    expect(db.settings.relearningSteps).toEqual(DEFAULT_SETTINGS.relearningSteps);
    expect(Object.keys(db.progress).sort()).toEqual(['docker-run-p', 'dockerfile-cmd', 'image-layer']);
    expect(db.progress['docker-run-p']?.schedule.last_review).toEqual(new Date('2026-05-06T08:00:00.000Z'));
  });

  it.each([
    [null, /no valid version/],
    [[], /no valid version/],
    [{ version: '1' }, /no valid version/],
    [{ version: 9 }, /newer than this deckhand/],
    [{ settings: {} }, /not a valid version 0 database/],
    [{ ...emptyDb(), progress: { a: { cardId: 'a', suspended: false, schedule: {} } } }, /progress/],
  ])('refuses %j', (json, message) => {
    expect(() => parseDb(JSON.parse(JSON.stringify(json)))).toThrow(message);
  });

  it('reads the version of a prototype file as 0', () => {
    expect(versionOf({ cards: {} })).toBe(0);
    expect(versionOf({ version: 1 })).toBe(1);
    expect(versionOf('db')).toBeNaN();
  });
});

describe('settingsSchema', () => {
  it('accepts the defaults and refuses values the scheduler cannot use', () => {
    expect(settingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, learningSteps: [0] }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, newPerDay: 1.5 }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, language: 'fr' }).success).toBe(false);
  });
});
