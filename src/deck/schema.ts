import { z } from 'zod';
import { DeckFormatError } from '../errors.ts';
import { CARD_KINDS, type Card, DECK_FORMAT_VERSION, type Deck } from './types.ts';

const source = z.object({
  file: z.string(),
  headingPath: z.array(z.string()),
  line: z.number().int().nonnegative(),
  endLine: z.number().int().nonnegative(),
});

const card = z.object({
  id: z.string().min(1),
  kind: z.enum(CARD_KINDS),
  deck: z.string(),
  key: z.string(),
  front: z.string().min(1),
  back: z.string().min(1),
  extra: z.string(),
  source,
  tags: z.array(z.string()),
  answer: z.string().optional(),
  alternatives: z.array(z.string()).optional(),
});

const quizBase = {
  id: z.string().min(1),
  cardId: z.string().min(1),
  deck: z.string(),
  prompt: z.string().min(1),
  explanation: z.string(),
  source,
  tags: z.array(z.string()),
};

const quizItem = z.discriminatedUnion('type', [
  z.object({
    ...quizBase,
    type: z.literal('mcq'),
    choices: z.array(z.string()).min(2),
    answerIndex: z.number().int(),
  }),
  z.object({ ...quizBase, type: z.literal('truefalse'), answer: z.boolean() }),
  z.object({
    ...quizBase,
    type: z.literal('typed'),
    answer: z.string().min(1),
    alternatives: z.array(z.string()),
  }),
  z.object({
    ...quizBase,
    type: z.literal('match'),
    pairs: z.array(z.object({ left: z.string(), right: z.string(), cardId: z.string() })).min(2),
  }),
]);

const topic = z.object({ path: z.array(z.string()), line: z.number().int(), endLine: z.number().int() });

export const deckSchema = z.object({
  version: z.literal(DECK_FORMAT_VERSION),
  decks: z.array(
    z.object({
      name: z.string(),
      file: z.string(),
      lang: z.enum(['zh', 'en']),
      tags: z.array(z.string()),
      topics: z.array(topic),
    }),
  ),
  cards: z.array(card),
  quiz: z.array(quizItem),
  warnings: z.array(
    z.object({ file: z.string(), line: z.number(), column: z.number(), message: z.string() }),
  ),
});

/** Format versions this deckhand reads; it writes the last. */
export const READABLE_VERSIONS: readonly number[] = [1, DECK_FORMAT_VERSION];

/**
 * Validates an unknown value (parsed JSON) as a deck.
 * @throws DeckFormatError naming the first problem and, for another version, both versions.
 */
export function parseDeck(value: unknown, where = 'deck file'): Deck {
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof value === 'object' && value !== null && !READABLE_VERSIONS.includes(version as number)) {
    throw new DeckFormatError(
      `${where} has format version ${String(version)}, this deckhand reads versions ${READABLE_VERSIONS.join(' and ')}: rebuild it with npm run build:deck`,
    );
  }
  // Version 1 spelled out every quiz item's card fields; read, it is the same deck as version 2.
  if (version === 1) (value as { version: number }).version = DECK_FORMAT_VERSION;
  const missingCard = fillQuizItems(value);
  if (missingCard) throw new DeckFormatError(`${where} is not a valid deck: ${missingCard}`);
  const result = deckSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DeckFormatError(
      `${where} is not a valid deck: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }
  return result.data as Deck;
}

/** What a quiz item's explanation is when the file leaves it out: its card's back and extra. */
export function defaultExplanation(card: Card): string {
  const back = card.back.trim();
  const extra = card.extra.trim();
  return back && extra ? `${back}\n\n${extra}` : back || extra;
}

/**
 * Puts back what the file leaves out of quiz items (see file.ts): the deck, source, tags and
 * explanation of the card each item tests. Works on the parsed JSON before validation; returns a
 * problem to report, or undefined.
 */
function fillQuizItems(value: unknown): string | undefined {
  const { cards, quiz } = value as { cards?: unknown; quiz?: unknown };
  if (!Array.isArray(cards) || !Array.isArray(quiz)) return undefined;
  const byId = new Map<unknown, Card>();
  for (const card of cards) if (typeof card === 'object' && card !== null) byId.set(card.id, card);
  for (const [i, item] of quiz.entries()) {
    if (typeof item !== 'object' || item === null) continue;
    if ('deck' in item && 'source' in item && 'tags' in item && 'explanation' in item) continue;
    const card = byId.get(item.cardId);
    if (card === undefined) return `quiz.${i} tests card ${String(item.cardId)}, which is not in the deck`;
    item.deck ??= card.deck;
    item.source ??= card.source;
    item.tags ??= card.tags;
    if (item.explanation === undefined && typeof card.back === 'string' && typeof card.extra === 'string')
      item.explanation = defaultExplanation(card);
  }
  return undefined;
}
