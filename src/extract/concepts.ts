/**
 * Concept cards: a term and what it is. Finds what a note defines — terms from noun-phrase headings
 * and from defining prose (`X是…`, `称…为X`, `X（English）`, `X：…` list items, `An X is a …`) —
 * scores every sentence of the note as a definition of each term, and asks "什么是X？" with the key
 * sentences as the answer and their paragraphs as `extra`. Comparison cards borrow a side's
 * definition from `findDefinitions`.
 */
import type { Section } from '../notes/sections.ts';
import {
  joinSentences,
  pickKeySentences,
  type ScoredSentence,
  type Sentence,
  sectionSentences,
  splitClauses,
  textBudget,
} from './sentences.ts';
import {
  findGlosses,
  findNamedTerms,
  isKeyword,
  makeTerm,
  normalizeTerm,
  readHeading,
  splitTerm,
  startsWithVerb,
  stripLeadIn,
  type Term,
  WORDS,
} from './terms.ts';
import type { CardDraft, Extractor } from './types.ts';

/** A sentence of the note with the section it sits in and its place in the whole note. */
export interface NoteSentence extends Sentence {
  section: Section;
  /** Position in the whole note, for note order across sections. */
  order: number;
}

/** A term the note defines, with its sentences scored as definitions of it. */
export interface Definition {
  term: Term;
  /** The section whose heading names the term, when one does. */
  home: Section | null;
  /** Best score of a defining pattern (not counting closeness to the home section). */
  evidence: number;
  scored: ScoredSentence[];
  /** How an English defining sentence named the term (`An image is …`), for the question's wording. */
  phrase: EnglishPhrase | null;
}

/** The term as an English definition says it: `An image is` → {article: 'an', form: 'image'}. */
export interface EnglishPhrase {
  article: string;
  form: string;
  plural: boolean;
}

/** How strongly a clause pattern defines the term that opens it. */
const SCORE = {
  copula: 10,
  naming: 9,
  item: 9,
  elided: 9,
  appositive: 8,
  simile: 8,
  count: 7,
  property: 7,
  namedAs: 6,
  weakCopula: 5,
  subject: 4,
  trait: 3,
  gloss: 4,
  mention: 1,
} as const;

/** Below this a prose term is not worth a card; a heading term needs a little less. */
const DISCOVERY_THRESHOLD = 7;
const HEADING_THRESHOLD = 6;

const COPULAS: [RegExp, number][] = [
  [
    /^\s*(?:就相当于是|相当于是|相当于|就是|也就是|即是|是指|指的是|可以理解为|可以看作是?|被认为是|被看作是?)/,
    SCORE.copula,
  ],
  [/^\s*(?:则是|仅仅是|只是|本身是|其实是|实际上是)/, SCORE.simile],
  [/^\s*(?:就像是|就像|好比)/, SCORE.simile],
  [/^\s*是(?!否|不是|有)/, SCORE.copula],
  [/^\s*(?:是有|也是|都是|还是)/, SCORE.weakCopula],
  [/^\s*(?:有|包含|分为|由)(?:两|三|四|几|多|\d+)(?:个|种|类|部分)/, SCORE.count],
  [/^\s*的(?:实质|本质|核心|定义|含义)(?:是|为|就是)/, SCORE.copula],
  [/^\s*的(?:实质|本质|生存周期|生命周期|含义)/, SCORE.property],
  [/^\s*的(?:核心|作用|用途|目的|特点|特性|原理)/, SCORE.trait],
  [
    /^(?:\s+(?:in|of|on|for|within)\s+[\w-]+)?\s+(?:is|are)\s+(?:simply\s+|just\s+|basically\s+)?(?:a|an|the|one|used|what|how|where|when|like)\b/i,
    SCORE.copula,
  ],
  [/^\s+(?:is|are)\b(?!\s+not\b)/i, SCORE.simile],
  [
    /^\s+(?:refers to|means|consists of|contains|lets you|allows|provides|stores|records|represents)\b/i,
    SCORE.count,
  ],
  [/^\s*[,，]\s*(?:a|an|the)\s+[a-z]/i, SCORE.weakCopula],
];

/** Generic words that open many sentences without being terms. */
const NOT_TERMS = new Set(
  [
    '格式',
    '注',
    '注意',
    '例如',
    '比如',
    '结果',
    '原因',
    '问题',
    '方法',
    '方式',
    '目的',
    '作用',
    '这',
    '那',
    '其',
    '它',
    '他',
    '我们',
    '用户',
    '内容',
    '命令',
    '指令',
    '参数',
    '选项',
    '默认',
    '区别',
    '不同',
    '好处',
    '缺点',
    '优点',
    '步骤',
    '输出',
    '说明',
    '提示',
    '以上',
    '以下',
    '上面',
    '下面',
    '这里',
    '这样',
    '那么',
    '所以',
    '因此',
    '正确的做法',
    '错误例子',
    '作者',
    '地址',
    '容易',
    '可以',
    '需要',
    '应该',
    '必须',
    '可能',
    '能够',
    '相同',
    '一样',
    '简单',
    '方便',
    '重要',
    '目前',
    '现在',
    '曾经',
    '之前',
    '之后',
    '以前',
    '以后',
    'it',
    'this',
    'that',
    'there',
    'which',
    'what',
    'these',
    'those',
    'they',
    'he',
    'she',
    'we',
    'you',
    'here',
    'one',
    'each',
    'example',
    'note',
    // Admonition labels (`> **Tip:** …`): they label a remark, they do not name a thing.
    'tip',
    'tips',
    'hint',
    'warning',
    'caution',
    'important',
    'notice',
    'attention',
    'info',
    'todo',
    '警告',
    '小贴士',
    '技巧',
    'result',
    'default',
    'the default',
    'output',
    'answer',
    'reason',
  ].map(normalizeTerm),
);

/** Openers that make a clause's head something other than a name: pronouns, conjunctions, prepositions. */
const NOT_A_NAME_START =
  /^(?:这|那|该|其|此|它|每|一个|一种|某|各|本|上述|如|若|当|在|对于|关于|如果|因为|由于|虽然|尽管|或|而|但|并|且|结合|除了|所以|于是|同时|甚至|以及|只有|只要|无论|不|也|都|还|就|又|才|即使|为了)/;
/** Adverbs that sit between a subject and 是 and weaken it (`镜像只是`, `容器也是`, `压缩包可以是`). */
const ADVERB_TAIL =
  /(?:只|也|都|就|则|还|又|才|便|即|却|不|仅仅|仅|其实|实际上|可以|一般|通常|总|全|均|并|甚至|已经|曾经|现在)$/;
/** A sentence about an example (`上面命令…`, `例如`), not about what a term is. */
const EXAMPLE =
  /例如|比如|如下|(?:上面|下面)(?:这|的例子|的命令|命令|的代码|的写法)|以下是|这里的?例子|for example|e\.g\.|the example (?:above|below)/i;
const HAN = /\p{Script=Han}/u;
/**
 * Chinese characters as a plain class, for the patterns built per term: `\p{Script=Han}` with the
 * `u` and `i` flags makes V8 compile a large Unicode table for every one of them.
 */
const HAN_CLASS = '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]';

/** Whether text is a plausible name for a term a card could ask about. */
function plausibleTerm(name: string): boolean {
  const t = name.trim();
  if (!t || NOT_TERMS.has(normalizeTerm(t))) return false;
  if (/[`<>[\]{}()（）"“”'=$/\\|]/.test(t) || /^[-\d]/.test(t)) return false;
  if (NOT_A_NAME_START.test(t) || startsWithVerb(t) || ADVERB_TAIL.test(t)) return false;
  if (HAN.test(t)) {
    const han = t.replace(/[^\p{Script=Han}]/gu, '');
    if (han.length < 2 || han.length > 10 || /[的和与及或，。、；：,;:]/.test(t)) return false;
  } else if (t.split(/\s+/).length > 3 || !/^[A-Za-z]/.test(t)) return false;
  if (isKeyword(t.split(/\s+/)[0] ?? '')) return false;
  const suffixes: readonly string[] = [...WORDS.zh.keywordSuffixes, ...WORDS.en.keywordSuffixes];
  return !suffixes.some((s) => t.endsWith(s));
}

/**
 * A Latin alias matches on word edges (Han around it makes `\b` useless), in either case, plural
 * too, and with or without the space inside a camel-cased name (`UnionFS` = `Union FS`).
 */
function aliasPattern(alias: string): RegExp {
  const quote = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (HAN.test(alias)) return new RegExp(quote(alias).replace(/\s+/g, '\\s*'), 'i');
  const body = alias
    .replace(/\s+/g, ' ')
    .split(/(?<=[a-z])(?=[A-Z])| /)
    .map(quote)
    .join('\\s?');
  return new RegExp(`(?<![A-Za-z0-9_-])${body}(?:e?s)?(?![A-Za-z0-9_-])`, 'i');
}

/**
 * One alias's patterns, compiled on first use and shared by every term and note that has the alias:
 * compiling a pattern costs more than running it a few times, and a vault names the same things again
 * and again. (The patterns have no `g` flag, so sharing them keeps no state between uses.)
 */
/** Matches nothing. */
const NEVER = /(?!)/;

class AliasPatterns {
  /** `quickFlat` of the alias. */
  readonly flat: string;
  /**
   * Whether a sentence whose `quickFlat` lacks `flat` can be passed over without running any of the
   * patterns. True when every character of the alias is ASCII or has no case: the patterns then match
   * ASCII letters in either case, other characters as they are, and white space only where the alias
   * has it or between its camel-case parts, so what they match, flattened, holds `flat`.
   */
  readonly plain: boolean;
  private readonly alias: string;
  private compiled: Partial<
    Record<'any' | 'lead' | 'closes' | 'namedAs' | 'appositive' | 'concept' | 'setting', RegExp>
  > = {};

  constructor(alias: string) {
    this.alias = alias;
    this.flat = quickFlat(alias);
    this.plain = [...alias].every((c) => c < '\u0080' || (c.toLowerCase() === c && c.toUpperCase() === c));
  }

  /** The alias anywhere. */
  get any(): RegExp {
    this.compiled.any ??= aliasPattern(this.alias);
    return this.compiled.any;
  }

  /** A clause that opens with the term: optional Latin qualifier (`docker镜像`), the alias, an optional gloss. */
  get lead(): RegExp {
    if (!this.compiled.lead) {
      // `docker镜像` is 镜像; `Compose 项目` (a space between) is a different thing.
      const qualifier = HAN.test(this.alias) ? '(?:[A-Za-z]+)?' : '(?:(?:an?|the)\\s+)?';
      this.compiled.lead = new RegExp(
        `^${qualifier}${this.any.source}(?:\\s*[A-Za-z][A-Za-z ]*?(?=[是的]))?(?:\\s*[（(][^）)]*[）)])?`,
        'i',
      );
    }
    return this.compiled.lead;
  }

  /** The term closes a clause (`这些镜像都是中间层镜像`). */
  get closes(): RegExp {
    this.compiled.closes ??= new RegExp(`${this.any.source}\\s*$`, 'i');
    return this.compiled.closes;
  }

  /** `将其设计为分层存储架构`. */
  get namedAs(): RegExp {
    this.compiled.namedAs ??= new RegExp(`(?:设计|定义)为\\s*${this.any.source}(?!\\s?[A-Za-z])`, 'i');
    return this.compiled.namedAs;
  }

  /**
   * A clause that only sets the term (`使用none模式`, `在host模式下`, `In host mode`), what follows
   * being how it behaves; or opens on what uses it (`使用host模式的容器…`). Only for a named thing:
   * `在后台模式下，…` or `在开发模式下，…` says what happens in some state, not what a term is.
   */
  get setting(): RegExp {
    if (!/[A-Za-z]/.test(this.alias)) return NEVER;
    this.compiled.setting ??= new RegExp(
      `^(?:(?:使用|采用|用|在)\\s*${this.any.source}\\s*(?:时|下|中|的时候)?|(?:in|with|using)\\s+(?:the\\s+)?${this.any.source})$|^(?:使用|采用)\\s*${this.any.source}\\s*的\\p{Script=Han}`,
      'iu',
    );
    return this.compiled.setting;
  }

  /** `一个公共仓库Docker Hub`. */
  get appositive(): RegExp {
    this.compiled.appositive ??= new RegExp(
      `(?:一个|一种)(?:(?![了的是在把将被从对和与])${HAN_CLASS}){1,4}\\s?${this.any.source}`,
      'i',
    );
    return this.compiled.appositive;
  }

  /** `这就引入了上下文概念`. */
  get concept(): RegExp {
    this.compiled.concept ??= new RegExp(`(?:引入了?|的)\\S{0,6}?${this.any.source}\\s*概念`, 'i');
    return this.compiled.concept;
  }
}

const ALIASES = new Map<string, AliasPatterns>();

function patternsOf(alias: string): AliasPatterns {
  let patterns = ALIASES.get(alias);
  if (!patterns) {
    if (ALIASES.size > 10_000) ALIASES.clear();
    patterns = new AliasPatterns(alias);
    ALIASES.set(alias, patterns);
  }
  return patterns;
}

interface Matcher {
  /** The term's aliases, longest first (the order their patterns are tried in). */
  aliases: AliasPatterns[];
  /** `quickFlat` of each alias: a cheap test before any pattern runs. */
  flat: string[];
  /** Normalized aliases, to compare with names found in prose. */
  names: Set<string>;
}

const MATCHERS = new Map<string, Matcher>();

/** A term's patterns, shared by every note that names the same term (a vault repeats its terms). */
function matcherFor(term: Term): Matcher {
  const id = term.aliases.join('\u0000');
  let matcher = MATCHERS.get(id);
  if (!matcher) {
    if (MATCHERS.size > 5000) MATCHERS.clear();
    const aliases = [...term.aliases].sort((a, b) => b.length - a.length).map(patternsOf);
    matcher = {
      aliases,
      flat: aliases.map((a) => a.flat),
      names: new Set(term.aliases.map(normalizeTerm)),
    };
    MATCHERS.set(id, matcher);
  }
  return matcher;
}

/** What a sentence says independent of any term, worked out once per sentence. */
interface Features {
  clauses: string[];
  /** Each clause without its opener (`实际上`, `而`). */
  opened: string[];
  named: Set<string>;
  glossed: Set<string>;
  item: string | null;
  example: boolean;
}

/**
 * Lower case without spaces or backticks: the cheap form the quick tests compare. (`normalizeTerm`
 * also folds width, which costs more than all the rest; the patterns that follow cope with width.)
 */
function quickFlat(text: string): string {
  return text.toLowerCase().replace(/[\s`]+/g, '');
}

/** Naming phrases (`被称为`, `called`), cheap to test before the real patterns run. */
const NAMING_HINT =
  /称为|称之为|称作|称[^，。,]{0,40}为|被成为|叫做|简称|called|known as|referred to|termed/i;

/**
 * What the definition search learns about a note's sentences, each worked out once and kept by the
 * sentence's place in the note (`order`): plain arrays, as every sentence is asked and a WeakMap
 * entry per sentence and fact costs more than the fact.
 */
class SentenceFacts {
  private readonly flats: (string | undefined)[] = [];
  private readonly subjects: (string | null | undefined)[] = [];
  private readonly clauses: (string[] | undefined)[] = [];
  private readonly features: (Features | undefined)[] = [];

  /** `quickFlat` of the sentence. */
  flatOf(sentence: NoteSentence): string {
    let flat = this.flats[sentence.order];
    if (flat === undefined) {
      flat = quickFlat(sentence.text);
      this.flats[sentence.order] = flat;
    }
    return flat;
  }

  /**
   * The term a sentence's first clause defines (`仓库名是两段式名称` → 仓库名), if any. A sentence
   * without a defining word anywhere cannot have one in its first clause.
   */
  subjectOf(sentence: NoteSentence): string | null {
    let subject = this.subjects[sentence.order];
    if (subject === undefined) {
      const first = DEFINING_HINT.test(sentence.text) ? (this.clausesOf(sentence)[0] ?? '') : '';
      subject = DEFINING_HINT.test(first) ? definedSubject(first) : null;
      this.subjects[sentence.order] = subject;
    }
    return subject;
  }

  clausesOf(sentence: NoteSentence): string[] {
    let clauses = this.clauses[sentence.order];
    if (!clauses) {
      clauses = splitClauses(sentence.text);
      this.clauses[sentence.order] = clauses;
    }
    return clauses;
  }

  /** The rest of what a sentence says, needed only for the sentences that name a term. */
  featuresOf(sentence: NoteSentence): Features {
    const cached = this.features[sentence.order];
    if (cached) return cached;
    const text = sentence.text;
    const clauses = this.clausesOf(sentence);
    // Backticks around a term (`` `数据卷` 是… ``) do not change what the clause says.
    const opened = clauses.map((c) => stripLeadIn(c.replace(/`([^`]*)`/g, '$1')));
    const item = definitionItem(sentence);
    const features: Features = {
      clauses,
      opened,
      named: new Set(NAMING_HINT.test(text) ? findNamedTerms(text).map((n) => normalizeTerm(n.name)) : []),
      glossed: new Set(/[（(]/.test(text) ? findGlosses(text).map((g) => normalizeTerm(g.zh)) : []),
      item: item ? normalizeTerm(item.head) : null,
      example: EXAMPLE.test(text),
    };
    this.features[sentence.order] = features;
    return features;
  }
}

/** Where a sentence sits relative to the term's home section. */
interface Place {
  home: Section | null;
  /** Position of the sentence among the home section's sentences; -1 outside it. */
  position: number;
  inSubtree: boolean;
}

/** Best defining pattern for a term (its matcher) in one sentence, and the English wording it used. */
function definingPattern(
  facts: SentenceFacts,
  sentence: NoteSentence,
  matcher: Matcher,
): { pattern: number; phrase: EnglishPhrase | null; glossed: boolean } {
  const text = sentence.text;
  // Aliases the sentence cannot hold are passed over: their patterns would not match, and most are never compiled.
  const flat = facts.flatOf(sentence);
  const aliases = matcher.aliases.filter((a) => !a.plain || flat.includes(a.flat));
  const mentions = aliases.some((a) => a.any.test(text));
  if (!mentions) return { pattern: 0, phrase: null, glossed: false };
  const f = facts.featuresOf(sentence);
  let pattern: number = SCORE.mention;
  let named = false;
  for (const n of f.named) if (matcher.names.has(n)) named = true;
  // A comment in a code block explains the command under it; only a naming phrase there defines a term.
  if (sentence.block.kind === 'comment')
    return { pattern: named ? SCORE.naming : 0, phrase: null, glossed: false };
  let phrase: EnglishPhrase | null = null;
  f.clauses.forEach((raw, i) => {
    const clause = f.opened[i] ?? raw;
    // Anchored patterns: a clause that does not open with the term fails at its first character.
    for (const alias of aliases) {
      const m = alias.lead.exec(clause);
      if (!m) continue;
      const rest = clause.slice(m[0].length);
      let best: number = SCORE.subject;
      for (const [re, score] of COPULAS) if (re.test(rest)) best = Math.max(best, score);
      // `是一个特殊的指令`: a keyword's definition belongs to the instruction cards.
      if (/^\s*是[^，。]{0,8}(?:指令|命令|参数|选项)/.test(rest)) best = SCORE.subject;
      if (best > pattern) {
        pattern = best;
        const article = /^(an?|the)\s/i.exec(m[0])?.[1]?.toLowerCase() ?? '';
        const form = m[0].slice(article.length).trim();
        phrase = HAN.test(form)
          ? null
          : { article, form, plural: /^(?:\s+(?:in|of|on|for|within)\s+[\w-]+)?\s+are\b/i.test(rest) };
      }
    }
    // `这些镜像都是中间层镜像，是其他镜像所依赖的镜像`: the term closes a clause, the next one defines it.
    const next = f.clauses[i + 1];
    if (next && /^\s*是/.test(next) && aliases.some((a) => a.closes.test(raw)))
      pattern = Math.max(pattern, SCORE.appositive);
    // `使用none模式，容器有自己的网络命名空间`: the clause sets the term, the next says what it does.
    if (i === 0 && aliases.some((a) => a.setting.test(clause.trim())) && (next || /的/.test(clause)))
      pattern = Math.max(pattern, SCORE.namedAs);
    // `将其设计为分层存储架构`: the clause calls something by the term.
    if (/(?:设计|定义)为/.test(raw) && aliases.some((a) => a.namedAs.test(raw)))
      pattern = Math.max(pattern, SCORE.namedAs);
  });
  if (named) pattern = Math.max(pattern, SCORE.naming);
  // `官方维护了一个公共仓库Docker Hub`: a category noun right before the name says what it is.
  if (/一个|一种/.test(text) && aliases.some((a) => a.appositive.test(text)))
    pattern = Math.max(pattern, SCORE.appositive);
  if (text.includes('概念') && aliases.some((a) => a.concept.test(text)))
    pattern = Math.max(pattern, SCORE.naming);
  let glossed = false;
  for (const g of f.glossed) if (matcher.names.has(g)) glossed = true;
  if (glossed) pattern = Math.max(pattern, SCORE.gloss);
  if (f.item && matcher.names.has(f.item)) pattern = Math.max(pattern, SCORE.item);
  if (f.example) pattern = Math.min(pattern, SCORE.weakCopula);
  return { pattern, phrase, glossed };
}

/** A `term：definition` item (list item or paragraph); not a syntax line (`shell格式：`RUN <命令>``). */
function definitionItem(sentence: Sentence): { head: string; definition: string } | null {
  const text = sentence.text;
  if (sentence.block.kind === 'comment' || (!text.includes('：') && !text.includes(':'))) return null;
  const m = /^([^：:]{2,24}?)[：:]\s*(.+)$/s.exec(text);
  if (!m) return null;
  const [, raw = '', definition = ''] = m;
  // `-it`：…, `ubuntu:16.04`：… are flag and argument lists; `服务 (`service`)`：… names a term.
  if (/^`/.test(raw.trim()) || (raw.includes('`') && !HAN.test(raw.replace(/`[^`]*`/g, '')))) return null;
  if (/^[`A-Z<[-]/.test(definition)) return null;
  const head = raw.replace(/`/g, '').trim();
  return { head: splitTerm(head)?.key ?? head, definition };
}

/** Ranks a sentence as part of a term's definition: its pattern, and closeness to the term's heading. */
function rank(facts: SentenceFacts, sentence: NoteSentence, pattern: number, place: Place): number {
  let score = pattern;
  const inHome = place.position >= 0;
  if (sentence.block.kind === 'comment' && pattern < SCORE.naming) return 0;
  // `仓库是集中存放镜像的地方`: a sentence that opens with its definition states it best.
  if (pattern >= SCORE.simile && facts.subjectOf(sentence) !== null) score += 1;
  // `是一个特殊文件系统…` right under `### 镜像Image`: the subject is the heading.
  if (inHome && place.position < 4 && /^是(?!否)/.test(sentence.text)) score = Math.max(score, SCORE.elided);
  if (inHome) score += Math.max(2, 6 - place.position);
  else if (place.inSubtree) score += 1;
  else if (place.home) score = score >= SCORE.simile ? score - 4 : 0;
  if (/[？?]$/.test(sentence.text)) score -= 5;
  if (sentence.text.length > 200) score -= 3;
  return score;
}

/**
 * Finds the sentences whose flattened text holds an alias, by one native `indexOf` scan of the whole
 * note per alias instead of a test per sentence. Each hit says whether the alias sits where a
 * defining pattern could use it (`strong`): near the start of a clause, after `一个`/`为`, before a
 * colon, a gloss or `概念`, or in a sentence with a naming phrase. A passing mention is not strong,
 * and a term's sentences away from its home section need a strong hit to be worth scoring.
 */
function occurrenceIndex(
  facts: SentenceFacts,
  sentences: readonly NoteSentence[],
): (flatAlias: string) => { sentence: NoteSentence; strong: boolean }[] {
  const starts: number[] = [];
  let text = '';
  for (const s of sentences) {
    starts.push(text.length);
    text += `${facts.flatOf(s)}\u0000`;
  }
  const naming = sentences.map((s) => NAMING_HINT.test(s.text));
  return (alias) => {
    const out: { sentence: NoteSentence; strong: boolean }[] = [];
    if (!alias) return out;
    let last = -1;
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? 0) <= at) lo = mid;
        else hi = mid - 1;
      }
      const before = text.slice(Math.max(starts[lo] ?? 0, at - 13), at);
      const after = text.slice(at + alias.length, at + alias.length + 10);
      const strong =
        (naming[lo] ?? false) ||
        at - (starts[lo] ?? 0) <= 12 ||
        /[，。；：,;:!?！？(（]/.test(before.slice(-13)) ||
        /(?:一个|一种|为)\S{0,4}$/.test(before) ||
        /^(?:[：:，,(（]|\S{0,6}概念)/.test(after);
      const previous = out.at(-1);
      if (lo !== last) {
        const s = sentences[lo];
        if (s) out.push({ sentence: s, strong });
        last = lo;
      } else if (previous && strong) previous.strong = true;
    }
    return out;
  };
}

const SENTENCES = new WeakMap<readonly Section[], NoteSentence[]>();
const BY_SECTION = new WeakMap<readonly NoteSentence[], Map<Section, NoteSentence[]>>();

/** A note's sentences grouped by their section (worked out once per note). */
export function bySection(sentences: readonly NoteSentence[]): Map<Section, NoteSentence[]> {
  let map = BY_SECTION.get(sentences);
  if (!map) {
    map = new Map();
    for (const s of sentences) {
      const list = map.get(s.section);
      if (list) list.push(s);
      else map.set(s.section, [s]);
    }
    BY_SECTION.set(sentences, map);
  }
  return map;
}
const DEFINITIONS = new WeakMap<readonly Section[], Definition[]>();

/** Every sentence of the note, in order (worked out once per note: the extractors share it). */
export function noteSentences(sections: readonly Section[]): NoteSentence[] {
  const cached = SENTENCES.get(sections);
  if (cached) return cached;
  const out: NoteSentence[] = [];
  SENTENCES.set(sections, out);
  for (const section of sections) {
    for (const s of sectionSentences(section))
      out.push({ text: s.text, block: s.block, index: out.length, line: s.line, section, order: out.length });
  }
  return out;
}

/**
 * Suffixes of a long Chinese term that its home section uses on their own, twice or more
 * (`镜像构建上下文` → `上下文`). Chinese words are mostly two characters, so a suffix starts at an
 * even offset.
 */
function shortForms(zh: string, prose: string): string[] {
  const out: string[] = [];
  const rest = prose.split(zh).join('\u0000');
  for (let start = 2; zh.length - start >= 3; start += 2) {
    const suffix = zh.slice(start);
    if (rest.split(suffix).length > 2) out.push(suffix);
  }
  return out;
}

interface Candidate {
  term: Term;
  home: Section | null;
  /** The heading itself gives both names (`镜像Image`): a term by the writer's own say-so. */
  paired: boolean;
}

function headingCandidates(sections: readonly Section[], sentences: readonly NoteSentence[]): Candidate[] {
  const out: Candidate[] = [];
  for (const section of sections) {
    if (!section.heading) continue;
    const shape = readHeading(section.title);
    let term: Term | null = null;
    if (shape.kind === 'term' || shape.kind === 'described') term = shape.term;
    if (!term || isKeyword(term.key)) continue;
    const paired = shape.kind === 'term' && term.zh !== undefined && term.en !== undefined;
    if (term.zh) {
      const prose = (bySection(sentences).get(section) ?? []).map((s) => s.text).join('\n');
      const extra = shortForms(term.zh, prose);
      if (extra.length) term = makeTerm(term.zh, term.en, extra);
    }
    // English headings name things in the plural (`Images`, `Registries`); prose defines the singular.
    if (!term.zh && term.en) {
      const singular = singularOf(term.en);
      if (singular !== term.en) term = makeTerm(undefined, term.en, [singular]);
    }
    out.push({ term, home: section, paired });
  }
  return out;
}

/** `images` → `image`, `registries` → `registry`, `branches` → `branch`; other words unchanged. */
function singularOf(words: string): string {
  if (words.length <= 3) return words;
  if (/ies$/i.test(words)) return words.replace(/ies$/i, 'y');
  if (/(?:ch|sh|x|ss)es$/i.test(words)) return words.replace(/es$/i, '');
  if (/[^su]s$/i.test(words)) return words.slice(0, -1);
  return words;
}

/** The subject of a clause that defines it (`仓库名是两段式名称` → 仓库名), if it is a plausible term. */
function definedSubject(clause: string): string | null {
  const c = stripLeadIn(clause.replace(/`([^`]*)`/g, '$1')).replace(/^(?:an?|the)\s+/i, '');
  const zh =
    /^([\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z0-9 _-]{0,16}?)(?:就相当于是|相当于|就是|是指|可以理解为|被认为是|是(?!否|有)|的(?:实质|本质|生存周期|生命周期)|有(?:两|三|几|多)个(?:用途|作用))/u.exec(
      c,
    );
  const en =
    /^([A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z][A-Za-z0-9-]*){0,2})\s+(?:is|are)\s+(?:a|an|the|one)\s/.exec(c);
  const name = (zh?.[1] ?? en?.[1] ?? '').trim();
  if (!name || (HAN.test(name) && !zh)) return null;
  return plausibleTerm(name) ? name : null;
}

/** Counts how often the note says a word (memoized: the same subjects come up again and again). */
function usageCounter(sentences: readonly NoteSentence[]): (word: string) => number {
  const titles = [...new Set(sentences.map((s) => s.section))].map((s) => s.title);
  const text = [...titles, ...sentences.map((s) => s.text)].join('\n').toLowerCase();
  const counts = new Map<string, number>();
  return (word) => {
    const w = word.toLowerCase();
    let n = counts.get(w);
    if (n === undefined) {
      n = 0;
      for (let at = text.indexOf(w); at >= 0 && n < 3; at = text.indexOf(w, at + w.length)) n++;
      counts.set(w, n);
    }
    return n;
  };
}

/** Words a defining clause needs, cheap to test before `definedSubject` runs. */
const DEFINING_HINT =
  /是|相当于|理解为|的实质|的本质|的生存周期|的生命周期|有(?:两|三|几|多)个|\b(?:is|are)\b/;

function proseCandidates(facts: SentenceFacts, sentences: readonly NoteSentence[]): Candidate[] {
  // The same subject comes up in many sentences: collect each name once, then make its term.
  const names = new Map<string, string[]>();
  const glossedItems = new Map<string, Term>();
  const uses = usageCounter(sentences);
  const add = (name: string, others: readonly string[] = []) => {
    const known = names.get(name);
    if (known) known.push(...others.filter((o) => !known.includes(o)));
    else names.set(name, [...others]);
  };
  const plausible = new Map<string, boolean>();
  const isPlausible = (name: string) => {
    let ok = plausible.get(name);
    if (ok === undefined) {
      ok = plausibleTerm(name);
      plausible.set(name, ok);
    }
    return ok;
  };
  for (const s of sentences) {
    if (NAMING_HINT.test(s.text))
      for (const named of findNamedTerms(s.text)) if (isPlausible(named.name)) add(named.name, named.others);
    if (s.block.kind === 'comment' || EXAMPLE.test(s.text)) continue;
    // A subject defined by `是` names a term when it opens the sentence and the note uses it again.
    const subject = facts.subjectOf(s);
    if (subject && uses(subject) >= 2) add(subject);
    const item = definitionItem(s);
    if (item && isPlausible(item.head)) {
      const glossed = splitTerm(s.text.slice(0, s.text.search(/[：:]/)).replace(/`/g, '').trim());
      if (glossed?.zh && glossed.en) glossedItems.set(glossed.key, glossed);
      else add(item.head);
    }
  }
  const out: Candidate[] = [];
  for (const [name, others] of names)
    out.push({ term: makeTerm(...zhEn(name), others), home: null, paired: false });
  for (const term of glossedItems.values()) out.push({ term, home: null, paired: false });
  return out;
}

/** A name as [zh, en]: `仓库Repository` → both, `镜像ID` → zh, `UnionFS` → en. */
function zhEn(name: string): [string | undefined, string | undefined] {
  const term = splitTerm(name);
  if (term) return [term.zh, term.en];
  return HAN.test(name) ? [name, undefined] : [undefined, name];
}

const NORMALIZED = new WeakMap<Term, string[]>();

function keysOf(term: Term): string[] {
  let keys = NORMALIZED.get(term);
  if (!keys) {
    keys = term.aliases.map(normalizeTerm);
    NORMALIZED.set(term, keys);
  }
  return keys;
}

function sameTerm(a: Term, b: Term): boolean {
  const ka = keysOf(a);
  const kb = keysOf(b);
  if (kb.some((x) => ka.includes(x))) return true;
  // `docker镜像` is the term 镜像 with the tool's name in front.
  return kb.some((nx) =>
    ka.some((ny) => HAN.test(ny) && nx.endsWith(ny) && /^[a-z]+$/.test(nx.slice(0, nx.length - ny.length))),
  );
}

function merge(into: Candidate, other: Candidate): Candidate {
  const zh = into.term.zh ?? other.term.zh;
  const en = into.term.en ?? other.term.en;
  const extra = [...into.term.aliases, ...other.term.aliases].filter((a) => a !== zh && a !== en);
  return {
    term: makeTerm(zh, en, extra),
    home: into.home ?? other.home,
    paired: into.paired || other.paired,
  };
}

function placeOf(
  sentence: NoteSentence,
  home: Section | null,
  homeSentences: readonly NoteSentence[],
): Place {
  const position = home ? homeSentences.indexOf(sentence) : -1;
  const inSubtree =
    home !== null &&
    sentence.section.path.length > home.path.length &&
    home.path.every((p, i) => sentence.section.path[i] === p);
  return { home, position, inSubtree };
}

/**
 * Everything the note defines, with every sentence scored as a definition of each term. Terms come
 * from noun-phrase headings (`镜像Image`, `虚悬镜像`, `Docker Hub`, `Dockerfile定制镜像`) and from
 * defining prose; English glosses (`虚悬镜像（dangling image）`) join the Chinese term. A term that
 * nothing defines is dropped: a heading is a term only when its prose says what it is.
 */
export function findDefinitions(sections: readonly Section[]): Definition[] {
  const cached = DEFINITIONS.get(sections);
  if (cached) return cached;
  const sentences = noteSentences(sections);
  const facts = new SentenceFacts();
  const candidates: Candidate[] = [];
  for (const c of [...headingCandidates(sections, sentences), ...proseCandidates(facts, sentences)]) {
    const at = candidates.findIndex((x) => sameTerm(x.term, c.term) || sameTerm(c.term, x.term));
    const existing = candidates[at];
    if (existing) candidates[at] = merge(existing, c);
    else candidates.push(c);
  }
  // Glosses give a Chinese term its English name.
  for (const s of sentences) {
    if (!/[（(]/.test(s.text)) continue;
    for (const gloss of findGlosses(s.text)) {
      const at = candidates.findIndex((c) =>
        c.term.aliases.some((a) => normalizeTerm(a) === normalizeTerm(gloss.zh)),
      );
      const found = candidates[at];
      if (found && !found.term.en)
        candidates[at] = merge(found, { term: makeTerm(gloss.zh, gloss.en), home: null, paired: false });
    }
  }
  const out: Definition[] = [];
  const find = occurrenceIndex(facts, sentences);
  for (const { term, home, paired } of candidates) {
    const matcher = matcherFor(term);
    const homeSentences = home ? (bySection(sentences).get(home) ?? []) : [];
    let evidence = 0;
    let phrase: EnglishPhrase | null = null;
    let scored: ScoredSentence[] = [];
    const unnamed = new Set<Sentence>();
    let definedElsewhere = false;
    // Only sentences that name the term, and the home section's, can define it.
    const relevant = new Set<NoteSentence>(homeSentences);
    for (const alias of matcher.flat)
      for (const hit of find(alias)) if (hit.strong) relevant.add(hit.sentence);
    for (const sentence of [...relevant].sort((a, b) => a.order - b.order)) {
      const place = placeOf(sentence, home, homeSentences);
      const elided = place.position >= 0 && place.position < 4 && /^是(?!否)/.test(sentence.text);
      const {
        pattern,
        phrase: p,
        glossed,
      } = elided
        ? { pattern: SCORE.elided, phrase: null, glossed: false }
        : definingPattern(facts, sentence, matcher);
      if (pattern === 0 && place.position < 0) continue;
      // `- \`docker ps -a\` — list all containers` under `## Containers`: an entry of a command list
      // says what its code does, not what the section's term is.
      if (
        pattern <= SCORE.mention &&
        sentence.block.kind === 'list-item' &&
        sentence.block.text.startsWith('`')
      )
        continue;
      const score = rank(facts, sentence, pattern, place);
      const counts =
        home === null || place.position >= 0 || place.inSubtree || pattern >= DISCOVERY_THRESHOLD;
      let evidenceHere = pattern;
      // A heading term glossed in its own subtree (`多阶段构建（multistage builds）`) is named there.
      if ((place.position >= 0 || place.inSubtree) && glossed)
        evidenceHere = Math.max(pattern, SCORE.namedAs);
      else if (place.inSubtree) evidenceHere = 0;
      if (place.position >= 0 && place.position < 4 && /^是(?!否)/.test(sentence.text))
        evidenceHere = SCORE.elided;
      if (counts && evidenceHere > evidence) {
        evidence = evidenceHere;
        if (p) phrase = p;
      }
      if (score > 0) scored.push({ sentence, score });
      if (place.position >= 0 && pattern === 0) unnamed.add(sentence);
      else if (place.position < 0 && !place.inSubtree && pattern >= SCORE.item) definedElsewhere = true;
    }
    // `## Registry` over `Log in with docker login before you push`, while the glossary says
    // `Registry: a server that stores images`: the section is about using the thing, the entry says
    // what it is, and sentences that do not even name the term must not outrank it.
    if (definedElsewhere) scored = scored.filter((s) => !unnamed.has(s.sentence));
    const enough = home ? evidence >= HEADING_THRESHOLD || paired : evidence >= DISCOVERY_THRESHOLD;
    if (enough && scored.length > 0) out.push({ term, home, evidence, scored, phrase });
  }
  DEFINITIONS.set(sections, out);
  return out;
}

/** Question templates, by note language. */
const WORDING = {
  zh: { what: (label: string) => `什么是${label}？` },
  en: {
    what: (label: string, article: string, plural: boolean) =>
      `What ${plural ? 'are' : 'is'} ${article && !plural ? `${article} ` : ''}${label}?`,
  },
} as const;

/**
 * "What is an image?": the term as its defining sentence says it, lower-cased when the note writes it
 * in lower case elsewhere (`Volumes are…` opens a sentence; `volumes` is the word).
 */
function englishQuestion(def: Definition, all: readonly NoteSentence[]): string {
  const phrase = def.phrase;
  let label = phrase?.form ?? def.term.en ?? def.term.label;
  const lower = label.charAt(0).toLowerCase() + label.slice(1);
  if (
    lower !== label &&
    /^[A-Z][a-z]/.test(label) &&
    all.some((s) => new RegExp(`(?<![\\w-])${lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(s.text))
  )
    label = lower;
  const article = phrase?.article ?? '';
  return WORDING.en.what(label, article, phrase?.plural ?? false);
}

/** Sentences that lean on the one before them (`这类无标签镜像…`) bring it along. */
function withContext(picked: readonly NoteSentence[], all: readonly NoteSentence[]): NoteSentence[] {
  const out: NoteSentence[] = [];
  for (const s of picked) {
    const before = all[s.order - 1];
    const introduced = picked.some((p) => p.section === s.section && p.order < s.order);
    if (
      /^(?:这|该|此|它|其|These|This|It)\S/u.test(s.text) &&
      before &&
      before.block === s.block &&
      !introduced
    ) {
      if (!out.includes(before) && !picked.includes(before)) out.push(before);
    }
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/**
 * Concept cards: "什么是镜像 (Image)？" → the key sentences that define the term (the defining one
 * first), the paragraphs they come from as `extra`. Key: the term (Chinese form when there is one).
 */
export const extractConcepts: Extractor = (note) => {
  const all = noteSentences(note.sections);
  const drafts: CardDraft[] = [];
  for (const def of findDefinitions(note.sections)) {
    const picked = pickKeySentences(def.scored) as NoteSentence[];
    const first = picked[0];
    if (!first) continue;
    const sentences = withContext(picked, all);
    // A `term：definition` list item is one definition: keep it whole when it is short.
    const item =
      first.block.kind === 'list-item' ? definitionItem({ ...first, text: first.block.text }) : null;
    const back =
      item && sentences.length === 1 && item.definition.length <= textBudget(item.definition)
        ? joinSentences([item.definition])
        : joinSentences(sentences.map((s) => definitionItem(s)?.definition ?? s.text));
    const blocks = [...new Set(sentences.map((s) => s.block))];
    const extra = blocks.map((b) => b.text).join('\n\n');
    const section = def.home ?? first.section;
    const label = note.lang === 'zh' ? def.term.label : (def.term.en ?? def.term.label);
    const front = note.lang === 'zh' ? WORDING.zh.what(label) : englishQuestion(def, all);
    const lines = sentences.map((s) => s.line);
    drafts.push({
      kind: 'concept',
      key: def.term.key,
      front,
      back,
      ...(extra !== back ? { extra } : {}),
      section,
      line: def.home ? def.home.line : Math.min(...lines),
      endLine: def.home ? def.home.contentEndLine : Math.max(...blocks.map((b) => b.endLine)),
    });
  }
  return drafts;
};
