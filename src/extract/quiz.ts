/**
 * Quiz items from cards, at deck-build time. For each card where it makes sense:
 * - **mcq** — the card's question with its answer and three distractors of the same kind from the same
 *   deck, nearest topic first (variant 0); for a term with a description also "which term is this?"
 *   (variant 1). Skipped when fewer than three real distractors exist: never padded.
 * - **truefalse** — the card's own fact as a statement (variant 0, true) and the same question paired
 *   with a sibling card's answer (variant 1, false). Never a negated sentence.
 * - **typed** — commands, flags, options, instructions (answer + alternatives), and each cloze deletion
 *   (variant = its `cN` number).
 * - **match** — 3–6 cards of one kind from the nearest topics (flags of one command ↔ meanings,
 *   instructions ↔ purposes, terms ↔ definitions), or the sides of comparisons ↔ what sets each apart.
 *
 * Item ids are `<card id>-<type>-<variant>`: stable as long as the card is. Every random choice hashes
 * the seed with the item's id (see quiz-random.ts), so the same cards and seed give identical items and
 * an unrelated new card leaves other items alone. Work is near-linear: candidates are indexed by deck,
 * kind and topic (quiz-distractors.ts), never compared pairwise.
 */
import type {
  Card,
  CardKind,
  DeckInfo,
  MatchItem,
  McqItem,
  NoteLanguage,
  QuizItem,
  TrueFalseItem,
  TypedItem,
} from '../deck/types.ts';
import { type ClozeDeletion, type ClozeShape, clozeDeletions, fillCloze, hasCloze } from './quiz-cloze.ts';
import { type Candidate, TopicIndex } from './quiz-distractors.ts';
import { groupByTopic, type MatchUnit } from './quiz-match.ts';
import {
  clozePrompt,
  matchPrompt,
  questionSubject,
  reverseQuestion,
  slotDescription,
  statementOf,
} from './quiz-phrasing.ts';
import { seededHash, seededOrder } from './quiz-random.ts';
import { asCode, createComparable, distinctKey, isChoiceText, maskTerms, reveals } from './quiz-text.ts';

/** Choices in a multiple-choice item. */
const CHOICES = 4;
/** Longest answer a typed item asks for; typing a sentence from memory is not a fair test. */
const MAX_TYPED_CHARS = 60;
/** A description shorter than this (normalized) says too little to ask for its term ("30s"). */
const MIN_DESCRIPTION_CHARS = 4;
const MATCH_LIMITS = { min: 3, max: 6, minLeftover: 3 };
/** A comparison's sides are a natural pair even alone (CMD ↔ ENTRYPOINT). */
const COMPARISON_LIMITS = { min: 3, max: 6, minLeftover: 2 };

/** Kinds whose cards name a term (`answer`) another card could be confused with. */
const TERM_KINDS: ReadonlySet<CardKind> = new Set(['command', 'flag', 'option', 'instruction']);
/** Kinds whose sub-commands live under a parent command (`docker run` for `-d`). */
const PARENTED_KINDS: ReadonlySet<CardKind> = new Set(['flag', 'option']);
/** Marks a parent command in a topic path, so it cannot collide with a heading of the same name. */
const PARENT_MARK = '\u0001';

type Comparable = (text: string) => string;

/** What one card offers to quiz items, worked out once. */
interface Facet {
  card: Card;
  order: number;
  lang: NoteLanguage;
  /** Topic path for nearness: the parent command first (flags of one command stay together), then headings. */
  path: string[];
  parent: string;
  /** What the card is about, for "same thing?" checks: normalized key (a short flag keeps its case). */
  identity: string;
  backNorm: string;
  backKey: string;
  /** The typed answer (`-d`, `docker image ls`, `COPY`), when the card has one. */
  token?: string;
  /** Normalized texts that count as this card's answer (token, alternatives), for "shown in the prompt?". */
  answers: string[];
  /** The same as distinct keys, for "equal to the answer?". */
  answerKeys: string[];
  /** The back is the term itself (front: "… 用哪个命令？", back: `docker image ls`). */
  backIsToken: boolean;
  /** The back can stand as a choice. */
  backChoice: boolean;
  /** How the card names its term as a choice or matching side (`` `-d` ``, "**镜像（Image）**"). */
  subject?: string;
  subjectNorm?: string;
  /** Words to blank out of a description so it does not name its term. */
  terms: string[];
  /** What the term does or is, in words. */
  meaning?: string;
  cloze: ClozeDeletion[];
}

/** One distractor source: a card and the text it would show. */
interface PoolEntry extends Candidate {
  facet: Facet;
  value: string;
  norm: string;
  key: string;
}

type Role = 'back' | 'term' | `cloze:${ClozeShape}`;

function explanationOf(card: Card): string {
  return [card.back.trim(), card.extra.trim()].filter(Boolean).join('\n\n');
}

function parentOf(card: Card): string {
  if (!PARENTED_KINDS.has(card.kind)) return '';
  const key = card.key.trim();
  const token = card.answer?.trim();
  if (token && key.length > token.length && key.toLowerCase().endsWith(token.toLowerCase()))
    return key.slice(0, key.length - token.length).trim();
  const words = key.split(/\s+/);
  return words.length > 1 ? words.slice(0, -1).join(' ') : '';
}

/** Terms a description must not show: the answer, its alternatives, and a concept's Chinese/English names. */
function termsOf(card: Card, subject: string | undefined): string[] {
  const terms = [card.answer ?? '', ...(card.alternatives ?? [])];
  if (!card.answer && subject) {
    // "**镜像（Image）**" names 镜像 and Image.
    terms.push(...subject.replace(/[*_`]/g, '').split(/[（）()、,，/]/));
  }
  if (!card.answer && card.kind === 'concept') terms.push(card.key);
  // One-letter terms would blank every "a" of a sentence; a description that still names its term is caught later.
  return terms.map((t) => t.trim()).filter((t) => t.length >= 2);
}

function analyze(card: Card, order: number, lang: NoteLanguage, comparable: Comparable): Facet {
  const parent = parentOf(card);
  const backNorm = comparable(card.back);
  const token = card.answer?.trim() || undefined;
  const accepted = [token ?? '', ...(card.alternatives ?? [])].filter(Boolean);
  const answers = [...new Set(accepted.map(comparable))];
  const answerKeys = [...new Set(accepted.map((a) => distinctKey(a, comparable)))];
  const backKey = distinctKey(card.back, comparable);
  const backIsToken = token !== undefined && answerKeys.includes(backKey);
  const flagCase = token && distinctKey(token, comparable) !== comparable(token) ? `\u0000${token}` : '';
  const cloze = hasCloze(card.front) ? clozeDeletions(card.front) : [];
  let subject: string | undefined;
  if (token) subject = asCode(token);
  else if (card.kind === 'concept') subject = questionSubject(card.front, lang)?.subject;
  const terms = termsOf(card, subject);
  let meaning: string | undefined;
  if (backIsToken) meaning = slotDescription(card.front, lang);
  else if (!cloze.length) meaning = card.back.trim();
  const facet: Facet = {
    card,
    order,
    lang,
    path: parent ? [PARENT_MARK + parent, ...card.source.headingPath] : [...card.source.headingPath],
    parent,
    identity: comparable(card.key) + flagCase,
    backNorm,
    backKey,
    answers,
    answerKeys,
    backIsToken,
    backChoice: !cloze.length && isChoiceText(card.back, comparable),
    terms,
    cloze,
  };
  if (token) facet.token = token;
  if (subject) {
    facet.subject = subject;
    facet.subjectNorm = comparable(subject);
  }
  if (meaning) facet.meaning = meaning;
  return facet;
}

function poolKey(card: Card, role: Role): string {
  return `${card.deck}\u0000${card.kind}\u0000${role}`;
}

/** Builds the distractor pools: text backs, terms, and cloze deletions by shape, per deck and kind. */
function buildPools(facets: readonly Facet[], seed: string, comparable: Comparable) {
  const entries = new Map<string, PoolEntry[]>();
  const add = (facet: Facet, role: Role, id: string, value: string) => {
    const key = poolKey(facet.card, role);
    const list = entries.get(key) ?? [];
    list.push({
      id,
      path: facet.path,
      facet,
      value,
      norm: comparable(value),
      key: distinctKey(value, comparable),
    });
    entries.set(key, list);
  };
  for (const facet of facets) {
    if (facet.cloze.length) {
      // Stored as it reads outside code; a swap into code drops the backticks again.
      for (const d of facet.cloze)
        add(facet, `cloze:${d.shape}`, `${facet.card.id}#${d.n}`, d.inCode ? asCode(d.text) : d.text);
      continue;
    }
    if (facet.backChoice && !facet.backIsToken) add(facet, 'back', facet.card.id, facet.card.back.trim());
    if (facet.subject && isChoiceText(facet.subject, comparable))
      add(facet, 'term', facet.card.id, facet.subject);
  }
  const indexes = new Map<string, TopicIndex<PoolEntry>>();
  for (const [key, list] of entries) indexes.set(key, new TopicIndex(list, seed));
  return (card: Card, role: Role) => indexes.get(poolKey(card, role));
}

type Pools = ReturnType<typeof buildPools>;

/**
 * Whether `entry` may stand beside `facet`'s answer: another card about another thing, showing a text
 * that is not an accepted answer, not already offered, and not given away by the prompt.
 */
function distinctFrom(facet: Facet, correctKeys: readonly string[], promptNorm: string) {
  const offered = new Set(correctKeys);
  return (entry: PoolEntry): boolean => {
    const other = entry.facet;
    if (other.card.id === facet.card.id || other.identity === facet.identity) return false;
    if (!entry.norm || offered.has(entry.key) || facet.answerKeys.includes(entry.key)) return false;
    if (other.answerKeys.some((a) => facet.answerKeys.includes(a))) return false;
    if (reveals(promptNorm, entry.norm)) return false;
    offered.add(entry.key);
    return true;
  };
}

function base(facet: Facet, type: QuizItem['type'], variant: number, prompt: string) {
  const { card } = facet;
  return {
    id: `${card.id}-${type}-${variant}`,
    cardId: card.id,
    deck: card.deck,
    prompt,
    explanation: explanationOf(card),
    source: card.source,
    tags: card.tags,
  };
}

/** An mcq with `correct` among three distractors from `role`, or nothing when three are not there. */
function mcq(
  facet: Facet,
  variant: number,
  prompt: string,
  correct: string,
  role: Role,
  pools: Pools,
  seed: string,
  comparable: Comparable,
): McqItem | undefined {
  const promptNorm = comparable(prompt);
  const correctNorm = comparable(correct);
  // A term card's own question names its term ("`--rm` 参数有什么作用？"): only what is asked must stay hidden.
  const hidden = role === 'term' ? [correctNorm, ...facet.answers] : [correctNorm];
  if (!correctNorm || hidden.some((a) => reveals(promptNorm, a))) return undefined;
  const item = base(facet, 'mcq', variant, prompt);
  const index = pools(facet.card, role);
  if (!index) return undefined;
  const picked = index.nearest(
    facet.path,
    item.id,
    CHOICES - 1,
    distinctFrom(facet, [distinctKey(correct, comparable)], promptNorm),
  );
  if (picked.length < CHOICES - 1) return undefined;
  const distractors = seededOrder(picked, (e) => e.id, seed, item.id).map((e) => e.value);
  const answerIndex = seededHash(seed, 'answer', item.id) % CHOICES;
  const choices = [...distractors];
  choices.splice(answerIndex, 0, correct);
  return { ...item, type: 'mcq', choices, answerIndex };
}

/** "Which term is described here?" — a description with its own term blanked out. */
function reversePrompt(facet: Facet, comparable: Comparable): string | undefined {
  if (!facet.meaning || !facet.subject || facet.backIsToken) return undefined;
  const description = maskTerms(facet.meaning, facet.terms);
  if (comparable(description).replace(/_+/g, '').length < MIN_DESCRIPTION_CHARS) return undefined;
  if (!isChoiceText(description, comparable)) return undefined;
  const prompt = `${reverseQuestion(facet.card.kind, facet.parent, facet.lang)}\n\n${description}`;
  const norm = comparable(prompt);
  const hidden = [...facet.answers, facet.subjectNorm ?? ''].every((a) => !reveals(norm, a));
  return hidden ? prompt : undefined;
}

function typedItem(facet: Facet, variant: number, prompt: string, answer: string, alternatives: string[]) {
  const item: TypedItem = { ...base(facet, 'typed', variant, prompt), type: 'typed', answer, alternatives };
  return item;
}

/** Typed items: the term of a term card, and each deletion of a cloze card. */
function typedItems(facet: Facet, comparable: Comparable): TypedItem[] {
  const { card } = facet;
  if (facet.cloze.length) {
    const items: TypedItem[] = [];
    for (const d of facet.cloze) {
      const answer = d.text.replace(/`+/g, '').trim();
      const answerNorm = comparable(answer);
      if (!answerNorm || answer.length > MAX_TYPED_CHARS) continue;
      let text = fillCloze(card.front, d.n);
      // The same words may stand elsewhere in the sentence, unmarked: blank them too.
      if (reveals(comparable(text), answerNorm)) text = maskTerms(text, [answer]);
      const prompt = clozePrompt(text, facet.lang);
      if (reveals(comparable(prompt), answerNorm)) continue;
      items.push(typedItem(facet, d.n, prompt, answer, []));
    }
    return items;
  }
  if (!facet.token || !TERM_KINDS.has(card.kind) || facet.token.length > MAX_TYPED_CHARS) return [];
  const prompt = facet.backIsToken ? card.front.trim() : reversePrompt(facet, comparable);
  if (!prompt) return [];
  const promptNorm = comparable(prompt);
  if (facet.answers.some((a) => reveals(promptNorm, a))) return [];
  const alternatives = (card.alternatives ?? []).map((a) => a.trim()).filter(Boolean);
  return [typedItem(facet, 0, prompt, facet.token, alternatives)];
}

function trueFalse(facet: Facet, variant: number, prompt: string, answer: boolean): TrueFalseItem {
  return { ...base(facet, 'truefalse', variant, prompt), type: 'truefalse', answer };
}

/** The card's fact as a true statement, and the same question with a sibling's answer as a false one. */
function trueFalseItems(facet: Facet, pools: Pools, seed: string, comparable: Comparable): TrueFalseItem[] {
  const { card } = facet;
  const items: TrueFalseItem[] = [];
  if (facet.cloze.length) {
    const truth = card.back.trim();
    items.push(trueFalse(facet, 0, truth, true));
    const id = `${card.id}-truefalse-1`;
    // One deletion gets a sibling's text of the same shape; the item's hash decides which is tried first.
    for (const d of seededOrder(facet.cloze, (c) => String(c.n), seed, id)) {
      const index = pools(card, `cloze:${d.shape}`);
      if (!index) continue;
      const own = comparable(d.text);
      const sentence = comparable(fillCloze(card.front, d.n, ''));
      const [swap] = index.nearest(facet.path, id, 1, (entry) => {
        if (entry.facet.card.id === card.id || !entry.norm || entry.norm === own) return false;
        // Text already in the sentence would make a muddled statement, not a clearly false one.
        return !sentence.includes(entry.norm);
      });
      if (!swap) continue;
      const replacement = d.inCode ? swap.value.replace(/`+/g, '') : swap.value;
      const falsehood = fillCloze(card.front, d.n, replacement);
      if (comparable(falsehood) !== comparable(truth)) items.push(trueFalse(facet, 1, falsehood, false));
      break;
    }
    return items;
  }
  const shown = facet.backIsToken ? asCode(card.back) : card.back.trim();
  items.push(trueFalse(facet, 0, statementOf(card.front, shown, facet.lang), true));
  const id = `${card.id}-truefalse-1`;
  const index = pools(card, facet.backIsToken ? 'term' : 'back');
  if (!index || (!facet.backIsToken && !facet.backChoice)) return items;
  const [swap] = index.nearest(facet.path, id, 1, distinctFrom(facet, [facet.backKey], ''));
  if (swap) items.push(trueFalse(facet, 1, statementOf(card.front, swap.value, facet.lang), false));
  return items;
}

/** Multiple-choice items: the card's own question (0) and, for a described term, "which term?" (1). */
function mcqItems(facet: Facet, pools: Pools, seed: string, comparable: Comparable): McqItem[] {
  const { card } = facet;
  if (facet.cloze.length) return [];
  const items: McqItem[] = [];
  if (facet.backIsToken) {
    const forward = mcq(facet, 0, card.front.trim(), asCode(card.back), 'term', pools, seed, comparable);
    if (forward) items.push(forward);
    return items;
  }
  if (facet.backChoice) {
    const forward = mcq(facet, 0, card.front.trim(), card.back.trim(), 'back', pools, seed, comparable);
    if (forward) items.push(forward);
  }
  if (facet.subject && (TERM_KINDS.has(card.kind) || card.kind === 'concept')) {
    const prompt = reversePrompt(facet, comparable);
    const reverse = prompt && mcq(facet, 1, prompt, facet.subject, 'term', pools, seed, comparable);
    if (reverse) items.push(reverse);
  }
  return items;
}

interface MatchSource extends MatchUnit {
  facet: Facet;
  pairs: { left: string; right: string; cardId: string }[];
}

/** A term and its description, the description with the term blanked out. */
function termPair(facet: Facet, comparable: Comparable): MatchSource | undefined {
  if (!facet.subject || !facet.meaning || !facet.subjectNorm) return undefined;
  const right = maskTerms(facet.meaning, facet.terms);
  if (!isChoiceText(right, comparable) || comparable(right).replace(/_+/g, '').length < MIN_DESCRIPTION_CHARS)
    return undefined;
  const rightNorm = comparable(right);
  if ([...facet.answers, facet.subjectNorm].some((a) => reveals(rightNorm, a))) return undefined;
  return {
    path: facet.path,
    order: facet.order,
    weight: 1,
    facet,
    pairs: [{ left: facet.subject, right, cardId: facet.card.id }],
  };
}

const SIDE_SPLIT = /\s*(?:和|与|跟|及|以及|同|vs\.?|versus|and)\s*/i;

/**
 * The sides of a comparison and, for each, the clauses of the back that speak of it alone:
 * "`COPY` 只复制文件；`ADD` 还会自动解压 tar 包" → `COPY` ↔ "____ 只复制文件", `ADD` ↔ "____ 还会…".
 */
function comparisonPairs(facet: Facet, comparable: Comparable): MatchSource | undefined {
  const { card } = facet;
  let sides = card.key.split('|').map((s) => s.trim());
  if (sides.length < 2) {
    const subject = questionSubject(card.front, facet.lang)?.subject;
    sides = subject ? subject.split(SIDE_SPLIT).map((s) => s.replace(/`+/g, '').trim()) : [];
  }
  sides = sides.filter(Boolean);
  if (sides.length < 2 || sides.length > COMPARISON_LIMITS.max || card.back.includes('```')) return undefined;
  const sideNorms = sides.map(comparable);
  if (new Set(sideNorms).size !== sides.length) return undefined;
  const clauses = card.back
    .split(/[；;。\n]+|(?<=[.!?])\s+/)
    .map((c) => c.trim())
    .filter(Boolean);
  const pairs: MatchSource['pairs'] = [];
  for (const [i, side] of sides.entries()) {
    const own = clauses.filter((clause) => {
      const norm = comparable(clause);
      return sideNorms.every((other, j) => reveals(norm, other) === (i === j));
    });
    if (own.length === 0) return undefined;
    const right = maskTerms(own.join(facet.lang === 'zh' ? '；' : '; '), sides);
    if (!isChoiceText(right, comparable)) return undefined;
    const display = /[\p{Script=Han}]/u.test(side) ? side : asCode(side);
    pairs.push({ left: display, right, cardId: card.id });
  }
  if (new Set(pairs.map((p) => comparable(p.right))).size !== pairs.length) return undefined;
  return { path: facet.path, order: facet.order, weight: pairs.length, facet, pairs };
}

/** Match items for every deck and kind: groups of nearby cards, each pair unique on both sides. */
function matchItems(facets: readonly Facet[], comparable: Comparable): Map<Facet, MatchItem> {
  const byPool = new Map<string, MatchSource[]>();
  for (const facet of facets) {
    const { card } = facet;
    if (facet.cloze.length || card.kind === 'authored' || card.kind === 'cloze') continue;
    const source =
      card.kind === 'comparison' ? comparisonPairs(facet, comparable) : termPair(facet, comparable);
    if (!source) continue;
    const key = `${card.deck}\u0000${card.kind}`;
    const list = byPool.get(key) ?? [];
    list.push(source);
    byPool.set(key, list);
  }
  const items = new Map<Facet, MatchItem>();
  for (const sources of byPool.values()) {
    const kind = sources[0]?.facet.card.kind;
    const limits = kind === 'comparison' ? COMPARISON_LIMITS : MATCH_LIMITS;
    for (const group of groupByTopic(sources, limits)) {
      const anchor = group[0]?.facet;
      if (!anchor) continue;
      const parents = new Set(group.map((s) => s.facet.parent));
      const [parent = ''] = parents.size === 1 ? parents : [''];
      const lefts = new Set<string>();
      const rights = new Set<string>();
      const pairs: MatchItem['pairs'] = [];
      const explanation: string[] = [];
      for (const source of group) {
        for (const pair of source.pairs) {
          // Flags of different commands need their command to be told apart.
          const left =
            parents.size > 1 && source.facet.parent && source.facet.token
              ? asCode(`${source.facet.parent} ${source.facet.token}`)
              : pair.left;
          const leftNorm = distinctKey(left, comparable);
          const rightNorm = distinctKey(pair.right, comparable);
          if (lefts.has(leftNorm) || rights.has(rightNorm)) continue;
          lefts.add(leftNorm);
          rights.add(rightNorm);
          pairs.push({ ...pair, left });
        }
        explanation.push(`${source.pairs.map((p) => p.left).join(' / ')}：${source.facet.card.back.trim()}`);
      }
      if (pairs.length < Math.min(limits.min, limits.minLeftover)) continue;
      const tags = [...new Set(group.flatMap((s) => s.facet.card.tags))];
      items.set(anchor, {
        ...base(anchor, 'match', 0, matchPrompt(anchor.card.kind, parent, anchor.lang)),
        explanation: explanation.join('\n'),
        tags,
        type: 'match',
        pairs,
      });
    }
  }
  return items;
}

function languageOf(card: Card, decks: ReadonlyMap<string, NoteLanguage>): NoteLanguage {
  return decks.get(card.deck) ?? (/\p{Script=Han}/u.test(card.front + card.back) ? 'zh' : 'en');
}

/**
 * Quiz items for a deck's cards: multiple choice, true/false, typed answer and matching, in card order
 * (each card's items together; a matching item after its first card's).
 * @param cards the deck's cards, ids unique.
 * @param decks deck descriptions; their `lang` chooses the wording.
 * @param seed the same cards and seed always give the same items.
 */
export function generateQuiz(cards: readonly Card[], decks: readonly DeckInfo[], seed: string): QuizItem[] {
  const comparable = createComparable();
  const langs = new Map<string, NoteLanguage>();
  for (const deck of decks) if (!langs.has(deck.name)) langs.set(deck.name, deck.lang);
  const facets = cards.map((card, order) => analyze(card, order, languageOf(card, langs), comparable));
  const pools = buildPools(facets, seed, comparable);
  const matches = matchItems(facets, comparable);
  const items: QuizItem[] = [];
  for (const facet of facets) {
    items.push(...mcqItems(facet, pools, seed, comparable));
    items.push(...trueFalseItems(facet, pools, seed, comparable));
    items.push(...typedItems(facet, comparable));
    const match = matches.get(facet);
    if (match) items.push(match);
  }
  return items;
}
