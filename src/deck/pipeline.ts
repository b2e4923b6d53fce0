import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UnusableInputError } from '../errors.ts';
import { assembleDeck, DEFAULT_QUIZ_SEED, type NoteBuild } from './build.ts';
import { BuildCache, contentHash } from './build-cache.ts';
import { extractParallel } from './extract-parallel.ts';
import { readDeck, writeDeck } from './file.ts';
import { readNotesFolder } from './notes-folder.ts';
import type { Deck } from './types.ts';

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
  deck: Deck;
  files: number;
  /** Notes parsed in this run (the others came from the cache). */
  parsed: number;
  elapsedMs: number;
  /** false when the deck file was already up to date and was left alone. */
  written: boolean;
}

async function writeOut(out: string, deck: Deck): Promise<void> {
  try {
    await mkdir(dirname(out), { recursive: true });
    await writeDeck(out, deck);
  } catch (error) {
    throw new UnusableInputError(
      `cannot write deck to ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/**
 * Notes folder → deck file: read the notes, reuse cached results of unchanged notes, extract the rest
 * on all cores, assemble, write atomically. With `ifStale`, an up-to-date deck file is reused as is.
 * @throws UnusableInputError for no notes, an unreadable folder or an unwritable output.
 */
export async function buildDeckFile(options: BuildOptions & { ifStale?: boolean }): Promise<BuildReport> {
  const started = performance.now();
  const { files, warnings } = await readNotesFolder(options.notes);
  const cache = await BuildCache.open(options.cacheDir ?? join(dirname(options.out), '.cache'));
  const hashes = files.map((f) => contentHash(f.path, f.text));
  const inputs = cache.fingerprint(hashes);
  if (options.ifStale && cache.inputs === inputs && (await stat(options.out).catch(() => undefined))) {
    try {
      const deck = await readDeck(options.out);
      return { deck, files: files.length, parsed: 0, elapsedMs: performance.now() - started, written: false };
    } catch {
      // An unreadable deck file is rebuilt below.
    }
  }
  const results: (NoteBuild | undefined)[] = files.map((f, i) =>
    options.useCache === false ? undefined : cache.get(f.path, hashes[i]!),
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
      ...(options.seed ? { seed: options.seed } : {}),
      onDone: (done) => options.onProgress?.(cachedCount + done, files.length),
    },
  );
  missing.forEach((m, i) => {
    results[m.index] = fresh[i];
  });
  const complete = results as NoteBuild[];
  const deck = assembleDeck(complete, options.seed ?? DEFAULT_QUIZ_SEED, warnings);
  await writeOut(options.out, deck);
  await cache.save(
    Object.fromEntries(files.map((f, i) => [f.path, { hash: hashes[i]!, result: complete[i]! }])),
    inputs,
  );
  return {
    deck,
    files: files.length,
    parsed: missing.length,
    elapsedMs: performance.now() - started,
    written: true,
  };
}
