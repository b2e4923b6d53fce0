/**
 * Comparison cards: X vs Y, and what sets each apart. Found from wording, never from particular
 * headings: headings `X和Y` / `X vs Y` over prose that contrasts them; contrast phrases in prose
 * (`X和Y的区别`, `要将X和Y区分开`, `与X不同`, `有了X后，为什么还要有Y`, `这两者区别在于`,
 * `X和Y…一样，不同的是…`, `difference between X and Y`, `unlike X`, `whereas`); two clauses that
 * define two things side by side (`镜像是静态的定义，容器是镜像运行时的实体`); two parallel
 * `X格式：…` / `Y格式：…` items; two sibling sections that say the same sentence with one difference
 * (`exit 会导致容器的停止` / `不会导致`); and tables with a column per side.
 */
import type { Table } from 'mdast';
import type { Section } from '../notes/sections.ts';
import { normalizeText } from '../text/normalize.ts';
import { bySection, findDefinitions, type NoteSentence, noteSentences } from './concepts.ts';
import { inlineText, joinSentences, pickKeySentences, splitClauses, textBudget } from './sentences.ts';
import { isKeyword, normalizeTerm, readHeading, stripLeadIn, trailingTerm } from './terms.ts';
import type { CardDraft, Extractor } from './types.ts';

/** Question templates and the words that join a back, by note language. */
const WORDING = {
  zh: {
    differ: (a: string, b: string) => `${a} 和 ${b} 有什么区别？`,
    side: (side: string, text: string) => `${side}：${text}`,
    join: '；',
    uses: (side: string, uses: string) => `${side} 的用途：${uses}`,
    list: '；',
  },
  en: {
    differ: (a: string, b: string) => `What is the difference between ${a} and ${b}?`,
    side: (side: string, text: string) => `${side}: ${text}`,
    join: '; ',
    uses: (side: string, uses: string) => `${side} is for: ${uses}`,
    list: '; ',
  },
} as const;

const HAN = /\p{Script=Han}/u;

/** Words that mark a contrast between two things. */
const CONTRAST =
  /区别|不同|差异|区分|而是?|则是?|但是?|不过|相比|相反|反之|不像|比.{0,6}要|whereas|while|unlike|instead|differ|but\b|however|rather than|compared/i;

/** Sentences about an example (`上面命令…`, `例如`): their sides are values, not things to compare. */
const EXAMPLE =
  /例如|比如|如下|(?:上面|下面)(?:这|的例子|的命令|命令|的代码|的写法)|for example|e\.g\.|the example (?:above|below)/i;

/** A found comparison before it becomes a card. */
interface Found {
  sides: [string, string];
  /** The passage that states the difference, already trimmed to it. */
  back: string;
  /** How good the passage is: explicit difference wording and both sides described rank higher. */
  score: number;
  sentences: NoteSentence[];
  section: Section;
  extra?: string;
}

/**
 * A side as written on a card: code stays code; a flag, or (in Chinese prose, where commands go
 * unquoted) a lower-case command like `docker load`, becomes code; names stay as they are.
 */
function display(side: string, lang: 'zh' | 'en'): string {
  const s = side.replace(/`/g, '');
  if (side.startsWith('`') || /^-{1,2}[A-Za-z]/.test(s)) return `\`${s}\``;
  if (lang === 'zh' && /^[a-z][\w.-]*(?:\s+[a-z-][\w.=-]*)+$/.test(s)) return `\`${s}\``;
  return s;
}

/** A side's stem, to find it inflected (`rebase` in `Rebasing`, `merge` in `merged`). */
function stem(side: string): string {
  if (/^`?-/.test(side)) return side.replace(/`/g, '');
  const s = side.replace(/`/g, '').toLowerCase();
  return HAN.test(s) || s.length <= 4 ? s : s.replace(/(?:e|es|s|ing|ed)$/, '');
}

/** A text without its closing punctuation, to sit inside a longer sentence. */
function bare(text: string): string {
  return text.trim().replace(/[。.！!；;，,\s]+$/u, '');
}

/** The card key: both sides, sorted, so the id does not depend on which the notes name first. */
function keyOf(sides: readonly [string, string]): string {
  return sides
    .map((s) => s.replace(/`/g, '').trim())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join('|');
}

/** A flag in code names the flag alone (`-p <宿主端口>:<容器端口>` → `-p`). */
function codeSide(code: string): string {
  const c = code.replace(/^`+|`+$/g, '').trim();
  const flag = /^(-{1,2}[A-Za-z][\w-]*)/.exec(c);
  return flag?.[1] ?? c;
}

/** The names in a stretch of text: inline code, Latin names (`docker load`, `CMD`), and known terms. */
interface Token {
  text: string;
  index: number;
  end: number;
}

const LATIN_RUN = /[A-Za-z][\w.-]*(?:[ \t]+[A-Za-z][\w.-]*){0,2}/g;
const CODE_SPAN = /(`+)([^`]+?)\1/g;
const EN_STOP = /^(?:the|a|an|and|or|of|to|in|on|is|are|be|for|with|by|as|at|it|this|that)$/i;

function tokens(text: string, known: readonly string[]): Token[] {
  const out: Token[] = [];
  const taken: boolean[] = [];
  const take = (index: number, end: number, value: string) => {
    for (let i = index; i < end; i++) if (taken[i]) return;
    for (let i = index; i < end; i++) taken[i] = true;
    out.push({ text: value, index, end });
  };
  if (text.includes('`'))
    for (const m of text.matchAll(CODE_SPAN)) take(m.index, m.index + m[0].length, codeSide(m[2] ?? ''));
  // `known` comes sorted longest first, so `中间层镜像` wins over `镜像`.
  for (const term of known) {
    if (term.length < 2 || !text.includes(term)) continue;
    let at = text.indexOf(term);
    while (at >= 0) {
      const before = text[at - 1] ?? '';
      const after = text[at + term.length] ?? '';
      const latinEdge = HAN.test(term) || (!/[A-Za-z0-9_-]/.test(before) && !/[A-Za-z0-9_-]/.test(after));
      if (latinEdge) take(at, at + term.length, term);
      at = text.indexOf(term, at + term.length);
    }
  }
  if (HAN.test(text)) {
    for (const m of text.matchAll(LATIN_RUN)) {
      // In Chinese prose a Latin run is a name; drop a trailing English word that starts a new phrase.
      const value = m[0].trim().replace(/\s+(?:is|are|and|or)$/i, '');
      if (value.length >= 2 && !/^\d/.test(value)) take(m.index, m.index + value.length, value);
    }
  } else {
    for (const m of text.matchAll(/\b[A-Z][A-Z_]{1,}\b/g)) take(m.index, m.index + m[0].length, m[0]);
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The name nearest the end of a fragment (left side of `和`) or its start (right side). */
function nearest(fragment: string, known: readonly string[], fromEnd: boolean): string | null {
  const found = tokens(fragment, known);
  const pick = fromEnd ? found.at(-1) : found[0];
  if (pick) {
    const gap = fromEnd ? fragment.slice(pick.end) : fragment.slice(0, pick.index);
    // `EXPOSE和在运行时使用 `-p``: a few words between the connector and the name are fine.
    if (gap.replace(/\s/g, '').length <= 8) return pick.text;
  }
  if (!HAN.test(fragment)) {
    const words = fragment
      .trim()
      .split(/\s+/)
      .filter((w) => !EN_STOP.test(w));
    const side = (fromEnd ? words.slice(-3) : words.slice(0, 3)).join(' ').replace(/[,.;:]$/, '');
    return side || null;
  }
  const han = fromEnd
    ? trailingTerm(fragment.replace(/[^\p{Script=Han}]+$/u, ''))
    : (/^\p{Script=Han}{2,6}/u.exec(fragment)?.[0] ?? '');
  return han.length >= 2 && han.length <= 8 ? han : null;
}

/** A name as compared: flags keep their case (`-p` is not `-P`); other names fold it. */
function nameKey(name: string): string {
  const bare = name.replace(/`/g, '').trim();
  return /^-/.test(bare) ? bare : normalizeTerm(bare);
}

function validPair(a: string | null, b: string | null): [string, string] | null {
  if (!a || !b) return null;
  const na = nameKey(a);
  const nb = nameKey(b);
  if (!na || !nb || na === nb || na.includes(nb) || nb.includes(na)) return null;
  if (a.length > 24 || b.length > 24) return null;
  return [a, b];
}

/**
 * The clauses of a passage that describe the sides: from the first clause that names a side to the
 * end, dropping lead clauses that only announce the comparison.
 */
function trimToSides(text: string, sides: readonly [string, string], lang: 'zh' | 'en'): string {
  const clauses = splitClauses(text);
  const names = sides.map((s) => normalizeText(s.replace(/`/g, '')));
  const firstSide = clauses.findIndex((c) => {
    const n = normalizeText(c.replace(/`/g, ''));
    return (
      names.some((s) => n.includes(s)) && !/区分开|区别|有什么不同|选择|原则|difference between/i.test(c)
    );
  });
  if (firstSide <= 0) return text;
  const sep = lang === 'zh' ? '，' : ', ';
  return clauses.slice(firstSide).join(sep);
}

/** Which side a clause speaks of: the side it opens with (after `而`, `则`, `but`, …). */
function sideOfClause(clause: string, sides: readonly [string, string]): 0 | 1 | null {
  const c = stripLeadIn(clause.replace(/^(?:而且|而|则|但是|但|whereas|while)\s*/i, ''))
    .replace(/^(?:an?|the)\s+/i, '')
    .replace(/`/g, '');
  for (const i of [0, 1] as const) {
    const s = (sides[i] ?? '').replace(/`/g, '');
    if (c.toLowerCase().startsWith(s.toLowerCase())) return i;
  }
  return null;
}

/** Two clauses that each open with one of the sides: both sides are described. */
function describesBoth(text: string, sides: readonly [string, string]): boolean {
  const seen = new Set<number>();
  for (const clause of splitClauses(text)) {
    const side = sideOfClause(clause, sides);
    if (side !== null) seen.add(side);
  }
  return seen.size === 2;
}

interface Context {
  sentences: NoteSentence[];
  known: string[];
  /** Terms the note defines (concepts), a subset of `known`. */
  concepts: string[];
  /** A term's short definition, by normalized term: borrowed when a passage describes one side only. */
  definitions: Map<string, string>;
  lang: 'zh' | 'en';
}

function found(
  ctx: Context,
  sides: [string, string],
  passage: NoteSentence[],
  score: number,
  back?: string,
): Found | null {
  const first = passage[0];
  if (!first) return null;
  const text = stripLeadIn(back ?? trimToSides(joinSentences(passage.map((s) => s.text)), sides, ctx.lang));
  let total = score + (describesBoth(text, sides) ? 3 : 0);
  if (text.length > textBudget(text) * 1.6) total -= 2;
  return { sides, back: text, score: total, sentences: passage, section: first.section };
}

/** `X和Y的区别`, `要将X和Y区分开`, `X与Y指令选择`, `X和Y…一样…不同的是`, `difference between X and Y`. */
function explicitPairs(ctx: Context): Found[] {
  const out: Found[] = [];
  const zh =
    /([^，。；,;]{1,40}?)(?:和|与|跟)([^，。；,;]{1,40}?)(?:的|之间的|间的)?(?:(?:区别|不同|差异)(?=[，。,；;：:是在之]|$)|区分开?|选择|对比|比较)/u;
  const alike =
    /([^，。；,;]{1,30}?)(?:和|与|跟)([^，。；,;]{1,30}?)(?:的效果|的格式和性质|的格式)?(?:基本)?(?:一样|一致|相似|类似|相同)/u;
  const en = /difference(?:s)? between (.+?) and (.+?)(?:\s+(?:is|are|lies)\b|[,.:;?]|$)/i;
  const vs = /(?:^|\s)([^\s,.;:]+(?:\s[^\s,.;:]+)?)\s+(?:vs\.?|versus)\s+([^\s,.;:]+(?:\s[^\s,.;:]+)?)/i;
  for (const [i, s] of ctx.sentences.entries()) {
    const t = s.text;
    // Cheap tests first: most sentences compare nothing.
    const zhMarker = /区别|不同|差异|区分|选择|对比|比较/.test(t);
    const alikeMarker = /一样|一致|相似|类似|相同/.test(t);
    const enMarker = /difference|\bvs\.?\s|versus/i.test(t);
    if (!zhMarker && !alikeMarker && !enMarker) continue;
    let m = (zhMarker ? zh.exec(t) : null) ?? (enMarker ? (en.exec(t) ?? vs.exec(t)) : null);
    let score = 8;
    if (!m) {
      m = alikeMarker ? alike.exec(t) : null;
      // "alike, but" only compares when the sentence goes on to the difference.
      if (!m || !/不同的是|但是?|不过|区别|而/.test(s.text.slice(m.index + m[0].length))) continue;
      score = 7;
    }
    const left = stripLeadIn(m[1] ?? '').replace(/^(?:要将|要把|将|把|区分|区别)/, '');
    const pair = validPair(nearest(left, ctx.known, true), nearest(m[2] ?? '', ctx.known, false));
    if (!pair) continue;
    // The difference is stated in this sentence or, when this one only announces it, the next.
    const next = ctx.sentences[i + 1];
    const rest = s.text.slice(m.index + m[0].length).replace(/^[\s，,：:是在于]+/, '');
    const passage = rest.length < 12 && next && next.block === s.block ? [s, next] : [s];
    const f = found(ctx, pair, passage, score);
    if (f) out.push(f);
  }
  return out;
}

/**
 * `当使用 `-P` 标记时，Docker 会随机映射…。`-p` 则可以指定要映射的端口`: a sentence that opens with
 * one name and `则`/`而`, right after a sentence about another name of the same shape.
 */
function thenPairs(ctx: Context): Found[] {
  const out: Found[] = [];
  const shape = (t: string) =>
    t.startsWith('`-') || /^-/.test(t)
      ? 'flag'
      : t.startsWith('`')
        ? 'code'
        : isKeyword(t)
          ? 'keyword'
          : 'name';
  for (const [i, s] of ctx.sentences.entries()) {
    const before = ctx.sentences[i - 1];
    if (!before || before.section !== s.section || !/^\S{1,30}?\s*(?:则|而|却|反而)/.test(s.text)) continue;
    const opening = tokens(s.text, ctx.known)[0];
    if (!opening) continue;
    if (opening.index !== 0 || !/^\s*(?:则|而|却|反而)/.test(s.text.slice(opening.end))) continue;
    const other = tokens(before.text, ctx.known).find(
      (t) => shape(t.text) === shape(opening.text) && nameKey(t.text) !== nameKey(opening.text),
    );
    const pair = validPair(other?.text ?? null, opening.text);
    if (!pair) continue;
    const f = found(ctx, pair, [before, s], 7, joinSentences([before.text, s.text]));
    if (f) out.push(f);
  }
  return out;
}

/** English: `` `git reset` moves the pointer back, whereas `git revert` creates a new commit ``. */
function whereasPairs(ctx: Context): Found[] {
  const out: Found[] = [];
  const subject = (clause: string): string | null => {
    const c = clause.trim().replace(/^(?:an?|the)\s+/i, '');
    const t = tokens(c, ctx.known)[0];
    if (t && t.index === 0) return t.text;
    const words = /^((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:is|are|has|have|does|do|can|will|\w+s|\w+ed)\b/i.exec(c);
    const name = words?.[1];
    return name && !EN_STOP.test(name) ? name : null;
  };
  for (const s of ctx.sentences) {
    if (HAN.test(s.text)) continue;
    const m = /^(.+?),?\s+(?:whereas|while)\s+(.+)$/i.exec(s.text);
    if (!m) continue;
    const pair = validPair(subject(m[1] ?? ''), subject(m[2] ?? ''));
    if (!pair) continue;
    const f = found(ctx, pair, [s], 7, s.text);
    if (f) out.push(f);
  }
  return out;
}

/** `与X不同，这些镜像都是中间层镜像`: X against the thing the sentence goes on to name. */
function unlikePairs(ctx: Context): Found[] {
  const out: Found[] = [];
  for (const s of ctx.sentences) {
    // Each pattern needs its key words: test for them first.
    const zh = s.text.includes('不同') || s.text.includes('不一样');
    const en = !zh && /unlike /i.test(s.text);
    if (!zh && !en) continue;
    const m =
      (zh ? /(?:^|[，,。；;])\s*(?:与|和|跟)([^，。,；]{1,20}?)(?:不同|不一样)[，,]/u.exec(s.text) : null) ??
      /(?:^|[,;]\s*)unlike ([^,]{1,40}),/i.exec(s.text);
    if (!m) continue;
    const other = nearest(m[1] ?? '', ctx.known, true);
    // The other side must be a name the note knows, not any noun the sentence happens to end on.
    if (!other || !(ctx.known.includes(other) || !HAN.test(other))) continue;
    const after = s.text.slice(m.index + m[0].length);
    const home = readHeading(s.section.title);
    const homeTerm = home.kind === 'term' ? home.term.key : null;
    const named = tokens(after, ctx.known).filter((t) => normalizeTerm(t.text) !== normalizeTerm(other));
    const own =
      (homeTerm && named.some((t) => t.text === homeTerm) ? homeTerm : named[0]?.text) ?? homeTerm ?? null;
    const pair = validPair(own, other);
    if (!pair) continue;
    const f = found(ctx, pair, [s], 7, s.text);
    if (!f) continue;
    // The sentence says what one side is; the other side's own definition completes the card.
    const otherDef = ctx.definitions.get(normalizeTerm(pair[1]));
    if (otherDef) {
      const w = WORDING[ctx.lang];
      const own = after.trim() || s.text;
      f.back = joinSentences([[w.side(pair[0], bare(own)), w.side(pair[1], bare(otherDef))].join(w.join)]);
      f.score += 2;
    }
    out.push(f);
  }
  return out;
}

/** The titles of a section's child sections, with a `场景一：` label taken off. */
function childTitles(sections: readonly Section[], parent: Section): string[] {
  return sections
    .filter((s) => s.path.length === parent.path.length + 1 && parent.path.every((p, i) => s.path[i] === p))
    .map((s) => s.title.replace(/^[^：:]{1,8}[：:]\s*/, '').trim())
    .filter(Boolean);
}

/** `有了CMD后，为什么还要有ENTRYPOINT?` answered by the section: how the two meet, and what Y is for. */
function whyBothPairs(ctx: Context, sections: readonly Section[]): Found[] {
  const out: Found[] = [];
  const zh = /有了(.{1,30}?)(?:之?后|以后)?[，,]\s*为什么还要(?:有|用)?(.{1,30}?)[?？]?$/u;
  const en =
    /^why (?:do we |would you )?(?:need|use) (.+?) (?:if|when) (?:we |you )?(?:already )?have (.+?)\??$/i;
  const sectionSentences = bySection(ctx.sentences);
  for (const s of ctx.sentences) {
    // Each pattern needs its key words: test for them first.
    const zm = s.text.includes('为什么还要') ? zh.exec(s.text) : null;
    const em = zm || !/^why /i.test(s.text) ? null : en.exec(s.text);
    const x = zm?.[1] ?? em?.[2];
    const y = zm?.[2] ?? em?.[1];
    const pair = validPair(x ? nearest(x, ctx.known, true) : null, y ? nearest(y, ctx.known, false) : null);
    if (!pair) continue;
    const [first, second] = pair;
    // How the two work together, said in a sentence of the section that names both.
    const both = (sectionSentences.get(s.section) ?? []).filter(
      (t) => t !== s && t.text.includes(first.replace(/`/g, '')) && t.text.includes(second.replace(/`/g, '')),
    );
    // The sentence that names the two most often says how they meet (`CMD的内容作为参数传给ENTRYPOINT`).
    const count = (t: string) => pair.reduce((n, side) => n + t.split(side.replace(/`/g, '')).length - 1, 0);
    const best = both.sort((a, b) => count(b.text) - count(a.text) || a.text.length - b.text.length)[0];
    const w = WORDING[ctx.lang];
    const uses = childTitles(sections, s.section);
    const parts = [
      best ? joinSentences([best.text]) : '',
      uses.length ? w.uses(second, uses.join(w.list)) : '',
    ];
    const back = joinSentences(parts.filter(Boolean));
    if (!back) continue;
    const f = found(ctx, pair, best ? [s, best] : [s], 9, back);
    if (f) out.push(f);
  }
  return out;
}

/** `用户既可以使用 docker load…，也可以使用 docker import…。这两者区别在于…`. */
function theseTwoPairs(ctx: Context): Found[] {
  const out: Found[] = [];
  for (const [i, s] of ctx.sentences.entries()) {
    if (
      !/(?:这|二|两)者(?:的|之间的)?(?:区别|不同|差异)|the difference between (?:the two|them|these)/i.test(
        s.text,
      )
    )
      continue;
    const before = ctx.sentences[i - 1];
    const source = before && before.section === s.section ? before : null;
    const all = tokens(source?.text ?? '', ctx.known);
    const latin = all.filter((t) => !HAN.test(t.text));
    const names = latin.length >= 2 ? latin : all;
    const distinct = [...new Map(names.map((t) => [normalizeTerm(t.text), t.text])).values()];
    if (!source || distinct.length !== 2) continue;
    const pair = validPair(distinct[0] ?? null, distinct[1] ?? null);
    if (!pair) continue;
    const back = joinSentences([source.text, s.text]);
    const f = found(ctx, pair, [source, s], 9, back);
    if (f) out.push(f);
  }
  return out;
}

/**
 * `一个容易混淆的概念是注册服务器（Registry）。实际上注册服务器是…，从这方面来说，仓库被认为是…`: a
 * term the notes warn is confused with another, and the sentences after the warning that tell them apart.
 */
function confusablePairs(ctx: Context): Found[] {
  const out: Found[] = [];
  for (const s of ctx.sentences) {
    // The pattern needs `混淆` or `confused with`: test for them first.
    if (!s.text.includes('混淆') && !/confused with/i.test(s.text)) continue;
    const m =
      /(?:容易|常常|经常)?混淆(?:的概念)?(?:是|的是)?\s*([^，。,；（(]{2,20})|(?:often|commonly|easily) confused with ([^,.;]{2,40})/iu.exec(
        s.text,
      );
    if (!m) continue;
    const named = nearest(m[1] ?? m[2] ?? '', ctx.known, !m[1]);
    // The rest of the paragraph: a block's sentences follow one another in the note.
    const block: NoteSentence[] = [];
    for (let k = s.order + 1; ctx.sentences[k]?.block === s.block; k++)
      block.push(ctx.sentences[k] as NoteSentence);
    const rest = block.filter((t) => !/不需要严格区分|区分这两者|混淆/.test(t.text));
    const counts = new Map<string, number>();
    for (const t of [s, ...rest])
      for (const tok of tokens(t.text, ctx.known))
        if (ctx.known.includes(tok.text)) counts.set(tok.text, (counts.get(tok.text) ?? 0) + 1);
    const other = [...counts]
      .filter(
        ([name]) =>
          named &&
          normalizeTerm(name) !== normalizeTerm(named) &&
          !named.includes(name) &&
          !name.includes(named),
      )
      .sort((a, b) => b[1] - a[1])[0]?.[0];
    const pair = validPair(named, other ?? null);
    if (!pair || rest.length === 0) continue;
    const picked: NoteSentence[] = [];
    let used = 0;
    for (const t of rest) {
      if (used + t.text.length > textBudget(t.text) && picked.length) break;
      picked.push(t);
      used += t.text.length;
    }
    const f = found(ctx, pair, picked, 8, joinSentences(picked.map((t) => stripLeadIn(t.text))));
    if (f) out.push(f);
  }
  return out;
}

/** The subject a clause defines with a copula (`WORKDIR是改变工作目录`, `USER则是…`), if it is a name. */
function copulaSubject(clause: string, known: readonly string[]): string | null {
  const c = stripLeadIn(clause.replace(/^(?:而且|而|但是|但|whereas|while)\s*/i, '')).replace(
    /^(?:an?|the)\s+/i,
    '',
  );
  const m =
    /^(.{1,24}?)\s*(?:则是|就是|仅仅是|只是|可以理解为|是指|是(?!否|有)|(?:is|are)\s+(?:a|an|the|only|just|used)\b)/iu.exec(
      c,
    );
  if (!m) return null;
  const head = (m[1] ?? '').trim();
  if (/(?:不|并不|也不|并非)$/.test(head)) return null;
  const t = tokens(head, known)[0];
  if (t && t.index === 0 && /^\s*(?:则|就|也|只|都|仅仅|其实|实际上)?\s*$/.test(head.slice(t.end)))
    return t.text;
  if (HAN.test(head) && /^\p{Script=Han}{2,6}$/u.test(head) && known.includes(head)) return head;
  return null;
}

/** A short Chinese name defined by a copula (`虚拟机可以理解为…`), whether or not the note knows it. */
function copulaHead(clause: string): string | null {
  const m = /^(\p{Script=Han}{2,4}?)(?:可以理解为|可以看作|则是|是指)/u.exec(stripLeadIn(clause));
  return m?.[1] && !/(?:不|也|都|就|只|还)$/.test(m[1]) && !/^(?:无论|如果|因为|这|那|其|它)/.test(m[1])
    ? m[1]
    : null;
}

/** Two clauses of one sentence that define two different things side by side. */
function parallelPairs(ctx: Context): Found[] {
  const out: Found[] = [];
  for (const s of ctx.sentences) {
    // Two things defined side by side need two copulas, or one that says "can be understood as".
    const copulas = s.text.match(/是|理解为|\b(?:is|are)\b/g)?.length ?? 0;
    if (copulas < (/理解为|看作/.test(s.text) ? 1 : 2) || !/[，,；;]/.test(s.text) || EXAMPLE.test(s.text))
      continue;
    const clauses = splitClauses(s.text.replace(/,?\s+(?=(?:whereas|while)\s)/gi, ', '));
    const subjects = clauses.map((c) => copulaSubject(c, ctx.known));
    // `容器似乎运行的…，虚拟机可以理解为…`: a concept may open one clause without a copula when another
    // clause defines something else with one.
    const weak = clauses.map((c) => {
      const opening = stripLeadIn(c);
      const lead = tokens(opening, ctx.concepts)[0];
      const next = opening.slice(lead?.end ?? 0);
      return lead && lead.index === 0 && ctx.concepts.includes(lead.text) && !/^(?:中|的|里|内|上)/.test(next)
        ? lead.text
        : null;
    });
    if (subjects.filter(Boolean).length === 0 && weak.some(Boolean)) {
      clauses.forEach((c, k) => {
        if (!weak[k]) subjects[k] = copulaHead(c);
      });
    }
    if (subjects.filter(Boolean).length === 1) {
      clauses.forEach((_, k) => {
        const lead = weak[k];
        if (!subjects[k] && lead && !subjects.includes(lead)) subjects[k] = lead;
      });
    }
    for (let i = 0; i < clauses.length; i++) {
      const a = subjects[i];
      if (!a) continue;
      const j = subjects.findIndex((b, k) => k > i && b && normalizeTerm(b) !== normalizeTerm(a));
      const b = subjects[j];
      if (j < 0 || !b) continue;
      // Both clauses must be the same kind of statement; the second says how the other differs.
      const pair = validPair(a, b);
      if (!pair) continue;
      // Clauses before the pair that already name both (`镜像和容器的关系，就像…类和实例`) belong to it.
      const lead = clauses.slice(0, i).join('');
      const from = mentionsBoth(lead, pair) ? 0 : i;
      const text = clauses
        .slice(from, j + 1 + trailing(clauses, j, subjects))
        .join(ctx.lang === 'zh' ? '，' : ', ');
      const f = found(ctx, pair, [s], CONTRAST.test(s.text) ? 7 : 6, joinSentences([text]));
      if (f) out.push(f);
      break;
    }
  }
  return out;
}

function mentionsBoth(text: string, sides: readonly [string, string]): boolean {
  const t = text.toLowerCase();
  return sides.every((s) => t.includes(s.replace(/`/g, '').toLowerCase()));
}

/** How many clauses after clause `j` still speak of its subject (until the next subject). */
function trailing(clauses: readonly string[], j: number, subjects: readonly (string | null)[]): number {
  let n = 0;
  for (let k = j + 1; k < clauses.length && !subjects[k]; k++) n++;
  return n;
}

/** Two adjacent `X格式：…` / `Y格式：…` items sharing their head noun (exactly two of them). */
function itemPairs(ctx: Context): Found[] {
  const out: Found[] = [];
  const item = (s: NoteSentence | undefined) => {
    if (!s || s.block.kind === 'comment') return null;
    const m = /^([^：:`]{1,16}?(?:\p{Script=Han}{2}|\s+(?:form|format|mode|style)))[：:]\s*(.+)$/u.exec(
      s.block.text,
    );
    return m ? { label: (m[1] ?? '').trim(), head: (m[1] ?? '').trim().slice(-2), text: m[2] ?? '' } : null;
  };
  const blocks = [...new Map(ctx.sentences.map((s) => [s.block, s])).values()];
  const items = blocks.map(item);
  for (let i = 0; i + 1 < blocks.length; i++) {
    const a = blocks[i];
    const b = blocks[i + 1];
    const ma = items[i];
    const mb = items[i + 1];
    if (!a || !b || !ma || !mb || a.section !== b.section || ma.head !== mb.head) continue;
    // A run of three or more (`shell格式`, `exec格式`, `参数列表格式`) is a list, not a pair.
    if (items[i - 1]?.head === ma.head || items[i + 2]?.head === ma.head) continue;
    const pair = validPair(ma.label, mb.label);
    if (!pair) continue;
    const w = WORDING[ctx.lang];
    const back = joinSentences([
      [w.side(pair[0], bare(ma.text)), w.side(pair[1], bare(mb.text))].join(w.join),
    ]);
    const f = found(ctx, pair, [a, b], 8, back);
    if (f) out.push(f);
  }
  return out;
}

const BIGRAMS = new WeakMap<NoteSentence, Map<string, number>>();

function bigrams(s: NoteSentence): Map<string, number> {
  let out = BIGRAMS.get(s);
  if (out) return out;
  out = new Map<string, number>();
  const t = s.text.replace(/\s+/g, '');
  for (let i = 0; i + 1 < t.length; i++) out.set(t.slice(i, i + 2), (out.get(t.slice(i, i + 2)) ?? 0) + 1);
  BIGRAMS.set(s, out);
  return out;
}

/** Character-bigram overlap of two sentences (Dice), 0…1. */
function similarity(a: NoteSentence, b: NoteSentence): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of ga) {
    shared += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total ? (2 * shared) / total : 0;
}

/**
 * Two sibling sections, each about one thing (`attch命令`, `exec命令`), that say nearly the same
 * sentence with one difference (`会导致容器的停止` / `不会导致容器的停止`).
 */
function siblingPairs(ctx: Context, sections: readonly Section[]): Found[] {
  const out: Found[] = [];
  const ownSentences = bySection(ctx.sentences);
  const byPath = new Map<string, NoteSentence[]>();
  for (const s of ctx.sentences) {
    const key = s.section.path.join('\u0000');
    const atPath = byPath.get(key) ?? [];
    atPath.push(s);
    byPath.set(key, atPath);
  }
  const nameOf = (title: string) => {
    const h = readHeading(title);
    return h.kind === 'keyword' ? h.keyword : h.kind === 'term' ? h.term.key : null;
  };
  for (const [i, a] of sections.entries()) {
    const b = sections[i + 1];
    if (
      !b ||
      a.depth !== b.depth ||
      a.path.slice(0, -1).join('\u0000') !== b.path.slice(0, -1).join('\u0000')
    )
      continue;
    const na = nameOf(a.title);
    const nb = na ? nameOf(b.title) : null;
    if (!na || !nb) continue;
    let best: [NoteSentence, NoteSentence, number] | null = null;
    for (const x of ownSentences.get(a) ?? []) {
      for (const y of ownSentences.get(b) ?? []) {
        // Dice ≥ 0.75 cannot hold between texts of very different lengths.
        const lx = x.text.length;
        const ly = y.text.length;
        if (x.text === y.text || Math.min(lx, ly) / Math.max(lx, ly) < 0.6) continue;
        // Parallel sentences share their opening or their ending.
        if (x.text.slice(0, 3) !== y.text.slice(0, 3) && x.text.slice(-3) !== y.text.slice(-3)) continue;
        const sim = similarity(x, y);
        if (sim >= 0.75 && (!best || sim > best[2])) best = [x, y, sim];
      }
    }
    if (!best) continue;
    // `docker attch命令`: the parent's prose gives the full name of a keyword heading.
    const parentText = (byPath.get(a.path.slice(0, -1).join('\u0000')) ?? []).map((s) => s.text).join('\n');
    const full = (name: string) =>
      new RegExp(`([a-z][\\w-]*\\s+)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'i').exec(
        parentText,
      )?.[0] ?? name;
    const pair = validPair(full(na), full(nb));
    if (!pair) continue;
    const w = WORDING[ctx.lang];
    const back = [
      w.side(display(pair[0], ctx.lang), best[0].text),
      w.side(display(pair[1], ctx.lang), best[1].text),
    ].join(w.join);
    const f = found(ctx, pair, [best[0], best[1]], 9, joinSentences([back]));
    if (f) out.push(f);
  }
  return out;
}

/** Headings `X和Y` / `X vs Y` whose prose contrasts the two: the section's opening states the difference. */
function headingPairs(ctx: Context, sections: readonly Section[]): Found[] {
  const out: Found[] = [];
  const sectionSentences = bySection(ctx.sentences);
  for (const section of sections) {
    const shape = readHeading(section.title);
    if (shape.kind !== 'comparison') continue;
    const pair = validPair(shape.sides[0], shape.sides[1]);
    if (!pair) continue;
    const own = sectionSentences.get(section) ?? [];
    // `X vs Y` / `X和Y的区别` says by itself that the prose contrasts them, once the prose names both.
    const contrasted = shape.explicit
      ? pair.every((side) => own.some((s) => s.text.toLowerCase().includes(stem(side))))
      : own.some((s) => CONTRAST.test(s.text) || /两种|一种是|two (?:kinds|types|ways)/i.test(s.text));
    if (!contrasted) continue;
    // The opening that names the two, then the sentences that speak of a side or the case it applies to.
    const picked: NoteSentence[] = [];
    let used = 0;
    for (const s of own) {
      const relevant =
        picked.length === 0 ||
        pair.some((side) => s.text.toLowerCase().includes(stem(side))) ||
        /^(?:当|如果|若|只有|直到|if|when|once|only)/i.test(s.text);
      if (!relevant) continue;
      if ((used + s.text.length > textBudget(s.text) && picked.length) || picked.length >= 3) break;
      picked.push(s);
      used += s.text.length;
    }
    const f = found(ctx, pair, picked, 8, joinSentences(picked.map((s) => s.text)));
    if (f) out.push(f);
  }
  return out;
}

/**
 * Column titles that label what a column holds rather than name a thing: a `| Command | Description |`
 * table looks things up, it does not compare its two columns.
 */
const COLUMN_LABELS = new Set([
  'command',
  'commands',
  'description',
  'descriptions',
  'meaning',
  'usage',
  'example',
  'examples',
  'option',
  'options',
  'flag',
  'flags',
  'name',
  'value',
  'default',
  'purpose',
  'notes',
  'note',
  '命令',
  '说明',
  '描述',
  '含义',
  '作用',
  '用法',
  '示例',
  '例子',
  '参数',
  '选项',
  '名称',
  '默认值',
  '备注',
]);

/** A column whose every body cell is inline code: names (`docker ps`), the keys of a lookup table. */
function codeColumn(table: Table, col: number): boolean {
  const body = table.children.slice(1);
  return (
    body.length > 0 &&
    body.every((row) => {
      const cell = row.children[col]?.children ?? [];
      return (
        cell.length > 0 &&
        cell.every((n) => n.type === 'inlineCode' || (n.type === 'text' && !n.value.trim()))
      );
    })
  );
}

/** A GFM table with one column per side: `| | X | Y |` or `| X | Y |`. */
function tablePairs(ctx: Context, sections: readonly Section[]): Found[] {
  const out: Found[] = [];
  for (const section of sections) {
    for (const node of section.nodes) {
      if (node.type !== 'table') continue;
      const rows = (node as Table).children.map((row) =>
        row.children.map((cell) => inlineText(cell.children).trim()),
      );
      const [head, ...body] = rows;
      if (!head || body.length === 0) continue;
      const offset = head.length === 3 ? 1 : head.length === 2 ? 0 : -1;
      if (offset < 0) continue;
      const pair = validPair(head[offset] ?? null, head[offset + 1] ?? null);
      if (!pair) continue;
      if (pair.some((side) => COLUMN_LABELS.has(side.toLowerCase()))) continue;
      // Code in one column and prose in the other: names and what they do, not two sides.
      if (codeColumn(node as Table, offset) !== codeColumn(node as Table, offset + 1)) continue;
      const w = WORDING[ctx.lang];
      const describe = (col: number) =>
        body
          .map((r) => (offset ? `${r[0] ?? ''} ${r[col] ?? ''}` : (r[col] ?? '')).trim())
          .filter(Boolean)
          .join(ctx.lang === 'zh' ? '，' : ', ');
      const back = [
        w.side(display(pair[0], ctx.lang), describe(offset)),
        w.side(display(pair[1], ctx.lang), describe(offset + 1)),
      ].join(w.join);
      const line = node.position?.start.line ?? section.line;
      const sentence: NoteSentence = {
        text: back,
        block: { kind: 'paragraph', text: back, line, endLine: node.position?.end.line ?? line },
        index: -1,
        line,
        section,
        order: -1,
      };
      const f = found(ctx, pair, [sentence], 9, back);
      if (f) out.push(f);
    }
  }
  return out;
}

/** Known names: terms the note defines, and a keyword heading's noun description (`ARG构建参数` → 构建参数). */
function knownNames(sections: readonly Section[]): {
  /** Each alias (by `nameKey`) → the key of the term it names: `Registry` and `注册服务器` are one thing. */
  termKeys: Map<string, string>;
  known: string[];
  concepts: string[];
  aliases: Map<string, string>;
  definitions: Map<string, string>;
} {
  const known = new Set<string>();
  const aliases = new Map<string, string>();
  const definitions = new Map<string, string>();
  const termKeys = new Map<string, string>();
  for (const def of findDefinitions(sections)) {
    for (const a of def.term.aliases) {
      if (a.length >= 2) known.add(a);
      termKeys.set(nameKey(a), def.term.key);
    }
    // The definition's opening, short: what a side is when a passage describes only the other.
    let text = '';
    for (const s of pickKeySentences(def.scored)) {
      if (text && text.length + s.text.length > 90) break;
      text = text ? joinSentences([text, s.text]) : s.text;
    }
    if (text) for (const a of def.term.aliases) definitions.set(normalizeTerm(a), text);
  }
  const concepts = [...known];
  for (const section of sections) {
    const shape = readHeading(section.title);
    if (shape.kind !== 'keyword') continue;
    known.add(shape.keyword);
    // A keyword described by a noun (`ARG构建参数`, `ENTRYPOINT入口点`) goes by that noun too.
    if (
      /^\p{Script=Han}{2,6}$/u.test(shape.description) &&
      !/^(?:指定|设置|定义|声明|复制|为)/.test(shape.description)
    ) {
      aliases.set(shape.description, shape.keyword);
      known.add(shape.description);
    }
  }
  const longestFirst = (a: string, b: string) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
  return {
    termKeys,
    known: [...known].sort(longestFirst),
    concepts: concepts.sort(longestFirst),
    aliases,
    definitions,
  };
}

/**
 * Comparison cards: "CMD 和 ENTRYPOINT 有什么区别？" → what differs, on both sides, short. Key: the
 * two sides sorted (`CMD|ENTRYPOINT`), so the id survives rewording and reordering. When several
 * passages compare the same pair, the best states the difference and the others go to `extra`.
 */
export const extractComparisons: Extractor = (note) => {
  const sentences = noteSentences(note.sections);
  const { termKeys, known, concepts, aliases, definitions } = knownNames(note.sections);
  const ctx: Context = { sentences, known, concepts, definitions, lang: note.lang };
  const all = [
    ...headingPairs(ctx, note.sections),
    ...whyBothPairs(ctx, note.sections),
    ...theseTwoPairs(ctx),
    ...explicitPairs(ctx),
    ...unlikePairs(ctx),
    ...whereasPairs(ctx),
    ...thenPairs(ctx),
    ...confusablePairs(ctx),
    ...siblingPairs(ctx, note.sections),
    ...itemPairs(ctx),
    ...parallelPairs(ctx),
    ...tablePairs(ctx, note.sections),
  ];
  const byKey = new Map<string, Found[]>();
  for (const f of all) {
    // `构建参数和ENV`: a keyword's noun name counts as the keyword.
    f.sides = f.sides.map((s) => aliases.get(s) ?? s) as [string, string];
    const [k0, k1] = f.sides.map((side) => termKeys.get(nameKey(side)) ?? nameKey(side));
    // `注册服务器（Registry）`: two names of one term are not two things.
    if (k0 === k1) continue;
    // `merge vs rebase` and `Merging…, whereas rebasing…` compare the same two things.
    const group = keyOf(f.sides.map(stem) as [string, string]);
    byKey.set(group, [...(byKey.get(group) ?? []), f]);
  }
  const drafts: CardDraft[] = [];
  const w = WORDING[note.lang];
  for (const group of byKey.values()) {
    const ranked = [...group].sort(
      (a, b) => b.score - a.score || (a.sentences[0]?.order ?? 0) - (b.sentences[0]?.order ?? 0),
    );
    const best = ranked[0];
    if (!best) continue;
    const firstSeen =
      [...group].sort((a, b) => (a.sentences[0]?.order ?? 0) - (b.sentences[0]?.order ?? 0))[0] ?? best;
    const [a, b] = firstSeen.sides;
    const key = keyOf(firstSeen.sides);
    let back = best.back;
    // A second passage from another sentence joins the first when both fit: `ADD…在COPY基础上增加了功能` + the rule of thumb.
    const second = ranked.find(
      (f) =>
        f !== best && !f.sentences.some((s) => best.sentences.includes(s)) && !best.back.includes(f.back),
    );
    if (second && back.length + second.back.length <= textBudget(back) && !/[：:]/.test(second.back + back))
      back = joinSentences([
        second.sentences[0]!.order < best.sentences[0]!.order ? second.back : back,
        second.sentences[0]!.order < best.sentences[0]!.order ? back : second.back,
      ]);
    const others = ranked
      .map((f) => f.back)
      .filter((t, i, list) => !back.includes(t) && list.indexOf(t) === i);
    const extra = [...best.sentences.map((s) => s.block.text)].filter((t, i, l) => l.indexOf(t) === i);
    const lines = best.sentences.map((s) => s.line);
    drafts.push({
      kind: 'comparison',
      key,
      front: w.differ(display(a, note.lang), display(b, note.lang)),
      back,
      extra: [...extra, ...others].join('\n\n'),
      section: best.section,
      line: Math.min(...lines),
      endLine: Math.max(...best.sentences.map((s) => s.block.endLine)),
    });
  }
  return drafts;
};
