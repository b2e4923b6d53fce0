import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DeckFormatError, UnusableInputError } from '../errors.ts';
import { writeAtomically } from './atomic-write.ts';
import { DEFAULT_QUIZ_SEED, type NoteFile } from './build.ts';
import { BuildCache, contentHash, type DeckFileStamp } from './build-cache.ts';
import { extractParallel } from './extract-parallel.ts';
import { readDeck } from './file.ts';
import { assembleDeckFile, type NoteLines } from './note-lines.ts';
import { type FileStamp, readNotesFolder } from './notes-folder.ts';
import { Spool, type SpoolRange } from './spool.ts';
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
  /** Note files read in this run: the cache vouches for unchanged files by size and times. */
  read: number;
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
  const startedAt = Date.now();
  const seed = options.seed ?? DEFAULT_QUIZ_SEED;
  const useCache = options.useCache !== false;
  await removeLeftovers(options.out);
  const cache = await BuildCache.open(options.cacheDir ?? join(dirname(options.out), '.cache'), options.out);
  let notes = await readNotes(options.notes, useCache ? cache : undefined);
  // What the deck depends on: the notes, and the folder's own warnings (a binary file, a broken link).
  const fingerprint = () =>
    cache.fingerprint([...notes.entries.map((e) => e.hash), JSON.stringify(notes.folderWarnings)], seed);
  let inputs = fingerprint();
  const saved = cache.report;
  if (options.ifStale && cache.inputs === inputs && saved) {
    const elapsedMs = performance.now() - started;
    return { ...saved, files: notes.entries.length, parsed: 0, read: notes.read, elapsedMs, written: false };
  }
  let results = await Promise.all(
    notes.entries.map((e) => (useCache ? cache.get(e.path, e.hash) : undefined)),
  );
  if (results.some((lines, i) => lines === undefined && notes.entries[i]!.text === undefined)) {
    // A note skipped as known whose lines are gone after all (the deck file changed meanwhile): read all.
    notes = await readNotes(options.notes, undefined);
    results = notes.entries.map(() => undefined);
    inputs = fingerprint();
  }
  const { entries } = notes;
  const missing = entries.flatMap((e, i) =>
    results[i] ? [] : [{ index: i, note: { path: e.path, text: e.text ?? '' } }],
  );
  const cachedCount = entries.length - missing.length;
  options.onProgress?.(cachedCount, entries.length);
  const fresh = await buildMissing(
    missing.map((m) => m.note),
    options.out,
    {
      ...(options.threads ? { threads: options.threads } : {}),
      seed,
      onDone: (done) => options.onProgress?.(cachedCount + done, entries.length),
    },
  );
  missing.forEach((m, i) => {
    results[m.index] = fresh[i];
  });
  const lines = results as NoteLines[];
  const deckFile = assembleDeckFile(lines, seed, notes.warnings);
  const written = await writeOut(options.out, deckFile.parts);
  const wanted = new Set([...deckFile.reusable].flatMap((note) => [note.cards, note.quiz]));
  const ranges = rangesOf(deckFile.parts, wanted);
  const report = { summary: deckFile.summary, warnings: deckFile.warnings };
  await cache.save(
    entries.flatMap((entry, i) => {
      const own = lines[i]!;
      if (!deckFile.reusable.has(own)) return [];
      // A note without cards (or quiz items) has no lines of that kind in the file: an empty range.
      const cards = ranges.get(own.cards) ?? null;
      // A file changed within a timestamp tick of being read would keep its stamp (git's "racily
      // clean" entries): trust only a modification time well before this build; a newer one is read
      // again next time. (A later edit that puts an old mtime back still changes ctime and is seen.)
      const settled = entry.stamp.mtimeMs < startedAt - RACY_MS;
      const stamp = settled ? entry.stamp : null;
      return [{ ...entry, stamp, lines: own, cards, quiz: ranges.get(own.quiz) ?? null }];
    }),
    { inputs, report, deckFile: written },
  );
  return {
    ...report,
    files: entries.length,
    parsed: missing.length,
    read: notes.read,
    elapsedMs: performance.now() - started,
    written: true,
  };
}

/** Above this much note text, the notes' lines wait in a spool file until the workers are done. */
const SPOOL_MIN_CHARS = 1024 * 1024;
const NO_LINES = new Uint8Array(0);

/**
 * Builds notes on all cores (see extractParallel). For large builds each note's lines are parked in a
 * spool file beside the output as they arrive and read back after the workers exit, so they do not
 * add to the memory the workers' heaps already take.
 */
async function buildMissing(
  notes: readonly NoteFile[],
  out: string,
  options: Parameters<typeof extractParallel>[1],
): Promise<NoteLines[]> {
  if (notes.reduce((sum, n) => sum + n.text.length, 0) < SPOOL_MIN_CHARS)
    return extractParallel(notes, options);
  await mkdir(dirname(out), { recursive: true });
  const spool = await Spool.open(`${out}.${process.pid}.spool`);
  try {
    const parked = new Map<NoteLines, { cards: SpoolRange; quiz: SpoolRange }>();
    const results = await extractParallel(notes, {
      ...options,
      keep: (lines) => {
        const kept = { ...lines, cards: NO_LINES, quiz: NO_LINES };
        parked.set(kept, { cards: spool.park(lines.cards), quiz: spool.park(lines.quiz) });
        return kept;
      },
    });
    const spooled = await spool.readAll();
    for (const [lines, ranges] of parked) {
      lines.cards = spooled.at(ranges.cards);
      lines.quiz = spooled.at(ranges.quiz);
    }
    return results;
  } finally {
    await spool.discard();
  }
}

/** How close to the build's start a file's times may be for its stamp to be trusted next time. */
const RACY_MS = 2000;

/**
 * Deletes temp and spool files a killed build left beside the output (`deck.json.<pid>.tmp|spool`),
 * those of processes no longer running: each can be as large as the deck.
 */
async function removeLeftovers(out: string): Promise<void> {
  const prefix = `${basename(out)}.`;
  const names = await readdir(dirname(out)).catch(() => [] as string[]);
  for (const name of names) {
    const match = /^(\d+)\.(?:tmp|spool)$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : '');
    if (match && !isRunning(Number(match[1]))) await rm(join(dirname(out), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A note as the build sees it; `text` is undefined for a note the cache knows unchanged (not read). */
interface NoteEntry {
  path: string;
  stamp: FileStamp;
  hash: string;
  readWarnings: BuildWarning[];
  text: string | undefined;
}

/**
 * The notes folder's notes in path order, with the warnings of reading it. Notes the cache knows in
 * this very version (same size and times) are not read: their hash and read warnings come from it.
 */
async function readNotes(
  root: string,
  cache: BuildCache | undefined,
): Promise<{ entries: NoteEntry[]; warnings: BuildWarning[]; folderWarnings: BuildWarning[]; read: number }> {
  const folder = await readNotesFolder(
    root,
    cache ? { known: (path, stamp) => cache.knows(path, stamp) } : {},
  );
  const entries: NoteEntry[] = folder.files.map((f) => ({
    path: f.path,
    stamp: f.stamp,
    hash: contentHash(f.path, f.text),
    readWarnings: f.readWarnings,
    text: f.text,
  }));
  const warnings = [...folder.warnings];
  for (const k of folder.known) {
    const { hash, readWarnings } = cache!.knownNote(k.path)!;
    entries.push({ path: k.path, stamp: k.stamp, hash, readWarnings, text: undefined });
    warnings.push(...readWarnings);
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const readWarnings = new Set(folder.files.flatMap((f) => f.readWarnings));
  const folderWarnings = folder.warnings.filter((w) => !readWarnings.has(w));
  return { entries, warnings, folderWarnings, read: folder.files.length };
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
