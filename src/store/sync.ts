/**
 * fsync helpers. lowdb (through steno) writes a temp file and renames it, which is atomic but not
 * durable: until the file and its folder are fsynced, a power cut can lose the new version.
 */
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Flushes a file's data and metadata to disk. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes the folder holding `path`, so a file created or renamed there stays after a crash. */
export async function syncDirectory(path: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dirname(path), 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a folder; the rename is still atomic there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close();
  }
}
