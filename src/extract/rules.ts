import type { Card } from '../deck/types.ts';
import { normalizeText } from '../text/normalize.ts';
import { cardId } from './ids.ts';
import type { CardDraft, NoteContext } from './types.ts';

/** Longest answer side we show; longer text is cut at a sentence end and kept whole in `extra`. */
export const MAX_BACK_CHARS = 240;
export const MAX_FRONT_CHARS = 300;

const SENTENCE_END = /[。！？!?；;]|\.(?=\s|$)/g;
const CLOZE_MARKER = /\{\{c\d+::(.*?)(?:::.*?)?\}\}/g;

/** Cuts prose at the last sentence end before `max` (or hard at `max`), never inside inline code. */
export function shorten(text: string, max: number): string {
  if (text.length <= max || text.includes('```')) return text;
  let cut = -1;
  for (const match of text.matchAll(SENTENCE_END)) {
    if (match.index + 1 > max) break;
    cut = match.index + 1;
  }
  let short = cut > max / 3 ? text.slice(0, cut) : `${text.slice(0, max - 1)}…`;
  // An odd number of backticks means the cut fell inside inline code.
  if ((short.match(/`/g)?.length ?? 0) % 2 === 1)
    short = `${short.slice(0, short.lastIndexOf('`')).trimEnd()}…`;
  return short.trim();
}

/** Topic path as an Anki-style hierarchical tag; Anki tags cannot hold spaces. */
export function topicTag(path: readonly string[]): string {
  return `topic::${path.map((p) => p.replace(/\s+/g, '_').replace(/:+/g, '_')).join('::')}`;
}

function revealsAnswer(draft: CardDraft, normalize: (text: string) => string): boolean {
  if (draft.kind === 'cloze') return false;
  const back = normalize(draft.back.replace(/`/g, ''));
  const front = normalize(draft.front.replace(/`/g, ''));
  return back.length > 0 && front.includes(back);
}

/** `fn` remembering its results, for one note's cards: a text often comes up twice (a side with and without backticks). */
function remembered(fn: (text: string) => string): (text: string) => string {
  const known = new Map<string, string>();
  return (text) => {
    let result = known.get(text);
    if (result === undefined) {
      result = fn(text);
      known.set(text, result);
    }
    return result;
  };
}

/**
 * Turns drafts into cards under the card rules every kind shares: no empty side, the answer not
 * verbatim in the question, short sides (the long text kept as `extra`), stable ids, tags, no
 * duplicates, note order.
 */
export function finishCards(note: NoteContext, drafts: CardDraft[]): Card[] {
  const cards: Card[] = [];
  const byId = new Map<string, Card>();
  const seenSides = new Set<string>();
  const normalize = remembered(normalizeText);
  // Every card of a section carries the same topic tag.
  const topics = new Map<readonly string[], string>();
  const ordered = drafts
    .map((draft, index) => ({ draft, index }))
    .sort((a, b) => a.draft.line - b.draft.line || a.index - b.index);
  for (const { draft } of ordered) {
    const front = draft.front.trim();
    const fullBack = draft.back.trim();
    if (!front || !fullBack || !draft.key.trim()) continue;
    if (draft.kind === 'cloze' && !CLOZE_MARKER.test(front)) continue;
    CLOZE_MARKER.lastIndex = 0;
    if (revealsAnswer(draft, normalize)) continue;
    const back = shorten(fullBack, MAX_BACK_CHARS);
    let extra = (draft.extra ?? '').trim();
    if (back !== fullBack && !extra.includes(fullBack)) extra = extra ? `${fullBack}\n\n${extra}` : fullBack;
    const sides = `${normalize(front)}\u0000${normalize(back)}`;
    if (seenSides.has(sides)) continue;
    let id = cardId(note.deck, draft.kind, draft.key);
    if (byId.has(id)) {
      id = cardId(note.deck, draft.kind, draft.key, draft.section.path.join(' › '));
      if (byId.has(id)) continue;
    }
    const path = draft.section.path;
    let topic = topics.get(path);
    if (topic === undefined && path.length) {
      topic = topicTag(path);
      topics.set(path, topic);
    }
    const card: Card = {
      id,
      kind: draft.kind,
      deck: note.deck,
      key: draft.key,
      front: shorten(front, MAX_FRONT_CHARS),
      back,
      extra,
      source: { file: note.file, headingPath: draft.section.path, line: draft.line, endLine: draft.endLine },
      tags: [...note.tags, `kind::${draft.kind}`, ...(topic !== undefined ? [topic] : [])],
      ...(draft.answer ? { answer: draft.answer } : {}),
      ...(draft.alternatives?.length ? { alternatives: draft.alternatives } : {}),
    };
    seenSides.add(sides);
    byId.set(id, card);
    cards.push(card);
  }
  return cards;
}
