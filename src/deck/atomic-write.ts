import type { Stats } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';

const WRITE_CHUNK = 1 << 20;

/**
 * Writes text (or bytes) given piece by piece to `path` atomically: a temp file written in ~1 MB chunks and
 * fsynced, then renamed over the target. Large files never exist as one string in memory, a reader
 * never sees half a file, and a crash leaves the old one.
 * @returns the inode, size and modification time of the file written (the rename keeps them).
 */
export async function writeAtomically(
  path: string,
  pieces: Iterable<string | Uint8Array>,
): Promise<{ ino: number; size: number; mtimeMs: number }> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  let written: Stats;
  try {
    let pending: string[] = [];
    let size = 0;
    for (const piece of pieces) {
      if (typeof piece !== 'string') {
        await handle.write(pending.join(''));
        pending = [];
        size = 0;
        await handle.write(piece);
        continue;
      }
      pending.push(piece);
      size += piece.length;
      if (size >= WRITE_CHUNK) {
        await handle.write(pending.join(''));
        pending = [];
        size = 0;
      }
    }
    await handle.write(pending.join(''));
    await handle.sync();
    written = await handle.stat();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { ino: written.ino, size: written.size, mtimeMs: written.mtimeMs };
}
