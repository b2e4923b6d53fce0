/**
 * Broken files as a user meets them: through `npm start`, `npm run export:anki` and a store opened on
 * the folder. Each gets a clear message and a safe path (rebuild, restore the backup the message
 * names, or refuse to start) and no file of the user's is ever overwritten. (The store's own tests
 * cover every kind of damaged db.json and log line in-process; these add the processes, the leftover
 * temp file, a log that is not a file, following the restore advice, and deck files.)
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readDeck } from '../../src/deck/file.ts';
import { DECK_FORMAT_VERSION } from '../../src/deck/types.ts';
import { DeckFormatError, StoreCorruptError } from '../../src/errors.ts';
import { openStore } from '../../src/store/lowdb-store.ts';
import { at, gradeInput } from '../store/grading.ts';
import { FIXTURE_DECK, FIXTURE_NOTES } from '../web/harness.ts';

const run = promisify(execFile);
let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function newDir(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'deckhand-broken-'));
  return dir;
}

/** A data folder with two grades in the log and today's backup (taken before them). */
async function usedFolder(dataDir: string): Promise<void> {
  const { store } = await openStore({ dataDir, now: () => at(0) });
  await store.recordGrade(gradeInput(store, 'card-a', 3, at(1)));
  await store.recordGrade(gradeInput(store, 'card-b', 1, at(2)));
  await store.close();
}

/** The review store's files in a data folder (not the deck file or build cache beside them). */
const STORE_FILES = /(^|\/)(db\.json|reviews\.jsonl[^/]*|backups\/.*)$/;

/** Every file under `root` (matching `only`) with a hash of its bytes: to prove nothing was written. */
async function snapshot(root: string, only = /./): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || !only.test(path)) continue;
    out[path] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return out;
}

/** Runs a script to its end (or kills it once `until` shows in its output). */
function runScript(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  until?: RegExp,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  const onData = (chunk: Buffer) => {
    chunks.push(chunk.toString());
    if (until?.test(chunks.join(''))) child.kill('SIGTERM');
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve({ code, output: chunks.join('') }));
  });
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as Error,
  );
}

describe('a damaged db.json', () => {
  it('npm start refuses to start, names the file and the backup, and changes no file', async () => {
    const root = await newDir();
    const dataDir = join(root, 'data');
    await usedFolder(dataDir);
    const dbPath = join(dataDir, 'db.json');
    const whole = await readFile(dbPath);
    await writeFile(dbPath, whole.subarray(0, Math.floor(whole.length / 2))); // cut short
    await mkdir(join(root, 'notes'));
    await cp(FIXTURE_NOTES, join(root, 'notes'), { recursive: true });
    const before = await snapshot(dataDir, STORE_FILES);

    const { code, output } = await runScript('scripts/serve.ts', {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NOTES_DIR: join(root, 'notes'),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/error: .*db\.json cannot be read as a deckhand database/);
    expect(output).toContain('It was left untouched');
    expect(output).toMatch(
      /The latest backup is .*backups\/db-2026-05-12\.json: to restore it, copy it over/,
    );
    expect(output).not.toMatch(/deckhand {2}http/);
    // npm start built the deck beside them, but no file of the store changed.
    expect(await snapshot(dataDir, STORE_FILES)).toEqual(before);
    expect(await readFile(dbPath)).toEqual(whole.subarray(0, Math.floor(whole.length / 2)));
  }, 60_000);

  it('following the message (copy the backup over db.json) brings every review back from the log', async () => {
    const dataDir = join(await newDir(), 'data');
    await usedFolder(dataDir);
    await writeFile(join(dataDir, 'db.json'), '{"version":1,"settings":{"newPerDay":20,'); // hand-edited, broken
    const error = await errorOf(openStore({ dataDir, now: () => at(3) }));
    expect(error).toBeInstanceOf(StoreCorruptError);
    const backup = /The latest backup is (\S+): to restore it, copy it over (\S+);/.exec(error.message);
    expect(backup).not.toBeNull();
    await copyFile(backup![1]!, backup![2]!);
    const { store, warnings } = await openStore({ dataDir, now: () => at(3) });
    expect(warnings).toEqual([]);
    expect(store.reviews().map((r) => r.cardId)).toEqual(['card-a', 'card-b']);
    expect(store.getProgress('card-b')?.schedule.reps).toBe(1);
    await store.close();
  });
});

describe('a leftover temp file from an interrupted db.json write', () => {
  it('is ignored at opening and replaced by the next write; nothing is lost', async () => {
    const dataDir = join(await newDir(), 'data');
    await usedFolder(dataDir);
    const temp = join(dataDir, '.db.json.tmp');
    await writeFile(temp, '{"version":1,"settings":{"newPerD'); // the write was cut off here
    const { store } = await openStore({ dataDir, now: () => at(3) });
    expect(store.reviews().map((r) => r.cardId)).toEqual(['card-a', 'card-b']);
    await store.recordGrade(gradeInput(store, 'card-c', 3, at(4)));
    await store.close(); // checkpoints: writes the temp file whole, then renames it over db.json
    await expect(stat(temp)).rejects.toMatchObject({ code: 'ENOENT' });
    const db = JSON.parse(await readFile(join(dataDir, 'db.json'), 'utf8')) as { logSeq: number };
    expect(db.logSeq).toBe(3);
    const reopened = await openStore({ dataDir, now: () => at(5) });
    expect(reopened.store.reviews()).toHaveLength(3);
    await reopened.store.close();
  });
});

describe('a review log that is not a file', () => {
  it('refuses to open with a message naming it, and changes nothing', async () => {
    const dataDir = join(await newDir(), 'data');
    await usedFolder(dataDir);
    const log = join(dataDir, 'reviews.jsonl');
    await rm(log);
    await mkdir(log);
    const before = await snapshot(dataDir);
    const error = await errorOf(openStore({ dataDir, now: () => at(3) }));
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect(error.message).toContain(log);
    expect(error.message).toMatch(/left untouched/);
    expect(await snapshot(dataDir)).toEqual(before);
    expect((await stat(log)).isDirectory()).toBe(true);
  });
});

describe('deck files', () => {
  const older = async (path: string) => {
    const deck = JSON.parse(await readFile(FIXTURE_DECK, 'utf8')) as Record<string, unknown>;
    // Version 0 never existed: like any version this deckhand cannot read.
    await writeFile(path, JSON.stringify({ ...deck, version: 0 }));
  };

  it.each([
    ['of an older version', older, /has format version 0, this deckhand reads versions 1 and 2: rebuild it/],
    [
      'that is not JSON',
      (path: string) => writeFile(path, '{"version":1,"cards":['),
      /is not JSON: rebuild it/,
    ],
  ])(
    '%s: the export refuses it with a message and writes nothing',
    async (_, make, message) => {
      const root = await newDir();
      const deckPath = join(root, 'deck.json');
      await make(deckPath);
      const before = await readFile(deckPath);
      await expect(readDeck(deckPath)).rejects.toBeInstanceOf(DeckFormatError);
      const out = join(root, 'out.txt');
      const result = await run(
        process.execPath,
        ['--import', 'tsx', 'scripts/export-anki.ts', '--deck', deckPath, '--out', out],
        { env: { ...process.env, DATA_DIR: join(root, 'data') } },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(await readFile(deckPath)).toEqual(before);
      await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
    },
    60_000,
  );

  it('npm start rebuilds a deck file of an older version from the notes and serves', async () => {
    const root = await newDir();
    const dataDir = join(root, 'data');
    await mkdir(dataDir);
    await older(join(dataDir, 'deck.json'));
    const { output } = await runScript(
      'scripts/serve.ts',
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NOTES_DIR: FIXTURE_NOTES },
      [],
      /deckhand {2}http/,
    );
    expect(output).toMatch(/deck {6}.*deck\.json: \d+ cards, rebuilt from 1 note$/m);
    expect(output).toMatch(/deckhand {2}http:\/\/127\.0\.0\.1:\d+/);
    expect((await readDeck(join(dataDir, 'deck.json'))).version).toBe(DECK_FORMAT_VERSION);
  }, 60_000);
});
