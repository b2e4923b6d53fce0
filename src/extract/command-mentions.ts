import { type ParsedCommand, parseCommand } from '../shell/command.ts';
import { CARD_PROGRAMS, KNOWN_SUBCOMMANDS, SHELL_VOCABULARY } from './vocabulary/shell.ts';

/** A command named in prose: in backticks (`docker system df`) or bare (docker commit命令). */
export interface CommandMention {
  /** Offsets in the text, backticks included. */
  start: number;
  end: number;
  command: ParsedCommand;
  backticked: boolean;
}

const KNOWN: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(KNOWN_SUBCOMMANDS).map(([program, words]) => [program, new Set(words)]),
);

const PROGRAM_WORD = new RegExp(
  `(?<![\\w./-])(${[...CARD_PROGRAMS]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[-.]/g, '\\$&'))
    .join('|')})(?![\\w-])`,
  'g',
);

const PROGRAM_HINT = new RegExp(PROGRAM_WORD.source);

/**
 * A cheap first look: whether a text could name a command at all (a code span or a known program's
 * name). Most prose does not, and skipping it keeps extraction fast on large vaults.
 */
export function mayMentionCommand(text: string): boolean {
  return text.includes('`') || PROGRAM_HINT.test(text);
}

/** Code spans of a text: offsets of the backticks and the code between them. */
function codeSpans(text: string): { start: number; end: number; code: string }[] {
  const spans: { start: number; end: number; code: string }[] = [];
  const re = /(`+)([\s\S]*?[^`])\1(?!`)/g;
  for (const match of text.matchAll(re)) {
    spans.push({ start: match.index, end: match.index + match[0].length, code: (match[2] ?? '').trim() });
  }
  return spans;
}

/** Whether a code span holds a command of a program worth a card (`docker image prune`, not `ubuntu:16.04`). */
function commandInCode(code: string): ParsedCommand | undefined {
  const parsed = parseCommand(code, SHELL_VOCABULARY);
  if (!parsed || !CARD_PROGRAMS.has(parsed.program)) return undefined;
  if (SHELL_VOCABULARY.groups[parsed.program] && parsed.name.length < 2) return undefined;
  return parsed;
}

/**
 * A bare mention: the program, its subcommand words as the vocabulary allows, then flags written
 * right after (`docker run -P时` → `docker run -P`). Arguments are not taken: in prose a following
 * word is as likely Chinese-adjacent noise as an argument.
 */
function bareCommandAt(
  text: string,
  start: number,
  program: string,
): { end: number; command: string } | undefined {
  const groups = SHELL_VOCABULARY.groups[program];
  const known = KNOWN[program];
  let end = start + program.length;
  const words = [program];
  const next = (pattern: RegExp): string | undefined => {
    const match = pattern.exec(text.slice(end));
    if (!match) return undefined;
    end += match[0].length;
    return match[1];
  };
  if (groups) {
    const sub = /^ +([a-z][a-z0-9-]*)(?![\w-])/.exec(text.slice(end));
    if (!sub?.[1] || (known && !known.has(sub[1]))) return undefined;
    end += sub[0].length;
    words.push(sub[1]);
    if (groups.has(sub[1])) {
      const deeper = next(/^ +([a-z][a-z0-9-]*)(?![\w-])/);
      if (deeper) words.push(deeper);
    }
  }
  for (;;) {
    const flag = next(/^ +(--?[A-Za-z][\w-]*(?:=[^\s\p{Script=Han}，。；、)）]+)?)(?![\w-])/u);
    if (!flag) break;
    words.push(flag);
  }
  return { end, command: words.join(' ') };
}

/**
 * Commands named in a text, in order: code spans that hold a command of a known program, and bare
 * mentions outside code. Chinese prose writes commands without spaces around them (`docker save将`),
 * so a bare mention ends where the Latin run ends.
 */
export function findCommandMentions(text: string): CommandMention[] {
  const cached = mentionCache.get(text);
  if (cached) return cached;
  const found = scanMentions(text);
  // Bounded: a large vault repeats paragraphs often enough to pay, not enough to hold them all.
  if (mentionCache.size > 4096) mentionCache.clear();
  mentionCache.set(text, found);
  return found;
}

const mentionCache = new Map<string, CommandMention[]>();

function scanMentions(text: string): CommandMention[] {
  const mentions: CommandMention[] = [];
  const spans = codeSpans(text);
  for (const span of spans) {
    const command = commandInCode(span.code);
    if (command) mentions.push({ start: span.start, end: span.end, command, backticked: true });
  }
  // Spans come in order, and so do matches: one pointer finds the span a match may sit in, so a
  // text with many of both stays linear.
  let span = 0;
  for (const match of text.matchAll(PROGRAM_WORD)) {
    const at = match.index;
    while (span < spans.length && (spans[span]?.end ?? 0) <= at) span++;
    if (span < spans.length && at >= (spans[span]?.start ?? Number.POSITIVE_INFINITY)) continue;
    const program = match[1] as string;
    const bare = bareCommandAt(text, at, program);
    if (!bare) continue;
    const command = parseCommand(bare.command, SHELL_VOCABULARY);
    if (command) mentions.push({ start: at, end: bare.end, command, backticked: false });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** How a sentence puts a command to use. */
export type MentionPattern =
  /** "用 `cmd` 删除", "use `cmd` to …": a means verb before, the task around it. */
  | 'means'
  /** "`cmd`将镜像保存为…", "`git status` shows …": the command is the subject. */
  | 'subject'
  /** "`docker run`是容器运行的命令", "`x` is the command to …". */
  | 'is';

export interface MentionUse {
  mention: CommandMention;
  pattern: MentionPattern;
  /** Text before the mention, from the start of its clause run (at most two clauses back). */
  before: string;
  /** The mention's own clause after it (`删除`, `to show disk usage`), for `means` and `subject`. */
  after: string;
  /** `means`: the verb before (`用`, `use`), so wording can rebuild the question. */
  verb: string;
  /** What the command does, as the sentence says it, with the connective words dropped. */
  purpose: string;
}

/** Characters read on each side of a mention; far more than any clause the rules look at. */
const MENTION_CONTEXT = 400;
const MEANS_ZH = /(?<!不)(?:可以|可|就可以|只需|需要)?(?:使用|利用|借助|采用|通过|用)\s*$/;
const MEANS_EN = /\b(use|using|run|running|with|via|type|execute|try)\s*$/i;
const AFTER_SKIP_ZH =
  /^(?:是|也|还|的|和|与|及|、|都|中|里|时|后|在|就是|格式|命令的|参数|之后|之前|可以跟|跟|等)/;
const AFTER_SKIP_EN = /^(?:is|are|was|and|or|in|on|output|'s|command (?:is|was))\b/i;
/** After a subject command, words that start a description of it rather than what it does. */
const SUBJECT_SKIP_ZH = /^(?:最|第|前|内|外|一|这|那|会|得|被|的|对|把这|支持)/;
const CONDITIONAL_END = /(?:时|的时候|之后|后|的话|以前|之前)$/;
const CLAUSE_END = /[，；;。！？!?：）)\n]|[,:](?=[\s\p{Script=Han}]|$)|\.(?=\s|$)/u;
const PURPOSIVE = /(?:如果|若|假如|希望|想要|需要|为了|\bif\b|\bto\b)/i;
const HAN = /\p{Script=Han}/u;

function lastClauses(text: string, count: number): string {
  const parts = text.split(/(?<=[，,；;：:（(])/);
  return parts.slice(-count).join('');
}

/** English lists its objects with commas ("images, containers and volumes"): only stronger marks end a clause. */
const CLAUSE_END_EN = /[;。！？!?：)\n]|:(?=\s|$)|\.(?=\s|$)/;

function firstClause(text: string, zh: boolean): string {
  const end = text.search(zh ? CLAUSE_END : CLAUSE_END_EN);
  return end < 0 ? text : text.slice(0, end);
}

function cleanPurposeZh(text: string): string {
  return text
    .replace(/^(?:如果|若|假如)?(?:希望|想要|想|需要|要)?/, '')
    .replace(/(?:的话|时)$/, '')
    .replace(/^(?:来|可以|可|就|能|能够)+/, '')
    .trim();
}

/**
 * Reads how a sentence uses each command it names: as the means of a task ("用 `cmd` 删除",
 * "如果希望…，用 `cmd`", "use `cmd` to …"), as the subject doing something ("docker save将镜像保存为
 * 归档文件", "`git add` stages …"), or in a definition ("`docker run`是容器运行的命令"). Mentions in
 * other roles ("使用docker commit都是黑箱操作", "在使用 docker build的时候") give nothing.
 */
export function readMentionUses(sentence: string): MentionUse[] {
  const mentions = findCommandMentions(sentence);
  const uses: MentionUse[] = [];
  const zh = HAN.test(sentence);
  mentions.forEach((mention, index) => {
    // Only the text near a mention is read: a clause is short, and reading the whole sentence around
    // every mention made a long run-on line with thousands of mentions take quadratic time.
    const pre = sentence.slice(Math.max(0, mention.start - MENTION_CONTEXT), mention.start);
    const rest = sentence.slice(mention.end, mention.end + MENTION_CONTEXT);
    const startsSentence = mention.start <= MENTION_CONTEXT && pre.trim() === '';
    const after = firstClause(
      rest.replace(zh ? /^\s*(?:命令|指令)?\s*/ : /^\s*(?:command\s+)?/, ''),
      zh,
    ).trim();
    const clauseStart =
      mention.start === 0 ||
      /[，,；;：:]\s*$/.test(pre) ||
      (mention.start <= MENTION_CONTEXT && /^\s*(?:而|并且|and)?\s*$/.test(pre));
    const before = lastClauses(pre, 3).trimStart();
    if (zh) {
      const isMatch = /^是(.{2,30}?)的?命令/.exec(after);
      if (isMatch?.[1] && startsSentence) {
        uses.push({ mention, pattern: 'is', before: '', after, verb: '', purpose: isMatch[1] });
        return;
      }
      const means = MEANS_ZH.exec(pre);
      if (means) {
        // `docker run restart命令`: the Latin word run on means the mention was cut wrong.
        if (AFTER_SKIP_ZH.test(after) || CONDITIONAL_END.test(after) || /^[A-Za-z]/.test(after)) return;
        const context = before.slice(0, before.length - means[0].length);
        const lastContext = trimEnd(lastClauses(context, 1));
        // With nothing after the command, the task must come before it ("如果希望…的话，用 `cmd`").
        if (!after && !PURPOSIVE.test(lastContext)) return;
        const purpose = cleanPurposeZh(after) || cleanPurposeZh(lastContext);
        const told = context.replace(/[\s，,；;：:（(]/g, '').length + purpose.length;
        if (purpose.replace(/\s/g, '').length < 2 || told < 4) return;
        uses.push({ mention, pattern: 'means', before, after, verb: means[0].trim(), purpose });
        return;
      }
      // Mentions are sorted by start: an earlier one exists when the first starts before this one.
      const earlier = index > 0 && (mentions[0]?.start ?? mention.start) < mention.start;
      const atStart = startsSentence || (clauseStart && earlier);
      if (
        atStart &&
        after &&
        !AFTER_SKIP_ZH.test(after) &&
        !SUBJECT_SKIP_ZH.test(after) &&
        HAN.test(after.charAt(0) || 'x')
      ) {
        uses.push({
          mention,
          pattern: 'subject',
          before: '',
          after,
          verb: '',
          purpose: cleanPurposeZh(after),
        });
      }
      return;
    }
    const isEn = /^is the command (?:to|for|that) (.+)/i.exec(after);
    if (isEn?.[1] && startsSentence) {
      uses.push({ mention, pattern: 'is', before: '', after, verb: '', purpose: isEn[1] });
      return;
    }
    const means = MEANS_EN.exec(pre);
    if (means) {
      const purpose =
        after
          .replace(/^to\s+/i, '')
          .replace(/[.!?]+$/, '')
          .trim() || trimEnd(lastClauses(pre.slice(0, means.index), 1));
      if (AFTER_SKIP_EN.test(after) || purpose.split(/\s+/).length < 2) return;
      uses.push({ mention, pattern: 'means', before, after, verb: means[1] ?? '', purpose });
      return;
    }
    const subject = /^(?:(?:is used to|can be used to|lets you|allows you to|will|can)\s+\S|[a-z]+s\s)/.exec(
      after,
    );
    if (startsSentence && subject && !AFTER_SKIP_EN.test(after)) {
      const purpose = after.replace(/[.!?]+$/, '');
      uses.push({ mention, pattern: 'subject', before: '', after: purpose, verb: '', purpose });
    }
  });
  return uses;
}

function trimEnd(text: string): string {
  return text.replace(/[\s，,；;：:]+$/, '');
}
