/**
 * db.json's lowdb adapter. It reads as lowdb's `JSONFile` does and writes the same text
 * (`JSON.stringify(db, null, 2)`), but not in one synchronous step: stringifying 6,500 card states
 * takes about 20 ms, and a checkpoint runs beside the grade requests, so every request in flight
 * waited that long at each checkpoint. Here
 * - each card state's text is kept with the (immutable) progress object it came from, so a
 *   checkpoint only stringifies the states that changed since the last one;
 * - the text is built and written a slice of cards at a time, with a turn of the event loop between
 *   slices, so no step holds requests up for more than about a millisecond.
 *
 * The write is atomic and durable as steno's (the writer lowdb uses) is atomic: the text goes to
 * `.db.json.tmp` beside the file, is fsynced, then renamed over it.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import type { CardProgress } from '../review/types.ts';
import type { DbFile } from './schema.ts';

/** Card states per slice: about 200 KB of text, well under a millisecond of work. */
const SLICE = 500;

/** A turn of the event loop, so requests waiting on it are served between two slices. */
function breather(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Stands for the progress object in the db's text while the rest of it is stringified. */
const MARK = '\u0000progress\u0000';
const MARK_JSON = JSON.stringify(MARK);

/**
 * db.json's progress object for a list of card states, keyed by card id as `Object.fromEntries`
 * over the store's map would key it, built a slice at a time (6,500 keys take a few milliseconds).
 */
export async function progressRecord(
  snapshot: readonly CardProgress[],
  slice = SLICE,
): Promise<Record<string, CardProgress>> {
  // No prototype: a card id `__proto__` is then a key like any other, as in Object.fromEntries.
  const record: Record<string, CardProgress> = Object.create(null);
  for (let start = 0; start < snapshot.length; start += slice) {
    if (start > 0) await breather();
    for (const progress of snapshot.slice(start, start + slice)) record[progress.cardId] = progress;
  }
  return record;
}

/**
 * The text of a db, `JSON.stringify(db, null, 2)` exactly, in pieces. Remembers the text of each
 * card state by object: give it only objects that are never changed afterwards (the store replaces
 * a card's progress object on every change, it never edits one).
 */
export class DbText {
  readonly #entries = new WeakMap<CardProgress, { key: string; text: string }>();

  /** @param slice card states per piece; a turn of the event loop passes between two pieces */
  async pieces(db: DbFile, slice = SLICE): Promise<string[]> {
    const head = JSON.stringify({ ...db, progress: MARK }, null, 2);
    const at = head.indexOf(MARK_JSON);
    const pieces = [head.slice(0, at)];
    // The order JSON.stringify would take: Object.keys puts integer-like keys first, as it does.
    const keys = Object.keys(db.progress);
    if (keys.length === 0) pieces.push('{}');
    for (let start = 0; start < keys.length; start += slice) {
      if (start > 0) await breather();
      const lines: string[] = [];
      for (const key of keys.slice(start, start + slice)) lines.push(this.#entry(key, db.progress[key]!));
      pieces.push(`${start === 0 ? '{\n' : ',\n'}${lines.join(',\n')}`);
    }
    if (keys.length > 0) pieces.push('\n  }');
    pieces.push(head.slice(at + MARK_JSON.length));
    return pieces;
  }

  /** Works out the text of a db's card states now, so that writing them later only looks it up. */
  remember(db: DbFile): void {
    for (const key of Object.keys(db.progress)) this.#entry(key, db.progress[key]!);
  }

  /** One `"key": {…}` member of the progress object, indented as at its depth. */
  #entry(key: string, progress: CardProgress): string {
    const cached = this.#entries.get(progress);
    if (cached !== undefined && cached.key === key) return cached.text;
    const text = `    ${JSON.stringify(key)}: ${JSON.stringify(progress, null, 2).replaceAll('\n', '\n    ')}`;
    this.#entries.set(progress, { key, text });
    return text;
  }
}

export class SnapshotFile implements Adapter<DbFile> {
  readonly #path: string;
  readonly #temp: string;
  readonly #reader: TextFile;
  readonly #text = new DbText();

  constructor(path: string) {
    this.#path = path;
    // The name steno gives its temp file, so a leftover from an older version is replaced too.
    this.#temp = join(dirname(path), `.${basename(path)}.tmp`);
    this.#reader = new TextFile(path);
  }

  /** See `DbText.remember`: for the db just read, whose card states the next write mostly repeats. */
  remember(db: DbFile): void {
    this.#text.remember(db);
  }

  /** The parsed file, or null when there is none. @throws SyntaxError when it is not JSON */
  async read(): Promise<DbFile | null> {
    const text = await this.#reader.read();
    return text === null ? null : (JSON.parse(text) as DbFile);
  }

  /** Writes the db atomically; resolves once the new file is in place and fsynced (not yet its folder). */
  async write(data: DbFile): Promise<void> {
    const pieces = await this.#text.pieces(data);
    const handle = await open(this.#temp, 'w');
    try {
      for (const piece of pieces) await handle.write(piece);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(this.#temp, { force: true });
      throw error;
    }
    await handle.close();
    await rename(this.#temp, this.#path);
  }
}
