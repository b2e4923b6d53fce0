import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomically } from './atomic-write.ts';
import type { NoteLines } from './note-lines.ts';
import type { FileStamp } from './notes-folder.ts';
import type { DeckSummary } from './summary.ts';
import type { BuildWarning } from './types.ts';

/**
 * Per-note build results keyed by the note's content hash, so a rebuild after editing one note
 * re-parses only that note. The key also covers the code of the build (src/notes, src/extract,
 * src/text, src/deck): a new extractor invalidates every entry by itself, with no version to bump.
 *
 * The cache holds no copy of the notes' lines: the deck file it was saved with already has them. The
 * index (`build-index.json`) records, per note, its hash, what the summary and the merging of decks
 * need, and where its card and quiz lines sit in the deck file; a rebuild copies those byte ranges
 * into the new deck file. The index also records the deck file's size and modification time: a deck
 * file replaced or touched by anything else makes the whole cache unused, never wrong.
 */

/** Byte range `[start, end)` in the deck file; null for a note with no lines of that kind. */
type Range = [number, number] | null;

interface IndexEntry {
  hash: string;
  /** The note file's size and times when it had this hash: unchanged, it need not be read again. Null
   * when the file was too new to tell (see pipeline.ts): it is read again. */
  stamp: FileStamp | null;
  readWarnings: BuildWarning[];
  meta: Omit<NoteLines, 'cards' | 'quiz'>;
  cards: Range;
  quiz: Range;
}

/** Identifies one written deck file: another build's file (or an edit) has another modification time. */
export interface DeckFileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

interface CacheIndex {
  code: string;
  /** Hash of every input (code, seed and notes), to tell whether the deck file is up to date. */
  inputs: string;
  deckFile: DeckFileStamp;
  /** What the build reported, for a build that finds the deck file up to date. */
  report: SavedReport;
  notes: Record<string, IndexEntry>;
}

export interface SavedReport {
  summary: DeckSummary;
  warnings: BuildWarning[];
}

/** The build's code under src/: what build workers run (see worker-script.ts). */
const BUILD_CODE = ['notes', 'extract', 'text', 'deck', 'shell', 'errors.ts'];
const INDEX_FILE = 'build-index.json';

export function contentHash(path: string, text: string): string {
  return createHash('sha256').update(path).update('\u0000').update(text).digest('hex');
}

let codeHashMemo: Promise<string> | undefined;

/** Hash of the build's own source files; computed once per process. */
export function buildCodeHash(): Promise<string> {
  codeHashMemo ??= (async () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), '..');
    const hash = createHash('sha256');
    for (const entry of BUILD_CODE) {
      const files = entry.endsWith('.ts')
        ? ['']
        : (await readdir(join(src, entry), { recursive: true }))
            .filter((f) => f.endsWith('.ts') || f.endsWith('.mjs'))
            .sort();
      for (const file of files) hash.update(entry + file).update(await readFile(join(src, entry, file)));
    }
    return hash.digest('hex');
  })();
  return codeHashMemo;
}

async function deckFileStamp(deckPath: string): Promise<DeckFileStamp | undefined> {
  const info = await stat(deckPath).catch(() => undefined);
  return info?.isFile() ? { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs } : undefined;
}

/** The file's bytes if it is still the file with this stamp (checked on the handle read from), else undefined. */
async function readStamped(path: string, stamp: DeckFileStamp): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.ino !== stamp.ino || info.size !== stamp.size || info.mtimeMs !== stamp.mtimeMs)
      return undefined;
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

export class BuildCache {
  #deckBytes: Promise<Buffer | undefined> | undefined;

  private constructor(
    private readonly dir: string,
    private readonly deckPath: string,
    private readonly code: string,
    private readonly index: CacheIndex | undefined,
  ) {}

  /**
   * Opens the cache of the deck file at `deckPath`. A missing, unreadable or outdated index, or a deck
   * file that is not the one the index was saved with, is an empty cache, never an error.
   */
  static async open(cacheDir: string, deckPath: string): Promise<BuildCache> {
    const code = await buildCodeHash();
    let index: CacheIndex | undefined;
    try {
      const saved = JSON.parse(await readFile(join(cacheDir, INDEX_FILE), 'utf8')) as CacheIndex;
      const stamp = await deckFileStamp(deckPath);
      if (
        saved.code === code &&
        stamp !== undefined &&
        stamp.ino === saved.deckFile.ino &&
        stamp.size === saved.deckFile.size &&
        stamp.mtimeMs === saved.deckFile.mtimeMs
      ) {
        index = saved;
      }
    } catch {
      // No cache yet, or a damaged one: start over.
    }
    return new BuildCache(cacheDir, deckPath, code, index);
  }

  /** The fingerprint the deck file was saved with, when it is still that file. */
  get inputs(): string | undefined {
    return this.index?.inputs;
  }

  /** The report of the build that wrote the deck file, when it is still that file. */
  get report(): SavedReport | undefined {
    return this.index?.report;
  }

  /** Inputs fingerprint for a set of note hashes under this build code and quiz seed. */
  fingerprint(hashes: readonly string[], seed: string): string {
    return createHash('sha256')
      .update(this.code)
      .update(seed)
      .update('\n')
      .update(hashes.join('\n'))
      .digest('hex');
  }

  /** Whether the cache has the note in the version with this stamp. */
  knows(path: string, stamp: FileStamp): boolean {
    const known = this.index?.notes[path]?.stamp;
    return (
      known != null &&
      known.ino === stamp.ino &&
      known.size === stamp.size &&
      known.mtimeMs === stamp.mtimeMs &&
      known.ctimeMs === stamp.ctimeMs
    );
  }

  /** The hash and read warnings of a note the cache knows. */
  knownNote(path: string): { hash: string; readWarnings: BuildWarning[] } | undefined {
    return this.index?.notes[path];
  }

  /** The cached lines of a note whose content hash is `hash`, or undefined. Reads the deck file once. */
  async get(path: string, hash: string): Promise<NoteLines | undefined> {
    const entry = this.index?.notes[path];
    if (entry?.hash !== hash) return undefined;
    this.#deckBytes ??= readStamped(this.deckPath, this.index!.deckFile).catch(() => undefined);
    const bytes = await this.#deckBytes;
    const slice = (range: Range) => (range ? bytes?.subarray(range[0], range[1]) : new Uint8Array(0));
    const cards = slice(entry.cards);
    const quiz = slice(entry.quiz);
    if (cards === undefined || quiz === undefined) return undefined;
    return { ...entry.meta, cards, quiz };
  }

  /**
   * Records the deck file just written (`deckFile`: its stamp as the writer saw it, so a file another
   * build put there since is not taken for it): for each note its hash and where its lines landed.
   * Notes without ranges (merged into a deck with others) are left out and rebuilt next time.
   */
  async save(
    notes: {
      path: string;
      hash: string;
      stamp: FileStamp | null;
      readWarnings: BuildWarning[];
      lines: NoteLines;
      cards: Range;
      quiz: Range;
    }[],
    saved: { inputs: string; report: SavedReport; deckFile: DeckFileStamp },
  ): Promise<void> {
    const index: CacheIndex = { code: this.code, ...saved, notes: {} };
    for (const { path, hash, stamp, readWarnings, lines, cards, quiz } of notes) {
      const { cards: _cards, quiz: _quiz, ...meta } = lines;
      index.notes[path] = { hash, stamp, readWarnings, meta, cards, quiz };
    }
    await mkdir(this.dir, { recursive: true });
    await writeAtomically(join(this.dir, INDEX_FILE), [JSON.stringify(index)]);
    // The cache of earlier versions (one file holding every note's results): no longer read.
    await rm(join(this.dir, 'build-cache.jsonl'), { force: true });
  }
}
