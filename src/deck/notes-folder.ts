import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { UnusableInputError } from '../errors.ts';
import type { BuildWarning } from './types.ts';

/** What tells one version of a file from another without reading it (as git's index does). */
export interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface NoteFileEntry {
  /** Relative to the notes folder (or the file's name when a single file was given), `/`-separated. */
  path: string;
  text: string;
  stamp: FileStamp;
  /** What reading it found (invalid UTF-8, empty); also in the folder's `warnings`. */
  readWarnings: BuildWarning[];
}

/** A note the caller said it already has in this version: not read. */
export interface KnownNoteEntry {
  path: string;
  stamp: FileStamp;
}

export interface ReadOptions {
  /** Whether the caller already has this note in this version; such notes are listed, not read. */
  known?: (path: string, stamp: FileStamp) => boolean;
}

const stampOf = (info: { ino: number; size: number; mtimeMs: number; ctimeMs: number }): FileStamp => ({
  ino: info.ino,
  size: info.size,
  mtimeMs: info.mtimeMs,
  ctimeMs: info.ctimeMs,
});

const NOTE_EXTENSION = /\.(md|markdown)$/i;
/** Folders of tools and version control, never notes. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.obsidian', '.trash']);
const BINARY_PROBE = 8192;
/** Files read at once. */
const READERS = 16;

function problem(file: string, message: string): BuildWarning {
  return { file, line: 1, column: 1, message };
}

/**
 * Decodes a note's bytes. Binary files (a NUL byte early on) are skipped; invalid UTF-8 is decoded with
 * replacement characters and reported, so one bad byte does not cost the whole note.
 */
export function decodeNote(path: string, bytes: Uint8Array): { text?: string; warning?: BuildWarning } {
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) {
    return { warning: problem(path, 'binary file with a Markdown name: skipped') };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      warning: problem(path, 'invalid UTF-8: undecodable bytes shown as \uFFFD'),
    };
  }
}

/**
 * Reads every `.md`/`.markdown` file under a folder (recursively, following links once: a link loop is
 * reported, not followed), or the one file given. Files come back sorted by path.
 * @throws UnusableInputError when the path cannot be read or holds no notes at all.
 */
export async function readNotesFolder(
  root: string,
  options: ReadOptions = {},
): Promise<{ files: NoteFileEntry[]; known: KnownNoteEntry[]; warnings: BuildWarning[] }> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(root);
  } catch (error) {
    throw new UnusableInputError(
      `cannot read notes at ${root}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const files: NoteFileEntry[] = [];
  const known: KnownNoteEntry[] = [];
  const warnings: BuildWarning[] = [];
  // Found first, read after: reading many small files a few at a time is several times faster.
  const found: { absolute: string; path: string }[] = [];
  const addFile = async ({ absolute, path }: { absolute: string; path: string }) => {
    let bytes: Buffer;
    let stamp: FileStamp;
    try {
      if (options.known) {
        stamp = stampOf(await stat(absolute));
        if (options.known(path, stamp)) {
          known.push({ path, stamp });
          return;
        }
      }
      const handle = await open(absolute, 'r');
      try {
        // The stamp of the bytes read, not of whatever the file is a moment later.
        stamp = stampOf(await handle.stat());
        bytes = await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch (error) {
      warnings.push(
        problem(path, `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`),
      );
      return;
    }
    const readWarnings: BuildWarning[] = [];
    const { text, warning } = decodeNote(path, bytes);
    if (warning) readWarnings.push(warning);
    if (text !== undefined && !text.trim()) readWarnings.push(problem(path, 'empty note'));
    warnings.push(...readWarnings);
    if (text === undefined) return;
    files.push({ path, text, stamp, readWarnings });
  };
  if (info.isFile()) {
    found.push({ absolute: root, path: basename(root) });
  } else {
    const visited = new Set<string>();
    const walk = async (dir: string): Promise<void> => {
      const real = await realpath(dir);
      const rel = relative(root, dir).split(sep).join('/') || '.';
      if (visited.has(real)) {
        warnings.push(problem(rel, 'folder reached again through a link (a loop?): skipped'));
        return;
      }
      visited.add(real);
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (dir === root) {
          throw new UnusableInputError(
            `cannot read notes folder ${root}: ${(error as NodeJS.ErrnoException).code ?? ''}`,
          );
        }
        warnings.push(problem(rel, `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? ''}`));
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const absolute = join(dir, entry.name);
        const path = relative(root, absolute).split(sep).join('/');
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          try {
            const target = await stat(absolute);
            isDir = target.isDirectory();
            isFile = target.isFile();
          } catch {
            warnings.push(problem(path, 'broken link: skipped'));
            continue;
          }
        }
        if (isDir && !SKIPPED_DIRS.has(entry.name)) await walk(absolute);
        else if (isFile && NOTE_EXTENSION.test(entry.name)) found.push({ absolute, path });
      }
    };
    await walk(root);
  }
  let next = 0;
  const reader = async () => {
    for (let file = found[next++]; file !== undefined; file = found[next++]) await addFile(file);
  };
  await Promise.all(Array.from({ length: READERS }, reader));
  warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (files.length === 0 && known.length === 0) {
    throw new UnusableInputError(`no notes found at ${root} (looked for .md and .markdown files)`);
  }
  const byPath = (a: { path: string }, b: { path: string }) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  files.sort(byPath);
  known.sort(byPath);
  return { files, known, warnings };
}
