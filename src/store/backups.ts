/**
 * Daily copies of db.json in DATA_DIR/backups/ (`db-YYYY-MM-DD.json`, the newest seven kept), taken
 * right after a checkpoint so they hold the current progress. The review log is not copied: it is
 * append-only, so a backup plus the log replays to the present.
 */
import { copyFile, mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory, syncFile } from './sync.ts';

export const BACKUPS_KEPT = 7;
const DAILY = /^db-\d{4}-\d{2}-\d{2}\.json$/;

/** Local calendar date, `YYYY-MM-DD`. */
export function backupDay(now: Date): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Daily backups, newest first (the names sort by date). */
export async function listBackups(backupDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(backupDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
  return names
    .filter((name) => DAILY.test(name))
    .sort()
    .reverse();
}

/** Path of the newest daily backup, or undefined when there is none. */
export async function latestBackup(backupDir: string): Promise<string | undefined> {
  const [newest] = await listBackups(backupDir);
  return newest === undefined ? undefined : join(backupDir, newest);
}

/** Whether today's backup is still to be taken. */
export async function backupDue(backupDir: string, now: Date): Promise<boolean> {
  return !(await listBackups(backupDir)).includes(`db-${backupDay(now)}.json`);
}

/**
 * Copies `dbPath` to today's backup (temp file, fsync, rename) and deletes all but the newest seven.
 * @returns the backup's path
 */
export async function takeBackup(dbPath: string, backupDir: string, now: Date): Promise<string> {
  await mkdir(backupDir, { recursive: true });
  const target = join(backupDir, `db-${backupDay(now)}.json`);
  const temp = `${target}.tmp`;
  await copyFile(dbPath, temp);
  await syncFile(temp);
  await rename(temp, target);
  await syncDirectory(target);
  for (const old of (await listBackups(backupDir)).slice(BACKUPS_KEPT)) {
    await unlink(join(backupDir, old));
  }
  return target;
}

/** Keeps an untouched copy of a db file about to be migrated: `db-v0-before-migration-<day>.json`. */
export async function keepBeforeMigration(
  dbPath: string,
  backupDir: string,
  version: number,
  now: Date,
): Promise<string> {
  await mkdir(backupDir, { recursive: true });
  const target = join(backupDir, `db-v${version}-before-migration-${backupDay(now)}.json`);
  await copyFile(dbPath, target);
  await syncFile(target);
  await syncDirectory(target);
  return target;
}
