/**
 * Picking a quiz's questions from the deck's quiz items: by scope (decks and topics), question types
 * and count, with the types mixed evenly and everything drawn from one seed, so the same items, setup
 * and seed always give the same questions in the same order.
 */
import type { QuizItem, QuizType } from '../deck/types.ts';
import { canonicalAnswer } from './judge.ts';
import { seededRandom, shuffled } from './random.ts';
import { inScope } from './topics.ts';
import type { Question, TopicScope } from './types.ts';

export interface SelectionOptions {
  /** Empty: every deck. */
  scopes: readonly TopicScope[];
  /** Questions wanted; fewer when the scope has fewer. */
  count: number;
  /** Types to draw; empty means all. */
  types: readonly QuizType[];
  seed: string;
}

const ASCII_WORD = /[a-z0-9_]/;

/** Whether `answer` (canonical) appears in `text` (canonical), as a whole word when it starts or ends with one. */
function appearsIn(text: string, answer: string): boolean {
  if (answer === '') return false;
  let from = text.indexOf(answer);
  while (from !== -1) {
    const before = text[from - 1] ?? '';
    const after = text[from + answer.length] ?? '';
    const wordStart = ASCII_WORD.test(answer[0] ?? '') && ASCII_WORD.test(before);
    const wordEnd = ASCII_WORD.test(answer.at(-1) ?? '') && ASCII_WORD.test(after);
    if (!wordStart && !wordEnd) return true;
    from = text.indexOf(answer, from + 1);
  }
  return false;
}

/**
 * Whether an item gives its own answer away in the prompt: a typed item whose answer (or an accepted
 * alternative) stands in the prompt, a multiple-choice item whose right choice does, or an item with
 * nothing to ask (fewer than two choices, fewer than two pairs). The generator should never make one;
 * the quiz drops any that slip through.
 */
export function showsItsAnswer(item: QuizItem): boolean {
  const prompt = canonicalAnswer(item.prompt);
  switch (item.type) {
    case 'typed':
      return [item.answer, ...item.alternatives].some((a) => appearsIn(prompt, canonicalAnswer(a)));
    case 'mcq': {
      const right = item.choices[item.answerIndex];
      return right === undefined || item.choices.length < 2 || appearsIn(prompt, canonicalAnswer(right));
    }
    case 'match':
      return item.pairs.length < 2;
    case 'truefalse':
      // The statement is the question; true or false is not written in it.
      return false;
  }
}

function cardsOf(item: QuizItem): string[] {
  return item.type === 'match' ? item.pairs.map((p) => p.cardId) : [item.cardId];
}

/**
 * The items a quiz with these options can draw from: in scope, of a wanted type, and not showing their
 * answer. @example candidates(deck.quiz, { scopes: [], types: ['typed'] }).length
 */
export function candidates(
  items: readonly QuizItem[],
  options: Pick<SelectionOptions, 'scopes' | 'types'>,
): QuizItem[] {
  const types = new Set(options.types);
  return items.filter(
    (item) =>
      (types.size === 0 || types.has(item.type)) && inScope(item, options.scopes) && !showsItsAnswer(item),
  );
}

/**
 * Picks the questions: each type's candidates are shuffled by the seed, then taken in turn (mcq, true/
 * false, typed, match, mcq, …) so the mix is as even as the deck allows; a type that runs out leaves its
 * turns to the others. A card is tested once while other cards are left, since two questions on one card
 * answer each other. The picked items are shuffled once more, so types do not come in a fixed rhythm.
 * @example selectItems(deck.quiz, { scopes: [], count: 20, types: [], seed: 'a' }) // same 20 items for seed 'a'
 */
export function selectItems(items: readonly QuizItem[], options: SelectionOptions): QuizItem[] {
  const random = seededRandom(`select:${options.seed}`);
  const pool = candidates(items, options);
  const order =
    options.types.length > 0 ? [...new Set(options.types)] : [...new Set(pool.map((i) => i.type))];
  order.sort();
  const queues = order.map((type) =>
    shuffled(
      pool.filter((item) => item.type === type),
      random,
    ),
  );
  const want = Math.max(0, Math.min(options.count, pool.length));
  const picked: QuizItem[] = [];
  const taken = new Set<string>();
  const usedCards = new Set<string>();
  // First round: only items on cards not yet tested. Second round: anything left.
  for (const fresh of [true, false]) {
    let progress = true;
    while (picked.length < want && progress) {
      progress = false;
      for (const queue of queues) {
        if (picked.length >= want) break;
        const index = queue.findIndex(
          (item) => !taken.has(item.id) && (!fresh || cardsOf(item).every((c) => !usedCards.has(c))),
        );
        const item = queue[index];
        if (item === undefined) continue;
        picked.push(item);
        taken.add(item.id);
        for (const card of cardsOf(item)) usedCards.add(card);
        progress = true;
      }
    }
  }
  return shuffled(picked, random);
}

/**
 * Questions from items: a matching item gets its right-hand sides in a seeded order.
 * @param seed the quiz seed; each item's order also depends on its id, so it is stable per item
 */
export function toQuestions(items: readonly QuizItem[], seed: string): Question[] {
  return items.map((item) => {
    if (item.type !== 'match') return { item };
    const indexes = item.pairs.map((_, i) => i);
    let order = shuffled(indexes, seededRandom(`match:${seed}:${item.id}`));
    // Never offer the sides in their own order: that pairing would need no knowledge.
    if (order.length > 1 && order.every((v, i) => v === i)) order = [...order.slice(1), order[0] ?? 0];
    return { item, rightOrder: order };
  });
}
