import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateVault } from '../../src/bench/generate-notes.ts';
import { buildNote } from '../../src/deck/build.ts';
import { extractParallel, workerLimits } from '../../src/deck/extract-parallel.ts';
import { toNoteLines } from '../../src/deck/note-lines.ts';
import { workerScript } from '../../src/deck/worker-script.ts';

const sample = await readFile(join(import.meta.dirname, '../../content/docker-notes.md'), 'utf8');
const decoder = new TextDecoder();
const readable = (lines: ReturnType<typeof toNoteLines>) => ({
  ...lines,
  cards: decoder.decode(lines.cards),
  quiz: decoder.decode(lines.quiz),
});

describe('extractParallel', () => {
  const notes = generateVault(sample, 5, 3_000);
  const expected = notes.map((note) => readable(toNoteLines(buildNote(note.path, note.text))));

  it('gives every note the lines it gets on one thread, in input order', async () => {
    const done: number[] = [];
    const results = await extractParallel(notes, { threads: 2, onDone: (n) => done.push(n) });
    expect(results.map(readable)).toEqual(expected);
    expect(done).toEqual([1, 2, 3, 4, 5]);
  });

  it('builds on the main thread what a worker had no memory for, and still finishes', async () => {
    // A heap too small even to load the build code: every worker dies of it.
    const limits = { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 };
    const results = await extractParallel(notes, { threads: 2, limits });
    expect(results.map(readable)).toEqual(expected);
  }, 60_000);

  it('boots workers through tsx when the bundle will not load', async () => {
    const script = new URL('file:///nonexistent/build-worker-0000000000000000.mjs');
    const results = await extractParallel(notes, { threads: 2, script });
    expect(results.map(readable)).toEqual(expected);
  }, 60_000);

  it('gives a worker room for the largest note', () => {
    expect(workerLimits(10_000).maxOldGenerationSizeMb).toBe(1024);
    expect(workerLimits(20 * 1024 * 1024).maxOldGenerationSizeMb).toBe(2000);
  });
});

describe('workerScript', () => {
  it('bundles the build code into one JavaScript file, once per version of the code', async () => {
    const script = await workerScript();
    expect(script.pathname).toMatch(/node_modules\/\.cache\/deckhand\/build-worker-[0-9a-f]{16}\.mjs$/);
    expect((await stat(script)).size).toBeGreaterThan(100_000);
    expect(await workerScript()).toBe(script);
  });
});
