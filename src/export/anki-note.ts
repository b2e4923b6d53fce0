import type { Card } from '../deck/types.ts';
import { topicTag } from '../extract/rules.ts';
import { renderCardHtml } from '../render/card-html.ts';
import { noteGuid, sha1Hex } from './anki-ids.ts';
import { BASIC_NOTE_TYPE, CLOZE_NOTE_TYPE, type NoteType } from './anki-model.ts';

/**
 * One of our cards as an Anki note: note type, HTML fields, tags, deck and GUID. Both export
 * formats are built from this, so the .apkg and the text file carry the same fields and GUIDs.
 */
export interface AnkiNote {
  card: Card;
  guid: string;
  noteType: NoteType;
  /** HTML, in the note type's field order. */
  fields: string[];
  /** Valid Anki tags (no spaces, no quotes), in order, without duplicates. */
  tags: string[];
  /** `Docker::使用镜像::列出镜像` */
  deckName: string;
}

/**
 * @typedef NoteOptions
 * @property deckDepth how many heading levels become decks (deeper cards go to their ancestor at
 *   that depth, their full topic stays in a tag); 0 for every level. Default 3: `Docker::使用镜像::列出镜像`.
 */
export interface NoteOptions {
  deckDepth?: number;
}

export const DEFAULT_DECK_DEPTH = 3;

const CLOZE_MARKER = /\{\{c\d+::/;
const CLOZE_NUMBER = /\{\{c\d+::/g;
const CLOZE_ANSWER = /\{\{c\d+::(.*?)(?:::.*?)?\}\}/g;

/** `<`, `>`, `&` and `"` as entities, for text we put into a field ourselves. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Anki tags: NFC, no whitespace (including the ideographic space U+3000), quotes or control characters. */
export function ankiTag(tag: string): string {
  return tag
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .replace(/\s+/g, '_');
}

/** A deck-name component: `::` would split it into two levels, so it becomes `:`. */
function deckComponent(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').replace(/:{2,}/g, ':').trim();
}

/** `Docker::使用镜像::列出镜像` from the card's heading path; the deck name for text before any heading. */
export function ankiDeckName(card: Card, deckDepth = DEFAULT_DECK_DEPTH): string {
  const headings = card.source.headingPath.map(deckComponent).filter(Boolean);
  const path = headings.length > 0 ? headings : [deckComponent(card.deck) || 'Deckhand'];
  return (deckDepth > 0 ? path.slice(0, deckDepth) : path).join('::');
}

/** The card's tags plus, when the build did not add them, its kind and topic path. */
export function ankiTags(card: Card): string[] {
  const tags = [...card.tags];
  if (!tags.some((t) => /^kind::?/.test(t))) tags.push(`kind::${card.kind}`);
  if (card.source.headingPath.length > 0 && !tags.some((t) => /^topic::?/.test(t))) {
    tags.push(topicTag(card.source.headingPath));
  }
  return [...new Set(tags.map(ankiTag).filter(Boolean))];
}

function sourceField(card: Card): string {
  const where = `${card.source.file}:${card.source.line}`;
  const path = card.source.headingPath.join(' › ');
  return escapeHtml(path ? `${where} · ${path}` : where);
}

/**
 * Cloze cards use Anki's Cloze type only when the front really has markers. Every marker becomes
 * `c1`, so Anki makes one card that hides all blanks at once — as our review does — and one of our
 * cards stays one Anki card (review progress maps one to one).
 */
function clozeFields(card: Card): string[] {
  const text = card.front.replace(CLOZE_NUMBER, '{{c1::');
  const answers = [...card.front.matchAll(CLOZE_ANSWER)].map((m) => (m[1] ?? '').trim());
  // The back of a cloze card usually repeats the hidden words (or, for an authored cloze, the whole
  // sentence), which Anki already reveals.
  const revealed = card.front.replace(CLOZE_ANSWER, (_, answer: string) => answer).trim();
  const shown = card.back.trim();
  const back = answers.includes(shown) || answers.join(' ') === shown || shown === revealed ? '' : card.back;
  const extra = [back, card.extra].filter((s) => s.trim()).join('\n\n');
  return [renderCardHtml(text, 'markers'), extra ? renderCardHtml(extra) : '', sourceField(card)];
}

/** Our card as an Anki note. Pure; the only costly step is the Markdown rendering. */
export function toAnkiNote(card: Card, options: NoteOptions = {}): AnkiNote {
  // Authored cards written as clozes (`==…==`, `{{c1::…}}`) are clozes in Anki too.
  const cloze = (card.kind === 'cloze' || card.kind === 'authored') && CLOZE_MARKER.test(card.front);
  const fields = cloze
    ? clozeFields(card)
    : [
        renderCardHtml(card.front),
        renderCardHtml(card.back),
        card.extra.trim() ? renderCardHtml(card.extra) : '',
        sourceField(card),
      ];
  return {
    card,
    guid: noteGuid(card.id),
    noteType: cloze ? CLOZE_NOTE_TYPE : BASIC_NOTE_TYPE,
    fields,
    tags: ankiTags(card),
    deckName: ankiDeckName(card, options.deckDepth),
  };
}

// Anki's `strip_html_preserving_media_filenames` (rslib/src/text.rs): media tags become their file
// name padded with spaces, comments, style and script blocks and every other tag disappear, then
// entities are decoded and non-breaking spaces become spaces.
const MEDIA_TAG =
  /<\b(?:img|audio|video|object)\b(?:[^>"']|"[^"]*"|'[^']*')*?\b(?:src|data)\b=(?:"([^"]+?)"|'([^']+?)'|([^ >]+?))(?:[^>"']|"[^"]*"|'[^']*')*?>/gis;
const HTML_TAG = /<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>|<.*?>/gis;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(
      /&(?:#x([0-9a-f]+)|#([0-9]+)|([a-z]+));/gi,
      (whole, hex?: string, dec?: string, name?: string) => {
        if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
        if (dec) return String.fromCodePoint(Number.parseInt(dec, 10));
        return NAMED_ENTITIES[name?.toLowerCase() ?? ''] ?? whole;
      },
    )
    .replace(/\u00a0/g, ' ');
}

/** A field as Anki's sort field and duplicate check see it: text without markup. */
export function stripHtmlLikeAnki(html: string): string {
  const withMedia = html.replace(
    MEDIA_TAG,
    (_m, a?: string, b?: string, c?: string) => ` ${a ?? b ?? c ?? ''} `,
  );
  return decodeEntities(withMedia.replace(HTML_TAG, ''));
}

/** Anki's `csum`: the first 8 hex digits of the SHA-1 of the stripped first field, as an integer. */
export function fieldChecksum(html: string): number {
  return Number.parseInt(sha1Hex(stripHtmlLikeAnki(html)).slice(0, 8), 16);
}
