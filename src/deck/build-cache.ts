import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writer } from 'steno';
import type { NoteBuild } from './build.ts';

/**
 * Per-note extraction results keyed by the note's content hash, so a rebuild after editing one note
 * re-parses only that note. The key also covers the code of the build (src/notes, src/extract,
 * src/text): a new extractor invalidates every entry by itself, with no version to remember to bump.
 */
interface CacheFile {
  code: string;
  /** Hash of every input (code and notes), to tell whether the deck file is up to date. */
  inputs?: string;
  notes: Record<string, { hash: string; result: NoteBuild }>;
}

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
    private readonly previous: CacheFile['notes'],
    readonly inputs: string | undefined,
  ) {}

  /** Opens the cache; a missing, unreadable or outdated cache file is an empty cache, never an error. */
  static async open(cacheDir: string): Promise<BuildCache> {
    const path = join(cacheDir, 'build-cache.json');
    const code = await buildCodeHash();
    try {
      const file = JSON.parse(await readFile(path, 'utf8')) as CacheFile;
      if (file.code === code && file.notes && typeof file.notes === 'object') {
        return new BuildCache(path, code, file.notes, file.inputs);
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
  async save(notes: CacheFile['notes'], inputs: string): Promise<void> {
    const file: CacheFile = { code: this.code, inputs, notes };
    await mkdir(dirname(this.path), { recursive: true });
    await new Writer(this.path).write(JSON.stringify(file));
  }
}
