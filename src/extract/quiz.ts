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
import { defaultExplanation } from '../deck/schema.ts';
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
  statementFrame,
} from './quiz-phrasing.ts';
import { seededHash, seededOrder } from './quiz-random.ts';
import {
  asCode,
  type Comparable,
  continues,
  createComparable,
  distinctKey,
  isChoiceText,
  maskTerms,
  replaceTerms,
  reveals,
} from './quiz-text.ts';

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

/**
 * What one card offers to quiz items, worked out once. Every field is always present (`undefined` until
 * known): facets of one shape keep property access monomorphic, which matters at 50,000 cards.
 */
interface Facet {
  card: Card;
  order: number;
  lang: NoteLanguage;
  /** Topic path for nearness: the parent command first (flags of one command stay together), then headings. */
  path: readonly string[];
  parent: string;
  /** What the card is about, for "same thing?" checks: normalized key (a short flag keeps its case). */
  identity: string;
  /** The back normalized, and as a distinct key; worked out on first use. */
  backNorm: string | undefined;
  /** The typed answer (`-d`, `docker image ls`, `COPY`), when the card has one. */
  token: string | undefined;
  /** Normalized texts that count as this card's answer (token, alternatives), for "shown in the prompt?". */
  answers: string[];
  /** The same as distinct keys, for "equal to the answer?". */
  answerKeys: string[];
  /** The back is the term itself (front: "… 用哪个命令？", back: `docker image ls`). */
  backIsToken: boolean;
  /** The back can stand as a choice. */
  backChoice: boolean;
  /** How the card names its term as a choice or matching side (`` `-d` ``, "**镜像（Image）**"). */
  subject: string | undefined;
  subjectNorm: string | undefined;
  /** Words to blank out of a description so it does not name its term. */
  terms: string[];
  /** What the term does or is, in words. */
  meaning: string | undefined;
  cloze: ClozeDeletion[];
  /** The front normalized, worked out on first use (only some items need it). */
  frontNorm: string | undefined;
  /** The card's back and extra: every item's feedback. */
  explanation: string;
  /** The meaning with the term blanked out, worked out on first use; null when it says too little. */
  described: Prompt | null | undefined;
  /** "Which term is this?" for mcq and typed items, worked out on first use; null when it cannot be asked. */
  reverse: Prompt | null | undefined;
  /** A comparison's sides and what sets each apart, worked out on first use; null when the back does not say. */
  sides: MatchSource | null | undefined;
}

/** One distractor source: a card and the text it would show. */
interface PoolEntry extends Candidate {
  facet: Facet;
  value: string;
  norm: string;
  key: string;
}

/**
 * Distractor pools per deck and kind: `term` — the terms themselves (`` `-d` ``); `meaning` — what a term
 * card says its term does, with the term blanked out; `back` — the backs of cards that name no term
 * (syntax lines, authored cards); `cloze:*` — cloze deletions by shape.
 */
type Role = 'back' | 'meaning' | 'term' | `cloze:${ClozeShape}`;

/** A prompt and its normalized text, for "does it show the answer?" checks. */
interface Prompt {
  text: string;
  norm: string;
}

/**
 * The card's back and extra (the deck file's default, which it then leaves out of the item); for a
 * cloze card the sentence in full, since its back may be the bare answer.
 */
function explanationOf(card: Card, cloze: boolean): string {
  if (!cloze) return defaultExplanation(card);
  return [clozeTruth(card), card.extra.trim()].filter(Boolean).join('\n\n');
}

/** A cloze card's sentence with every blank filled: its back may hold only the deleted words. */
function clozeTruth(card: Card): string {
  return fillCloze(card.front, 0).trim() || card.back.trim();
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

function analyze(
  card: Card,
  order: number,
  lang: NoteLanguage,
  comparable: Comparable,
  intern: (text: string) => string,
): Facet {
  const parent = parentOf(card);
  const token = card.answer?.trim() || undefined;
  const answers: string[] = [];
  const answerKeys: string[] = [];
  for (const accepted of [token ?? '', ...(card.alternatives ?? [])]) {
    if (!accepted) continue;
    const norm = comparable(accepted);
    const key = distinctKey(accepted, norm);
    if (!answers.includes(norm)) answers.push(norm);
    if (!answerKeys.includes(key)) answerKeys.push(key);
  }
  // Only a back about as short as an accepted answer can be the term itself: no need to normalize others.
  const longest = Math.max(0, ...[token ?? '', ...(card.alternatives ?? [])].map((a) => a.length));
  const backIsToken =
    token !== undefined &&
    card.back.length <= 2 * longest + 8 &&
    answerKeys.includes(distinctKey(card.back, comparable(card.back)));
  const flagCase = token && answerKeys[0] !== answers[0] ? `\u0000${token}` : '';
  const cloze = hasCloze(card.front) ? clozeDeletions(card.front) : [];
  let subject: string | undefined;
  if (token) subject = asCode(token);
  else if (card.kind === 'concept') subject = questionSubject(card.front, lang)?.subject;
  const terms = termsOf(card, subject);
  let meaning: string | undefined;
  if (backIsToken) meaning = slotDescription(card.front, lang);
  else if (!cloze.length) meaning = card.back.trim();
  return {
    card,
    order,
    lang,
    path: parent ? [intern(PARENT_MARK + parent), ...card.source.headingPath] : card.source.headingPath,
    parent,
    // Keys are already normalized by the extractors; folding case and spaces is enough here.
    identity: card.key.trim().replace(/\s+/g, ' ').toLowerCase() + flagCase,
    backNorm: undefined,
    token,
    answers,
    answerKeys,
    backIsToken,
    backChoice: !cloze.length && isChoiceText(card.back, comparable),
    subject,
    subjectNorm: subject && (token ? (answers[0] ?? comparable(token)) : comparable(subject)),
    terms,
    meaning: meaning || undefined,
    cloze,
    frontNorm: undefined,
    explanation: explanationOf(card, cloze.length > 0),
    described: undefined,
    reverse: undefined,
    sides: undefined,
  };
}

function backNorm(facet: Facet, comparable: Comparable): string {
  facet.backNorm ??= comparable(facet.card.back);
  return facet.backNorm;
}

function backKey(facet: Facet, comparable: Comparable): string {
  return distinctKey(facet.card.back, backNorm(facet, comparable));
}

function frontNorm(facet: Facet, comparable: Comparable): string {
  facet.frontNorm ??= comparable(facet.card.front);
  return facet.frontNorm;
}

/** Builds the distractor pools: per deck, kind and role, each indexed by topic. */
function buildPools(facets: readonly Facet[], seed: string, comparable: Comparable) {
  // Nested maps, not a joined string key: a lookup runs several times per item.
  const entries = new Map<string, Map<CardKind, Map<Role, PoolEntry[]>>>();
  const add = (facet: Facet, role: Role, id: string, value: string, norm = comparable(value)) => {
    const { deck, kind } = facet.card;
    const byKind = entries.get(deck) ?? new Map<CardKind, Map<Role, PoolEntry[]>>();
    entries.set(deck, byKind);
    const byRole = byKind.get(kind) ?? new Map<Role, PoolEntry[]>();
    byKind.set(kind, byRole);
    const list = byRole.get(role) ?? [];
    byRole.set(role, list);
    list.push({ id, path: facet.path, facet, value, norm, key: distinctKey(value, norm) });
  };
  for (const facet of facets) {
    if (facet.cloze.length) {
      // Stored as it reads outside code; a swap into code drops the backticks again.
      for (const d of facet.cloze)
        add(facet, `cloze:${d.shape}`, `${facet.card.id}#${d.n}`, d.inCode ? asCode(d.text) : d.text);
      continue;
    }
    if (facet.subject && !facet.backIsToken) {
      const described = describe(facet, comparable);
      if (described) add(facet, 'meaning', facet.card.id, described.text, described.norm);
    } else if (facet.backChoice && !facet.backIsToken && facet.card.kind !== 'comparison') {
      add(facet, 'back', facet.card.id, facet.card.back.trim(), backNorm(facet, comparable));
    }
    if (facet.subject && isChoiceText(facet.subject, comparable))
      add(facet, 'term', facet.card.id, facet.subject, facet.subjectNorm);
  }
  const indexes = new Map<string, Map<CardKind, Map<Role, TopicIndex<PoolEntry>>>>();
  for (const [deck, byKind] of entries) {
    const kinds = new Map<CardKind, Map<Role, TopicIndex<PoolEntry>>>();
    for (const [kind, byRole] of byKind) {
      const roles = new Map<Role, TopicIndex<PoolEntry>>();
      for (const [role, list] of byRole) roles.set(role, new TopicIndex(list, seed));
      kinds.set(kind, roles);
    }
    indexes.set(deck, kinds);
  }
  return (card: Card, role: Role) => indexes.get(card.deck)?.get(card.kind)?.get(role);
}

type Pools = ReturnType<typeof buildPools>;

/**
 * Whether `entry` may stand beside `facet`'s answer: another card about another thing, showing a text
 * that is not an accepted answer, not already offered, and not given away by the prompt.
 */
function distinctFrom(facet: Facet, correctKeys: readonly string[], promptNorm: string) {
  // A handful of keys: an array is cheaper than a Set here, and this runs for every item.
  const offered = [...correctKeys];
  return (entry: PoolEntry): boolean => {
    const other = entry.facet;
    if (other.card.id === facet.card.id || other.identity === facet.identity) return false;
    if (!entry.norm || offered.includes(entry.key) || facet.answerKeys.includes(entry.key)) return false;
    for (const key of other.answerKeys) if (facet.answerKeys.includes(key)) return false;
    if (refines(facet.answers, other.answers)) return false;
    if (reveals(promptNorm, entry.norm)) return false;
    // A text naming the term asked about is plainly not about something else: a giveaway.
    for (const answer of facet.answers) if (reveals(entry.norm, answer)) return false;
    offered.push(entry.key);
    return true;
  };
}

/**
 * Whether one term is the other with more words after it (`docker image ls` and `docker image ls -a`,
 * `COPY` and `COPY --from`): the longer one may answer the shorter one's question too, so neither is a
 * safe distractor for the other.
 */
function refines(ours: readonly string[], theirs: readonly string[]): boolean {
  for (const a of ours) for (const b of theirs) if (continues(a, b) || continues(b, a)) return true;
  return false;
}

/**
 * The fields every item shares, in a fixed order. Items are built as literals, not spread from a common
 * base: there are hundreds of thousands in a large vault, and spreading doubles the allocations.
 */
function itemId(facet: Facet, type: QuizItem['type'], variant: number): string {
  return `${facet.card.id}-${type}-${variant}`;
}

/** An mcq with `correct` among three distractors from `role`, or nothing when three are not there. */
function mcq(
  facet: Facet,
  variant: number,
  prompt: Prompt,
  correct: Prompt,
  role: Role,
  pools: Pools,
  seed: string,
): McqItem | undefined {
  // A term card's own question names its term ("`--rm` 参数有什么作用？"): only what is asked must stay hidden.
  const hidden = role === 'term' ? [correct.norm, ...facet.answers] : [correct.norm];
  if (!prompt.text.trim() || !correct.norm || hidden.some((a) => reveals(prompt.norm, a))) return undefined;
  const index = pools(facet.card, role);
  if (!index) return undefined;
  const id = itemId(facet, 'mcq', variant);
  const correctKey = distinctKey(correct.text, correct.norm);
  const picked = index.nearest(facet.path, id, CHOICES - 1, distinctFrom(facet, [correctKey], prompt.norm));
  if (picked.length < CHOICES - 1) return undefined;
  const choices = seededOrder(picked, (e) => e.id, seed, id).map((e) => e.value);
  const answerIndex = seededHash(seed, 'answer', id) % CHOICES;
  choices.splice(answerIndex, 0, correct.text);
  const { card } = facet;
  return {
    id,
    type: 'mcq',
    cardId: card.id,
    deck: card.deck,
    prompt: prompt.text,
    explanation: facet.explanation,
    source: card.source,
    tags: card.tags,
    choices,
    answerIndex,
  };
}

/** "Which term is described here?" — a description with its own term blanked out; worked out once. */
function reversePrompt(facet: Facet, comparable: Comparable): Prompt | undefined {
  if (facet.reverse === undefined) facet.reverse = buildReversePrompt(facet, comparable) ?? null;
  return facet.reverse ?? undefined;
}

function buildReversePrompt(facet: Facet, comparable: Comparable): Prompt | undefined {
  if (facet.backIsToken) return undefined;
  const description = describe(facet, comparable);
  if (!description) return undefined;
  const question = reverseQuestion(facet.card.kind, facet.parent, facet.lang);
  const questionNorm = comparable.memo(question);
  // Question and description are separate paragraphs: checking each covers the whole prompt.
  if ([...facet.answers, facet.subjectNorm ?? ''].some((a) => reveals(questionNorm, a))) return undefined;
  return { text: `${question}\n\n${description.text}`, norm: `${questionNorm}${description.norm}` };
}

/** The card's meaning with its own term blanked out, when that still says enough and names nothing. */
function describe(facet: Facet, comparable: Comparable): Prompt | undefined {
  if (facet.described === undefined) {
    facet.described = null;
    if (facet.meaning && facet.subject) {
      const text = maskTerms(facet.meaning, facet.terms);
      const norm = text === facet.card.back.trim() ? backNorm(facet, comparable) : comparable(text);
      const says = norm.replace(/_+/g, '').length >= MIN_DESCRIPTION_CHARS && isChoiceText(text, comparable);
      const names = [...facet.answers, facet.subjectNorm ?? ''].some((a) => reveals(norm, a));
      if (says && !names) facet.described = { text, norm };
    }
  }
  return facet.described ?? undefined;
}

function typedItem(facet: Facet, variant: number, prompt: string, answer: string, alternatives: string[]) {
  const { card } = facet;
  const item: TypedItem = {
    id: itemId(facet, 'typed', variant),
    type: 'typed',
    cardId: card.id,
    deck: card.deck,
    prompt,
    explanation: facet.explanation,
    source: card.source,
    tags: card.tags,
    answer,
    alternatives,
  };
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
      // Nothing to type (punctuation only) or too much to type from memory.
      if (!/[\p{L}\p{N}]/u.test(answer) || answer.length > MAX_TYPED_CHARS) continue;
      if (reveals(comparable.memo(clozePrompt('', facet.lang)), answerNorm)) continue;
      let text = fillCloze(card.front, d.n);
      // The same words may stand elsewhere in the sentence, unmarked: blank them too.
      if (reveals(comparable(text), answerNorm)) {
        text = maskTerms(text, [answer]);
        if (reveals(comparable(text), answerNorm)) continue;
      }
      items.push(typedItem(facet, d.n, clozePrompt(text, facet.lang), answer, []));
    }
    return items;
  }
  if (!facet.token || !TERM_KINDS.has(card.kind) || facet.token.length > MAX_TYPED_CHARS) return [];
  const prompt = facet.backIsToken
    ? { text: card.front.trim(), norm: frontNorm(facet, comparable) }
    : reversePrompt(facet, comparable);
  if (!prompt?.text.trim() || facet.answers.some((a) => reveals(prompt.norm, a))) return [];
  const alternatives = (card.alternatives ?? []).map((a) => a.trim()).filter(Boolean);
  return [typedItem(facet, 0, prompt.text, facet.token, alternatives)];
}

function trueFalse(facet: Facet, variant: number, prompt: string, answer: boolean): TrueFalseItem {
  const { card } = facet;
  return {
    id: itemId(facet, 'truefalse', variant),
    type: 'truefalse',
    cardId: card.id,
    deck: card.deck,
    prompt,
    explanation: facet.explanation,
    source: card.source,
    tags: card.tags,
    answer,
  };
}

/** The card's fact as a true statement, and the same question with a sibling's answer as a false one. */
function trueFalseItems(facet: Facet, pools: Pools, seed: string, comparable: Comparable): TrueFalseItem[] {
  const { card } = facet;
  const items: TrueFalseItem[] = [];
  if (facet.cloze.length) {
    const truth = clozeTruth(card);
    if (!truth) return items;
    items.push(trueFalse(facet, 0, truth, true));
    const id = itemId(facet, 'truefalse', 1);
    // One deletion gets a sibling's text of the same shape; the item's hash decides which is tried first.
    for (const d of seededOrder(facet.cloze, (c) => String(c.n), seed, id)) {
      const index = pools(card, `cloze:${d.shape}`);
      if (!index) continue;
      const own = comparable(d.text);
      const sentence = fillCloze(card.front, d.n, '').toLowerCase();
      const [swap] = index.nearest(facet.path, id, 1, (entry) => {
        if (entry.facet.card.id === card.id || !entry.norm || entry.norm === own) return false;
        // Text already in the sentence would make a muddled statement, not a clearly false one.
        return !sentence.includes(entry.value.replace(/`+/g, '').toLowerCase());
      });
      if (!swap) continue;
      const replacement = d.inCode ? swap.value.replace(/`+/g, '') : swap.value;
      const falsehood = fillCloze(card.front, d.n, replacement);
      if (falsehood !== truth) items.push(trueFalse(facet, 1, falsehood, false));
      break;
    }
    return items;
  }
  const statement = statementFrame(card.front, facet.lang);
  items.push(trueFalse(facet, 0, statement(facet.backIsToken ? asCode(card.back) : card.back.trim()), true));
  const falsehood = falseAnswer(facet, pools, comparable);
  if (falsehood !== undefined) items.push(trueFalse(facet, 1, statement(falsehood), false));
  return items;
}

/**
 * What a false statement about the card claims as its answer: a sibling's term (`-t` for `-d`); what a
 * sibling term does, as its back says (never one that names our term); for a comparison, its own back
 * with the sides swapped; otherwise a sibling's back.
 */
function falseAnswer(facet: Facet, pools: Pools, comparable: Comparable): string | undefined {
  const { card } = facet;
  const id = itemId(facet, 'truefalse', 1);
  if (card.kind === 'comparison') return swappedSides(facet, comparable);
  if (facet.backIsToken) {
    const [swap] =
      pools(card, 'term')?.nearest(
        facet.path,
        id,
        1,
        distinctFrom(facet, [backKey(facet, comparable)], ''),
      ) ?? [];
    return swap?.value;
  }
  if (facet.subject) {
    const described = describe(facet, comparable);
    if (!described) return undefined;
    const accept = distinctFrom(facet, [distinctKey(described.text, described.norm)], '');
    const [swap] = pools(card, 'meaning')?.nearest(facet.path, id, 1, accept) ?? [];
    // Claimed as the sibling's notes say it: filling our term into its blanks reads as nonsense.
    return swap?.facet.card.back.trim();
  }
  if (!facet.backChoice) return undefined;
  const [swap] =
    pools(card, 'back')?.nearest(facet.path, id, 1, distinctFrom(facet, [backKey(facet, comparable)], '')) ??
    [];
  return swap?.value;
}

/** A comparison's back with its sides swapped: each side gets what the notes say of the other. */
function swappedSides(facet: Facet, comparable: Comparable): string | undefined {
  const sides = comparisonSides(facet, comparable);
  if (!sides) return undefined;
  const names = sides.pairs.map((p) => p.side);
  const folded = names.map((name) => name.replace(/`+/g, '').trim().toLowerCase());
  const next = (term: string) => names[(folded.indexOf(term.toLowerCase()) + 1) % names.length] ?? term;
  const back = facet.card.back.trim();
  const swapped = replaceTerms(back, names, next);
  return swapped === back ? undefined : swapped;
}

/** Multiple-choice items: the card's own question (0) and, for a described term, "which term?" (1). */
function mcqItems(facet: Facet, pools: Pools, seed: string, comparable: Comparable): McqItem[] {
  const { card } = facet;
  // A comparison's back names both its sides; no other card's back could pass for it.
  if (facet.cloze.length || card.kind === 'comparison') return [];
  const items: McqItem[] = [];
  const front = { text: card.front.trim(), norm: frontNorm(facet, comparable) };
  if (facet.backIsToken) {
    const shown = asCode(card.back);
    const correct = { text: shown, norm: comparable(shown) };
    const forward = mcq(facet, 0, front, correct, 'term', pools, seed);
    if (forward) items.push(forward);
    return items;
  }
  if (facet.subject) {
    // Every choice with its own term blanked: otherwise the one naming the asked term gives itself away.
    const described = describe(facet, comparable);
    const forward = described && mcq(facet, 0, front, described, 'meaning', pools, seed);
    if (forward) items.push(forward);
  } else if (facet.backChoice) {
    const back = { text: card.back.trim(), norm: backNorm(facet, comparable) };
    const forward = mcq(facet, 0, front, back, 'back', pools, seed);
    if (forward) items.push(forward);
  }
  if (facet.subject && facet.subjectNorm && (TERM_KINDS.has(card.kind) || card.kind === 'concept')) {
    const prompt = reversePrompt(facet, comparable);
    const subject = { text: facet.subject, norm: facet.subjectNorm };
    const reverse = prompt && mcq(facet, 1, prompt, subject, 'term', pools, seed);
    if (reverse) items.push(reverse);
  }
  return items;
}

interface MatchSource extends MatchUnit {
  facet: Facet;
  /** `side`: the term as the notes write it; `leftKey`, `rightKey`: both sides folded, one pair per meaning. */
  pairs: { left: string; right: string; side: string; leftKey: string; rightKey: string; cardId: string }[];
}

/** A term and its description, the description with the term blanked out. */
function termPair(facet: Facet, comparable: Comparable): MatchSource | undefined {
  const right = describe(facet, comparable);
  if (!facet.subject || !right) return undefined;
  return {
    path: facet.path,
    order: facet.order,
    weight: 1,
    facet,
    pairs: [
      {
        left: facet.subject,
        right: right.text,
        side: facet.token ?? facet.card.key,
        leftKey: distinctKey(facet.subject, facet.subjectNorm ?? ''),
        rightKey: right.norm,
        cardId: facet.card.id,
      },
    ],
  };
}

const SIDE_SPLIT = /\s*(?:和|与|跟|及|以及|同|vs\.?|versus|and)\s*/i;

/**
 * The sides of a comparison and, for each, the clauses of the back that speak of it alone:
 * "`COPY` 只复制文件；`ADD` 还会自动解压 tar 包" → `COPY` ↔ "____ 只复制文件", `ADD` ↔ "____ 还会…".
 */
function comparisonSides(facet: Facet, comparable: Comparable): MatchSource | undefined {
  if (facet.sides === undefined) facet.sides = splitSides(facet, comparable) ?? null;
  return facet.sides ?? undefined;
}

function splitSides(facet: Facet, comparable: Comparable): MatchSource | undefined {
  const { card } = facet;
  let sides = card.key.split('|').map((s) => s.trim());
  if (sides.length < 2) {
    const subject = questionSubject(card.front, facet.lang)?.subject;
    sides = subject ? subject.split(SIDE_SPLIT).map((s) => s.replace(/`+/g, '').trim()) : [];
  }
  sides = sides.filter(Boolean);
  if (sides.length < 2 || sides.length > COMPARISON_LIMITS.max || card.back.includes('```')) return undefined;
  // Which clause speaks of which side: a case-folded look is enough, and cheaper than normalizing.
  const fold = (text: string) => text.replace(/`+/g, '').toLowerCase();
  const sideNorms = sides.map(fold);
  if (new Set(sideNorms).size !== sides.length) return undefined;
  const clauses = card.back
    .split(/[；;。\n]+|(?<=[.!?])\s+/)
    .map((c) => c.trim())
    .filter(Boolean)
    .map((text) => ({ text, norm: fold(text) }));
  const pairs: MatchSource['pairs'] = [];
  for (const [i, side] of sides.entries()) {
    const own = clauses
      .filter((clause) => sideNorms.every((other, j) => reveals(clause.norm, other) === (i === j)))
      .map((clause) => clause.text);
    if (own.length === 0) return undefined;
    const right = maskTerms(own.join(facet.lang === 'zh' ? '；' : '; '), sides);
    if (!isChoiceText(right, comparable)) return undefined;
    const display = /[\p{Script=Han}]/u.test(side) ? side : asCode(side);
    pairs.push({
      left: display,
      right,
      side,
      leftKey: fold(display),
      rightKey: fold(right),
      cardId: card.id,
    });
  }
  if (new Set(pairs.map((p) => p.rightKey)).size !== pairs.length) return undefined;
  return { path: facet.path, order: facet.order, weight: pairs.length, facet, pairs };
}

/**
 * What a matching item's feedback says a card's term means: its back, or, where the back is the term
 * itself (`docker pull` for "获取镜像的命令？"), what its question says the term does.
 */
function matchExplanation(facet: Facet): string {
  return facet.backIsToken && facet.meaning ? facet.meaning : facet.card.back.trim();
}

/** Match items for every deck and kind: groups of nearby cards, each pair unique on both sides. */
function matchItems(facets: readonly Facet[], comparable: Comparable): Map<Facet, MatchItem> {
  const byDeck = new Map<string, Map<CardKind, MatchSource[]>>();
  for (const facet of facets) {
    const { card } = facet;
    if (facet.cloze.length || card.kind === 'authored' || card.kind === 'cloze') continue;
    const source =
      card.kind === 'comparison' ? comparisonSides(facet, comparable) : termPair(facet, comparable);
    if (!source) continue;
    const byKind = byDeck.get(card.deck) ?? new Map<CardKind, MatchSource[]>();
    byDeck.set(card.deck, byKind);
    const list = byKind.get(card.kind) ?? [];
    byKind.set(card.kind, list);
    list.push(source);
  }
  const items = new Map<Facet, MatchItem>();
  for (const sources of [...byDeck.values()].flatMap((byKind) => [...byKind.values()])) {
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
      const terms: string[][] = [];
      for (const source of group) {
        // `docker image ls` beside `docker image ls -a`: either description fits either command.
        if (terms.some((taken) => refines(taken, source.facet.answers))) continue;
        terms.push(source.facet.answers);
        for (const pair of source.pairs) {
          // Flags of different commands need their command to be told apart.
          const left =
            parents.size > 1 && source.facet.parent && source.facet.token
              ? asCode(`${source.facet.parent} ${source.facet.token}`)
              : pair.left;
          const leftKey = left === pair.left ? pair.leftKey : distinctKey(left, comparable(left));
          if (lefts.has(leftKey) || rights.has(pair.rightKey)) continue;
          lefts.add(leftKey);
          rights.add(pair.rightKey);
          pairs.push({ left, right: pair.right, cardId: pair.cardId });
        }
        const colon = anchor.lang === 'zh' ? '：' : ': ';
        explanation.push(
          `${source.pairs.map((p) => p.left).join(' / ')}${colon}${matchExplanation(source.facet)}`,
        );
      }
      if (pairs.length < Math.min(limits.min, limits.minLeftover)) continue;
      const tags = [...new Set(group.flatMap((s) => s.facet.card.tags))];
      items.set(anchor, {
        id: itemId(anchor, 'match', 0),
        type: 'match',
        cardId: anchor.card.id,
        deck: anchor.card.deck,
        prompt: matchPrompt(anchor.card.kind, parent, anchor.lang),
        explanation: explanation.join('\n'),
        source: anchor.card.source,
        tags,
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
  // One string per parent command, so topic lookups compare the same string object, not equal copies.
  const parents = new Map<string, string>();
  const intern = (text: string) => {
    const known = parents.get(text);
    if (known !== undefined) return known;
    parents.set(text, text);
    return text;
  };
  const facets = cards.map((card, order) =>
    analyze(card, order, languageOf(card, langs), comparable, intern),
  );
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
