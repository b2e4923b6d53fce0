// The deck build at its edges: deck names that fold together, failing disks, temp files, a changed folder.
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDeck } from '../../src/deck/build.ts';
import { readDeck, serializeDeck } from '../../src/deck/file.ts';
import { buildDeckFile } from '../../src/deck/pipeline.ts';
import { Spool } from '../../src/deck/spool.ts';
import { useTmpDir } from '../support/tmp-dir.ts';

const tmp = useTmpDir();
const sample = await readFile(join(import.meta.dirname, '../../content/docker-notes.md'), 'utf8');

// Deck names that differ only in case: two decks, but card ids hash the normalized (lower-cased) name.
const foldedTwins = [
  { path: 'Docker/intro.md', text: sample.replace(/^title: .*$/m, 'title: Docker') },
  { path: 'docker.md', text: sample.replace(/^title: .*$/m, 'title: docker') },
];

async function writeNotes(dir: string, notes: { path: string; text: string }[]): Promise<void> {
  for (const note of notes) {
    await mkdir(join(dir, note.path, '..'), { recursive: true });
    await writeFile(join(dir, note.path), note.text);
  }
}

describe('deck build edge cases', () => {
  it('keeps card ids unique when two deck names fold to the same text', () => {
    const deck = buildDeck(foldedTwins);
    expect(deck.decks.map((d) => d.name)).toEqual(['Docker', 'docker']);
    const ids = deck.cards.map((card) => card.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes a deck file that reads back as the deck it was built from, decks with folded names too', async () => {
    const dir = await tmp();
    await writeNotes(join(dir, 'notes'), foldedTwins);
    const out = join(dir, 'deck.json');
    await buildDeckFile({ notes: join(dir, 'notes'), out, threads: 1 });
    const built = buildDeck(foldedTwins);
    const read = await readDeck(out);
    // A quiz item of deck "Docker" must keep its own deck and source, not those of "docker"'s twin card.
    expect(read.quiz.filter((q) => q.deck === 'Docker').length).toBe(
      built.quiz.filter((q) => q.deck === 'Docker').length,
    );
    expect(read).toEqual(built);
    expect(await readFile(out, 'utf8')).toBe(serializeDeck(built));
  });

  it('leaves no temporary deck file behind when the deck cannot be put in place', async () => {
    const dir = await tmp();
    await writeNotes(join(dir, 'notes'), [
      { path: 'a.md', text: '# 镜像Image\n\n镜像是一个特殊的文件系统。\n' },
    ]);
    const out = join(dir, 'deck.json');
    // A folder where the deck should go: the temp file is written, the rename fails.
    await mkdir(out);
    await writeFile(join(out, 'keep'), '');
    await expect(buildDeckFile({ notes: join(dir, 'notes'), out })).rejects.toThrow(/cannot write deck/);
    expect((await readdir(dir)).sort()).toEqual(['deck.json', 'notes']);
  });

  it('a spool write that fails (disk full) is reported by readAll, not raised as an unhandled rejection', async () => {
    const dir = await tmp();
    const path = join(dir, 'deck.json.spool');
    await symlink('/dev/full', path);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const spool = await Spool.open(path);
      spool.park(new TextEncoder().encode('x'.repeat(1000)));
      // The workers are still running: the failed write waits here with nobody listening.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(spool.readAll()).rejects.toThrow(/ENOSPC/);
      await spool.discard();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    // In a plain node process (npm run build:deck, npm start) this rejection ends the process.
    expect(unhandled).toEqual([]);
  });

  it('removes temp and spool files that killed builds left beside the deck, not those of running ones', async () => {
    const dir = await tmp();
    await writeNotes(join(dir, 'notes'), [
      { path: 'a.md', text: '# 镜像Image\n\n镜像是一个特殊的文件系统。\n' },
    ]);
    // No process has pid 2^22 + 1 (above Linux's pid_max limit); the process that started this test runs.
    const dead = join(dir, `deck.json.${2 ** 22 + 1}.spool`);
    const alive = join(dir, `deck.json.${process.ppid}.tmp`);
    await writeFile(dead, 'x');
    await writeFile(alive, 'x');
    await buildDeckFile({ notes: join(dir, 'notes'), out: join(dir, 'deck.json') });
    const left = await readdir(dir);
    expect(left).not.toContain(`deck.json.${2 ** 22 + 1}.spool`);
    expect(left).toContain(`deck.json.${process.ppid}.tmp`);
    await rm(alive);
  });

  it('with ifStale, reports the warnings of the folder as it is now, not as the last build saw it', async () => {
    const dir = await tmp();
    const notes = join(dir, 'notes');
    await writeNotes(notes, [{ path: 'a.md', text: '# 镜像Image\n\n镜像是一个特殊的文件系统。\n' }]);
    await writeFile(join(notes, 'binary.md'), Buffer.from([0, 1, 2, 3]));
    const out = join(dir, 'deck.json');
    await buildDeckFile({ notes, out, ifStale: true });
    await rm(join(notes, 'binary.md'));
    await symlink(join(dir, 'nowhere.md'), join(notes, 'broken.md'));
    const stale = await buildDeckFile({ notes, out, ifStale: true });
    const fresh = await buildDeckFile({ notes, out: join(dir, 'fresh.json'), useCache: false });
    expect(stale.warnings).toEqual(fresh.warnings);
    expect((await readDeck(out)).warnings).toEqual(fresh.warnings);
  });
});
