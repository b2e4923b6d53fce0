/**
 * A quiz as it is taken and stored: a fixed list of questions (copies of the deck's quiz items, so a
 * rebuilt deck never changes a quiz under way), the answers given so far, and where the student is.
 * Dates are `Date` in memory; the quiz store turns them into ISO strings on disk and back.
 */
import type { QuizItem, QuizType } from '../deck/types.ts';

/** Practice: feedback after every question. Exam: feedback only on the results page. */
export type QuizMode = 'practice' | 'exam';
export const QUIZ_MODES: readonly QuizMode[] = ['practice', 'exam'];

/** A part of the deck to draw questions from: a whole deck (`path` empty) or a section of its notes. */
export interface TopicScope {
  deck: string;
  /** Heading titles from the top, as in `Source.headingPath`; a prefix selects everything under it. */
  path: string[];
}

/** What the setup page asks for. */
export interface QuizSetup {
  /** Empty: the whole deck. */
  scopes: TopicScope[];
  count: number;
  types: QuizType[];
  /** Minutes for the whole quiz, or null for no limit. */
  timeLimitMinutes: number | null;
  mode: QuizMode;
}

/** One question: the item as it was when the quiz started. */
export interface Question {
  item: QuizItem;
  /**
   * Matching only: the order the right-hand sides are offered in, as indexes into `item.pairs`. Picks
   * are stored by offered position, so the form's values do not give the pairing away.
   */
  rightOrder?: number[];
}

/** An answer as submitted; `null` fields mean "left blank". */
export type GivenAnswer =
  | { type: 'mcq'; choice: number | null }
  | { type: 'truefalse'; value: boolean | null }
  | { type: 'typed'; text: string }
  /** For each left side, the offered position of the right side picked for it. */
  | { type: 'match'; picks: (number | null)[] };

/**
 * How an answer was judged. `near`: a typed answer one typo away from an accepted one; it counts as
 * wrong, and the student is told how close it was. `unanswered`: time ran out or the quiz was ended.
 */
export type Verdict = 'correct' | 'near' | 'wrong' | 'blank' | 'unanswered';

export interface Judgement {
  correct: boolean;
  verdict: Verdict;
  /** Typed answers: the accepted answer the given one matched or came closest to. */
  closest?: string;
  /** Matching: pairs right, of `item.pairs.length`. */
  pairsRight?: number;
  /** Cards the student showed not to know: the item's card, or for matching the cards paired wrongly. */
  missedCards: string[];
}

export interface AnswerRecord {
  /** null when the question was never answered (time out, quiz ended early). */
  given: GivenAnswer | null;
  judgement: Judgement;
  answeredAt: Date;
}

/** Why a quiz ended: every question answered, the time limit, or "end now". */
export type EndReason = 'completed' | 'timeout' | 'ended';

export interface Quiz {
  id: string;
  /** The seed the questions were picked and ordered with: the same deck, setup and seed give the same quiz. */
  seed: string;
  setup: QuizSetup;
  createdAt: Date;
  /** createdAt + the time limit, or null. The server refuses answers after it. */
  deadline: Date | null;
  questions: Question[];
  /** One slot per question; null until answered. */
  answers: (AnswerRecord | null)[];
  /**
   * The question on screen. In exam mode it moves on with each answer; in practice mode it stays on an
   * answered question (showing its feedback) until the student asks for the next one.
   */
  cursor: number;
  finishedAt: Date | null;
  endReason: EndReason | null;
  /** The quiz whose missed questions this one retries. */
  retryOf: string | null;
  /** Whether the cards of the questions answered wrong have been sent back to daily review. */
  lapsesRecorded: boolean;
}
