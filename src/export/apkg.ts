import { strToU8, unzipSync, zipSync } from 'fflate';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import type { Deck } from '../deck/types.ts';
import { UnusableInputError } from '../errors.ts';
import { IdAllocator, sha1Hex } from './anki-ids.ts';
import { NOTE_TYPES, type NoteType, noteTypeHash, noteTypeJson } from './anki-model.ts';
import {
  type AnkiNote,
  fieldChecksum,
  type NoteOptions,
  stripHtmlLikeAnki,
  toAnkiNote,
} from './anki-note.ts';
import { cardSchedule, collectionCreation, type ExportProgress, revlogRows } from './anki-schedule.ts';
import { selectCards } from './topic.ts';

/**
 * The .apkg export: a zip with `collection.anki2` (Anki's legacy SQLite collection, schema 11, which
 * every Anki since 2.1 and AnkiDroid import) and an empty `media` map. Built in memory with sql.js.
 *
 * Updating instead of duplicating: notes carry GUIDs derived from our card ids, and Anki replaces
 * an existing note only when the incoming `notes.mod` is newer. The export itself keeps no state,
 * so the caller passes the previous export's manifest (`readApkgManifest`); a note whose content is
 * unchanged keeps its old `mod` (Anki reports it as a duplicate and leaves it alone), a changed note
 * gets `now` (or one second past its old `mod`, whichever is later). Without a previous export
 * every note gets `now`, which is still correct — Anki just rewrites unchanged notes with the same
 * content. Note types follow the same rule with their templates and CSS.
 */

/**
 * @typedef ApkgOptions
 * @property now export time: `mod` of new and changed notes, the collection's dates.
 * @property topic heading path prefix (see `selectCards`); whole deck when absent or empty.
 * @property deckDepth heading levels that become decks (default 3, 0 for all).
 * @property previous manifest of the last export of these notes, from `readApkgManifest`.
 * @property progress review state and history; cards come in as new without it.
 */
export interface ApkgOptions extends NoteOptions {
  now: Date;
  topic?: readonly string[];
  previous?: ExportManifest;
  progress?: ExportProgress;
}

/** What an earlier export held, enough to keep `mod` for what did not change. */
export interface ExportManifest {
  /** By note GUID. */
  notes: ReadonlyMap<string, { mod: number; hash: string }>;
  /** By note type id. */
  noteTypes: ReadonlyMap<number, { mod: number; hash: string }>;
}

export const EMPTY_MANIFEST: ExportManifest = { notes: new Map(), noteTypes: new Map() };

const SCHEMA = `
CREATE TABLE col (
  id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null,
  conf text not null, models text not null, decks text not null, dconf text not null, tags text not null
);
CREATE TABLE notes (
  id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null,
  csum integer not null, flags integer not null, data text not null
);
CREATE TABLE cards (
  id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null,
  due integer not null, ivl integer not null, factor integer not null, reps integer not null,
  lapses integer not null, left integer not null, odue integer not null, odid integer not null,
  flags integer not null, data text not null
);
CREATE TABLE revlog (
  id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null,
  type integer not null
);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

/** Anki's legacy collection format version; 11 is what 2.1.x wrote and every version still reads. */
export const SCHEMA_VERSION = 11;
const DEFAULT_DECK_ID = 1;
const DEFAULT_CONF_ID = 1;

let sqlJs: Promise<SqlJsStatic> | undefined;
/** sql.js compiles its WebAssembly once per process. */
function sql(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

/** Content of a note as Anki compares it on import: note type, fields, tags. */
function noteHash(mid: number, flds: string, tags: string): string {
  return sha1Hex(`${mid}\u001f${flds}\u001f${tags.trim()}`);
}

function nextMod(previous: { mod: number; hash: string } | undefined, hash: string, now: number): number {
  if (!previous) return now;
  if (previous.hash === hash) return previous.mod;
  return Math.max(now, previous.mod + 1);
}

function deckJson(id: number, name: string, mod: number): Record<string, unknown> {
  return {
    id,
    name,
    mod,
    usn: -1,
    desc: '',
    dyn: 0,
    conf: DEFAULT_CONF_ID,
    collapsed: false,
    browserCollapsed: false,
    extendNew: 0,
    extendRev: 0,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  };
}

function deckConfJson(mod: number): Record<string, unknown> {
  return {
    id: DEFAULT_CONF_ID,
    name: 'Default',
    mod,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  };
}

/** Every deck the notes use plus their parents, and Anki's "Default" deck, which must exist. */
function decksOf(
  notes: readonly AnkiNote[],
  mod: number,
): { json: Record<string, unknown>; ids: Map<string, number> } {
  const ids = new Map<string, number>();
  const allocator = new IdAllocator('deck');
  for (const note of notes) {
    const parts = note.deckName.split('::');
    for (let i = 1; i <= parts.length; i++) {
      const name = parts.slice(0, i).join('::');
      if (!ids.has(name)) ids.set(name, allocator.take(name));
    }
  }
  const json: Record<string, unknown> = { [DEFAULT_DECK_ID]: deckJson(DEFAULT_DECK_ID, 'Default', mod) };
  for (const [name, id] of ids) json[id] = deckJson(id, name, mod);
  return { json, ids };
}

function writeCol(
  db: Database,
  values: {
    crt: number;
    nowMs: number;
    nowSec: number;
    notes: readonly AnkiNote[];
    previous: ExportManifest;
  },
): Map<string, number> {
  const { json: decks, ids: deckIds } = decksOf(values.notes, values.nowSec);
  const firstDeck = deckIds.values().next().value ?? DEFAULT_DECK_ID;
  const models: Record<string, unknown> = {};
  for (const noteType of NOTE_TYPES) {
    const mod = nextMod(values.previous.noteTypes.get(noteType.id), noteTypeHash(noteType), values.nowSec);
    models[noteType.id] = noteTypeJson(noteType, mod, firstDeck);
  }
  const conf = {
    activeDecks: [DEFAULT_DECK_ID],
    curDeck: DEFAULT_DECK_ID,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: NOTE_TYPES[0]?.id,
    nextPos: values.notes.length + 1,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    // The v2 scheduler's queue numbers; a v1 collection would be converted on import.
    schedVer: 2,
    rollover: 4,
  };
  db.run('INSERT INTO col VALUES (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)', [
    values.crt,
    values.nowMs,
    values.nowMs,
    SCHEMA_VERSION,
    JSON.stringify(conf),
    JSON.stringify(models),
    JSON.stringify(decks),
    JSON.stringify({ [DEFAULT_CONF_ID]: deckConfJson(values.nowSec) }),
    '{}',
  ]);
  return deckIds;
}

/**
 * Builds the .apkg bytes for a deck (or the cards under `options.topic`). Pure apart from loading
 * sql.js: the same deck, options and `now` give the same notes, ids and GUIDs.
 * @example
 * const bytes = await buildApkg(deck, { now: new Date(), previous: await readApkgManifest(old) });
 */
export async function buildApkg(deck: Deck, options: ApkgOptions): Promise<Uint8Array> {
  const cards = selectCards(deck.cards, options.topic ?? []);
  const notes = cards.map((card) => toAnkiNote(card, options));
  const previous = options.previous ?? EMPTY_MANIFEST;
  const nowMs = options.now.getTime();
  const nowSec = Math.floor(nowMs / 1000);
  const crt = collectionCreation(options.now, options.progress);

  const SQL = await sql();
  const db = new SQL.Database();
  try {
    db.run(SCHEMA);
    db.run('BEGIN');
    const deckIds = writeCol(db, { crt, nowMs, nowSec, notes, previous });
    const noteIds = new IdAllocator('note');
    const cardIds = new IdAllocator('card');
    const ankiCardIds = new Map<string, number>();
    const insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
    const insertCard = db.prepare(
      'INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)',
    );
    notes.forEach((note, index) => {
      const flds = note.fields.join('\u001f');
      const tags = note.tags.length > 0 ? ` ${note.tags.join(' ')} ` : '';
      const mod = nextMod(previous.notes.get(note.guid), noteHash(note.noteType.id, flds, tags), nowSec);
      const nid = noteIds.take(note.card.id);
      const sortField = stripHtmlLikeAnki(note.fields[0] ?? '');
      insertNote.run([
        nid,
        note.guid,
        note.noteType.id,
        mod,
        tags,
        flds,
        sortField,
        fieldChecksum(note.fields[0] ?? ''),
        '',
      ]);
      const cid = cardIds.take(note.card.id);
      ankiCardIds.set(note.card.id, cid);
      const s = cardSchedule(options.progress?.cards.get(note.card.id), index + 1, crt);
      insertCard.run([
        cid,
        nid,
        deckIds.get(note.deckName) ?? DEFAULT_DECK_ID,
        mod,
        s.type,
        s.queue,
        s.due,
        s.ivl,
        s.factor,
        s.reps,
        s.lapses,
        s.left,
        s.data,
      ]);
    });
    insertNote.free();
    insertCard.free();
    if (options.progress) {
      const insertRevlog = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)');
      for (const r of revlogRows(options.progress.reviews, (id) => ankiCardIds.get(id))) {
        insertRevlog.run([r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type]);
      }
      insertRevlog.free();
    }
    db.run('COMMIT');
    return zipSync(
      { 'collection.anki2': db.export(), media: strToU8('{}') },
      { level: 6, mtime: options.now },
    );
  } finally {
    db.close();
  }
}

/** Opens the collection inside an .apkg; the caller closes it. @throws UnusableInputError */
export async function openApkg(bytes: Uint8Array): Promise<Database> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new UnusableInputError(`not an .apkg (zip) file: ${(error as Error).message}`);
  }
  const collection = files['collection.anki2'];
  if (!collection) throw new UnusableInputError('not an .apkg file: it holds no collection.anki2');
  const SQL = await sql();
  try {
    const db = new SQL.Database(collection);
    db.exec('SELECT 1 FROM notes LIMIT 1');
    return db;
  } catch (error) {
    throw new UnusableInputError(`collection.anki2 is not an Anki collection: ${(error as Error).message}`);
  }
}

function noteTypeFromJson(json: Record<string, unknown>): NoteType {
  const fields = (json.flds as { name: string }[]).map((f) => f.name);
  const templates = (json.tmpls as { name: string; qfmt: string; afmt: string }[]).map((t) => ({
    name: t.name,
    qfmt: t.qfmt,
    afmt: t.afmt,
  }));
  return {
    id: Number(json.id),
    name: String(json.name),
    kind: json.type === 1 ? 'cloze' : 'basic',
    fields,
    templates,
    css: String(json.css),
  };
}

/**
 * What an earlier .apkg export held (note contents and `mod`s), so the next export keeps `mod`
 * for unchanged notes. Reads any legacy .apkg, not only ours: notes it does not know are ignored.
 * @throws UnusableInputError for a file that is not an .apkg.
 */
export async function readApkgManifest(bytes: Uint8Array): Promise<ExportManifest> {
  const db = await openApkg(bytes);
  try {
    const notes = new Map<string, { mod: number; hash: string }>();
    const rows = db.exec('SELECT guid, mid, mod, flds, tags FROM notes')[0]?.values ?? [];
    for (const [guid, mid, mod, flds, tags] of rows) {
      notes.set(String(guid), { mod: Number(mod), hash: noteHash(Number(mid), String(flds), String(tags)) });
    }
    const noteTypes = new Map<number, { mod: number; hash: string }>();
    const models = db.exec('SELECT models FROM col')[0]?.values[0]?.[0];
    for (const json of Object.values(
      JSON.parse(String(models ?? '{}')) as Record<string, Record<string, unknown>>,
    )) {
      noteTypes.set(Number(json.id), { mod: Number(json.mod), hash: noteTypeHash(noteTypeFromJson(json)) });
    }
    return { notes, noteTypes };
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    throw new UnusableInputError(`cannot read the previous export: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/** How the notes of `next` relate to `previous`: what a re-import will leave, update and add. */
export function compareManifests(previous: ExportManifest, next: ExportManifest) {
  let unchanged = 0;
  let changed = 0;
  let added = 0;
  for (const [guid, note] of next.notes) {
    const before = previous.notes.get(guid);
    if (!before) added += 1;
    else if (before.hash === note.hash) unchanged += 1;
    else changed += 1;
  }
  return { unchanged, changed, added };
}
