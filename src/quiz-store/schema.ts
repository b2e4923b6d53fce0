/**
 * A quiz file on disk: `{ version, quiz }` with ISO date strings, validated with zod on the way in (a
 * file is input: a hand-edited or half-restored one must not crash the server). Pure.
 */
import { z } from 'zod';
import { deckSchema } from '../deck/schema.ts';
import { QUIZ_TYPES } from '../deck/types.ts';
import type { Quiz } from '../quiz/types.ts';

export const QUIZ_FILE_VERSION = 1;

/** A quiz as JSON.stringify writes it: dates become strings. */
export interface QuizFile {
  version: typeof QUIZ_FILE_VERSION;
  quiz: Quiz;
}

const isoDate = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
const count = z.int().nonnegative();

const scope = z.object({ deck: z.string(), path: z.array(z.string()) });

const given = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mcq'), choice: count.nullable() }),
  z.object({ type: z.literal('truefalse'), value: z.boolean().nullable() }),
  z.object({ type: z.literal('typed'), text: z.string() }),
  z.object({ type: z.literal('match'), picks: z.array(count.nullable()) }),
]);

const judgement = z.object({
  correct: z.boolean(),
  verdict: z.enum(['correct', 'near', 'wrong', 'blank', 'unanswered']),
  closest: z.string().exactOptional(),
  pairsRight: count.exactOptional(),
  missedCards: z.array(z.string()),
});

const quiz = z.object({
  id: z.string().min(1),
  seed: z.string(),
  setup: z.object({
    scopes: z.array(scope),
    count: count,
    types: z.array(z.enum(QUIZ_TYPES)),
    timeLimitMinutes: z.number().positive().nullable(),
    mode: z.enum(['practice', 'exam']),
  }),
  createdAt: isoDate,
  deadline: isoDate.nullable(),
  questions: z.array(
    z.object({ item: deckSchema.shape.quiz.element, rightOrder: z.array(count).exactOptional() }),
  ),
  answers: z.array(z.object({ given: given.nullable(), judgement, answeredAt: isoDate }).nullable()),
  cursor: count,
  finishedAt: isoDate.nullable(),
  endReason: z.enum(['completed', 'timeout', 'ended']).nullable(),
  retryOf: z.string().nullable(),
  lapsesRecorded: z.boolean(),
});

const quizFile = z.object({ version: z.literal(QUIZ_FILE_VERSION), quiz });

/**
 * A quiz from a parsed file, with its dates revived.
 * @throws Error naming the first problem, for a file that is not a quiz of this version
 */
export function parseQuizFile(value: unknown): Quiz {
  const result = quizFile.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`not a quiz file: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  const parsed = result.data.quiz as Quiz;
  if (parsed.answers.length !== parsed.questions.length) {
    throw new Error('not a quiz file: answers and questions differ in number');
  }
  return parsed;
}
