/**
 * What the quiz templates show, worked out from a quiz: the question on screen, the feedback on an
 * answer, the progress bar and timer, and the results. Item text is the deck's Markdown subset and is
 * rendered with `renderCardHtml` (sanitized), like card text; nothing here writes HTML by hand.
 */
import { CARD_KINDS, type CardKind, type QuizItem } from '../deck/types.ts';
import { lapsedCards } from '../quiz/follow-up.ts';
import { canonicalAnswer } from '../quiz/judge.ts';
import { type QuizScore, scoreQuiz, type Tally } from '../quiz/scoring.ts';
import { answeredCount, timeLeft } from '../quiz/session.ts';
import type { AnswerRecord, Question, Quiz, Verdict } from '../quiz/types.ts';
import { renderCardHtml } from '../render/card-html.ts';
import type { MessageKey, Translate } from './i18n.ts';

/** Letters naming the offered right-hand sides of a matching question. */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A code fence glued to text (`答：```shell`, as some true/false statements come): moved to its own line. */
const GLUED_FENCE = /([^\n`])[ \t]*(```+|~~~+)([\w-]*)[ \t]*\n/g;

function html(markdown: string): string {
  if (markdown.trim() === '') return '';
  return renderCardHtml(markdown.replace(GLUED_FENCE, '$1\n\n$2$3\n'));
}

/** Plain text of a short Markdown snippet, for `<option>` labels (which cannot hold markup). */
function plain(markdown: string, max = 80): string {
  const text = markdown
    .replace(/`+/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function place(item: QuizItem): string {
  const path = item.source.headingPath;
  return (path[0] === item.deck ? path : [item.deck, ...path]).join(' › ');
}

function offered(question: Question): number[] {
  return question.rightOrder ?? (question.item.type === 'match' ? question.item.pairs.map((_, i) => i) : []);
}

/** Duration as `m:ss` (or `h:mm:ss`). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The progress bar and, with a time limit, the countdown. */
export function progressView(quiz: Quiz, now: Date) {
  const left = timeLeft(quiz, now);
  return {
    quizId: quiz.id,
    answered: answeredCount(quiz),
    total: quiz.questions.length,
    mode: quiz.setup.mode,
    timer:
      left === null || quiz.deadline === null
        ? null
        : { deadline: quiz.deadline.toISOString(), now: now.toISOString(), left: formatClock(left) },
  };
}

/** A question to answer. */
export function questionView(quiz: Quiz, index: number, t: Translate) {
  const question = quiz.questions[index] as Question;
  const { item } = question;
  const base = {
    quizId: quiz.id,
    index,
    number: index + 1,
    total: quiz.questions.length,
    type: item.type,
    mode: quiz.setup.mode,
    place: place(item),
    promptHtml: html(item.prompt),
    rights: [] as { letter: string; value: string; html: string; label: string }[],
    lefts: [] as { name: string; html: string }[],
  };
  switch (item.type) {
    case 'mcq':
      return {
        ...base,
        choices: item.choices.map((choice, i) => ({
          name: 'choice',
          value: String(i),
          key: i < 9 ? String(i + 1) : '',
          html: html(choice),
        })),
      };
    case 'truefalse':
      return {
        ...base,
        choices: [
          { name: 'value', value: 'true', key: '1', html: t('quiz.true') },
          { name: 'value', value: 'false', key: '2', html: t('quiz.false') },
        ],
      };
    case 'typed':
      return { ...base, choices: [] };
    case 'match': {
      const order = offered(question);
      return {
        ...base,
        choices: [],
        rights: order.map((pair, position) => ({
          letter: LETTERS[position] ?? String(position + 1),
          value: String(position),
          html: html(item.pairs[pair]?.right ?? ''),
          label: plain(item.pairs[pair]?.right ?? ''),
        })),
        lefts: item.pairs.map((pair, i) => ({ name: `m${i}`, html: html(pair.left) })),
      };
    }
  }
}

const VERDICT_KEYS: Record<Verdict, MessageKey> = {
  correct: 'quiz.verdict.correct',
  near: 'quiz.verdict.near',
  wrong: 'quiz.verdict.wrong',
  blank: 'quiz.verdict.blank',
  unanswered: 'quiz.verdict.unanswered',
};

/** One matching pair as answered: the left side, the side picked for it, the right one. */
interface PairRow {
  leftHtml: string;
  givenHtml: string;
  rightHtml: string;
  ok: boolean;
}

/** An answered question: the verdict, the answer given, the right answer, the explanation. */
export function feedbackView(quiz: Quiz, index: number, t: Translate) {
  const question = quiz.questions[index] as Question;
  const record = quiz.answers[index] as AnswerRecord | null;
  const { item } = question;
  const judgement = record?.judgement;
  const given = record?.given ?? null;
  let givenHtml = '';
  let rightHtml = '';
  let pairs: PairRow[] = [];
  switch (item.type) {
    case 'mcq':
      rightHtml = html(item.choices[item.answerIndex] ?? '');
      if (given?.type === 'mcq' && given.choice !== null) givenHtml = html(item.choices[given.choice] ?? '');
      break;
    case 'truefalse':
      rightHtml = t(item.answer ? 'quiz.true' : 'quiz.false');
      if (given?.type === 'truefalse' && given.value !== null)
        givenHtml = t(given.value ? 'quiz.true' : 'quiz.false');
      break;
    case 'typed':
      rightHtml = html(`\`${item.answer.replace(/`/g, '')}\``);
      if (given?.type === 'typed' && given.text.trim() !== '')
        givenHtml = html(`\`${given.text.replace(/`/g, '')}\``);
      break;
    case 'match': {
      const order = offered(question);
      pairs = item.pairs.map((pair, i) => {
        const pick = given?.type === 'match' ? given.picks[i] : null;
        const pickedPair = pick === null || pick === undefined ? undefined : order[pick];
        return {
          leftHtml: html(pair.left),
          givenHtml: pickedPair === undefined ? '' : html(item.pairs[pickedPair]?.right ?? ''),
          rightHtml: html(pair.right),
          ok: pickedPair === i,
        };
      });
      break;
    }
  }
  const alternatives = item.type === 'typed' ? item.alternatives.map((a) => a.replace(/`/g, '')) : [];
  // Judged wrong although it matches an accepted answer up to case: a short flag's case (`-D` for `-d`).
  const flagCase =
    item.type === 'typed' &&
    given?.type === 'typed' &&
    judgement?.verdict === 'wrong' &&
    [item.answer, ...item.alternatives].some((a) => canonicalAnswer(a) === canonicalAnswer(given.text));
  return {
    quizId: quiz.id,
    index,
    number: index + 1,
    total: quiz.questions.length,
    isLast: index === quiz.questions.length - 1 || quiz.finishedAt !== null,
    type: item.type,
    place: place(item),
    cardId: item.cardId,
    promptHtml: html(item.prompt),
    correct: judgement?.correct ?? false,
    verdict: judgement?.verdict ?? 'unanswered',
    verdictText: t(VERDICT_KEYS[judgement?.verdict ?? 'unanswered']),
    nearTo: judgement?.verdict === 'near' ? (judgement.closest ?? '') : '',
    flagCase,
    pairsRight: judgement?.pairsRight ?? 0,
    givenHtml,
    rightHtml,
    alternatives,
    pairs,
    explanationHtml: html(item.explanation),
  };
}

export type FeedbackView = ReturnType<typeof feedbackView>;

function tallyRows(rows: readonly Tally[], label: (key: string) => string) {
  return rows.map((row) => ({
    label: label(row.key),
    correct: row.correct,
    total: row.total,
    percent: Math.round(row.share * 100),
  }));
}

/** The results page: score, breakdowns weakest first, time, and every question not answered right. */
export function resultsView(quiz: Quiz, now: Date, t: Translate) {
  const score: QuizScore = scoreQuiz(quiz, now);
  return {
    quizId: quiz.id,
    mode: quiz.setup.mode,
    endReason: quiz.endReason ?? 'completed',
    finishedAt: quiz.finishedAt ?? now,
    score,
    duration: formatClock(score.durationMs),
    byTopic: tallyRows(score.byTopic, (key) => key),
    byKind: tallyRows(score.byKind, (key) => (isCardKind(key) ? t(`kind.${key}`) : key)),
    byType: tallyRows(score.byType, (key) => t(`quiz.type.${key as QuizItem['type']}`)),
    wrong: score.missed.map((index) => feedbackView(quiz, index, t)),
    /** Cards sent back to daily review by this quiz. */
    lapsed: quiz.lapsesRecorded ? lapsedCards(quiz).length : 0,
    retryOf: quiz.retryOf,
  };
}

function isCardKind(key: string): key is CardKind {
  return (CARD_KINDS as readonly string[]).includes(key);
}
