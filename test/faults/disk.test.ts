/**
 * Disk trouble under the real server in a child process. Tests run as root in CI, where chmod stops
 * nothing, so the kernel is made to refuse writes in two ways that hold for root too:
 * - a full disk: `prlimit --fsize` lowers the child's file-size limit (RLIMIT_FSIZE) below the log's
 *   size, so its next append is cut short or fails with EFBIG, as on a disk that fills up mid-line;
 * - a read-only data folder: `chattr +i` makes the folder and its files immutable (EPERM on every
 *   write, also through the log's open handle, and no new file may be made in the folder).
 * Grading must answer with a clear error page, change nothing in memory or on disk, and work again
 * once the disk does.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';
import { openStore } from '../../src/store/lowdb-store.ts';
import { QUIZ_DECK } from '../quiz/quiz-server.ts';
import { CARDS, FIXTURE_NOTES, shownReps, TestClient } from '../web/harness.ts';
import { type ServerChild, spawnServer } from './spawn-server.ts';

let dir = '';
let child: ServerChild | undefined;
afterEach(async () => {
  await child?.kill();
  child = undefined;
  if (dir) {
    execFileSync('chattr', ['-R', '-i', dir]);
    await rm(dir, { recursive: true, force: true });
  }
});

async function startChild(): Promise<{ dataDir: string; url: string; tab: TestClient }> {
  dir = await mkdtemp(join(tmpdir(), 'deckhand-disk-'));
  const dataDir = join(dir, 'data');
  await cp(QUIZ_DECK, join(dir, 'deck.json')); // the web fixture's cards, with quiz items
  const { store } = await openStore({ dataDir });
  await store.saveSettings({ ...DEFAULT_SETTINGS, fuzz: false });
  await store.close();
  child = spawnServer({ DATA_DIR: dataDir, DECK: join(dir, 'deck.json'), NOTES_DIR: FIXTURE_NOTES });
  const url = await child.listening();
  const tab = new TestClient(url);
  await tab.get('/review');
  return { dataDir, url, tab };
}

/** The log's lines, each of which must be a whole JSON record. */
async function logRecords(dataDir: string): Promise<{ type: string; cardId?: string }[]> {
  const text = await readFile(join(dataDir, 'reviews.jsonl'), 'utf8');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string; cardId?: string });
}

/** Grades `cardId` from `reps`; returns the status and the page's text. */
async function gradeCard(tab: TestClient, cardId: string, reps = 0) {
  return tab.post(`/review/${cardId}/grade`, { rating: '3', reps: String(reps) });
}

/** What the server shows of a card: the number of rows in its history table. */
async function historyRows(tab: TestClient, cardId: string): Promise<number> {
  const page = await tab.get(`/cards/${cardId}`);
  return (page.text.match(/<td class="grade-\d">/g) ?? []).length;
}

describe('a full disk (file-size limit below the log size)', () => {
  it('answers grading with a clear error, keeps memory and disk in step, and recovers', async () => {
    const { dataDir, tab } = await startChild();
    expect((await gradeCard(tab, CARDS.image)).status).toBe(303);
    const size = (await stat(join(dataDir, 'reviews.jsonl'))).size;
    // Room for a few bytes more: the next line is cut short, the one after fails outright.
    execFileSync('prlimit', ['--pid', String(child!.pid), `--fsize=${size + 20}:`]);

    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await gradeCard(tab, CARDS.cloze);
      expect(refused.status).toBe(507);
      expect(refused.text).toContain('没有保存');
    }
    // Nothing of the failed grades is on disk, not even a partial line, and none in memory.
    expect((await logRecords(dataDir)).map((r) => r.cardId)).toEqual([CARDS.image]);
    expect(await historyRows(tab, CARDS.cloze)).toBe(0);
    expect(shownReps((await tab.get(`/review?card=${CARDS.cloze}`)).text)).toBe('0');

    execFileSync('prlimit', ['--pid', String(child!.pid), '--fsize=unlimited:']);
    expect((await gradeCard(tab, CARDS.cloze)).status).toBe(303);
    expect((await logRecords(dataDir)).map((r) => r.cardId)).toEqual([CARDS.image, CARDS.cloze]);

    // After a crash, the folder opens to what the server showed.
    await child!.kill();
    const { store } = await openStore({ dataDir, readOnly: true });
    expect(store.reviews().map((r) => [r.cardId, r.before.reps])).toEqual([
      [CARDS.image, 0],
      [CARDS.cloze, 0],
    ]);
    await store.close();
  });
});

describe('a read-only data folder (immutable, which stops root too)', () => {
  it('refuses grades and settings with a clear error, changes nothing, and recovers', async () => {
    const { dataDir, tab } = await startChild();
    expect((await gradeCard(tab, CARDS.image)).status).toBe(303);
    await tab.get('/quiz');
    const started = await tab.post('/quiz', { count: '3', mode: 'exam' });
    const quiz = started.headers.get('location') ?? '';
    expect(quiz).toMatch(/^\/quiz\/[a-z0-9]+$/);
    const settingsBefore = await readFile(join(dataDir, 'db.json'), 'utf8');
    execFileSync('chattr', ['-R', '+i', dataDir]);

    const refused = await gradeCard(tab, CARDS.cloze);
    expect(refused.status).toBe(507);
    expect(refused.text).toContain('没有保存');
    await tab.get('/settings');
    const settings = await tab.post('/settings', {
      newPerDay: '7',
      maxReviewsPerDay: '200',
      desiredRetention: '0.9',
      learningSteps: '1 10',
      relearningSteps: '10',
      dayStartHour: '4',
      language: '',
    });
    expect(settings.status).toBe(507);
    // The settings page still shows what is on disk, not the refused value.
    expect((await tab.get('/settings')).text).toContain('name="newPerDay" value="20"');
    expect(await historyRows(tab, CARDS.cloze)).toBe(0);
    expect(await readFile(join(dataDir, 'db.json'), 'utf8')).toBe(settingsBefore);
    // A quiz answer too: refused, and the question is still unanswered.
    const answer = await tab.post(`${quiz}/answer`, {
      index: '0',
      value: 'true',
      choice: '0',
      text: 'x',
      m0: '0',
      m1: '1',
      m2: '2',
    });
    expect(answer.status).toBe(507);
    expect(answer.text).toContain('没有保存');
    expect((await tab.get(quiz)).text).toContain('name="index" value="0"');

    execFileSync('chattr', ['-R', '-i', dataDir]);
    expect((await gradeCard(tab, CARDS.cloze)).status).toBe(303);
    expect(await historyRows(tab, CARDS.cloze)).toBe(1);
    expect(
      (
        await tab.post(`${quiz}/answer`, {
          index: '0',
          value: 'true',
          choice: '0',
          text: 'x',
          m0: '0',
          m1: '1',
          m2: '2',
        })
      ).status,
    ).toBe(303);

    // A clean stop writes the checkpoint; the folder opens to what the server showed.
    child!.process.kill('SIGTERM');
    expect(await child!.exited).toBe(0);
    const { store } = await openStore({ dataDir, readOnly: true });
    expect(store.reviews().map((r) => r.cardId)).toEqual([CARDS.image, CARDS.cloze]);
    expect(store.settings().newPerDay).toBe(20);
    await store.close();
  });
});
