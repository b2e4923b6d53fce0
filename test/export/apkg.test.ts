import { strFromU8, unzipSync } from 'fflate';
import type { Database } from 'sql.js';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Deck } from '../../src/deck/types.ts';
import { UnusableInputError } from '../../src/errors.ts';
import { noteGuid, stableId } from '../../src/export/anki-ids.ts';
import { BASIC_FIELDS, CLOZE_FIELDS } from '../../src/export/anki-model.ts';
import {
  buildApkg,
  compareManifests,
  EMPTY_MANIFEST,
  openApkg,
  readApkgManifest,
} from '../../src/export/apkg.ts';
import { cardById, editDeck, IDS, loadDockerDeck, newCard } from './docker-deck.ts';

const T1 = new Date('2026-11-01T08:00:00Z');
const T2 = new Date('2026-11-20T09:30:00Z');
const secs = (d: Date) => Math.floor(d.getTime() / 1000);

let deck: Deck;
const opened: Database[] = [];
beforeAll(async () => {
  deck = await loadDockerDeck();
});
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function open(bytes: Uint8Array): Promise<Database> {
  const db = await openApkg(bytes);
  opened.push(db);
  return db;
}

type Row = Record<string, string | number | null>;
function rows(db: Database, sql: string): Row[] {
  const result = db.exec(sql)[0];
  if (!result) return [];
  return result.values.map(
    (values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i] ?? null])) as Row,
  );
}
function colJson(
  db: Database,
  column: 'conf' | 'models' | 'decks' | 'dconf',
): Record<string, Record<string, unknown>> {
  return JSON.parse(String(rows(db, `SELECT ${column} FROM col`)[0]?.[column]));
}
function notesByGuid(db: Database): Map<string, Row> {
  return new Map(rows(db, 'SELECT * FROM notes').map((r) => [String(r.guid), r]));
}

describe('package layout', () => {
  test('is a zip with collection.anki2 and an empty media map', async () => {
    const files = unzipSync(await buildApkg(deck, { now: T1 }));
    expect(Object.keys(files).sort()).toEqual(['collection.anki2', 'media']);
    expect(strFromU8(files.media!)).toBe('{}');
    // SQLite's file header: the collection is a real database, not JSON or text.
    expect(strFromU8(files['collection.anki2']!.slice(0, 15))).toBe('SQLite format 3');
  });

  test('the collection is schema version 11 with the legacy tables, and passes an integrity check', async () => {
    const db = await open(await buildApkg(deck, { now: T1 }));
    expect(rows(db, 'SELECT ver, crt, mod FROM col')).toEqual([
      { ver: 11, crt: Math.floor(secs(T1) / 86_400) * 86_400, mod: T1.getTime() },
    ]);
    const tables = rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map(
      (r) => r.name,
    );
    expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
    expect(rows(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  test('an export of the fixture deck is small', async () => {
    expect((await buildApkg(deck, { now: T1 })).length).toBeLessThan(16 * 1024);
  });
});

describe('col row JSON', () => {
  test('models: both note types with stable ids from their names, fields, templates and CSS', async () => {
    const db = await open(await buildApkg(deck, { now: T1 }));
    const models = colJson(db, 'models');
    const basic = models[stableId('notetype', 'Deckhand Basic')];
    const cloze = models[stableId('notetype', 'Deckhand Cloze')];
    expect(Object.keys(models)).toHaveLength(2);
    expect(basic).toMatchObject({ name: 'Deckhand Basic', type: 0, sortf: 0 });
    expect(cloze).toMatchObject({ name: 'Deckhand Cloze', type: 1, sortf: 0 });
    expect((basic!.flds as { name: string }[]).map((f) => f.name)).toEqual([...BASIC_FIELDS]);
    expect((cloze!.flds as { name: string }[]).map((f) => f.name)).toEqual([...CLOZE_FIELDS]);
    expect((cloze!.tmpls as { qfmt: string }[])[0]?.qfmt).toContain('{{cloze:Text}}');
    for (const model of [basic, cloze]) {
      const css = String(model?.css);
      expect(css).toContain('.hljs-keyword');
      expect(css).toMatch(/\.nightMode|\.night_mode/);
      expect(css).toContain('pre');
      expect(css).toContain('PingFang SC');
      // No external resources: no imports, no URLs, no web fonts.
      expect(css).not.toMatch(/@import|url\(|https?:/);
    }
  });

  test('models, decks and deck options carry every key that Anki requires when reading schema 11', async () => {
    // Keys without a default in Anki's schema-11 readers (rslib notetype/decks/deckconfig schema11.rs).
    const db = await open(await buildApkg(deck, { now: T1 }));
    for (const model of Object.values(colJson(db, 'models'))) {
      for (const key of ['id', 'name', 'type', 'mod', 'usn', 'sortf', 'did', 'tmpls', 'flds', 'css']) {
        expect(model, key).toHaveProperty(key);
      }
      for (const field of model.flds as Record<string, unknown>[]) {
        for (const key of ['name', 'ord', 'sticky', 'rtl', 'font', 'size'])
          expect(field, key).toHaveProperty(key);
      }
      for (const tmpl of model.tmpls as Record<string, unknown>[]) {
        for (const key of ['name', 'ord', 'qfmt', 'afmt']) expect(tmpl, key).toHaveProperty(key);
      }
    }
    for (const d of Object.values(colJson(db, 'decks'))) {
      for (const key of [
        'id',
        'name',
        'usn',
        'collapsed',
        'dyn',
        'conf',
        'newToday',
        'revToday',
        'lrnToday',
        'timeToday',
      ]) {
        expect(d, key).toHaveProperty(key);
      }
    }
    const dconf = colJson(db, 'dconf')['1'];
    for (const key of ['id', 'mod', 'name', 'usn', 'maxTaken', 'autoplay', 'timer', 'new', 'rev', 'lapse']) {
      expect(dconf, key).toHaveProperty(key);
    }
    expect(dconf?.new).toMatchObject({ delays: [1, 10], initialFactor: 2500, perDay: 20 });
    expect(Object.keys(dconf?.rev as object)).toEqual(
      expect.arrayContaining(['ease4', 'ivlFct', 'maxIvl', 'perDay']),
    );
    expect(Object.keys(dconf?.lapse as object)).toEqual(
      expect.arrayContaining(['delays', 'leechAction', 'leechFails', 'minInt', 'mult']),
    );
    expect(colJson(db, 'conf')).toMatchObject({ curDeck: 1, schedVer: 2 });
  });

  test('decks: the heading hierarchy with every parent, plus Default', async () => {
    const db = await open(await buildApkg(deck, { now: T1 }));
    const names = Object.values(colJson(db, 'decks')).map((d) => d.name);
    expect(names.sort()).toEqual(
      [
        'Default',
        'Docker',
        'Docker::基本概念',
        'Docker::基本概念::镜像Image',
        'Docker::使用镜像',
        'Docker::使用镜像::列出镜像',
        'Docker::使用镜像::Dockerfile定制镜像',
        'Docker::使用镜像::运行',
      ].sort(),
    );
  });

  test('deckDepth 0 makes a deck of every heading level', async () => {
    const db = await open(await buildApkg(deck, { now: T1, deckDepth: 0 }));
    const names = Object.values(colJson(db, 'decks')).map((d) => d.name);
    expect(names).toContain('Docker::使用镜像::列出镜像::虚悬镜像');
    expect(names).toContain('Docker::使用镜像::Dockerfile定制镜像::RUN指定命令');
  });
});

describe('notes and cards', () => {
  test('one note and one card per deck card, each card in the deck of its heading path', async () => {
    const db = await open(await buildApkg(deck, { now: T1 }));
    const decks = colJson(db, 'decks');
    const placed = rows(
      db,
      'SELECT n.guid, c.did, c.ord, c.type, c.queue, c.due, c.nid = n.id AS linked FROM cards c JOIN notes n ON c.nid = n.id',
    );
    expect(rows(db, 'SELECT count(*) AS n FROM notes')).toEqual([{ n: deck.cards.length }]);
    expect(placed).toHaveLength(deck.cards.length);
    const deckOf = new Map(placed.map((r) => [r.guid, decks[String(r.did)]?.name]));
    expect(deckOf.get(noteGuid(IDS.imageLs))).toBe('Docker::使用镜像::列出镜像');
    // Deeper headings roll up into their level-3 ancestor; the full path stays in the topic tag.
    expect(deckOf.get(noteGuid(IDS.dangling))).toBe('Docker::使用镜像::列出镜像');
    expect(deckOf.get(noteGuid(IDS.image))).toBe('Docker::基本概念::镜像Image');
    // Without progress every card is new, in note order.
    expect(
      placed.map((r) => [r.ord, r.type, r.queue]).every(([o, t, q]) => o === 0 && t === 0 && q === 0),
    ).toBe(true);
    expect(placed.map((r) => r.due).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('every note has exactly the fields of its note type', async () => {
    const db = await open(await buildApkg(deck, { now: T1 }));
    const models = colJson(db, 'models');
    for (const note of rows(db, 'SELECT mid, flds FROM notes')) {
      const fieldCount = (models[String(note.mid)]!.flds as unknown[]).length;
      expect(String(note.flds).split('\u001f')).toHaveLength(fieldCount);
    }
  });

  test('GUIDs are derived from card ids; cloze cards use the Cloze type with {{c1::…}} kept for Anki', async () => {
    const db = await open(await buildApkg(deck, { now: T1 }));
    const notes = notesByGuid(db);
    expect([...notes.keys()].sort()).toEqual(deck.cards.map((c) => noteGuid(c.id)).sort());
    const cloze = notes.get(noteGuid(IDS.cloze));
    expect(cloze?.mid).toBe(stableId('notetype', 'Deckhand Cloze'));
    const [text, extra, source] = String(cloze?.flds).split('\u001f');
    expect(text).toContain('{{c1::127}}');
    expect(extra).toContain('RUN也不例外');
    expect(source).toBe('docker-notes.md:325 · Docker › 使用镜像 › Dockerfile定制镜像 › RUN指定命令');
  });

  test('fields are sanitized HTML: <none> escaped, code highlighted, no scripts or external resources', async () => {
    const db = await open(await buildApkg(deck, { now: T1 }));
    const notes = notesByGuid(db);
    const [front, back, extra] = String(notes.get(noteGuid(IDS.dangling))?.flds).split('\u001f');
    expect(front).toBe('<p>什么是虚悬镜像（dangling image）？</p>');
    expect(back).toBe('<p>仓库名、标签均为 <code>&#x3C;none></code> 的镜像</p>');
    expect(extra).toContain('<pre><code class="hljs language-bash">&#x3C;none>');
    const formatBack = String(notes.get(noteGuid(IDS.format))?.flds).split('\u001f')[1];
    expect(formatBack).toContain('<span class="hljs-string">');
    const all = rows(db, 'SELECT flds FROM notes')
      .map((r) => String(r.flds))
      .join('\n');
    expect(all).not.toMatch(/<script|<link|<iframe|src=|https?:/i);
    expect(all).not.toContain('<none>');
  });

  test('tags: the note tags, kind and Chinese topic path, without spaces, in Anki’s padded form', async () => {
    const db = await open(await buildApkg(deck, { now: T1 }));
    const tags = String(notesByGuid(db).get(noteGuid(IDS.dangling))?.tags);
    expect(tags).toBe(' docker kind::concept topic::Docker::使用镜像::列出镜像::虚悬镜像 ');
    const spaced = editDeck(deck, (c) =>
      c.id === IDS.rm ? { ...c, tags: ['docker 入门', 'a\u3000b', '"x"'] } : c,
    );
    const db2 = await open(await buildApkg(spaced, { now: T1 }));
    expect(String(notesByGuid(db2).get(noteGuid(IDS.rm))?.tags)).toBe(
      ' docker_入门 a_b x kind::flag topic::Docker::使用镜像::运行 ',
    );
  });

  test('sfld and csum are computed as Anki does (stripped first field, first 8 hex digits of its SHA-1)', async () => {
    // Reference checksums computed outside this code base: int(sha1(text).hexdigest()[:8], 16).
    const db = await open(await buildApkg(deck, { now: T1 }));
    const notes = notesByGuid(db);
    expect(notes.get(noteGuid(IDS.dangling))).toMatchObject({
      sfld: '什么是虚悬镜像（dangling image）？',
      csum: 1949627380,
    });
    expect(notes.get(noteGuid(IDS.rm))).toMatchObject({
      sfld: 'docker run 的 --rm 参数有什么作用？',
      csum: 1492664040,
    });
    expect(notes.get(noteGuid(IDS.cloze))?.csum).toBe(4091523373);
    // Entities decode before hashing: `<none>` counts as the text it shows.
    const swapped = editDeck(deck, (c) =>
      c.id === IDS.dangling ? { ...c, front: '仓库名、标签均为 `<none>` 的镜像' } : c,
    );
    const db2 = await open(await buildApkg(swapped, { now: T1 }));
    expect(notesByGuid(db2).get(noteGuid(IDS.dangling))).toMatchObject({
      sfld: '仓库名、标签均为 <none> 的镜像',
      csum: 3851030529,
    });
  });

  test('the topic option exports only the cards under that heading path', async () => {
    const db = await open(await buildApkg(deck, { now: T1, topic: ['Docker', '使用镜像', '列出镜像'] }));
    expect([...notesByGuid(db).keys()].sort()).toEqual(
      [IDS.imageLs, IDS.dangling, IDS.format].map((id) => noteGuid(id)).sort(),
    );
  });
});

describe('re-export after editing the notes', () => {
  const edited = (base: Deck) =>
    editDeck(
      base,
      (c) => {
        if (c.id === IDS.imageLs) return { ...c, back: '`docker image ls` 或 `docker images`' };
        if (c.id === IDS.rm) return undefined;
        return c;
      },
      [newCard({ id: '9d1e4b7a2c6f0385', front: '删除本地镜像用什么命令？', back: '`docker image rm`' })],
    );

  test('unchanged notes keep GUID and mod, edited keep GUID with a newer mod, new notes get new GUIDs', async () => {
    const first = await buildApkg(deck, { now: T1 });
    const second = await buildApkg(edited(deck), { now: T2, previous: await readApkgManifest(first) });
    const before = notesByGuid(await open(first));
    const after = notesByGuid(await open(second));

    for (const id of [IDS.image, IDS.dangling, IDS.format, IDS.cloze]) {
      const guid = noteGuid(id);
      expect(after.get(guid)?.mod, id).toBe(secs(T1));
      expect(after.get(guid)?.id, id).toBe(before.get(guid)?.id);
    }
    const editedGuid = noteGuid(IDS.imageLs);
    expect(after.get(editedGuid)?.mod).toBe(secs(T2));
    expect(Number(after.get(editedGuid)?.mod)).toBeGreaterThan(Number(before.get(editedGuid)?.mod));

    const added = [...after.keys()].filter((g) => !before.has(g));
    expect(added).toEqual([noteGuid('9d1e4b7a2c6f0385')]);
    expect(after.get(added[0]!)?.mod).toBe(secs(T2));
    expect(after.has(noteGuid(IDS.rm))).toBe(false);

    // What Anki's importer will do with the second file, by its rule "update when newer".
    expect(compareManifests(await readApkgManifest(first), await readApkgManifest(second))).toEqual({
      unchanged: 4,
      changed: 1,
      added: 1,
    });
  });

  test('note types keep their mod while templates and CSS are unchanged', async () => {
    const first = await buildApkg(deck, { now: T1 });
    const second = await buildApkg(edited(deck), { now: T2, previous: await readApkgManifest(first) });
    const mods = (bytes: Uint8Array) =>
      open(bytes).then((db) => Object.values(colJson(db, 'models')).map((m) => m.mod));
    expect(await mods(second)).toEqual([secs(T1), secs(T1)]);
  });

  test('a note type whose templates or CSS changed gets a newer mod, so Anki takes the new look', async () => {
    const basicId = stableId('notetype', 'Deckhand Basic');
    const clozeId = stableId('notetype', 'Deckhand Cloze');
    const current = await readApkgManifest(await buildApkg(deck, { now: T1 }));
    const previous = {
      notes: new Map(),
      noteTypes: new Map([
        [basicId, { mod: secs(T2) + 50, hash: 'css of an older release' }],
        [clozeId, current.noteTypes.get(clozeId)!],
      ]),
    };
    const db = await open(await buildApkg(deck, { now: T2, previous }));
    const models = colJson(db, 'models');
    expect(models[basicId]?.mod).toBe(secs(T2) + 51);
    expect(models[clozeId]?.mod).toBe(secs(T1));
  });

  test('a changed note moves past its old mod even when the clock is behind it', async () => {
    const first = await buildApkg(deck, { now: T2 });
    const second = await buildApkg(edited(deck), { now: T1, previous: await readApkgManifest(first) });
    expect(notesByGuid(await open(second)).get(noteGuid(IDS.imageLs))?.mod).toBe(secs(T2) + 1);
  });

  test('a retag counts as a change; a rebuild of the same notes changes nothing', async () => {
    const first = await buildApkg(deck, { now: T1 });
    const manifest = await readApkgManifest(first);
    const retagged = editDeck(deck, (c) => (c.id === IDS.image ? { ...c, tags: [...c.tags, '重点'] } : c));
    const again = await readApkgManifest(await buildApkg(retagged, { now: T2, previous: manifest }));
    expect(compareManifests(manifest, again)).toEqual({ unchanged: 5, changed: 1, added: 0 });
    expect(again.notes.get(noteGuid(IDS.image))?.mod).toBe(secs(T2));
    const same = await readApkgManifest(await buildApkg(deck, { now: T2, previous: manifest }));
    expect([...same.notes.values()].map((n) => n.mod)).toEqual(
      [...manifest.notes.values()].map((n) => n.mod),
    );
  });

  test('without a previous export every note gets the export time', async () => {
    const manifest = await readApkgManifest(await buildApkg(deck, { now: T2 }));
    expect(new Set([...manifest.notes.values()].map((n) => n.mod))).toEqual(new Set([secs(T2)]));
    expect(compareManifests(EMPTY_MANIFEST, manifest).added).toBe(deck.cards.length);
  });

  test('two builds of the same deck at the same time are byte-identical', async () => {
    expect(await buildApkg(deck, { now: T1 })).toEqual(await buildApkg(deck, { now: T1 }));
  });

  test('a previous file that is not an .apkg is refused with a clear error', async () => {
    await expect(readApkgManifest(new TextEncoder().encode('not a zip'))).rejects.toThrow(UnusableInputError);
  });
});

test('the fixture deck has the cards the tests rely on', () => {
  expect(cardById(deck, IDS.cloze).front).toContain('{{c1::127}}');
});
