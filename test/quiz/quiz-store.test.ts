import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError, NotFoundError, StoreClosedError } from '../../src/errors.ts';
import { submitAnswer } from '../../src/quiz/session.ts';
import { openQuizStore } from '../../src/quiz-store/lowdb-quiz-store.ts';
import { memoryQuizStore } from '../../src/quiz-store/memory-quiz-store.ts';
import type { QuizStore } from '../../src/quiz-store/types.ts';
import { useTmpDir } from '../support/tmp-dir.ts';
import { at, sampleQuiz } from './quiz-fixture.ts';

const tmpDir = useTmpDir();

const stores: [string, () => Promise<{ store: QuizStore; dir?: string }>][] = [
  ['memory', async () => ({ store: memoryQuizStore() })],
  [
    'lowdb',
    async () => {
      const dir = join(await tmpDir(), 'quizzes');
      return { store: (await openQuizStore({ dir })).store, dir };
    },
  ],
];

describe.each(stores)('%s quiz store', (_name, open) => {
  it('creates, reads and lists quizzes', async () => {
    const { store } = await open();
    const quiz = sampleQuiz({}, ['b1', 'b4']);
    await store.create(quiz);
    expect(store.get('quiz-1')).toEqual(quiz);
    expect(store.get('nope')).toBeUndefined();
    await store.create({ ...quiz, id: 'quiz-0', createdAt: at(-10) });
    expect(store.list().map((q) => q.id)).toEqual(['quiz-0', 'quiz-1']);
    await expect(store.create(quiz)).rejects.toBeInstanceOf(BadInputError);
    await expect(store.create({ ...quiz, id: '../evil' })).rejects.toBeInstanceOf(BadInputError);
    await store.close();
  });

  it('runs changes to one quiz one at a time, so two submits of one answer record it once', async () => {
    const { store } = await open();
    await store.create(sampleQuiz({}, ['b1', 'b4']));
    const submit = (choice: number) =>
      store.update('quiz-1', (quiz) => {
        const outcome = submitAnswer(quiz, 0, { type: 'mcq', choice }, at(5));
        return { quiz: outcome.quiz, result: outcome.status === 'recorded' ? 'recorded' : outcome.reason };
      });
    const results = await Promise.all([submit(1), submit(3)]);
    expect(results).toEqual(['recorded', 'already-answered']);
    expect(store.get('quiz-1')?.answers[0]?.given).toEqual({ type: 'mcq', choice: 1 });
    await expect(store.update('nope', (q) => ({ quiz: q, result: 0 }))).rejects.toBeInstanceOf(NotFoundError);
    await store.close();
    await expect(store.update('quiz-1', (q) => ({ quiz: q, result: 0 }))).rejects.toBeInstanceOf(
      StoreClosedError,
    );
  });
});

describe('lowdb quiz store on disk', () => {
  it('keeps one file per quiz, with every acknowledged answer, across a reopen', async () => {
    const dir = join(await tmpDir(), 'quizzes');
    const { store } = await openQuizStore({ dir });
    await store.create(sampleQuiz({ timeLimitMinutes: 5 }, ['b1', 'b4']));
    await store.update('quiz-1', (quiz) => ({
      quiz: submitAnswer(quiz, 0, { type: 'mcq', choice: 1 }, at(5)).quiz,
      result: null,
    }));
    // On disk before close: an acknowledged answer does not wait for a shutdown.
    const onDisk = JSON.parse(await readFile(join(dir, 'quiz-1.json'), 'utf8'));
    expect(onDisk.quiz.answers[0].given).toEqual({ type: 'mcq', choice: 1 });
    expect(onDisk.version).toBe(1);

    const reopened = await openQuizStore({ dir });
    expect(reopened.warnings).toEqual([]);
    const quiz = reopened.store.get('quiz-1');
    expect(quiz).toEqual(store.get('quiz-1'));
    expect(quiz?.deadline).toEqual(at(300));
    expect(quiz?.answers[0]?.answeredAt).toBeInstanceOf(Date);
    expect(await readdir(dir)).toEqual(['quiz-1.json']);
  });

  it('skips a file it cannot read, says so, and leaves it alone', async () => {
    const dir = join(await tmpDir(), 'quizzes');
    const { store } = await openQuizStore({ dir });
    await store.create(sampleQuiz({}, ['b1']));
    await writeFile(join(dir, 'broken.json'), '{"version":1,"quiz":{"id":"broken"');
    await writeFile(join(dir, 'other.json'), JSON.stringify({ version: 1, quiz: { id: 'other' } }));
    await writeFile(join(dir, '.quiz-2.json.tmp'), 'half a write');
    const reopened = await openQuizStore({ dir });
    expect(reopened.store.list().map((q) => q.id)).toEqual(['quiz-1']);
    expect(reopened.warnings).toHaveLength(2);
    expect(reopened.warnings[0]).toMatch(/broken\.json cannot be read/);
    expect(reopened.warnings[1]).toMatch(/other\.json cannot be read \(not a quiz file: quiz\.seed/);
    expect(await readFile(join(dir, 'broken.json'), 'utf8')).toBe('{"version":1,"quiz":{"id":"broken"');
  });
});
