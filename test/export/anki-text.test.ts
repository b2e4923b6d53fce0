import { beforeAll, describe, expect, test } from 'vitest';
import type { Deck } from '../../src/deck/types.ts';
import { noteGuid } from '../../src/export/anki-ids.ts';
import { stripHtmlLikeAnki, toAnkiNote } from '../../src/export/anki-note.ts';
import { quoteField, TEXT_COLUMNS, textHeader, toAnkiText } from '../../src/export/anki-text.ts';
import { buildApkg, readApkgManifest } from '../../src/export/apkg.ts';
import { editDeck, IDS, loadDockerDeck, newCard } from './docker-deck.ts';

/**
 * Reads an Anki text file the way Anki 2.1.54+ does (rslib import_export/text/csv): `#key:value`
 * header lines at the top, then records read by the `csv` crate with the header's separator,
 * `"` quoting with doubled inner quotes, and lines starting with `#` skipped as comments.
 */
function readAnkiText(text: string): { headers: Map<string, string>; records: string[][] } {
  const headers = new Map<string, string>();
  let pos = 0;
  while (text.startsWith('#', pos)) {
    const end = text.indexOf('\n', pos);
    const line = text.slice(pos + 1, end);
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1));
    pos = end + 1;
  }
  expect(headers.get('separator')).toBe('tab');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let atRecordStart = true;
  for (let i = pos; i < text.length; i++) {
    const ch = text[i];
    if (atRecordStart && ch === '#') {
      i = text.indexOf('\n', i);
      continue;
    }
    atRecordStart = false;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === '\t') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atRecordStart = true;
    } else field += ch;
  }
  expect(quoted).toBe(false);
  expect(field).toBe('');
  return { headers, records };
}

let deck: Deck;
beforeAll(async () => {
  deck = await loadDockerDeck();
});

describe('header', () => {
  test('Anki 2.1.54+ header lines name the separator, HTML and the special columns', () => {
    const lines = textHeader().trimEnd().split('\n');
    expect(lines[0]).toBe('#separator:tab');
    expect(lines[1]).toBe('#html:true');
    expect(lines).toContain(`#guid column:${TEXT_COLUMNS.guid}`);
    expect(lines).toContain(`#notetype column:${TEXT_COLUMNS.notetype}`);
    expect(lines).toContain(`#deck column:${TEXT_COLUMNS.deck}`);
    expect(lines).toContain(`#tags column:${TEXT_COLUMNS.tags}`);
    const columns = lines
      .find((l) => l.startsWith('#columns:'))
      ?.slice('#columns:'.length)
      .split('\t');
    expect(columns).toHaveLength(TEXT_COLUMNS.tags);
    expect(toAnkiText(deck).startsWith(textHeader())).toBe(true);
  });
});

describe('rows', () => {
  test('one row per card with GUID, note type, deck, the note fields and tags; same GUIDs as the .apkg', async () => {
    const { records } = readAnkiText(toAnkiText(deck));
    expect(records).toHaveLength(deck.cards.length);
    for (const row of records) expect(row).toHaveLength(TEXT_COLUMNS.tags);
    const byGuid = new Map(records.map((r) => [r[0], r]));
    const ls = byGuid.get(noteGuid(IDS.imageLs));
    expect(ls?.slice(1, 3)).toEqual(['Deckhand Basic', 'Docker::使用镜像::列出镜像']);
    expect(ls?.[7]).toBe('docker kind::command topic::Docker::使用镜像::列出镜像');
    const cloze = byGuid.get(noteGuid(IDS.cloze));
    expect(cloze?.[1]).toBe('Deckhand Cloze');
    expect(cloze?.[3]).toContain('{{c1::127}}');
    expect(cloze?.[6]).toBe('');

    const apkg = await readApkgManifest(await buildApkg(deck, { now: new Date('2026-11-01T00:00:00Z') }));
    expect(new Set(byGuid.keys())).toEqual(new Set(apkg.notes.keys()));
  });

  test('HTML-escaped: <none> from the notes is never a raw tag in the file', () => {
    const text = toAnkiText(deck);
    expect(text).not.toContain('<none>');
    expect(text).toContain('<code>&#x3C;none></code>');
    const { records } = readAnkiText(text);
    const dangling = records.find((r) => r[0] === noteGuid(IDS.dangling));
    expect(stripHtmlLikeAnki(dangling?.[4] ?? '')).toBe('仓库名、标签均为 <none> 的镜像');
  });

  test('round trip of a card with a tab, newlines, <none>, quotes and Chinese text', () => {
    const tricky = newCard({
      id: '2b8f5e1d7c3a9046',
      front: '"虚悬镜像"\t的仓库名和标签显示为什么？\n（见 `docker image ls`）',
      back: '显示为 `<none>`，例如：\n\n```shell\n<none>\t<none>\t09089dhs989\t"5 days ago"\n```',
      extra: '这类无标签镜像也被称为 "dangling image"',
      tags: ['docker', '重点 题'],
    });
    const withTricky = editDeck(deck, (c) => c, [tricky]);
    const { records } = readAnkiText(toAnkiText(withTricky));
    const row = records.find((r) => r[0] === noteGuid(tricky.id));
    const note = toAnkiNote(tricky);
    // Anki gets exactly the fields the .apkg holds.
    expect(row?.slice(TEXT_COLUMNS.firstField - 1, TEXT_COLUMNS.tags - 1)).toEqual(note.fields);
    expect(row?.[TEXT_COLUMNS.tags - 1]).toBe(
      'docker 重点_题 kind::concept topic::Docker::使用镜像::删除本地镜像',
    );
    // And the text they show is the note's text.
    expect(stripHtmlLikeAnki(row?.[3] ?? '')).toBe(
      '"虚悬镜像"\t的仓库名和标签显示为什么？\n（见 docker image ls）',
    );
    expect(stripHtmlLikeAnki(row?.[4] ?? '')).toBe(
      '显示为 <none>，例如：\n<none>\t<none>\t09089dhs989\t"5 days ago"\n',
    );
    expect(stripHtmlLikeAnki(row?.[5] ?? '')).toBe('这类无标签镜像也被称为 "dangling image"');
  });

  test('quoting: only fields with a tab, newline or quote are quoted, inner quotes doubled', () => {
    expect(quoteField('<p>镜像</p>')).toBe('<p>镜像</p>');
    expect(quoteField('a\tb')).toBe('"a\tb"');
    expect(quoteField('a\nb')).toBe('"a\nb"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
  });

  test('the topic option keeps only the cards under that heading path', () => {
    const { records } = readAnkiText(toAnkiText(deck, { topic: ['Docker', '基本概念'] }));
    expect(records.map((r) => r[0])).toEqual([noteGuid(IDS.image)]);
  });
});
