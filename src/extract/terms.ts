/**
 * Terms: how a heading or a phrase names a thing. Splits mixed headings (`镜像Image` → 镜像 + Image,
 * `镜像构建上下文（Context）`), cuts a description off a keyword (`COPY复制文件` → COPY), tells
 * action and meta headings (`获取镜像`, `指令详解`) from term headings, and finds terms that prose
 * names (`被称为X`, `X（dangling image）`). Closed word lists live in the `WORDS` table below, one row
 * per language, so another language can sit beside them.
 */

/** A named thing, in Chinese and/or English. */
export interface Term {
  zh?: string;
  en?: string;
  /** What the card key is: the Chinese form if there is one, else the English. */
  key: string;
  /** How a question names it: `镜像 (Image)`. */
  label: string;
  /** Forms to look for in prose (exact text; matched after `normalizeTerm`). */
  aliases: string[];
}

/** What a heading is about, judged from its wording alone. */
export type HeadingShape =
  | { kind: 'term'; term: Term }
  /** A term followed by a description: `Dockerfile定制镜像`. */
  | { kind: 'described'; term: Term; description: string }
  /** A keyword of a closed vocabulary with a description (`COPY复制文件`, `attch命令`): others' cards. */
  | { kind: 'keyword'; keyword: string; description: string }
  /** `X和Y`, `X vs Y`; `explicit` when the wording itself says they are compared (`vs`, `X和Y的区别`). */
  | { kind: 'comparison'; sides: [string, string]; explicit: boolean }
  /** Does something (`获取镜像`, `Installing Git`). */
  | { kind: 'action' }
  /** About the text itself, not a thing (`指令详解`, `其他Docker build用法`, `场景一：…`). */
  | { kind: 'meta' }
  | { kind: 'phrase' };

/**
 * Closed word lists. `actionStarts`: verbs and prepositions that open a heading about doing something.
 * `metaWords`: heading words that label the text rather than a thing. `keywordSuffixes`: what marks
 * a keyword heading (`attch命令`). `kindNouns`: what a name followed by them is one kind of, so that
 * `host模式` names a thing of its own. `leadIns`: sentence openers to skip before a subject.
 */
export const WORDS = {
  zh: {
    actionStarts: [
      '获取',
      '列出',
      '删除',
      '运行',
      '启动',
      '停止',
      '终止',
      '进入',
      '导出',
      '导入',
      '推送',
      '上传',
      '下载',
      '搜索',
      '安装',
      '配置',
      '使用',
      '利用',
      '用',
      '从',
      '在',
      '对',
      '给',
      '把',
      '将',
      '新建',
      '创建',
      '构建',
      '定制',
      '查看',
      '显示',
      '指定',
      '设置',
      '添加',
      '修改',
      '更新',
      '清理',
      '移除',
      '保存',
      '加载',
      '复制',
      '编写',
      '编辑',
      '执行',
      '访问',
      '管理',
      '部署',
      '理解',
      '直接',
      '只',
      '全部',
      '分割',
      '检查',
      '映射',
      '挂载',
      '登录',
      '退出',
      '重启',
      '暂停',
      '连接',
      '生成',
      '制作',
      '提交',
      '发布',
      '拉取',
      '打包',
      '读取',
      '写入',
      '如何',
      '怎么',
      '怎样',
      '为什么',
      '通过',
      '基于',
      '实现',
      '处理',
      '解决',
      '比较',
      '对比',
      '操作',
    ],
    metaWords: [
      '用法',
      '详解',
      '原理',
      '注意事项',
      '方式',
      '简介',
      '介绍',
      '总结',
      '小结',
      '概述',
      '示例',
      '例子',
      '练习',
      '参考',
      '其他',
      '其它',
      '场景',
      '问题',
      '基本概念',
      '前言',
      '附录',
      '说明',
    ],
    keywordSuffixes: ['命令', '指令', '参数', '选项', '子命令'],
    kindNouns: ['模式', '网络', '驱动', '格式', '类型', '机制', '协议', '策略'],
    leadIns: [
      '简单来说',
      '严格来说',
      '一般来说',
      '实际上',
      '事实上',
      '其实',
      '通常',
      '一般',
      '而且',
      '而',
      '但是',
      '但',
      '所以',
      '因此',
      '另外',
      '此外',
      '总之',
      '注意：',
      '注：',
      '注:',
      '那么',
      '也就是说',
      '换句话说',
      '首先',
      '其次',
      '最后',
      '同时',
      '当然',
      '不过',
    ],
  },
  en: {
    actionStarts: [
      'get',
      'list',
      'remove',
      'delete',
      'run',
      'start',
      'stop',
      'build',
      'install',
      'use',
      'using',
      'create',
      'push',
      'pull',
      'add',
      'set',
      'configure',
      'how',
      'why',
      'when',
      'working',
      'manage',
      'inspect',
      'write',
      'copy',
      'save',
      'load',
      'export',
      'import',
      'enter',
      'exit',
      'check',
      'update',
      'clean',
      'undo',
      'fix',
    ],
    metaWords: [
      'overview',
      'introduction',
      'summary',
      'examples',
      'example',
      'notes',
      'references',
      'faq',
      'tips',
      'see also',
      'other',
      'misc',
      'basics',
      'concepts',
      'usage',
      'contents',
      'appendix',
    ],
    keywordSuffixes: ['command', 'instruction', 'flag', 'option', 'subcommand'],
    kindNouns: [],
    leadIns: ['in short', 'simply put', 'basically', 'note', 'so', 'thus', 'however', 'but', 'and'],
  },
} as const;

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /^\p{Script=Han}+$/u;
const LATIN_TERM = /^[A-Za-z][A-Za-z0-9 ._/+-]*$/;

/** Term text as compared: width and case folded, spaces dropped (`Union FS` = `UnionFS`). */
export function normalizeTerm(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s`]+/g, '');
}

/** Builds a term from its forms. */
export function makeTerm(
  zh: string | undefined,
  en: string | undefined,
  extra: readonly string[] = [],
): Term {
  const z = zh?.trim() || undefined;
  const e = en?.trim() || undefined;
  const key = z ?? e ?? '';
  const label = z && e ? `${z} (${e})` : key;
  const aliases = [...new Set([z, e, ...extra].filter((a): a is string => !!a && a.length > 0))];
  return { ...(z ? { zh: z } : {}), ...(e ? { en: e } : {}), key, label, aliases };
}

function isLatinTerm(text: string): boolean {
  return LATIN_TERM.test(text) && text.split(/\s+/).length <= 4 && /[A-Za-z]{2}/.test(text);
}

/** An instruction-like keyword: all capitals (`COPY`, `ENTRYPOINT`, `HEALTHYCHECK`). */
export function isKeyword(text: string): boolean {
  return /^[A-Z][A-Z_]{1,}$/.test(text);
}

function startsWithAny(text: string, words: readonly string[]): boolean {
  return words.some((w) => text.startsWith(w));
}

/** Strips list numbering (`1.`, `一、`, `第一章`) and a trailing colon from a heading. */
function cleanHeading(title: string): string {
  return title
    .replace(
      /^\s*(?:\d+(?:\.\d+)*[.、)）]?|[一二三四五六七八九十]+[、.]|第[一二三四五六七八九十\d]+[章节部分]?)\s*/,
      '',
    )
    .replace(/[：:]\s*$/, '')
    .trim();
}

const COMPARISON_HEADING = /^(.{1,30}?)\s*(?:和|与|跟|对比|\bvs\.?|\bversus|\bVS\.?)\s*(.{1,30})$/;
/** A heading tail that names the comparison itself (`X和Y的区别`, `X vs Y: differences`): not part of a side. */
const COMPARISON_TAIL =
  /\s*(?:(?:之间)?的?(?:区别|不同|差异|异同|对比|比较)|[:：-]?\s*(?:the\s+)?(?:differences?|compared|comparison))\s*$/i;
/** Joining words that compare by themselves; `和` / `and` may just list two related things. */
const COMPARING_JOIN = /对比|\bvs\.?\b|\bversus\b|\bVS\.?/;

/** The Chinese action words by their first character: a text can only start with those sharing its own. */
const ZH_ACTION_STARTS = new Map<string, string[]>();
for (const word of WORDS.zh.actionStarts) {
  const list = ZH_ACTION_STARTS.get(word.charAt(0)) ?? [];
  list.push(word);
  ZH_ACTION_STARTS.set(word.charAt(0), list);
}

function isActionStart(text: string): boolean {
  const first = text.charAt(0);
  if (HAN.test(first)) return startsWithAny(text, ZH_ACTION_STARTS.get(first) ?? []);
  const word = (text.split(/\s+/)[0] ?? '').toLowerCase();
  return (WORDS.en.actionStarts as readonly string[]).includes(word) || /^[a-z]{3,}ing$/.test(word);
}

function isMeta(text: string): boolean {
  if (/^[^：:]{1,8}[：:]/.test(text)) return true;
  if (WORDS.zh.metaWords.some((w) => text.startsWith(w) || text.endsWith(w))) return true;
  const lower = text.toLowerCase();
  return WORDS.en.metaWords.some((w) => lower === w || lower.endsWith(` ${w}`) || lower.startsWith(`${w} `));
}

/**
 * Splits a name that mixes Chinese and English: `镜像Image` → {zh 镜像, en Image},
 * `镜像构建上下文（Context）` → {zh 镜像构建上下文, en Context}, `UnionFS` → {en UnionFS}.
 * Returns null when the text is not a plain name (a verb phrase, a description after a keyword).
 */
export function splitTerm(text: string): Term | null {
  const t = text.trim();
  const paren = /^(.+?)\s*[（(]\s*([^()（）]+?)\s*[)）]$/.exec(t);
  if (paren) {
    const [, head = '', gloss = ''] = paren;
    if (HAN_RUN.test(head) && isLatinTerm(gloss)) return makeTerm(head, gloss);
    if (isLatinTerm(head) && HAN_RUN.test(gloss)) return makeTerm(gloss, head);
    return null;
  }
  if (HAN_RUN.test(t)) return makeTerm(t, undefined);
  if (isLatinTerm(t)) return makeTerm(undefined, t);
  const hanThenLatin = /^(\p{Script=Han}+)\s*([A-Za-z][A-Za-z0-9 ._/+-]*)$/u.exec(t);
  if (hanThenLatin) {
    const [, zh = '', en = ''] = hanThenLatin;
    // `镜像ID` is one name with a Latin tail; `镜像Image` is a name and its translation.
    if (en.length <= 2 || en === en.toUpperCase()) return makeTerm(t.replace(/\s+/g, ''), undefined);
    return isLatinTerm(en) ? makeTerm(zh, en) : null;
  }
  return null;
}

/**
 * Cuts a heading of the form "keyword + description" (`COPY复制文件`, `Dockerfile定制镜像`,
 * `attch命令`): the Latin head is the term, the Chinese rest describes it. Null for other shapes.
 */
export function splitDescribed(title: string): { term: string; description: string } | null {
  const m = /^([A-Za-z][A-Za-z0-9_.-]*(?:\s+[a-z][A-Za-z0-9_.-]*)?)\s*(\p{Script=Han}.*)$/u.exec(
    cleanHeading(title),
  );
  if (!m) return null;
  const [, term = '', description = ''] = m;
  return { term, description: description.trim() };
}

const HEADING_CACHE = new Map<string, HeadingShape>();

/** What a heading is about, from its wording (memoized: every extractor asks about the same titles). */
export function readHeading(title: string): HeadingShape {
  let shape = HEADING_CACHE.get(title);
  if (!shape) {
    if (HEADING_CACHE.size > 10_000) HEADING_CACHE.clear();
    shape = shapeOf(title);
    HEADING_CACHE.set(title, shape);
  }
  return shape;
}

function shapeOf(title: string): HeadingShape {
  const t = cleanHeading(title);
  if (!t) return { kind: 'phrase' };
  const question = /^what(?:'s| is| are)\s+(?:an?\s+|the\s+)?(.+?)\??$/i.exec(t);
  if (question?.[1]) {
    const term = splitTerm(question[1]);
    if (term) return { kind: 'term', term };
  }
  if (isMeta(t)) return { kind: 'meta' };
  const tail = COMPARISON_TAIL.exec(t);
  const joined = tail ? t.slice(0, tail.index) : t;
  const comparison = COMPARISON_HEADING.exec(joined);
  if (comparison) {
    const [, a = '', b = ''] = comparison;
    const explicit = tail !== null || COMPARING_JOIN.test(joined);
    // `停止和删除容器` does two things; `stop vs kill` compares two (commands named by their verb).
    if (a.trim() && b.trim() && (explicit || !isActionStart(a.trim())))
      return { kind: 'comparison', sides: [a.trim(), b.trim()], explicit };
  }
  if (isActionStart(t)) return { kind: 'action' };
  const described = splitDescribed(t);
  if (described) {
    const { term, description } = described;
    const kw: readonly string[] = [...WORDS.zh.keywordSuffixes, ...WORDS.en.keywordSuffixes];
    if (isKeyword(term) || kw.includes(description)) return { kind: 'keyword', keyword: term, description };
    // `host模式`, `overlay网络`: the name and its kind together are the term (`bridge模式是默认的网络模式`).
    if ((WORDS.zh.kindNouns as readonly string[]).includes(description))
      return { kind: 'term', term: makeTerm(`${term}${description}`, undefined) };
    if (!splitTerm(t)) return { kind: 'described', term: makeTerm(undefined, term), description };
  }
  const term = splitTerm(t);
  if (term) {
    if ((term.zh ?? '').length > 12) return { kind: 'phrase' };
    return { kind: 'term', term };
  }
  return { kind: 'phrase' };
}

/** Words that end a run of Chinese before a term: the term starts after the last of them. */
const TERM_BOUNDARIES = [
  '被称为',
  '被成为',
  '称之为',
  '称为',
  '叫做',
  '简称',
  '称作',
  '也就是',
  '就是',
  '支持',
  '使用',
  '引入',
  '概念是',
  '的',
  '是',
  '为',
  '在',
  '了',
  '将',
  '把',
  '被',
  '从',
  '对',
  '与',
  '和',
  '及',
  '个',
  '种',
  '类',
  '即',
];

/** The last plausible term in a run of Chinese (`这类无标签镜像也被成为虚悬镜像` → `虚悬镜像`). */
export function trailingTerm(han: string): string {
  let start = 0;
  for (const word of TERM_BOUNDARIES) {
    const at = han.lastIndexOf(word);
    if (at >= 0 && at + word.length > start && at + word.length < han.length) start = at + word.length;
  }
  const term = han.slice(start);
  return term.length >= 2 ? term : '';
}

/** A Chinese term glossed in English in the prose: `虚悬镜像（dangling image）`, `注册服务器（Registry）`. */
export interface Gloss {
  zh: string;
  en: string;
  index: number;
}

/**
 * A run of Chinese, then an English gloss in parentheses. A match can only start where a run of
 * Chinese starts (the run must reach the parenthesis), so the look-behind skips the other starts
 * instead of trying every position inside the run.
 */
const GLOSS = /(?<!\p{Script=Han})(\p{Script=Han}{2,})\s*[（(]\s*([A-Za-z][A-Za-z .-]{1,40}?)\s*[)）]/gu;

/** Every `中文（English）` gloss in a text. */
export function findGlosses(text: string): Gloss[] {
  const out: Gloss[] = [];
  if (!text.includes('(') && !text.includes('（')) return out;
  for (const m of text.matchAll(GLOSS)) {
    const zh = trailingTerm(m[1] ?? '');
    const en = (m[2] ?? '').trim();
    if (zh.length >= 2 && zh.length <= 10 && isLatinTerm(en)) out.push({ zh, en, index: m.index });
  }
  return out;
}

/** Splits `基础镜像或根镜像` into its alternatives. */
function alternativesOf(text: string): string[] {
  return text
    .split(/或者|或|\bor\b/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A term that a sentence names (`称…为X`, `被称为X`, `called X`), with the other names it gives. */
export interface NamedTerm {
  name: string;
  others: string[];
}

/** Terms named in a sentence by a naming phrase: `称这个…为容器存储层`, `被称为Docker Remote API`. */
export function findNamedTerms(sentence: string): NamedTerm[] {
  const out: NamedTerm[] = [];
  const zh =
    /(?:被称为|也被成为|被成为|称之为|被称作|称作|叫做|简称|称[^，。,]{0,40}?为)\s*([\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z0-9 .-]*)/gu;
  for (const m of sentence.matchAll(zh)) {
    let name = (m[1] ?? '').trim();
    // `称这个为…存储层为容器存储层`: the name follows the last 为.
    const lastWei = name.lastIndexOf('为');
    if (lastWei >= 0) name = name.slice(lastWei + 1);
    const [first = '', ...others] = alternativesOf(name.replace(/\s*[（(].*$/, ''));
    if (first.length >= 2 && first.length <= 20) out.push({ name: first, others });
  }
  const en =
    /\b(?:called|known as|referred to as|termed)\s+(?:an?\s+|the\s+)?["“]?([A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z][A-Za-z0-9-]*){0,2})/g;
  for (const m of sentence.matchAll(en)) {
    const name = (m[1] ?? '').replace(/\s+(?:and|or|which|that|is|are|for|to|in|of)\b.*$/, '');
    if (name.length >= 2) out.push({ name, others: [] });
  }
  return out;
}

const LEAD_IN_START = new Set(
  [...WORDS.zh.leadIns, ...WORDS.en.leadIns].map((w) => w.charAt(0).toLowerCase()),
);

/** Drops the openers of a clause (`实际上`, `而`, `However,`) so that its subject comes first. */
export function stripLeadIn(clause: string): string {
  let out = clause.trim();
  // Most clauses open with no lead-in at all: test the first character before the word lists.
  if (!LEAD_IN_START.has(out.charAt(0).toLowerCase())) return out;
  for (let i = 0; i < 3; i++) {
    const before = out;
    for (const w of WORDS.zh.leadIns)
      if (out.startsWith(w)) out = out.slice(w.length).replace(/^[，,：:\s]+/, '');
    const lower = out.toLowerCase();
    for (const w of WORDS.en.leadIns)
      if (lower.startsWith(`${w} `) || lower.startsWith(`${w},`))
        out = out.slice(w.length).replace(/^[,:\s]+/, '');
    if (out === before) break;
  }
  return out;
}

/** Whether `text` starts with something that reads as a verb (an action, not a thing). */
export function startsWithVerb(text: string): boolean {
  return isActionStart(text.trim());
}
