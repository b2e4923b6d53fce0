/**
 * The review log file (reviews.jsonl): append-only, one record per line, each append written and
 * fsynced before it resolves. It is never rewritten: checkpoints only record in db.json how far it
 * has been folded, so the log doubles as the full review history.
 */
import { constants } from 'node:fs';
import { type FileHandle, open, readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { StoreCorruptError } from '../errors.ts';
import { LogCodec, type ParsedLog, parseLog } from './log-codec.ts';
import type { LogRecord } from './state.ts';
import { syncDirectory } from './sync.ts';

/**
 * How the log is opened for appending: with O_DSYNC where the system has it, so that each write
 * returns only once its data is on disk, as a write followed by fdatasync would, in one call to the
 * thread pool instead of two (each call waits its turn on a busy event loop). Elsewhere appends
 * are followed by fdatasync.
 */
const SYNCED_APPEND =
  constants.O_DSYNC === undefined
    ? undefined
    : constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC;

export interface OpenedLog {
  log: ReviewLog;
  records: LogRecord[];
  warnings: string[];
}

export class ReviewLog {
  /** Undefined when opened read-only. */
  readonly #handle: FileHandle | undefined;
  readonly #codec: LogCodec;
  #size: number;
  /**
   * Set when a failed append could not be cut back (the disk refused that too): the next append
   * first retries the cut, so that no record lands after a partial line and the log works again
   * once the disk does.
   */
  #unrepaired: Error | undefined;

  private constructor(handle: FileHandle | undefined, codec: LogCodec, size: number) {
    this.#handle = handle;
    this.#codec = codec;
    this.#size = size;
  }

  /**
   * Reads the log (creating it if missing), drops a torn last line, and opens it for appending.
   * The dropped bytes are kept beside the log as `reviews.jsonl.torn-<time>` for inspection.
   * @param now names the torn copy
   * @param readOnly leave the file as it is (a torn line is only skipped) and refuse appends
   * @throws StoreCorruptError when a line other than the last is damaged; nothing is changed then
   */
  static async open(path: string, now: Date, readOnly = false): Promise<OpenedLog> {
    let bytes: Uint8Array;
    let created = false;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        throw new StoreCorruptError(
          `${path} cannot be read as the review log (${code ?? (error as Error).message}). It was left ` +
            'untouched: it holds the review history, so put it back as a readable file to start.',
        );
      }
      bytes = new Uint8Array();
      created = true;
    }
    const codec = new LogCodec();
    const parsed: ParsedLog = parseLog(bytes, basename(path), codec);
    const warnings = [...parsed.problems];
    if (readOnly) {
      if (parsed.torn !== null) {
        warnings.push(
          `${basename(path)}: skipped an unfinished last line (${parsed.torn.length} bytes); read-only, so left in place`,
        );
      }
      return { log: new ReviewLog(undefined, codec, parsed.validBytes), records: parsed.records, warnings };
    }
    const handle = await open(path, SYNCED_APPEND ?? 'a');
    try {
      if (parsed.torn !== null) {
        const copy = `${path}.torn-${now.toISOString().replaceAll(':', '-')}`;
        await writeFile(copy, parsed.torn);
        await handle.truncate(parsed.validBytes);
        await handle.sync();
        warnings.push(
          `${basename(path)}: dropped an unfinished last line (${parsed.torn.length} bytes, a write cut short by a crash; ` +
            `it had not been acknowledged). A copy is in ${basename(copy)}.`,
        );
      }
      if (created) await syncDirectory(path);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return { log: new ReviewLog(handle, codec, parsed.validBytes), records: parsed.records, warnings };
  }

  /**
   * Appends records and resolves once they are on disk: one synchronized write for them all (or a
   * write and an fdatasync, without O_DSYNC).
   * Each line is encoded before any is noted, so records of one card must be appended one at a time.
   */
  async append(...records: LogRecord[]): Promise<void> {
    if (this.#handle === undefined) throw new Error('the review log is open read-only');
    if (this.#unrepaired !== undefined) {
      try {
        await this.#handle.truncate(this.#size);
        this.#unrepaired = undefined;
      } catch {
        throw this.#unrepaired;
      }
    }
    const bytes = Buffer.from(records.map((record) => this.#codec.encode(record)).join(''));
    try {
      const { bytesWritten } = await this.#handle.write(bytes);
      if (bytesWritten !== bytes.length)
        throw new Error(`short write to the review log (${bytesWritten} of ${bytes.length} bytes)`);
      if (SYNCED_APPEND === undefined) await this.#handle.datasync();
      this.#size += bytes.length;
      for (const record of records) this.#codec.note(record);
    } catch (error) {
      // Cut back a partial line, so the next record starts on a line of its own.
      try {
        await this.#handle?.truncate(this.#size);
      } catch {
        this.#unrepaired = new Error(
          `the review log could not be repaired after a failed write: ${(error as Error).message}`,
        );
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.#handle?.close();
  }
}
