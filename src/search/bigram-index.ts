import { normalizeText } from '../text/normalize.ts';

/** A document to index: its fields in order of importance (a hit in the first counts most). */
export interface SearchDoc {
  id: string;
  fields: readonly string[];
}

/** An in-memory index over normalized text; build it once per deck. */
export interface BigramIndex {
  readonly ids: readonly string[];
  /** Normalized fields per document, parallel to `ids`. */
  readonly texts: readonly (readonly string[])[];
  /** Character bigram → documents (by position) that contain it. */
  readonly postings: ReadonlyMap<string, readonly number[]>;
}

/** A hit: the document id and its score (higher is better). */
export interface SearchHit {
  id: string;
  score: number;
}

function bigrams(text: string): Set<string> {
  const chars = Array.from(text);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/**
 * Indexes documents by the character bigrams of their normalized text. Bigrams need no word
 * segmentation, so Chinese (written without spaces) and English are found the same way; a candidate is
 * then confirmed by a substring test, so results are exact, never "most bigrams in common".
 */
export function buildBigramIndex(docs: readonly SearchDoc[]): BigramIndex {
  const postings = new Map<string, number[]>();
  const texts = docs.map((doc, position) => {
    const fields = doc.fields.map((field) => normalizeText(field));
    for (const field of fields) {
      for (const gram of bigrams(field)) {
        const list = postings.get(gram);
        if (list === undefined) postings.set(gram, [position]);
        else if (list[list.length - 1] !== position) list.push(position);
      }
    }
    return fields;
  });
  return { ids: docs.map((doc) => doc.id), texts, postings };
}

/** Splits a query into terms: `"…"` keeps a phrase together, otherwise white space separates. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const match of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = normalizeText(match[1] ?? match[2] ?? '');
    if (term !== '') terms.push(term);
  }
  return terms;
}

function candidates(index: BigramIndex, term: string): Iterable<number> {
  const grams = [...bigrams(term)];
  if (grams.length === 0) return index.ids.keys();
  const lists = grams.map((gram) => index.postings.get(gram) ?? []);
  lists.sort((a, b) => a.length - b.length);
  const [smallest, ...rest] = lists;
  const others = rest.map((list) => new Set(list));
  return (smallest ?? []).filter((position) => others.every((set) => set.has(position)));
}

function termScore(fields: readonly string[], term: string): number {
  let score = 0;
  fields.forEach((field, i) => {
    if (!field.includes(term)) return;
    // Earlier fields weigh more; a field that is the term itself (a card's key) weighs most.
    const weight = 2 ** Math.max(0, 3 - i);
    score = Math.max(score, field === term ? weight * 2 : weight);
  });
  return score;
}

/**
 * Finds the documents that contain every term of `query` (after the same normalization as the index:
 * width, case, quotes, spaces next to Chinese), best first; ties keep index order.
 * @example searchIndex(index, '镜像 删除') // hits containing both 镜像 and 删除
 */
export function searchIndex(index: BigramIndex, query: string): SearchHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const [first, ...rest] = terms.toSorted((a, b) => b.length - a.length);
  const hits: { position: number; score: number }[] = [];
  for (const position of candidates(index, first ?? '')) {
    const fields = index.texts[position] ?? [];
    let score = 0;
    for (const term of [first ?? '', ...rest]) {
      const s = termScore(fields, term);
      if (s === 0) {
        score = 0;
        break;
      }
      score += s;
    }
    if (score > 0) hits.push({ position, score });
  }
  hits.sort((a, b) => b.score - a.score || a.position - b.position);
  return hits.map((hit) => ({ id: index.ids[hit.position] ?? '', score: hit.score }));
}
