/**
 * The deck file: the contract between the build (notes → cards) and everything that reads cards
 * (review server, quizzes, Anki export). Text fields hold a small Markdown subset — plain text,
 * inline code and fenced code — never raw HTML: `src/render/card-html.ts` is the one place that turns
 * them into sanitized HTML, so `<none>` in a note stays text everywhere.
 */

export const DECK_FORMAT_VERSION = 2;

export const CARD_KINDS = [
  'concept',
  'command',
  'flag',
  'option',
  'instruction',
  'comparison',
  'cloze',
  'authored',
] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export const QUIZ_TYPES = ['mcq', 'truefalse', 'typed', 'match'] as const;
export type QuizType = (typeof QUIZ_TYPES)[number];

/** Language of a note's prose; chooses question templates and the default interface language. */
export type NoteLanguage = 'zh' | 'en';

/** Where a card comes from. `file` is relative to the notes folder, with `/` separators. */
export interface Source {
  file: string;
  /** Heading titles from the top-level heading down to the card's section (`Docker › 使用镜像 › 列出镜像`);
   * the deck name is not part of it. Empty for text before the first heading. */
  headingPath: string[];
  /** 1-based first and last line of the Markdown the card was taken from. */
  line: number;
  endLine: number;
}

export interface Card {
  /** Stable: hash of deck, kind and normalized key; never of position. */
  id: string;
  kind: CardKind;
  deck: string;
  /** What the card is about, normalized (the term, the command, `docker run -p`, `CMD|ENTRYPOINT`). */
  key: string;
  /** Question side. For `cloze` cards: the text with `{{c1::…}}` markers. */
  front: string;
  back: string;
  /** Longer explanation (the full paragraph the short answer was trimmed from); may be empty. */
  extra: string;
  source: Source;
  /** Front-matter tags, `kind::<kind>` and the topic path (`topic::Docker::使用镜像`; spaces as `_`). */
  tags: string[];
  /** The short answer a typed quiz accepts (command, flag, instruction), when the card has one. */
  answer?: string;
  /** Other accepted typed answers (`docker images` for `docker image ls`). */
  alternatives?: string[];
}

interface QuizItemBase {
  id: string;
  type: QuizType;
  /** The card the item tests; match items test several and list them in `pairs`. */
  cardId: string;
  deck: string;
  prompt: string;
  /** Shown after answering: why the answer is right. */
  explanation: string;
  source: Source;
  tags: string[];
}

export interface McqItem extends QuizItemBase {
  type: 'mcq';
  choices: string[];
  answerIndex: number;
}

export interface TrueFalseItem extends QuizItemBase {
  type: 'truefalse';
  answer: boolean;
}

export interface TypedItem extends QuizItemBase {
  type: 'typed';
  answer: string;
  alternatives: string[];
}

export interface MatchItem extends QuizItemBase {
  type: 'match';
  pairs: { left: string; right: string; cardId: string }[];
}

export type QuizItem = McqItem | TrueFalseItem | TypedItem | MatchItem;

/** One section of a note: a node of the topic tree. */
export interface Topic {
  /** Heading titles, as in `Source.headingPath`. */
  path: string[];
  line: number;
  endLine: number;
}

export interface DeckInfo {
  name: string;
  file: string;
  lang: NoteLanguage;
  tags: string[];
  topics: Topic[];
}

/** A problem in the notes that did not stop the build, positioned as `file:line:column`. */
export interface BuildWarning {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface Deck {
  version: typeof DECK_FORMAT_VERSION;
  decks: DeckInfo[];
  cards: Card[];
  quiz: QuizItem[];
  warnings: BuildWarning[];
}
