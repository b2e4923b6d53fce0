/**
 * Cloze cards: a sentence that carries a key fact — a number, a limit, a version, a default, a state —
 * with the fact hidden as `{{c1::…}}` (one deletion per card), cut to the clauses around the fact.
 *
 * What counts as a fact is decided by wording, not by the numbers themselves: a number needs a unit
 * or classifier (`127层`, `前12位`, `30s`), a limit or default word (`不超过`, `至少`, `默认`,
 * `设置为`), or a version position (`1.12之后`, `17.05后开始支持`). Numbers that the section's
 * code also shows are example values, and sentences about "the example above" describe that
 * example: neither makes a card. Code comments, command output and image tags never do.
 *
 * Key: the section title and the words on both sides of the deletion (`RUN指定命令 › 现在是不超过…层`),
 * so a corrected answer (42 → 127) keeps the card's id, while two facts in one sentence stay apart.
 */
import type { Section } from '../notes/sections.ts';
import { type NoteSentence, noteSentences } from './concepts.ts';
import { readHeading, stripLeadIn } from './terms.ts';
import type { CardDraft, Extractor } from './types.ts';

/** How a cloze front names its topic when the sentence alone would not, by note language. */
const WORDING = {
  zh: { topic: (topic: string, text: string) => `${topic}：${text}` },
  en: { topic: (topic: string, text: string) => `${topic}: ${text}` },
} as const;

/** At most this many deletions (cards) from one sentence. */
const MAX_PER_SENTENCE = 3;
/** A sentence up to this long is kept whole; a longer one is cut to the clauses around its fact. */
const WHOLE_SENTENCE = 64;
const MAX_FRONT = 90;

const HAN = /\p{Script=Han}/u;

/** Units and classifiers right after a number that make it a quantity. */
const UNIT_AFTER =
  /^\s*(?:%|[kKMG]i?B\b|ms\b|s\b|m\b|h\b|d\b|秒|毫秒|分钟|小时|天|周|个月|年|层|个|位|次|条|行|字符|字节|倍|种|项|份|级|核|GB|MB|KB|seconds?\b|minutes?\b|hours?\b|days?\b|layers?\b|characters?\b|bytes?\b|times\b|retries\b)/;
/** Words before a number that make it a limit, default or setting. */
const FACT_BEFORE =
  /(?:默认(?:值)?(?:是|为)?|最大|最多|最少|至少|不超过|超过|不少于|不大于|不小于|以上|上限|限制(?:为|是)?|设置为|设为|改为|变为|返回值?|退出码|前|取|第|default(?:s)?(?: is| to)?|max(?:imum)?|min(?:imum)?|at least|at most|up to|limit(?:ed)? (?:to|of)|set to|exit code|port|权限)\s*$/i;
/** Words after a number that make it a limit or a coded value (`0为成功`, `3个字符以上`). */
const FACT_AFTER = /^\s*(?:为|是|表示|代表|以上|以下|以内|之内|means|is|for)/;
/** A version in time: `1.12之后`, `在17.05之前`, `since 1.13`. */
const VERSION_AFTER =
  /^\s*(?:之前|之后|以前|以后|前|后|版本|开始|起|版|and (?:later|earlier|above|newer|older)|\+)/;
const VERSION_BEFORE = /(?:在|从|自|于|since|before|after|until|version|v)\s*$/i;

/** A sentence about one example rather than a rule: its numbers are the example's. */
const ABOUT_EXAMPLE = /上面|下面|这里|此时|如图|上述|本例|这个例子|^这样|the example|above|below|here we/i;

/**
 * A sentence about the notes themselves, what their commands were written against (`Commands assume
 * Docker 20.10+`, `本文使用的Docker版本为20.10`): the reader's setup, not a fact about the subject.
 */
const ABOUT_THE_NOTES = new RegExp(
  [
    // `The examples were tested with Docker 24.0`: tested or written on a version or a platform.
    String.raw`\b(?:commands?|examples?|snippets?)\b[^.;]{0,40}?\b(?:tested|written|run) (?:on|with|against|under|for)\s+(?:docker|linux|ubuntu|debian|centos|macos|windows|version|v?\d)`,
    // `Commands assume Docker 20.10+` (plural: `the docker run command assumes…` is about Docker).
    String.raw`\b(?:commands|examples|snippets)\b[^.;]{0,40}?\bassume\b`,
    String.raw`\b(?:this (?:guide|sheet|cheat ?sheet|page|note|document|tutorial)|these notes)\b[^.;]{0,40}?\b(?:assumes?|(?:tested|written) (?:on|with|against|for))\b`,
    String.raw`(?:^|[，。；：,\s])(?:本文|本笔记|本教程)(?:中|所|使用|基于|采用|的)`,
    '以下(?:命令|示例|操作|内容)(?:均|都)?(?:基于|使用)',
  ].join('|'),
  'i',
);

/** Demonstratives that leave a sentence's subject to its section (`这个指令`, `该镜像`). */
const LEANS_ON_CONTEXT = /这个|这种|这些|这类|该|此|它|其|^(?:this|these|such)\b/i;

interface Deletion {
  start: number;
  end: number;
  /** Text the card hides (its back). */
  answer: string;
  /** The marker is written inside the inline code the value sits in. */
  inCode: boolean;
}

/** Spans of inline code in a text. */
function codeSpans(text: string): [number, number][] {
  return [...text.matchAll(/(`+)([\s\S]*?)\1/g)].map((m) => [m.index, m.index + m[0].length]);
}

function inSpan(spans: readonly [number, number][], at: number): boolean {
  return spans.some(([s, e]) => at >= s && at < e);
}

/**
 * Values a section's code blocks set (`--interval=5s`, `-p 8080:80`): prose that repeats them
 * describes the example (`每5秒检查一次`). Bare small numbers in code (`exit 1`, `Up 2 seconds`)
 * say nothing about the prose's `0为成功1是失败`, so only numbers with a unit or of two digits count.
 */
function codeNumbers(section: Section): Set<string> {
  const out = new Set<string>();
  for (const node of section.nodes) {
    if (node.type !== 'code') continue;
    for (const m of node.value.matchAll(/(?<![\w.])(\d+(?:\.\d+)?)(s|ms|m|h)?(?![\d.\w])/g)) {
      const value = m[1] ?? '';
      if (m[2] || value.length >= 2) out.add(value);
    }
  }
  return out;
}

const DIGIT = /\d/;

/** Numbers in a sentence that carry a fact. */
function numberDeletions(text: string, exampleValues: ReadonlySet<string>): Deletion[] {
  if (!DIGIT.test(text)) return [];
  const spans = codeSpans(text);
  const out: Deletion[] = [];
  const bare: Deletion[] = [];
  for (const m of text.matchAll(
    /(?<![\w.:/#-])(\d+(?:\.\d+)?)([a-zA-Z]{1,2}(?![a-zA-Z]))?(?![\d.:/-]?\d)/g,
  )) {
    const value = m[1] ?? '';
    const start = m.index;
    if (inSpan(spans, start) || exampleValues.has(value)) continue;
    const unit = m[2] ?? '';
    // `30s`: a Latin unit belongs to the value; `sha256`-like words never match (letters before).
    const answer = /^(?:s|ms|m|h|d|MB|GB|KB|kB|B)$/.test(unit) ? value + unit : value;
    if (unit && answer === value) continue;
    const end = start + answer.length;
    const before = text.slice(Math.max(0, start - 16), start);
    const after = text.slice(end, end + 16);
    const isVersion = /\./.test(value);
    let fact = false;
    if (isVersion) fact = VERSION_AFTER.test(after) || VERSION_BEFORE.test(before);
    else fact = UNIT_AFTER.test(after) || unit !== '' || FACT_BEFORE.test(before) || FACT_AFTER.test(after);
    const deletion = { start, end, answer, inCode: false };
    if (fact) out.push(deletion);
    else if (!isVersion && HAN.test(after.charAt(0))) bare.push(deletion);
  }
  // `0为成功1是失败，2保留`: a bare number listed beside coded ones is one of the codes.
  if (out.some((d) => FACT_AFTER.test(text.slice(d.end, d.end + 3))))
    for (const d of bare) if (d.answer.length <= 3) out.push(d);
  return out.sort((a, b) => a.start - b.start);
}

/** What comes right before a default or a state. (Global patterns, only ever used through `matchAll`.) */
const VALUE_LEADS: readonly RegExp[] = [
  /默认[^，。,；\s`]{0,4}?(?:是|为|就是)\s*/g,
  /默认(?:不允许|允许|使用|采用)非?\s*/g,
  /(?:初始|当前)?状态(?:就)?为\s*|变为\s*|变成了?\s*/g,
  /\bdefaults? (?:is|to)\s+|\bdefault [\w ]{1,30}? is\s+|\bby default,? (?:it )?(?:is|uses)\s+/gi,
];

/** A number or a range in inline code (`49000~49900`, `30s`). */
const CODE_NUMBER = /`(\d+(?:\.\d+)?(?:\s*[~～-]\s*\d+(?:\.\d+)?)?\s*[a-zA-Z%]{0,2})`/g;

/** Counts and ordinals in words. (Global patterns, only ever used through `matchAll`.) */
const COUNT_WORDS: readonly RegExp[] = [
  /(?:只|仅|最多|至少|不超过|只有|只能)(?:出现|能有|有|保留|运行)?((?:一|两|二|三|四|五|十)(?:次|条|层|种))/g,
  /(?:只有|是)(?:\S{0,12}的)?((?:第一|最后)(?:一)?(?:个|条|层))/g,
  /(?:建立|新建|构建|创建|生成)((?:一|1)层)/g,
  /(?:只可以|只能|最多(?:只)?(?:能|可以)?)[^，。,；\s]{0,4}?((?:一|两|二|三)(?:个|次|条|层|种))/g,
];

/** Defaults and states: `默认地址是Docker Hub`, `以lasest作为默认版本`, `初始状态为starting`. */
function valueDeletions(text: string): Deletion[] {
  const out: Deletion[] = [];
  const value = (start: number, raw: string): Deletion | null => {
    const code = /^(`+)([^`]+)\1/.exec(raw);
    if (code) {
      const inner = start + (code[1]?.length ?? 1);
      return { start: inner, end: inner + (code[2]?.length ?? 0), answer: code[2] ?? '', inCode: true };
    }
    const word = /^[A-Za-z][\w.-]*(?: [A-Z][\w.-]*)?/.exec(raw);
    if (word) return { start, end: start + word[0].length, answer: word[0], inCode: false };
    // `默认管理对象是项目，`: a short Chinese noun that ends the clause.
    const han = /^\p{Script=Han}{2,4}(?=[，。,；;])/u.exec(raw);
    if (han) return { start, end: start + han[0].length, answer: han[0], inCode: false };
    return null;
  };
  const hinted = /默认|状态|变为|变成|default/i.test(text);
  for (const re of hinted ? VALUE_LEADS : []) {
    for (const m of text.matchAll(re)) {
      const at = m.index + m[0].length;
      const d = value(at, text.slice(at));
      if (d && d.answer.length >= 2) out.push(d);
    }
  }
  // Each pattern below needs a word or a backtick that most sentences lack: test for that first.
  // `随机映射一个 `49000~49900` 的端口`: a number or range in code, where the words make it a setting.
  const inCode = text.includes('`') ? text.matchAll(CODE_NUMBER) : [];
  for (const m of inCode) {
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    if (
      FACT_BEFORE.test(before) ||
      /(?:默认|映射|范围|端口|设置为|为|是)\S{0,4}$/.test(before) ||
      UNIT_AFTER.test(after) ||
      /^\s*的?端口/.test(after)
    )
      out.push({ start: m.index + 1, end: m.index + m[0].length - 1, answer: m[1] ?? '', inCode: true });
  }
  // `以lasest作为默认版本`: the value comes before.
  const before = text.includes('作为默认') ? text.matchAll(/以\s*([`A-Za-z][^，。,；\s]*?)\s*作为默认/g) : [];
  for (const m of before) {
    const at = m.index + m[0].indexOf(m[1] ?? '');
    const d = value(at, m[1] ?? '');
    if (d) out.push(d);
  }
  // `默认情况下，仓库会被创建在容器的 `/var/lib/registry`目录下`: the code of the clause right after.
  const byDefault = text.includes('默认情况下') ? text.matchAll(/默认情况下[，,]?/g) : [];
  for (const m of byDefault) {
    const rest = text.slice(m.index + m[0].length);
    const clauseEnd = rest.search(/[。；;，,]/);
    const clause = clauseEnd < 0 ? rest : rest.slice(0, clauseEnd);
    const code = /`[^`]+`/.exec(clause);
    if (code) {
      const d = value(m.index + m[0].length + code.index, code[0]);
      if (d) out.push(d);
    }
  }
  // Counts and ordinals in words: `只出现一次`, `只有最后一个生效`, `每个指令都会建立一层`.
  const counted = /[一两二三四五十1]\s*(?:次|条|层|种|个)|第一|最后/.test(text);
  for (const re of counted ? COUNT_WORDS : []) {
    for (const m of text.matchAll(re)) {
      const word = m[1] ?? '';
      const start = m.index + m[0].length - word.length;
      out.push({ start, end: start + word.length, answer: word, inCode: false });
    }
  }
  return out;
}

/** Clause boundaries of a sentence, as offsets, never inside inline code. */
function clauseBounds(text: string): number[] {
  const spans = codeSpans(text);
  const cuts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const cut =
      '，；;'.includes(ch) || (ch === ',' && (HAN.test(text.charAt(i + 1)) || text.charAt(i + 1) === ' '));
    if (cut && !inSpan(spans, i)) cuts.push(i + 1);
  }
  cuts.push(text.length);
  return cuts;
}

/**
 * The clauses around a deletion: the one holding it, the one before when it is a short lead
 * (`默认情况下，`) or this one lacks its subject, and more after while the piece is short.
 */
function cut(text: string, d: Deletion): { text: string; offset: number } {
  if (text.length <= WHOLE_SENTENCE) return { text, offset: 0 };
  const bounds = clauseBounds(text);
  let k = bounds.findIndex((b, i) => d.start >= b && d.start < (bounds[i + 1] ?? text.length));
  if (k < 0) k = 0;
  let from = bounds[k] ?? 0;
  let to = bounds[k + 1] ?? text.length;
  const prev = bounds[k - 1];
  const dependent = /^\s*(?:并|且|而|则|但|也|就|所以|因此|从而|如果|用其)/.test(text.slice(from, to));
  if (prev !== undefined && (to - from < 16 || from - prev <= 10 || dependent)) from = prev;
  const short = (bounds[k + 1] ?? text.length) - (bounds[k] ?? 0) < 16;
  for (let next = k + 2; short && to - from < 40 && next < bounds.length; next++) {
    const end = bounds[next] ?? text.length;
    if (end - from > MAX_FRONT) break;
    to = end;
  }
  const piece = text.slice(from, to);
  const trimmed = piece.replace(/[，,；;\s]+$/, '');
  const lead = piece.length - piece.trimStart().length;
  return { text: trimmed.trim(), offset: from + lead };
}

/** What a section is about, to name on a card whose sentence leans on its section. */
function topicOf(section: Section): string | null {
  const shape = readHeading(section.title);
  if (shape.kind === 'keyword') return shape.keyword;
  if (shape.kind === 'term' || shape.kind === 'described') return shape.term.label;
  return null;
}

function keyOf(section: Section, text: string, d: Deletion): string {
  if (!HAN.test(text)) {
    // English: the two words on each side.
    const words = (t: string) => t.replace(/`/g, ' ').trim().split(/\s+/).filter(Boolean);
    const left = words(text.slice(0, d.start)).slice(-2).join(' ');
    const right = words(text.slice(d.end))
      .slice(0, 2)
      .join(' ')
      .replace(/[,.;:]+$/, '');
    return `${section.title} › ${left} … ${right}`;
  }
  const left = text
    .slice(Math.max(0, d.start - 6), d.start)
    .replace(/^.*[，,；;：:]/, '')
    .trim();
  const right = text
    .slice(d.end, d.end + 6)
    .replace(/[，,；;：:。].*$/, '')
    .trim();
  return `${section.title} › ${left}…${right}`;
}

function clozesOf(s: NoteSentence, examples: ReadonlySet<string>, lang: 'zh' | 'en'): CardDraft[] {
  const text = s.text;
  if (ABOUT_THE_NOTES.test(text)) return [];
  const deletions = [...numberDeletions(text, examples), ...valueDeletions(text)]
    .sort((a, b) => a.start - b.start)
    .filter((d, i, all) => i === 0 || d.start >= (all[i - 1]?.end ?? 0));
  const out: CardDraft[] = [];
  for (const d of deletions.slice(0, MAX_PER_SENTENCE)) {
    const piece = cut(text, d);
    if (ABOUT_EXAMPLE.test(piece.text)) continue;
    const local = { ...d, start: d.start - piece.offset, end: d.end - piece.offset };
    if (local.start < 0 || local.end > piece.text.length) continue;
    let front = `${piece.text.slice(0, local.start)}{{c1::${d.answer}}}${piece.text.slice(local.end)}`;
    front = stripLeadIn(front);
    const topic = topicOf(s.section);
    const mentions = topic ? front.toLowerCase().includes((topic.split(' ')[0] ?? '').toLowerCase()) : true;
    const named = /[A-Za-z]{2}|`/.test(piece.text);
    if (topic && !mentions && (LEANS_ON_CONTEXT.test(piece.text) || !named))
      front = WORDING[lang].topic(topic, front);
    out.push({
      kind: 'cloze',
      key: keyOf(s.section, text, d),
      front,
      back: d.inCode ? `\`${d.answer}\`` : d.answer,
      ...(piece.text !== text ? { extra: text } : {}),
      section: s.section,
      line: s.line,
      endLine: s.block.endLine,
    });
  }
  return out;
}

/**
 * Cloze cards from the prose of a note: one card per fact, the sentence cut to its fact's clauses,
 * the fact as `{{c1::…}}`. Two sentences of one topic that hide the same value make one card.
 */
export const extractClozes: Extractor = (note) => {
  const drafts: CardDraft[] = [];
  const examples = new Map<Section, Set<string>>();
  // Paths of the cards made so far, by what they hide.
  const seen = new Map<string, string[][]>();
  for (const s of noteSentences(note.sections)) {
    if (s.block.kind === 'comment' || /[？?]$/.test(s.text)) continue;
    // A block-quoted option list (`--interval=<间隔>：…默认为30s`) is the option cards' material.
    if (s.block.kind === 'quote' && /^[-`]/.test(s.block.text)) continue;
    let values = examples.get(s.section);
    if (!values) {
      values = codeNumbers(s.section);
      examples.set(s.section, values);
    }
    for (const draft of clozesOf(s, values, note.lang)) {
      // `在1.12前…` and `在1.12之后…`, or `17.05之前` and `17.05后开始支持` a section below: one fact.
      const path = draft.section.path;
      const within = (a: string[], b: string[]) => a.every((p, i) => b[i] === p);
      const paths = seen.get(draft.back);
      if (paths?.some((p) => within(p, path) || within(path, p))) continue;
      if (paths) paths.push(path);
      else seen.set(draft.back, [path]);
      drafts.push(draft);
    }
  }
  return drafts;
};
