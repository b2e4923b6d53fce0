/**
 * Judging answers. Typed answers are judged fairly: what differs only in case, spacing, full-width
 * or half-width characters (`：` `:`), quotes, backticks or a final full stop is the same answer, any
 * accepted alternative counts (`docker images` for `docker image ls`), Chinese compares without word
 * spaces, and one typo away is a near miss — still wrong, but shown as close.
 */
import type { QuizItem } from '../deck/types.ts';
import { normalizeText } from '../text/normalize.ts';
import type { GivenAnswer, Judgement, Question } from './types.ts';

/** Accepted answers shorter than this get no near miss: `-d` one typo away is `-p`, another flag. */
const MIN_NEAR_MISS_CHARS = 4;

const ENCLOSING_QUOTES = /^(["'])(.*)\1$/s;
const TRAILING_STOP = /[.,;!?]+$/;
/** Short flags, whose case is meaning (`-p` publishes given ports, `-P` all of them). */
const SHORT_FLAG = /(?<![\w-])-[A-Za-z0-9]+(?![\w-])/g;

/**
 * The form two typed answers are compared in: `normalizeText` (width, case, quotes, spaces, Chinese
 * word gaps), then without backticks, enclosing quotes and a final stop.
 * @example canonicalAnswer('「虚悬 镜像」。') // '虚悬镜像'
 */
export function canonicalAnswer(text: string): string {
  let out = normalizeText(text.replace(/`+/g, ''));
  out = out.replace(TRAILING_STOP, '').trim();
  const quoted = ENCLOSING_QUOTES.exec(out);
  if (quoted) out = (quoted[2] ?? '').trim();
  return out.replace(TRAILING_STOP, '').trim();
}

function shortFlags(text: string): string {
  return [...text.normalize('NFKC').matchAll(SHORT_FLAG)]
    .map((m) => m[0])
    .sort()
    .join(' ');
}

/**
 * Edit distance with adjacent swaps counted as one edit (optimal string alignment), over code points,
 * so one Chinese character is one edit. Stops early: any result above `max` is returned as `max + 1`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[y.length] ?? 0, max + 1);
}

/** The verdict on one typed answer, and the accepted answer it matched or came closest to. */
export interface TypedVerdict {
  verdict: 'correct' | 'near' | 'wrong' | 'blank';
  closest: string;
}

/**
 * Judges a typed answer against the item's answer and its accepted alternatives.
 * @example judgeTyped('Docker Images', 'docker image ls', ['docker images']) // { verdict: 'correct', closest: 'docker images' }
 * @example judgeTyped('docker imgae ls', 'docker image ls', []) // { verdict: 'near', closest: 'docker image ls' }
 */
export function judgeTyped(given: string, answer: string, alternatives: readonly string[]): TypedVerdict {
  const accepted = [answer, ...alternatives].filter((a) => a.trim() !== '');
  const mine = canonicalAnswer(given);
  if (mine === '') return { verdict: 'blank', closest: answer };
  const flags = shortFlags(given);
  for (const candidate of accepted) {
    if (canonicalAnswer(candidate) === mine) {
      // Same letters, but `-P` is not `-p`: a wrong flag, not a typo.
      if (shortFlags(candidate) === flags) return { verdict: 'correct', closest: candidate };
      return { verdict: 'wrong', closest: candidate };
    }
  }
  for (const candidate of accepted) {
    const theirs = canonicalAnswer(candidate);
    if ([...theirs].length >= MIN_NEAR_MISS_CHARS && editDistance(mine, theirs, 1) === 1) {
      return { verdict: 'near', closest: candidate };
    }
  }
  return { verdict: 'wrong', closest: answer };
}

function cardsOf(item: QuizItem): string[] {
  return item.type === 'match' ? [...new Set(item.pairs.map((p) => p.cardId))] : [item.cardId];
}

function verdictOf(correct: boolean, blank: boolean): Judgement['verdict'] {
  if (correct) return 'correct';
  return blank ? 'blank' : 'wrong';
}

/**
 * Judges an answer to a question. A blank answer, or one of another type than the question, is wrong.
 * `missedCards` lists the cards the answer showed the student does not know.
 */
export function judgeAnswer(question: Question, given: GivenAnswer): Judgement {
  const { item } = question;
  const missed = (correct: boolean) => (correct ? [] : cardsOf(item));
  if (item.type === 'mcq' && given.type === 'mcq') {
    const correct = given.choice === item.answerIndex;
    return { correct, verdict: verdictOf(correct, given.choice === null), missedCards: missed(correct) };
  }
  if (item.type === 'truefalse' && given.type === 'truefalse') {
    const correct = given.value === item.answer;
    return { correct, verdict: verdictOf(correct, given.value === null), missedCards: missed(correct) };
  }
  if (item.type === 'typed' && given.type === 'typed') {
    const { verdict, closest } = judgeTyped(given.text, item.answer, item.alternatives);
    const correct = verdict === 'correct';
    return { correct, verdict, closest, missedCards: missed(correct) };
  }
  if (item.type === 'match' && given.type === 'match') {
    const order = question.rightOrder ?? item.pairs.map((_, i) => i);
    const wrong = new Set<string>();
    let right = 0;
    item.pairs.forEach((pair, i) => {
      const pick = given.picks[i];
      if (pick !== null && pick !== undefined && order[pick] === i) right++;
      else wrong.add(pair.cardId);
    });
    const correct = right === item.pairs.length;
    const blank = given.picks.every((p) => p === null);
    return { correct, verdict: verdictOf(correct, blank), pairsRight: right, missedCards: [...wrong] };
  }
  return { correct: false, verdict: 'blank', missedCards: cardsOf(item) };
}

/** The judgement of a question nobody answered (time out, or the quiz was ended early). */
export function unanswered(question: Question): Judgement {
  const judgement: Judgement = { correct: false, verdict: 'unanswered', missedCards: cardsOf(question.item) };
  if (question.item.type === 'match') judgement.pairsRight = 0;
  return judgement;
}
