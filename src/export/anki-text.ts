import type { Deck } from '../deck/types.ts';
import { BASIC_FIELDS } from './anki-model.ts';
import { type NoteOptions, toAnkiNote } from './anki-note.ts';
import { selectCards } from './topic.ts';

/**
 * The text export in Anki's import format (Anki 2.1.54+ file headers): one note per line, tab
 * separated, with GUID, note type and deck columns, so a re-import updates the notes an .apkg
 * import created (same GUIDs) and new notes land in the right deck and note type.
 *
 * Fields are the same HTML as in the .apkg (`#html:true`), so `<none>` arrives as the escaped
 * `&#x3C;none>` and shows as text. Fields holding a tab, a newline or a quote are quoted the CSV
 * way (`"…"`, inner quotes doubled), which Anki's reader undoes; newlines stay real newlines,
 * because inside `<pre>` they are the line breaks of a code block.
 *
 * The note types must exist in the collection (import the .apkg once, or add "Deckhand Basic" and
 * "Deckhand Cloze" with the same fields): Anki skips rows whose note type it does not know.
 */

/**
 * @typedef TextOptions
 * @property topic heading path prefix (see `selectCards`); whole deck when absent or empty.
 * @property deckDepth heading levels that become decks (default 3, 0 for all).
 */
export interface TextOptions extends NoteOptions {
  topic?: readonly string[];
}

/** Column layout, 1-based as in the headers: GUID, note type, deck, four field columns, tags. */
export const TEXT_COLUMNS = {
  guid: 1,
  notetype: 2,
  deck: 3,
  firstField: 4,
  fieldCount: BASIC_FIELDS.length,
  tags: 4 + BASIC_FIELDS.length,
} as const;

/** Quotes a field when Anki's CSV reader would otherwise split or unquote it. */
export function quoteField(value: string): string {
  return /[\t\n\r"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The header lines, each ending in a newline. */
export function textHeader(): string {
  const names = ['GUID', 'Note type', 'Deck', 'Front/Text', 'Back/Extra', 'Extra/Source', 'Source', 'Tags'];
  return [
    '#separator:tab',
    '#html:true',
    `#columns:${names.join('\t')}`,
    `#guid column:${TEXT_COLUMNS.guid}`,
    `#notetype column:${TEXT_COLUMNS.notetype}`,
    `#deck column:${TEXT_COLUMNS.deck}`,
    `#tags column:${TEXT_COLUMNS.tags}`,
    '',
  ].join('\n');
}

/**
 * The deck (or the cards under `options.topic`) as an Anki text file. Pure.
 * @example toAnkiText(deck, { topic: ['Docker', '使用镜像'] })
 */
export function toAnkiText(deck: Deck, options: TextOptions = {}): string {
  const lines = selectCards(deck.cards, options.topic ?? []).map((card) => {
    const note = toAnkiNote(card, options);
    // Every row has the same columns; a Cloze note's fourth field column stays empty.
    const fields = Array.from({ length: TEXT_COLUMNS.fieldCount }, (_, i) => note.fields[i] ?? '');
    return [note.guid, note.noteType.name, note.deckName, ...fields, note.tags.join(' ')]
      .map(quoteField)
      .join('\t');
  });
  return textHeader() + lines.map((line) => `${line}\n`).join('');
}
