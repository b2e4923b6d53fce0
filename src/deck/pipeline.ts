import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DeckFormatError, UnusableInputError } from '../errors.ts';
import { writeAtomically } from './atomic-write.ts';
import { DEFAULT_QUIZ_SEED } from './build.ts';
import { BuildCache, contentHash, type DeckFileStamp } from './build-cache.ts';
import { extractParallel } from './extract-parallel.ts';
import { readDeck } from './file.ts';
import { assembleDeckFile, type NoteLines } from './note-lines.ts';
import { readNotesFolder } from './notes-folder.ts';
import type { DeckSummary } from './summary.ts';
import type { BuildWarning, Deck } from './types.ts';

export interface BuildOptions {
  /** A notes folder (read recursively) or one Markdown file. */
  notes: string;
  out: string;
  /** Where the per-note cache lives; defaults to a `.cache` folder beside `out`. */
  cacheDir?: string;
  /** false: re-parse every note (for benchmarks). */
  useCache?: boolean;
  threads?: number;
  seed?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface BuildReport {
  summary: DeckSummary;
  /** Every warning, by file and position. */
  warnings: BuildWarning[];
  files: number;
  /** Notes parsed in this run (the others came from the cache). */
  parsed: number;
  elapsedMs: number;
  /** false when the deck file was already up to date and was left alone. */
  written: boolean;
}

/** Byte ranges of the given pieces in the file the parts make. */
function rangesOf(
  parts: readonly (string | Uint8Array)[],
  wanted: ReadonlySet<Uint8Array>,
): Map<Uint8Array, [number, number]> {
  const ranges = new Map<Uint8Array, [number, number]>();
  let offset = 0;
  for (const part of parts) {
    const size = typeof part === 'string' ? Buffer.byteLength(part) : part.length;
    if (typeof part !== 'string' && wanted.has(part)) ranges.set(part, [offset, offset + size]);
    offset += size;
  }
  return ranges;
}

async function writeOut(out: string, parts: readonly (string | Uint8Array)[]): Promise<DeckFileStamp> {
  try {
    await mkdir(dirname(out), { recursive: true });
    return await writeAtomically(out, parts);
  } catch (error) {
    throw new UnusableInputError(
      `cannot write deck to ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/**
 * Notes folder → deck file: read the notes, reuse the lines of unchanged notes from the last deck file,
 * build the rest on all cores, join, write atomically. With `ifStale`, an up-to-date deck file is left
 * as it is. The deck is never held as objects here: read it with `readDeck` (or `buildAndReadDeck`).
 * @throws UnusableInputError for no notes, an unreadable folder or an unwritable output.
 */
export async function buildDeckFile(options: BuildOptions & { ifStale?: boolean }): Promise<BuildReport> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_QUIZ_SEED;
  const { files, warnings: fileWarnings } = await readNotesFolder(options.notes);
  const cache = await BuildCache.open(options.cacheDir ?? join(dirname(options.out), '.cache'), options.out);
  const hashes = files.map((f) => contentHash(f.path, f.text));
  const inputs = cache.fingerprint(hashes, seed);
  const saved = cache.report;
  if (options.ifStale && cache.inputs === inputs && saved) {
    const elapsedMs = performance.now() - started;
    return { ...saved, files: files.length, parsed: 0, elapsedMs, written: false };
  }
  const results: (NoteLines | undefined)[] = await Promise.all(
    files.map((f, i) => (options.useCache === false ? undefined : cache.get(f.path, hashes[i]!))),
  );
  const missing = files.flatMap((f, i) =>
    results[i] ? [] : [{ index: i, note: { path: f.path, text: f.text } }],
  );
  const cachedCount = files.length - missing.length;
  options.onProgress?.(cachedCount, files.length);
  const fresh = await extractParallel(
    missing.map((m) => m.note),
    {
      ...(options.threads ? { threads: options.threads } : {}),
      seed,
      onDone: (done) => options.onProgress?.(cachedCount + done, files.length),
    },
  );
  missing.forEach((m, i) => {
    results[m.index] = fresh[i];
  });
  const notes = results as NoteLines[];
  const deckFile = assembleDeckFile(notes, seed, fileWarnings);
  const written = await writeOut(options.out, deckFile.parts);
  const wanted = new Set([...deckFile.reusable].flatMap((note) => [note.cards, note.quiz]));
  const ranges = rangesOf(deckFile.parts, wanted);
  const report = { summary: deckFile.summary, warnings: deckFile.warnings };
  await cache.save(
    files.flatMap((f, i) => {
      const lines = notes[i]!;
      if (!deckFile.reusable.has(lines)) return [];
      // A note without cards (or quiz items) has no lines of that kind in the file: an empty range.
      return [
        {
          path: f.path,
          hash: hashes[i]!,
          lines,
          cards: ranges.get(lines.cards) ?? null,
          quiz: ranges.get(lines.quiz) ?? null,
        },
      ];
    }),
    { inputs, report, deckFile: written },
  );
  return {
    ...report,
    files: files.length,
    parsed: missing.length,
    elapsedMs: performance.now() - started,
    written: true,
  };
}

/**
 * Builds the deck file when the notes changed and reads it. A deck file that cannot be read although
 * the cache calls it up to date (damaged by hand, say) is rebuilt once.
 */
export async function buildAndReadDeck(options: BuildOptions): Promise<{ deck: Deck; report: BuildReport }> {
  const report = await buildDeckFile({ ...options, ifStale: true });
  try {
    return { deck: await readDeck(options.out), report };
  } catch (error) {
    if (report.written || !(error instanceof DeckFormatError)) throw error;
    const again = await buildDeckFile({ ...options, useCache: false });
    return { deck: await readDeck(options.out), report: again };
  }
}
