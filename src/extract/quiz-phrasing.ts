/**
 * How quiz items are worded, per note language: turning a card's question into a statement for a
 * true/false item, asking for a term from its description, and the instructions of matching items.
 * Card fronts are questions written by the extractors' templates (`什么是…？`, `… 的作用？`, `… 有什么作用？`,
 * `… 用哪个命令？`, `What does … do?`); these tables read those shapes back. A front they do not
 * recognize still gets a plain question-and-answer statement, never a broken sentence.
 */
import type { CardKind, NoteLanguage } from '../deck/types.ts';
import { asCode } from './quiz-text.ts';

/** How a question relates its subject to its answer; decides the statement's connective. */
type Relation = 'is' | 'purpose' | 'difference' | 'default';

interface Subject {
  subject: string;
  relation: Relation;
}

const QUESTION_END = /[\s？?]+$/;

/** Chinese question endings per relation, longest first (a plain suffix test: no backtracking regex). */
const ZH_ENDINGS: readonly (readonly [readonly string[], Relation])[] = (
  [
    [
      [
        '有什么区别',
        '的区别是什么',
        '区别是什么',
        '有何区别',
        '有什么不同',
        '有何不同',
        '的不同是什么',
        '不同在哪里',
        '不同在哪',
        '区别在哪里',
        '区别在哪',
      ],
      'difference',
    ],
    [
      ['的默认值', '默认值', '的默认', '默认'].flatMap((head) =>
        ['是多少', '是什么', '为多少', '是'].map((tail) => head + tail),
      ),
      'default',
    ],
    [
      [
        '有什么作用',
        '的作用是什么',
        '作用是什么',
        '有什么用处',
        '有什么用',
        '有何作用',
        '有啥用',
        '是做什么的',
        '是干什么的',
        '是用来做什么的',
        '用来做什么',
        '用来干什么',
        '做什么用',
        '的用途是什么',
        '用途是什么',
        '做什么',
        '干什么',
      ],
      'purpose',
    ],
    [
      [
        '是指什么',
        '指的是什么',
        '是什么意思',
        '什么意思',
        '的含义是什么',
        '含义是什么',
        '的意思是什么',
        '意思是什么',
        '表示什么',
        '是什么东西',
        '是什么',
      ],
      'is',
    ],
  ] as [string[], Relation][]
).map(([endings, relation]) => [[...endings].sort((a, b) => b.length - a.length), relation] as const);

const EN_RELATIONS: readonly [RegExp, Relation][] = [
  [/^(?:what(?:'s| is) the )?difference between (.+)$/i, 'difference'],
  [/^what(?:'s| is) the default(?: value)? (?:of|for) (.+)$/i, 'default'],
  [/^what does (.+?) do$/i, 'purpose'],
  [/^what(?:'s| is) the (?:purpose|use|role|job|effect) of (.+)$/i, 'purpose'],
  [/^what (?:is|are) (.+?) (?:used )?for$/i, 'purpose'],
  [/^what(?:'s| is| are) (.+)$/i, 'is'],
];

/** "什么是镜像 (Image)" and its like: the subject follows the question word. */
const ZH_WHAT_IS = /^(?:请问)?(?:什么是|什么叫|什么叫做|何为|何谓)(.+)$/;

/**
 * Any Chinese question word. A question without one is a noun phrase ("`-d` 参数的作用", "列出镜像的命令")
 * and becomes a statement by adding its answer after a colon.
 */
const ZH_QUESTION_WORD = /什么|哪|多少|几[个条层种次秒天位项]|怎么|怎样|如何|为何|为什么|是否|吗|谁|何/;

/** The interrogative a slot question asks with; the answer takes its place in the statement. */
const ZH_SLOT =
  /哪一?(?:个|条|种|些|项|位)|多少|几(?=[个条层种次秒天位项])|(?<=(?:叫|叫做|称为|称作|被称为))什么$|什么(?=命令|参数|指令|选项|标志|子命令|端口|文件|格式)/;
const EN_SLOT =
  /\b(?:which|what)\s+(command|flag|option|instruction|parameter|argument|subcommand|keyword|directive|port|file|format|tool)s?\b/i;

const ZH_SLOT_TAIL =
  /^(.*?)[，,、；;]?\s*(?:`[^`]+`\s*)?(?:的)?(?:应该|需要|要|可以|可|该)?(?:用|使用|加|添加|带|带上|执行|输入|运行|选|选择|指定|是)?\s*哪一?(?:个|条|种|项)\s*(?:命令|参数|指令|选项|标志|子命令)$/;
const ZH_SLOT_HEAD =
  /^(?:使用|用|通过)?(?:哪一?(?:个|条|种|项)|什么)\s*(?:命令|参数|指令|选项|标志|子命令)(?:可以|能够|能|用来|用于|会|来)?(.+)$/;
/** "列出镜像的命令": the description is what comes before the noun. */
const ZH_NOUN_TAIL = /^(.+?)的(?:命令|参数|指令|选项)$/;
/** "…，用什么命令删除" would need rewording; only a question word at the very end is cut cleanly. */
const ZH_WHAT_TAIL =
  /^(.+?)[，,]?\s*(?:应该|需要|要|可以|可)?(?:用|使用|通过)(?:什么|哪个|哪条)(?:命令|参数|指令|选项)$/;
const EN_SLOT_HEAD =
  /^(?:which|what)\s+(?:command|flag|option|instruction|parameter|argument|subcommand|keyword|directive)s?(?:\s+(?:of|for|in)\s+(?:`[^`]+`|\S+))?\s+(.+)$/i;
const EN_SLOT_VERB =
  /^(?:(?:do|does|should|can|would|will)\s+(?:you|i|we|one)\s+(?:use|run|type|pass|add|give)\s+(?:to\s+)?|(?:is|are)\s+used\s+to\s+)/i;

function capitalize(text: string): string {
  return text.replace(/^[a-z]/, (c) => c.toUpperCase());
}

/** Inserts `value` between two pieces of a sentence, with a space where code meets other text. */
function splice(before: string, value: string, after: string): string {
  const latinStart = /^[`\w-]/.test(value);
  const latinEnd = /[`\w]$/.test(value);
  const left = before && latinStart && !/\s$/.test(before) ? `${before} ` : before;
  const right = after && latinEnd && !/^[\s,.;:!?，。；：！？、）)]/.test(after) ? ` ${after}` : after;
  return `${left}${value}${right}`;
}

/** The subject a question asks about and how, when the question has a shape we know. */
export function questionSubject(front: string, lang: NoteLanguage): Subject | undefined {
  const question = front.trim().replace(QUESTION_END, '');
  const found = lang === 'zh' ? zhSubject(question) : enSubject(question);
  const subject = found?.subject.trim().replace(/^请问/, '').trim();
  // A subject must name something: at least two characters, not just punctuation.
  if (!found || !subject || subject.length < 2 || !/[\p{L}\p{N}]/u.test(subject)) return undefined;
  return { subject, relation: found.relation };
}

function zhSubject(question: string): Subject | undefined {
  const named = ZH_WHAT_IS.exec(question)?.[1];
  if (named) return { subject: named, relation: 'is' };
  for (const [endings, relation] of ZH_ENDINGS) {
    const ending = endings.find((e) => question.endsWith(e) && question.length > e.length);
    if (!ending) continue;
    let subject = question.slice(0, question.length - ending.length);
    if (relation === 'difference') subject = subject.replace(/之间$/, '');
    return { subject, relation };
  }
  return undefined;
}

function enSubject(question: string): Subject | undefined {
  for (const [pattern, relation] of EN_RELATIONS) {
    const subject = pattern.exec(question)?.[1];
    if (subject) return { subject, relation };
  }
  return undefined;
}

function relationStatement(found: Subject, value: string, lang: NoteLanguage): string {
  const { subject, relation } = found;
  if (lang === 'zh') {
    const owner = subject.replace(/的$/, '');
    if (relation === 'purpose') return `${owner}的作用：${value}`;
    if (relation === 'difference') return `${owner}的区别：${value}`;
    if (relation === 'default') return `${owner}的默认值：${value}`;
    return `${subject}：${value}`;
  }
  if (relation === 'difference') return `The difference between ${subject}: ${value}`;
  if (relation === 'default') return `The default of ${subject}: ${value}`;
  return `${capitalize(subject)}: ${value}`;
}

/**
 * A statement claiming that `value` answers the question `front`, in the card's language, for a
 * true/false item: "`docker run` 的 `--rm` 参数的作用：…", "列出镜像用 `docker image ls` 命令。".
 * True when `value` is the card's answer; false when it is a sibling card's.
 */
export function statementOf(front: string, value: string, lang: NoteLanguage): string {
  return statementFrame(front, lang)(value);
}

/**
 * {@link statementOf} for one question and many values: the question is read once.
 * @example statementFrame('列出镜像用哪个命令？', 'zh')('`docker image ls`') // '列出镜像用 `docker image ls` 命令。'
 */
export function statementFrame(front: string, lang: NoteLanguage): (value: string) => string {
  const trimmed = front.trim();
  const found = questionSubject(trimmed, lang);
  if (found) return (value) => relationStatement(found, value.trim(), lang);
  const isQuestion = /[？?]$/.test(trimmed);
  const question = trimmed.replace(QUESTION_END, '');
  if (lang === 'zh' && isQuestion && question && !ZH_QUESTION_WORD.test(question))
    return (value) => `${question}：${value.trim()}`;
  const slot = isQuestion ? (lang === 'zh' ? ZH_SLOT : EN_SLOT).exec(question) : null;
  if (slot) {
    const before = question.slice(0, slot.index);
    const after = question.slice(slot.index + slot[0].length);
    if (lang === 'zh') return (value) => `${splice(before, value.trim(), after)}。`;
    const noun = slot[1]?.toLowerCase() ?? '';
    return (value) => `${capitalize(splice(before, `the ${noun} ${value.trim()}`, after))}.`;
  }
  return lang === 'zh'
    ? (value) => `${trimmed}\n\n答：${value.trim()}`
    : (value) => `${trimmed}\n\nAnswer: ${value.trim()}`;
}

/**
 * What a "which command/flag …?" question describes, without the asking part: "列出本地已下载的镜像用哪个
 * 命令？" → "列出本地已下载的镜像". Used where a card's back is the term and its front the description.
 */
export function slotDescription(front: string, lang: NoteLanguage): string | undefined {
  const question = front.trim().replace(QUESTION_END, '');
  let description: string | undefined;
  if (lang === 'zh') {
    if (!ZH_QUESTION_WORD.test(question)) description = ZH_NOUN_TAIL.exec(question)?.[1];
    // Cheap guard first: the patterns below backtrack over the whole question.
    else if (question.includes('哪') || question.includes('什么'))
      description =
        ZH_SLOT_HEAD.exec(question)?.[1] ??
        ZH_WHAT_TAIL.exec(question)?.[1] ??
        ZH_SLOT_TAIL.exec(question)?.[1];
  } else {
    const rest = EN_SLOT_HEAD.exec(question)?.[1];
    description = rest?.replace(EN_SLOT_VERB, '');
  }
  const cleaned = description?.trim().replace(/[，,、；;：:]$/, '');
  return cleaned && cleaned.length >= 2 && /[\p{L}\p{N}]/u.test(cleaned) ? cleaned : undefined;
}

/** The question asking for a term from its description ("下面说的是 `docker run` 的哪个参数？"). */
export function reverseQuestion(kind: CardKind, parent: string, lang: NoteLanguage): string {
  const owner = parent ? asCode(parent) : '';
  if (lang === 'zh') {
    if (kind === 'flag') return owner ? `下面说的是 ${owner} 的哪个参数？` : '下面说的是哪个参数？';
    if (kind === 'option') return owner ? `下面说的是 ${owner} 的哪个选项？` : '下面说的是哪个选项？';
    if (kind === 'command') return '下面说的是哪个命令？';
    if (kind === 'instruction') return '下面说的是哪条指令？';
    return '下面说的是哪个术语？';
  }
  if (kind === 'flag')
    return owner ? `Which flag of ${owner} is described here?` : 'Which flag is described here?';
  if (kind === 'option')
    return owner ? `Which option of ${owner} is described here?` : 'Which option is described here?';
  if (kind === 'command') return 'Which command is described here?';
  if (kind === 'instruction') return 'Which instruction is described here?';
  return 'Which term is described here?';
}

/** The instruction of a matching item over cards of one kind. */
export function matchPrompt(kind: CardKind, parent: string, lang: NoteLanguage): string {
  const owner = parent ? asCode(parent) : '';
  if (lang === 'zh') {
    if (kind === 'flag') return owner ? `把 ${owner} 的参数与作用配对` : '把参数与作用配对';
    if (kind === 'option') return owner ? `把 ${owner} 的选项与含义配对` : '把选项与含义配对';
    if (kind === 'command') return '把命令与用途配对';
    if (kind === 'instruction') return '把指令与用途配对';
    if (kind === 'concept') return '把术语与定义配对';
    if (kind === 'comparison') return '把每一方与它的特点配对';
    return '把左右两栏配对';
  }
  if (kind === 'flag')
    return owner ? `Match each flag of ${owner} to what it does` : 'Match each flag to what it does';
  if (kind === 'option')
    return owner ? `Match each option of ${owner} to its meaning` : 'Match each option to its meaning';
  if (kind === 'command') return 'Match each command to what it does';
  if (kind === 'instruction') return 'Match each instruction to its purpose';
  if (kind === 'concept') return 'Match each term to its definition';
  if (kind === 'comparison') return 'Match each side to what sets it apart';
  return 'Match the pairs';
}

/** The instruction above a cloze sentence with one blank. */
export function clozePrompt(text: string, lang: NoteLanguage): string {
  return lang === 'zh' ? `填空：\n\n${text}` : `Fill in the blank:\n\n${text}`;
}
