import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { noteGuid } from '../../src/export/anki-ids.ts';
import { openApkg, readApkgManifest } from '../../src/export/apkg.ts';
import { seedReviews } from '../../src/store/seed.ts';
import { DOCKER_DECK_PATH, IDS } from './docker-deck.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

let dir: string;
let deckPath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deckhand-export-'));
  deckPath = join(dir, 'deck.json');
  await copyFile(DOCKER_DECK_PATH, deckPath);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function exportAnki(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [TSX, 'scripts/export-anki.ts', '--deck', deckPath, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: join(dir, 'store') },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run export:anki', () => {
  test('re-exporting over the last file keeps mod for unchanged notes and advances it for edited ones', async () => {
    const out = join(dir, 'docker.apkg');
    const first = await exportAnki('--out', out);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('exported 6 cards');
    const before = await readApkgManifest(new Uint8Array(await readFile(out)));

    const deck = JSON.parse(await readFile(deckPath, 'utf8'));
    deck.cards.find((c: { id: string }) => c.id === IDS.rm).back = '容器退出后自动删除';
    await writeFile(deckPath, JSON.stringify(deck));
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new second for the edited note's mod

    const second = await exportAnki('--out', out);
    expect(second.stdout).toContain('0 new, 1 changed, 5 unchanged');
    const after = await readApkgManifest(new Uint8Array(await readFile(out)));
    for (const [guid, note] of after.notes) {
      if (guid === noteGuid(IDS.rm)) expect(note.mod).toBeGreaterThan(before.notes.get(guid)!.mod);
      else expect(note.mod).toBe(before.notes.get(guid)?.mod);
    }

    const fresh = join(dir, 'fresh.apkg');
    const withPrevious = await exportAnki('--out', fresh, '--previous', out);
    expect(withPrevious.stdout).toContain('0 new, 0 changed, 6 unchanged');
  }, 90_000);

  test('text format for a topic, format taken from the file name', async () => {
    const out = join(dir, 'images.txt');
    const result = await exportAnki('--out', out, '--topic', 'Docker › 使用镜像 › 列出镜像');
    expect(result).toMatchObject({ code: 0 });
    const text = await readFile(out, 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('dh'))).toHaveLength(3);
  }, 90_000);

  test('usage errors and unknown topics exit 1 with a message', async () => {
    const [noOut, badFormat, badTopic, badPrevious] = await Promise.all([
      exportAnki(),
      exportAnki('--out', join(dir, 'x.zip')),
      exportAnki('--out', join(dir, 'x.apkg'), '--topic', 'Kubernetes'),
      exportAnki('--out', join(dir, 'x.apkg'), '--previous', deckPath),
    ]);
    expect(noOut).toMatchObject({ code: 1, stderr: expect.stringContaining('--out is required') });
    expect(badFormat).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--format must be apkg or txt'),
    });
    expect(badTopic).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no cards under topic Kubernetes'),
    });
    expect(badPrevious).toMatchObject({ code: 1, stderr: expect.stringContaining('not an .apkg') });
  }, 90_000);

  test('--with-progress writes review state and history from the store in DATA_DIR', async () => {
    const dataDir = join(dir, 'store');
    const none = await exportAnki('--out', join(dir, 'p.apkg'), '--with-progress');
    expect(none).toMatchObject({ code: 1, stderr: expect.stringContaining('no review data') });

    await seedReviews({ dataDir, cards: [IDS.imageLs, IDS.cloze], reviews: 8, now: new Date(), seed: 7 });
    const out = join(dir, 'progress.apkg');
    const result = await exportAnki('--out', out, '--with-progress', '--topic', 'Docker::使用镜像');
    expect(result.stdout).toContain('with progress: 2 cards, 8 reviews');
    const db = await openApkg(new Uint8Array(await readFile(out)));
    try {
      const reviewed = db.exec('SELECT c.reps FROM cards c JOIN notes n ON n.id = c.nid WHERE c.type != 0')[0]
        ?.values;
      expect(reviewed?.map(([reps]) => reps)).toEqual([4, 4]);
      expect(db.exec('SELECT count(*) FROM revlog')[0]?.values).toEqual([[8]]);
    } finally {
      db.close();
    }
  }, 90_000);
});
