import { sha1Hex, stableId } from './anki-ids.ts';

/**
 * Our two Anki note types: their fields, card templates and the CSS that renders our card HTML
 * (code blocks with highlighting classes, CJK text, Anki's night mode). Ids come from the names,
 * so a re-import finds the note type it made last time instead of adding "Deckhand Basic-a1b2c".
 * Anki compares field and template *names* to decide whether a note type is the same: renaming one
 * of them makes every old note a conflict, so treat the names below as frozen.
 */

export interface NoteType {
  id: number;
  name: string;
  kind: 'basic' | 'cloze';
  fields: readonly string[];
  templates: readonly { name: string; qfmt: string; afmt: string }[];
  css: string;
}

/** Field order of the Basic note type; `fields` arrays of Basic notes follow it. */
export const BASIC_FIELDS = ['Front', 'Back', 'Extra', 'Source'] as const;
/** Field order of the Cloze note type. */
export const CLOZE_FIELDS = ['Text', 'Extra', 'Source'] as const;

const SOURCE = '{{#Source}}<div class="dh-source">{{Source}}</div>{{/Source}}';

/** Shared by both note types; everything is local, no web fonts or CDN links. */
export const CARD_CSS = `.card {
  --dh-fg: #1f2328; --dh-bg: #ffffff; --dh-muted: #59636e; --dh-rule: #d1d9e0;
  --dh-code-bg: #f6f8fa; --dh-code-fg: #1f2328; --dh-inline-bg: rgba(129, 139, 152, 0.15);
  --dh-cloze: #0550ae;
  --dh-kw: #cf222e; --dh-str: #0a3069; --dh-num: #0550ae; --dh-com: #59636e; --dh-fn: #8250df;
  --dh-var: #953800; --dh-meta: #116329;
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
    "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  font-size: 20px;
  line-height: 1.7;
  text-align: left;
  color: var(--dh-fg);
  background-color: var(--dh-bg);
  overflow-wrap: break-word;
  /* Chinese text has no spaces to break at; never stretch letter spacing for justification. */
  word-break: normal;
  line-break: strict;
}
/* Anki desktop puts nightMode on the card's body, AnkiDroid night_mode; older clients on a parent. */
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  --dh-fg: #e6edf3; --dh-bg: #1e1e1e; --dh-muted: #9198a1; --dh-rule: #3d444d;
  --dh-code-bg: #151b23; --dh-code-fg: #e6edf3; --dh-inline-bg: rgba(101, 108, 118, 0.3);
  --dh-cloze: #79c0ff;
  --dh-kw: #ff7b72; --dh-str: #a5d6ff; --dh-num: #79c0ff; --dh-com: #9198a1; --dh-fn: #d2a8ff;
  --dh-var: #ffa657; --dh-meta: #7ee787;
}
.dh { max-width: 46em; margin: 0 auto; }
.dh p { margin: 0.4em 0; }
.dh ul, .dh ol { margin: 0.4em 0; padding-left: 1.4em; }
.dh-extra { margin-top: 1em; font-size: 0.85em; color: var(--dh-muted); }
.dh-source { max-width: 46em; margin: 1.2em auto 0; font-size: 0.7em; color: var(--dh-muted); }
hr#answer { border: 0; border-top: 1px solid var(--dh-rule); margin: 1em 0; }
.dh code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace;
  font-size: 0.85em;
}
.dh :not(pre) > code {
  padding: 0.1em 0.35em; border-radius: 4px; background: var(--dh-inline-bg); white-space: break-spaces;
}
.dh pre {
  margin: 0.6em 0; padding: 0.7em 0.9em; border-radius: 6px; line-height: 1.45;
  background: var(--dh-code-bg); color: var(--dh-code-fg);
  /* Command output is column-aligned: scroll sideways rather than wrap it. */
  overflow-x: auto; white-space: pre; tab-size: 4; -webkit-overflow-scrolling: touch;
}
.dh pre code { padding: 0; background: none; font-size: 0.8em; }
.dh table { border-collapse: collapse; margin: 0.6em 0; }
.dh th, .dh td { border: 1px solid var(--dh-rule); padding: 0.2em 0.5em; }
.cloze { font-weight: bold; color: var(--dh-cloze); }
.hljs-keyword, .hljs-selector-tag, .hljs-built_in, .hljs-type, .hljs-literal { color: var(--dh-kw); }
.hljs-string, .hljs-regexp, .hljs-addition { color: var(--dh-str); }
.hljs-number, .hljs-symbol, .hljs-bullet { color: var(--dh-num); }
.hljs-comment, .hljs-quote { color: var(--dh-com); font-style: italic; }
.hljs-title, .hljs-section, .hljs-function { color: var(--dh-fn); }
.hljs-variable, .hljs-template-variable, .hljs-attr, .hljs-attribute, .hljs-params { color: var(--dh-var); }
.hljs-meta, .hljs-name, .hljs-tag { color: var(--dh-meta); }
.hljs-deletion { color: var(--dh-kw); }
`;

/** Question: the front; answer: front, rule, back, extra, source. */
export const BASIC_NOTE_TYPE: NoteType = {
  id: stableId('notetype', 'Deckhand Basic'),
  name: 'Deckhand Basic',
  kind: 'basic',
  fields: BASIC_FIELDS,
  templates: [
    {
      name: 'Card 1',
      qfmt: '<div class="dh dh-front">{{Front}}</div>',
      afmt: `{{FrontSide}}\n<hr id="answer">\n<div class="dh dh-back">{{Back}}</div>\n{{#Extra}}<div class="dh dh-extra">{{Extra}}</div>{{/Extra}}\n${SOURCE}`,
    },
  ],
  css: CARD_CSS,
};

/** Anki's own cloze rendering of `Text`; the answer side adds extra and source. */
export const CLOZE_NOTE_TYPE: NoteType = {
  id: stableId('notetype', 'Deckhand Cloze'),
  name: 'Deckhand Cloze',
  kind: 'cloze',
  fields: CLOZE_FIELDS,
  templates: [
    {
      name: 'Cloze',
      qfmt: '<div class="dh dh-front">{{cloze:Text}}</div>',
      afmt: `<div class="dh dh-front">{{cloze:Text}}</div>\n{{#Extra}}<hr id="answer">\n<div class="dh dh-extra">{{Extra}}</div>{{/Extra}}\n${SOURCE}`,
    },
  ],
  css: CARD_CSS,
};

export const NOTE_TYPES: readonly NoteType[] = [BASIC_NOTE_TYPE, CLOZE_NOTE_TYPE];

/** Hash of everything Anki would update on a newer note type (fields, templates, CSS). */
export function noteTypeHash(noteType: NoteType): string {
  return sha1Hex(JSON.stringify([noteType.name, noteType.fields, noteType.templates, noteType.css]));
}

const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';

/**
 * The note type as an entry of the legacy `col.models` JSON (schema 11), with every key that
 * Anki's reader requires (`did`, `css`, `flds[].font`… have no defaults there).
 * @param mod seconds; Anki replaces its copy only when this is newer.
 * @param deckId the deck Anki proposes when adding a note of this type.
 */
export function noteTypeJson(noteType: NoteType, mod: number, deckId: number): Record<string, unknown> {
  return {
    id: noteType.id,
    name: noteType.name,
    type: noteType.kind === 'cloze' ? 1 : 0,
    mod,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: noteType.templates.map((t, ord) => ({
      name: t.name,
      ord,
      qfmt: t.qfmt,
      afmt: t.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
    })),
    flds: noteType.fields.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      media: [],
    })),
    css: noteType.css,
    latexPre: LATEX_PRE,
    latexPost: '\\end{document}',
    latexsvg: false,
    // The single template needs the first field (Front / Text) to produce a card.
    req: [[0, 'any', [0]]],
    tags: [],
    vers: [],
  };
}
