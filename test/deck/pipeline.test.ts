import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateVault } from '../../src/bench/generate-notes.ts';
import { buildDeck } from '../../src/deck/build.ts';
import { readDeck, serializeDeck } from '../../src/deck/file.ts';
import { buildDeckFile } from '../../src/deck/pipeline.ts';
import { useTmpDir } from '../support/tmp-dir.ts';

const tmp = useTmpDir();
const sample = await readFile(join(import.meta.dirname, '../../content/docker-notes.md'), 'utf8');

/** Writes notes dated an hour ago: the cache trusts the size and times only of files not just written. */
async function writeVault(dir: string, notes: { path: string; text: string }[]): Promise<void> {
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const note of notes) {
    await mkdir(join(dir, note.path, '..'), { recursive: true });
    await writeFile(join(dir, note.path), note.text);
    await utimes(join(dir, note.path), anHourAgo, anHourAgo);
  }
}

describe('buildDeckFile', () => {
  it('builds the same bytes every time: with or without cache, on one thread or on workers', async () => {
    const dir = await tmp();
    const notes = generateVault(sample, 8, 6_000);
    await writeVault(join(dir, 'notes'), notes);
    const out = join(dir, 'deck.json');
    const first = await buildDeckFile({ notes: join(dir, 'notes'), out, threads: 2, useCache: false });
    expect(first.parsed).toBe(8);
    const bytes = await readFile(out, 'utf8');
    expect(first.summary.cards).toBeGreaterThan(0);

    const cached = await buildDeckFile({ notes: join(dir, 'notes'), out });
    expect(cached.parsed).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(bytes);

    const single = buildDeck(notes);
    expect(serializeDeck(single)).toBe(bytes);
    expect(first.summary.cards).toBe(single.cards.length);
    expect(first.summary.quizByType.mcq).toBe(single.quiz.filter((q) => q.type === 'mcq').length);
    expect(await readDeck(out)).toEqual(single);
  });

  it('merges notes that share a title into one deck, the same from scratch and from the cache', async () => {
    const dir = await tmp();
    const notes = generateVault(sample, 6, 3_000).map((note, i) =>
      // Notes 1 and 4 both call themselves 共享: one deck, its duplicate cards kept once.
      i === 1 || i === 4 ? { ...note, text: note.text.replace(/^title: .*$/m, 'title: 共享') } : note,
    );
    notes.push({ ...notes[1]!, path: 'copy/of-one.md' });
    await writeVault(join(dir, 'notes'), notes);
    const out = join(dir, 'deck.json');
    const expected = serializeDeck(buildDeck(notes));
    expect(buildDeck(notes).decks.filter((d) => d.name === '共享')).toHaveLength(3);
    await buildDeckFile({ notes: join(dir, 'notes'), out, threads: 2 });
    expect(await readFile(out, 'utf8')).toBe(expected);
    const again = await buildDeckFile({ notes: join(dir, 'notes'), out });
    expect(await readFile(out, 'utf8')).toBe(expected);
    // Merged notes are built again each time; the others come from the cache.
    expect(again.parsed).toBe(3);
  });

  it('re-parses only the edited note, and the result equals a full build', async () => {
    const dir = await tmp();
    const notes = generateVault(sample, 12, 3_000);
    await writeVault(join(dir, 'notes'), notes);
    const out = join(dir, 'deck.json');
    await buildDeckFile({ notes: join(dir, 'notes'), out });
    const edited = notes[7]!;
    await writeFile(
      join(dir, 'notes', edited.path),
      `${edited.text}\n\n### 新概念\n\nUnionFS是一种分层文件系统。\n`,
    );
    const rebuild = await buildDeckFile({ notes: join(dir, 'notes'), out });
    expect(rebuild.parsed).toBe(1);
    // The other notes are not even read: their size and times are those the cache saw.
    expect(rebuild.read).toBe(1);
    const full = await buildDeckFile({
      notes: join(dir, 'notes'),
      out: join(dir, 'full.json'),
      useCache: false,
    });
    expect(await readFile(out, 'utf8')).toBe(await readFile(join(dir, 'full.json'), 'utf8'));
    expect(full.parsed).toBe(12);
  });

  it('reads a note again when its bytes changed, even with its size and mtime put back', async () => {
    const dir = await tmp();
    const note = join(dir, 'notes/a.md');
    await mkdir(join(dir, 'notes'));
    await writeFile(note, '# 镜像Image\n\n镜像是一个特殊的文件系统。\n');
    const out = join(dir, 'deck.json');
    await buildDeckFile({ notes: join(dir, 'notes'), out });
    const before = await stat(note);
    await writeFile(note, '# 容器Image\n\n容器是一个特殊的文件系统。\n');
    await utimes(note, before.atime, before.mtime);
    expect((await stat(note)).size).toBe(before.size);
    const again = await buildDeckFile({ notes: join(dir, 'notes'), out });
    expect([again.read, again.parsed]).toEqual([1, 1]);
    expect((await readDeck(out)).cards.map((c) => c.key)).toContain('容器');
  });

  it('reads again a note written just before the build: its times cannot yet vouch for its bytes', async () => {
    const dir = await tmp();
    await writeVault(join(dir, 'notes'), generateVault(sample, 3, 1_000));
    await writeFile(join(dir, 'notes/fresh.md'), '# 镜像Image\n\n镜像是一个特殊的文件系统。\n');
    const out = join(dir, 'deck.json');
    await buildDeckFile({ notes: join(dir, 'notes'), out });
    const again = await buildDeckFile({ notes: join(dir, 'notes'), out });
    // Read and hashed, but not parsed: its hash is the one the cache has.
    expect([again.read, again.parsed]).toEqual([1, 0]);
  });

  it('keeps the warnings of notes it does not read again', async () => {
    const dir = await tmp();
    await mkdir(join(dir, 'notes'));
    await writeFile(
      join(dir, 'notes/bad.md'),
      Buffer.from('# 镜像\n\n\xff 镜像是一个特殊的文件系统。\n', 'latin1'),
    );
    await writeFile(join(dir, 'notes/empty.md'), '');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const name of ['bad.md', 'empty.md']) await utimes(join(dir, 'notes', name), anHourAgo, anHourAgo);
    const out = join(dir, 'deck.json');
    const first = await buildDeckFile({ notes: join(dir, 'notes'), out });
    const again = await buildDeckFile({ notes: join(dir, 'notes'), out });
    expect(again.read).toBe(0);
    expect(again.warnings).toEqual(first.warnings);
    expect(first.warnings.map((w) => w.file)).toEqual(['bad.md', 'empty.md']);
  });

  it('treats a damaged cache as empty: a full build, no error', async () => {
    const dir = await tmp();
    await writeVault(join(dir, 'notes'), generateVault(sample, 3, 2_000));
    const out = join(dir, 'deck.json');
    await buildDeckFile({ notes: join(dir, 'notes'), out });
    await writeFile(join(dir, '.cache/build-index.json'), '{"code":"x"\n{not json');
    const again = await buildDeckFile({ notes: join(dir, 'notes'), out });
    expect(again.parsed).toBe(3);
    expect((await buildDeckFile({ notes: join(dir, 'notes'), out })).parsed).toBe(0);
  });

  it('never copies lines from a deck file that changed since the cache was saved', async () => {
    const dir = await tmp();
    const notes = generateVault(sample, 3, 2_000);
    await writeVault(join(dir, 'notes'), notes);
    const out = join(dir, 'deck.json');
    await buildDeckFile({ notes: join(dir, 'notes'), out });
    const bytes = await readFile(out, 'utf8');
    // Same size, other bytes: the cache's byte ranges would now point at the wrong lines.
    await writeFile(
      out,
      bytes.replace(/"front":"[^"]/, (m) => `${m.slice(0, -1)}X`),
    );
    const again = await buildDeckFile({ notes: join(dir, 'notes'), out });
    expect(again.parsed).toBe(3);
    expect(await readFile(out, 'utf8')).toBe(bytes);
    expect(await readFile(out, 'utf8')).toBe(serializeDeck(buildDeck(notes)));
  });

  it('leaves an up-to-date deck alone with ifStale, and rebuilds when a note changes', async () => {
    const dir = await tmp();
    await writeVault(join(dir, 'notes'), [
      { path: 'a.md', text: '# 镜像Image\n\n镜像是一个特殊的文件系统。\n' },
    ]);
    const out = join(dir, 'deck.json');
    expect((await buildDeckFile({ notes: join(dir, 'notes'), out, ifStale: true })).written).toBe(true);
    expect((await buildDeckFile({ notes: join(dir, 'notes'), out, ifStale: true })).written).toBe(false);
    await writeFile(join(dir, 'notes/a.md'), '# 容器Container\n\n容器的实质是进程。\n');
    const again = await buildDeckFile({ notes: join(dir, 'notes'), out, ifStale: true });
    expect(again.written).toBe(true);
    expect(again.parsed).toBe(1);
  });

  it('builds a hostile folder: binary, empty, invalid UTF-8, unclosed fence, deep nesting, a 10 MB note', async () => {
    const dir = await tmp();
    const notes = join(dir, 'notes');
    await mkdir(notes);
    await writeFile(join(notes, 'binary.md'), Buffer.from([0, 1, 2, 3, 255]));
    await writeFile(join(notes, 'empty.md'), '');
    await writeFile(join(notes, 'bad-utf8.md'), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
    await writeFile(
      join(notes, 'fence.md'),
      '# 镜像Image\n\n镜像是一个特殊的文件系统。\n\n```shell\ndocker run -it ubuntu\n',
    );
    await writeFile(
      join(notes, 'nested.md'),
      `${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n${'>'.repeat(300)} deep quote\n`,
    );
    // Ten megabytes of plain sections: this test is about not crashing; realistic text at scale is the bench's.
    const section = (i: number) => `## 第${i}节\n\n${'数据卷可以在容器之间共享和重用。'.repeat(30)}\n`;
    const big = `# 大文件\n\n${Array.from({ length: (10 * 1024 * 1024) / 1500 }, (_, i) => section(i)).join('\n')}\n### 镜像Image\n\n镜像是一个特殊的文件系统。\n`;
    await writeFile(join(notes, 'big.md'), big);
    const report = await buildDeckFile({ notes, out: join(dir, 'deck.json') });
    const deck = await readDeck(join(dir, 'deck.json'));
    // Large builds park their lines in a spool file beside the deck: gone afterwards.
    expect((await readdir(dir)).sort()).toEqual(['.cache', 'deck.json', 'notes']);
    expect(deck.decks.map((d) => d.file)).toEqual([
      'bad-utf8.md',
      'big.md',
      'empty.md',
      'fence.md',
      'nested.md',
    ]);
    expect(deck.cards.some((c) => c.source.file === 'big.md')).toBe(true);
    expect(report.warnings).toEqual(deck.warnings);
    const located = report.warnings.map((w) => `${w.file}:${w.line}:${w.column}`);
    expect(located).toEqual(expect.arrayContaining(['binary.md:1:1', 'bad-utf8.md:1:1', 'empty.md:1:1']));
  }, 120_000);
});
