import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomically } from './atomic-write.ts';
import type { NoteBuild } from './build.ts';

/**
 * Per-note extraction results keyed by the note's content hash, so a rebuild after editing one note
 * re-parses only that note. The key also covers the code of the build (src/notes, src/extract,
 * src/text): a new extractor invalidates every entry by itself, with no version to remember to bump.
 */
interface CacheHeader {
  code: string;
  /** Hash of every input (code and notes), to tell whether the deck file is up to date. */
  inputs?: string;
}

/** What the cache holds per note path. */
export type CachedNotes = Record<string, { hash: string; result: NoteBuild }>;

const BUILD_CODE_DIRS = ['notes', 'extract', 'text', 'deck'];

export function contentHash(path: string, text: string): string {
  return createHash('sha256').update(path).update('\u0000').update(text).digest('hex');
}

let codeHashMemo: Promise<string> | undefined;

/** Hash of the build's own source files; computed once per process. */
export function buildCodeHash(): Promise<string> {
  codeHashMemo ??= (async () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), '..');
    const hash = createHash('sha256');
    for (const dir of BUILD_CODE_DIRS) {
      const entries = (await readdir(join(src, dir), { recursive: true }))
        .filter((f) => f.endsWith('.ts'))
        .sort();
      for (const file of entries) hash.update(file).update(await readFile(join(src, dir, file)));
    }
    return hash.digest('hex');
  })();
  return codeHashMemo;
}

export class BuildCache {
  private constructor(
    private readonly path: string,
    private readonly code: string,
    private readonly previous: CachedNotes,
    readonly inputs: string | undefined,
  ) {}

  /** Opens the cache; a missing, unreadable or outdated cache file is an empty cache, never an error. */
  static async open(cacheDir: string): Promise<BuildCache> {
    const path = join(cacheDir, 'build-cache.jsonl');
    const code = await buildCodeHash();
    try {
      // One JSON line per note after a header line: read and parsed line by line.
      const lines = (await readFile(path, 'utf8')).split('\n');
      const header = JSON.parse(lines[0] ?? '') as CacheHeader;
      if (header.code === code) {
        const notes: CachedNotes = {};
        for (const line of lines.slice(1)) {
          if (!line) continue;
          const entry = JSON.parse(line) as { path: string; hash: string; result: NoteBuild };
          notes[entry.path] = { hash: entry.hash, result: entry.result };
        }
        return new BuildCache(path, code, notes, header.inputs);
      }
    } catch {
      // No cache yet, or a damaged one: start over.
    }
    return new BuildCache(path, code, {}, undefined);
  }

  get(path: string, hash: string): NoteBuild | undefined {
    const entry = this.previous[path];
    return entry?.hash === hash ? entry.result : undefined;
  }

  /** Inputs fingerprint for a set of note hashes under this build code. */
  fingerprint(hashes: readonly string[]): string {
    return createHash('sha256').update(this.code).update(hashes.join('\n')).digest('hex');
  }

  /** Replaces the cache with exactly these notes (deleted notes drop out). Atomic write. */
  async save(notes: CachedNotes, inputs: string): Promise<void> {
    const header: CacheHeader = { code: this.code, inputs };
    await mkdir(dirname(this.path), { recursive: true });
    await writeAtomically(this.path, cacheLines(header, notes));
  }
}

function* cacheLines(header: CacheHeader, notes: CachedNotes): Generator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const [path, entry] of Object.entries(notes)) {
    yield `${JSON.stringify({ path, hash: entry.hash, result: entry.result })}\n`;
  }
}
