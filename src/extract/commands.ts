import type { Code, RootContent, Table } from 'mdast';
import type { NoteLanguage } from '../deck/types.ts';
import type { Section } from '../notes/sections.ts';
import { type ParsedCommand, parseCommand } from '../shell/command.ts';
import type { ShellLine } from '../shell/session.ts';
import { codePairs, codeSession, lineCommand } from './code-session.ts';
import {
  type CommandMention,
  findCommandMentions,
  type MentionUse,
  mayMentionCommand,
  readMentionUses,
} from './command-mentions.ts';
import {
  clip,
  codeSpan,
  inlineText,
  joinClauses,
  sectionBlocks,
  splitClauses,
  splitSentences,
  splitTermLine,
  type TextBlock,
  trimPunctuation,
  visibleLength,
} from './prose.ts';
import type { CardDraft, Extractor, NoteContext } from './types.ts';
import { alternativesOf } from './vocabulary/command-alternatives.ts';
import { isDockerfileLine, matchInstruction } from './vocabulary/dockerfile.ts';
import { PROGRAMS, SHELL_VOCABULARY, TRIVIAL_COMMANDS } from './vocabulary/shell.ts';

/** Question templates, by note language. */
const WORDING = {
  zh: {
    whichCommand: '什么命令',
    subject: (rest: string) => `哪个命令${rest}？`,
    task: (task: string) => `${task}的命令？`,
    taskInTopic: (topic: string, task: string) => `（${topic}）${task}的命令？`,
    syntaxOf: (task: string) => `${task}的命令格式？`,
    syntaxOfCommand: (command: string) => `${codeSpan(command)} 的命令格式？`,
    means: (before: string, after: string) => `${before}什么命令${after}？`,
    or: '或',
  },
  en: {
    whichCommand: 'which command',
    subject: (rest: string) => `Which command ${rest}?`,
    task: (task: string) =>
      /^\w+ing\b/.test(task)
        ? `Command for ${lower(task)}?`
        : `Command to ${lower(task).replace(/^to\s+/i, '')}?`,
    taskInTopic: (topic: string, task: string) => `(${topic}) ${WORDING.en.task(task)}`,
    syntaxOf: (task: string) => `Syntax of the command for “${task}”?`,
    syntaxOfCommand: (command: string) => `Syntax of ${codeSpan(command)}?`,
    means: (before: string, after: string) => {
      const verb = /^(use|run|type|execute|try)\s*$/i.exec(before);
      if (verb?.[1] && /^to\s/i.test(after)) return `Which command do you ${verb[1].toLowerCase()} ${after}?`;
      return `${before ? `${before} ` : ''}which command${after ? ` ${after}` : ''}?`;
    },
    or: 'or',
  },
} as const;

function lower(text: string): string {
  // Keep acronyms and names (`HTTP`, `Docker`) as they are; lower only a capitalised common word.
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** Code block languages that are not shell sessions. */
const NOT_SHELL = new Set([
  'json',
  'yaml',
  'yml',
  'go',
  'golang',
  'python',
  'py',
  'js',
  'javascript',
  'ts',
  'typescript',
  'java',
  'c',
  'cpp',
  'c++',
  'rust',
  'rs',
  'dockerfile',
  'docker',
  'html',
  'xml',
  'css',
  'sql',
  'toml',
  'ini',
  'markdown',
  'md',
  'diff',
  'nginx',
  'conf',
  'properties',
]);

const KNOWN_PROGRAMS: ReadonlySet<string> = new Set(PROGRAMS);
/** A task shorter than this (in characters) reads better with its topic beside it. */
const SHORT_TASK = 10;
const MAX_TASK = 60;

/** The longest task a question holds: Latin words take about twice the characters of the same Chinese. */
function maxTask(task: string): number {
  return /\p{Script=Han}/u.test(task) ? MAX_TASK : MAX_TASK * 2;
}
const INLINE_BACK = 60;

/** Words a command line reads with, for cards and keys: one space between words, quotes kept. */
function tidy(command: string): string {
  return command.trim().replace(/[ \t]{2,}/g, ' ');
}

/** The card back for commands: inline code for one short line, a shell block otherwise. */
export function commandBack(commands: readonly string[]): string {
  const only = commands[0];
  if (commands.length === 1 && only !== undefined && only.length <= INLINE_BACK && !only.includes('`')) {
    return codeSpan(only);
  }
  return `\`\`\`shell\n${commands.join('\n')}\n\`\`\``;
}

function isTrivial(command: ParsedCommand): boolean {
  return TRIVIAL_COMMANDS.has(command.program);
}

/** The instruction a section is about, when its heading starts with one (`COPY复制文件`). */
function sectionInstruction(section: Section): string | undefined {
  const word = /^[`\s]*([A-Za-z]+)/.exec(section.title)?.[1];
  return word ? matchInstruction(word, { fuzzy: true }) : undefined;
}

/** Imperative verbs an English heading may start with when it names a task ("List images"). */
const TASK_VERBS =
  /^(?:add|build|check|clean|copy|create|delete|download|export|find|get|import|inspect|install|list|load|log|move|pull|push|remove|rename|restart|run|save|search|set|show|start|stop|tag|undo|update|upload|use|view)\b/i;

/**
 * Whether a heading states a task a command performs. Chinese headings read as one ("获取镜像",
 * "删除本地镜像"); an English one must start with a verb ("List images", "Removing images"), since
 * "Deployments" or "Pods" name a topic, not a task.
 */
function isTaskTitle(lang: NoteLanguage, title: string): boolean {
  if (lang === 'zh') return true;
  return TASK_VERBS.test(title) || /^\w+ing\b/i.test(title);
}

/** Whether a heading names the command itself (`利用commit理解镜像构成`, `docker save和docker load`). */
function titleNamesCommand(title: string, command: ParsedCommand): boolean {
  const lowered = title.toLowerCase();
  return command.name.slice(1).some((word) => new RegExp(`(?<![a-z])${word}(?![a-z])`).test(lowered));
}

/** Placeholders and optional parts mark a syntax line: `docker image rm [选项] <镜像1>[<镜像2>...]`. */
function isSyntax(text: string, hinted: boolean): boolean {
  if (/\[(?:选项|选型|参数|OPTIONS?|options?|flags?|FLAGS?)\]/.test(text)) return true;
  if (!hinted) return false;
  return /<[^\s<>][^<>]*>|\[[^\]\s][^\]]*\]|\b[A-Z][A-Z_]{2,}\b/.test(text);
}

interface Builder {
  note: NoteContext;
  section: Section;
  drafts: CardDraft[];
  /** How explicitly the notes tie each card's command to its task; the best card per command stays. */
  strength: Map<CardDraft, number>;
}

/**
 * How explicitly a source states what a command does: a definition or a "`cmd`: description" line is
 * best, a sentence using the command next, a comment then, a heading or lead paragraph last.
 */
const STRENGTH = { stated: 3, sentence: 2, comment: 2, vague: 1 } as const;

function push(
  b: Builder,
  strength: number,
  key: string,
  front: string,
  commands: readonly string[],
  line: number,
  endLine: number,
  extra?: string,
): void {
  const clean = commands.map(tidy);
  const single = clean.length === 1 ? clean[0] : undefined;
  const draft: CardDraft = {
    kind: 'command',
    key: tidy(key),
    front,
    back: commandBack(clean),
    section: b.section,
    line,
    endLine,
    ...(extra ? { extra } : {}),
  };
  if (single) draft.answer = single;
  b.drafts.push(draft);
  b.strength.set(draft, strength);
}

/** A task that points elsewhere ("这个挂载设置", "these images") needs its topic to be understood. */
const DEICTIC = /这|该|此|其|它|\b(?:this|these|that|those)\b/i;

function taskFront(lang: NoteLanguage, task: string, topic: string): string {
  const words = WORDING[lang];
  return (visibleLength(task) < SHORT_TASK || (DEICTIC.test(task) && visibleLength(task) < 25)) &&
    topic &&
    topic !== task
    ? words.taskInTopic(topic, task)
    : words.task(task);
}

/** A question for a mention used in a sentence, or undefined when the sentence does not say what it does. */
function mentionQuestion(lang: NoteLanguage, use: MentionUse): string | undefined {
  const words = WORDING[lang];
  if (use.pattern === 'is') return words.task(use.purpose);
  if (use.pattern === 'subject') return words.subject(clip(use.after, maxTask(use.after)));
  let before = use.before;
  // An open parenthesis starts its own remark: "（输出结果可以用docker logs查看）".
  const paren = Math.max(before.lastIndexOf('（'), before.lastIndexOf('('));
  if (paren >= 0 && !/[）)]/.test(before.slice(paren))) before = before.slice(paren + 1);
  before = before.replace(/^[\s，,；;]+/, '').replace(/\s+$/, '');
  // Keep the question short: drop leading clauses that hold a URL or run past 40 characters.
  const clauses = splitClauses(before);
  while (clauses.length > 1 && (/:\/\//.test(clauses[0] ?? '') || visibleLength(clauses.join('')) > 40))
    clauses.shift();
  before = clauses.join('').replace(/^[\s，,；;]+/, '');
  return words.means(before, use.after.trim());
}

// --- Code blocks -----------------------------------------------------------------------------------

const FLAG_IN_TEXT = /(?<![\w-])--?[A-Za-z][\w-]*/;
const PLACEHOLDER_ONLY = /^[\s<>\p{Script=Han}:：/[\].,，、-]*$/u;
const NOT_A_DESCRIPTION = /替换为|换成|改为|改成|注意|replace|substitute|note:/i;

/**
 * What a comment says the commands below it do: its first sentence, without the clauses that explain
 * flags (those become flag cards) or name other commands, without leading "这样/then".
 */
function commentTask(comment: string, commands: readonly ParsedCommand[]): string | undefined {
  const sentences = splitSentences(comment);
  let sentence = sentences[0] ?? '';
  if (visibleLength(sentence) < 6 && sentences[1]) sentence += sentences[1];
  const names = new Set(commands.map((c) => c.name.join(' ')));
  const clauses = splitClauses(sentence).filter((clause) => {
    if (FLAG_IN_TEXT.test(clause.replace(/`[^`]*`/g, ''))) return false;
    if (/^<[^>]*>/.test(clause.trim()) && PLACEHOLDER_ONLY.test(clause.replace(/<[^>]*>/g, ''))) return false;
    return !findCommandMentions(clause).some((m) => !names.has(m.command.name.join(' ')));
  });
  let task = trimPunctuation(joinClauses(clauses));
  task = task.replace(/^(?:这样|这里|此处|下面|以下|然后|接着|这是|再|先)[，,]?/, '').trim();
  if (visibleLength(task) < 2) return undefined;
  return clip(task, maxTask(task));
}

/** Whether a comment annotates an argument rather than describing the command (`centos为关键词`). */
function annotatesArgument(comment: string, command: ParsedCommand): boolean {
  if (NOT_A_DESCRIPTION.test(comment)) return true;
  const head = /^[A-Za-z0-9_./:-]+/.exec(comment.trim())?.[0];
  if (!head || head.length < 3) return false;
  const argument =
    command.args.some((a) => a.includes(head)) || command.flags.some((f) => f.value?.includes(head));
  return argument && visibleLength(comment) <= 12;
}

function codeLine(code: Code, index: number): number {
  return (code.position?.start.line ?? 0) + 1 + index;
}

/** Why a paragraph before a code block does or does not say what the block's command does. */
type Lead = { task: string } | { where: true } | undefined;

const GENERIC_LEAD =
  /^(?:例如|比如|如下|接着|然后|或者|输出|结果|内容|例子|示例|e\.g|for example|example|output|result|then\b|or\b)/i;

/**
 * Reads the paragraph before a code block as the task of its commands. It must end with a colon
 * ("清理所有处于终止状态的容器:"), or, opening its section over a single command, be one short phrase.
 */
function readLead(node: RootContent | undefined, opensSection: boolean, commands: number): Lead {
  if (node?.type !== 'paragraph') return undefined;
  const text = inlineText(node).trim();
  const last = splitSentences(text).at(-1) ?? '';
  const colon = /[：:]\s*$/.test(last);
  let task = trimPunctuation(last).replace(/^(?:然后|接着|再|之后|最后|首先|先)[，,]?/, '');
  task = task
    .replace(/^.*?(?:下面|如下|以下|下列)的?命令/, '')
    .replace(/^(?:run|use) the following(?: commands?)?( to)?/i, '');
  task = task.trim();
  if (visibleLength(task) > MAX_TASK) {
    const clauses = splitClauses(task);
    let tail = '';
    while (clauses.length && visibleLength(tail) < 15) tail = clauses.pop() + tail;
    task = trimPunctuation(tail);
  }
  if (visibleLength(task) < 3 || GENERIC_LEAD.test(task)) return undefined;
  if (/^(?:如果|假设|若|当|if|when)/i.test(task)) return undefined;
  if (/(?:执行|运行|输入|如下|为|是|下|run|execute|type)$/i.test(task)) return { where: true };
  if (findCommandMentions(task).length || FLAG_IN_TEXT.test(task.replace(/`[^`]*`/g, ''))) return undefined;
  if (/`/.test(task) || /是/.test(task) || KNOWN_PROGRAMS.has(/^[a-z][\w-]*/.exec(task)?.[0] ?? ''))
    return undefined;
  if (
    !colon &&
    (!opensSection || commands > 1 || visibleLength(text) > 40 || splitSentences(text).length > 1)
  ) {
    return undefined;
  }
  return { task };
}

function handleCode(b: Builder, code: Code, position: number, instruction: string | undefined): void {
  if (code.lang && NOT_SHELL.has(code.lang.toLowerCase())) return;
  const lang = b.note.lang;
  const lines = codeSession(code);
  const pairs = codePairs(code);
  const paired = new Set<ShellLine>();
  for (const pair of pairs) {
    for (const line of pair.commands) paired.add(line);
    const parsed = pair.commands
      .map((l) => lineCommand(code, l))
      .filter((c): c is ParsedCommand => c !== undefined && !isTrivial(c));
    const line = codeLine(code, pair.index);
    const endLine = codeLine(code, Math.max(pair.index, ...pair.commands.map((c) => c.index)));
    const names = new Set(parsed.map((c) => c.name.join(' ')));
    // The comment may name other commands ("也可以使用docker history查看…"): cards of their own.
    for (const sentence of splitSentences(pair.comment)) {
      for (const use of readMentionUses(sentence)) {
        if (parsed.length && names.has(use.mention.command.name.join(' '))) continue;
        mentionCard(b, use, line, line, pair.comment);
      }
    }
    if (parsed.length === 0 || parsed.length > 4) continue;
    const first = parsed[0] as ParsedCommand;
    if (parsed.length === 1 && annotatesArgument(pair.comment, first)) continue;
    const texts = parsed.map((c) => c.text);
    const key = texts.join('\n');
    // A comment naming its own command ("docker import 从容器快照文件中再导入为镜像") is a question already.
    const own = splitSentences(pair.comment)
      .flatMap((s) => readMentionUses(s))
      .find((use) => names.has(use.mention.command.name.join(' ')));
    const ownQuestion = own ? mentionQuestion(lang, own) : undefined;
    if (ownQuestion) {
      push(b, STRENGTH.comment, key, ownQuestion, texts, line, endLine, pair.comment);
      continue;
    }
    const task = commentTask(pair.comment, parsed);
    if (!task) continue;
    const strength = visibleLength(task) < SHORT_TASK ? STRENGTH.vague : STRENGTH.comment;
    push(b, strength, key, taskFront(lang, task, b.section.title), texts, line, endLine, pair.comment);
  }
  // Commands before any comment: described by the paragraph before the block, or by the heading.
  const leading: ParsedCommand[] = [];
  let leadingEnd = 0;
  for (const line of lines) {
    if (line.kind === 'comment' || paired.has(line)) break;
    if (line.kind !== 'command') continue;
    const parsed = lineCommand(code, line);
    if (!parsed || isTrivial(parsed)) continue;
    leading.push(parsed);
    leadingEnd = line.index;
  }
  if (leading.length === 0 || leading.length > 3) return;
  const first = leading[0] as ParsedCommand;
  const start = codeLine(code, 0);
  const end = codeLine(code, leadingEnd);
  const nodes = b.section.nodes;
  const lead = readLead(nodes[position - 1], position === 1, leading.length);
  if (leading.length === 1 && isSyntax(first.text, false)) {
    syntaxCard(b, first, nodes[position - 1], start, end);
    return;
  }
  const texts = leading.map((c) => c.text);
  if (lead && 'task' in lead) {
    push(b, STRENGTH.vague, texts.join('\n'), taskFront(lang, lead.task, b.section.title), texts, start, end);
    return;
  }
  const opensSection = position === 0 || (position === 1 && lead !== undefined && 'where' in lead);
  const described = pairs.some((p) => p.commands.length > 0);
  if (
    opensSection &&
    !described &&
    !instruction &&
    !leading.some((c) => titleNamesCommand(b.section.title, c))
  ) {
    titleCard(b, STRENGTH.vague, texts, start, end);
  }
}

/** A command the heading describes ("用tar压缩包构建" over `docker build http://server/context.tar.gz`). */
function titleCard(
  b: Builder,
  strength: number,
  commands: readonly string[],
  line: number,
  endLine: number,
): void {
  const title = b.section.title;
  if (!title || title.includes('、') || !isTaskTitle(b.note.lang, title)) return;
  const parent = b.section.path.at(-2);
  const front =
    visibleLength(title) < 4 && parent
      ? WORDING[b.note.lang].taskInTopic(parent, title)
      : WORDING[b.note.lang].task(title);
  push(b, strength, commands.join('\n'), front, commands, line, endLine);
}

// --- Syntax lines ---------------------------------------------------------------------------------

/**
 * A syntax line (`docker image rm [选项] <镜像1>[<镜像2>...]`) → "删除本地镜像的命令格式？"; and when
 * the heading states the task, also "删除本地镜像的命令？" → `docker image rm`.
 */
function syntaxCard(
  b: Builder,
  command: ParsedCommand,
  before: RootContent | undefined,
  line: number,
  endLine: number,
): void {
  const words = WORDING[b.note.lang];
  const name = command.name.join(' ');
  const title = b.section.title;
  const beforeText = before?.type === 'paragraph' ? inlineText(before).trim() : '';
  const named =
    !title ||
    title.includes('、') ||
    !isTaskTitle(b.note.lang, title) ||
    sectionInstruction(b.section) !== undefined ||
    titleNamesCommand(title, command) ||
    findCommandMentions(beforeText).some((m) => m.start <= 1 && m.command.name.join(' ') === name);
  const syntax = tidy(command.text);
  b.drafts.push({
    kind: 'command',
    key: `${name} syntax`,
    front: named ? words.syntaxOfCommand(name) : words.syntaxOf(title),
    back: syntax.length <= INLINE_BACK ? codeSpan(syntax) : `\`\`\`shell\n${syntax}\n\`\`\``,
    section: b.section,
    line,
    endLine,
  });
  if (!named) push(b, STRENGTH.stated, name, words.task(title), [name], line, endLine);
}

// --- Prose -----------------------------------------------------------------------------------------

function mentionCard(b: Builder, use: MentionUse, line: number, endLine: number, extra: string): void {
  const question = mentionQuestion(b.note.lang, use);
  const command = mentionCommand(b, use.mention, line);
  if (!question || !command) return;
  const strength = use.pattern === 'means' ? STRENGTH.sentence : STRENGTH.stated;
  push(b, strength, command, question, [command], line, endLine, extra);
}

/**
 * The command a mention stands for on a card: as written, except a bare program with no subcommand
 * ("curl查看仓库中的镜像"), which takes the full command from the code block that follows.
 */
function mentionCommand(b: Builder, mention: CommandMention, line: number): string | undefined {
  const text = mention.command.text;
  if (mention.command.name.length > 1 || mention.command.flags.length || mention.command.args.length)
    return text;
  const next = b.section.nodes.find((n) => (n.position?.start.line ?? 0) > line);
  if (next?.type !== 'code') return undefined;
  const first = codeSession(next).find((l) => l.kind === 'command');
  return first?.text.startsWith(`${mention.command.program} `) ? first.text : undefined;
}

function proseCards(b: Builder, block: TextBlock, instruction: string | undefined): void {
  const lang = b.note.lang;
  const text = block.text.trim();
  if (!mayMentionCommand(text)) return;
  // A paragraph that is only a command: the heading says what it does ("列出镜像" + `docker image ls`).
  const lone = /^`([^`]+)`$/.exec(text);
  if (lone?.[1] && block.container === 'root') {
    const command = parseCommand(lone[1], SHELL_VOCABULARY);
    if (
      command &&
      KNOWN_PROGRAMS.has(command.program) &&
      !instruction &&
      !titleNamesCommand(b.section.title, command)
    ) {
      titleCard(b, STRENGTH.stated, [command.text], block.line, block.endLine);
    }
    return;
  }
  // Block-quoted command lines: syntax, or an example the heading describes.
  if (block.container === 'blockquote') {
    const command = parseCommand(text, SHELL_VOCABULARY);
    if (command && !text.includes('\n') && KNOWN_PROGRAMS.has(command.program) && !isDockerfileLine(text)) {
      if (isSyntax(text, true))
        syntaxCard(b, command, previousNode(b.section, block), block.line, block.endLine);
      else exampleCard(b, command, block);
      return;
    }
  }
  // "格式：`docker import [选项] <文件>|<URL>|- [<仓库名>[:<标签>]]`"
  const format = /^(?:格式|语法|用法|syntax|usage|format)(?:为|是)?\s*[：:]\s*`([^`]+)`\s*$/i.exec(text);
  if (format?.[1]) {
    const command = parseCommand(format[1], SHELL_VOCABULARY);
    if (command && KNOWN_PROGRAMS.has(command.program)) {
      syntaxCard(b, command, previousNode(b.section, block), block.line, block.endLine);
      return;
    }
  }
  // "- `docker ps`: list running containers"
  const term = block.item ? splitTermLine(text) : undefined;
  if (term) {
    const command = parseCommand(term.term, SHELL_VOCABULARY);
    if (command && KNOWN_PROGRAMS.has(command.program) && !term.term.startsWith('-')) {
      const first = trimPunctuation(splitSentences(term.description)[0] ?? '');
      const task = clip(first, maxTask(first));
      if (visibleLength(task) >= 2) {
        const front = taskFront(lang, task, b.section.title);
        push(b, STRENGTH.stated, command.text, front, [command.text], block.line, block.endLine, text);
      }
      return;
    }
  }
  for (const sentence of splitSentences(text)) {
    for (const use of readMentionUses(sentence)) mentionCard(b, use, block.line, block.endLine, sentence);
  }
}

function previousNode(section: Section, block: TextBlock): RootContent | undefined {
  return section.nodes[block.nodeIndex - 1];
}

/** A block-quoted example command: the heading says what it does, unless the section is about something else. */
function exampleCard(b: Builder, command: ParsedCommand, block: TextBlock): void {
  const lead = readLead(previousNode(b.section, block), block.nodeIndex === 1, 1);
  if (lead && 'task' in lead) {
    const front = taskFront(b.note.lang, lead.task, b.section.title);
    push(b, STRENGTH.vague, command.text, front, [command.text], block.line, block.endLine);
    return;
  }
  if (sectionInstruction(b.section) || titleNamesCommand(b.section.title, command)) return;
  // "> docker build - < Dockerfile" / "或者" / "> cat Dockerfile | docker build -": one task, two ways.
  const own = sectionDrafts(b);
  const alternative = own.find((d) => d.kind === 'command' && d.answer && d.line < block.line);
  const between = b.section.nodes.slice(0, block.nodeIndex).at(-1);
  const or =
    between?.type === 'paragraph' &&
    /^(?:或者?|或是|or|alternatively)[：:，,]?$/i.test(inlineText(between).trim());
  if (alternative && or) {
    const words = WORDING[b.note.lang];
    alternative.back = `${alternative.back}\n\n${words.or}\n\n${codeSpan(tidy(command.text))}`;
    alternative.alternatives = [...(alternative.alternatives ?? []), tidy(command.text)];
    alternative.endLine = block.endLine;
    return;
  }
  if (own.some((d) => d.kind === 'command')) return;
  titleCard(b, STRENGTH.vague, [command.text], block.line, block.endLine);
}

/** The drafts made so far for the builder's section: the tail of the list, read backwards. */
function sectionDrafts(b: Builder): CardDraft[] {
  const out: CardDraft[] = [];
  for (let i = b.drafts.length - 1; i >= 0 && b.drafts[i]?.section === b.section; i--) {
    out.unshift(b.drafts[i] as CardDraft);
  }
  return out;
}

// --- Tables ----------------------------------------------------------------------------------------

/** Cheat-sheet tables: a row with a command in code and a description beside it. */
function tableCards(b: Builder, table: Table): void {
  for (const row of table.children.slice(1)) {
    const cells = row.children.map((cell) => inlineText(cell).trim());
    const index = cells.findIndex((cell) => /^`[^`]+`$/.test(cell));
    if (index < 0) continue;
    const command = parseCommand((cells[index] as string).slice(1, -1), SHELL_VOCABULARY);
    const description = cells.find(
      (cell, i) => i !== index && visibleLength(cell) >= 3 && !/^`[^`]*`$/.test(cell),
    );
    if (!command || !KNOWN_PROGRAMS.has(command.program) || !description) continue;
    const line = row.position?.start.line ?? b.section.line;
    const task = clip(trimPunctuation(description), maxTask(description));
    push(
      b,
      STRENGTH.stated,
      command.text,
      taskFront(b.note.lang, task, b.section.title),
      [command.text],
      line,
      line,
    );
  }
}

/**
 * Command cards: "what a command does ↔ the command", from shell blocks where a comment describes
 * the command below it, from syntax lines (block-quoted or in code), from commands named in prose
 * with their purpose, from "`cmd`: description" lists and tables, and from headings or lead
 * paragraphs over an example. Prompts are stripped, output and Dockerfile lines are never commands.
 */
export const extractCommands: Extractor = (note) => {
  const drafts: CardDraft[] = [];
  const strength = new Map<CardDraft, number>();
  for (const section of note.sections) {
    const b: Builder = { note, section, drafts, strength };
    const instruction = sectionInstruction(section);
    section.nodes.forEach((node, position) => {
      if (node.type === 'code') handleCode(b, node, position, instruction);
      if (node.type === 'table') tableCards(b, node);
    });
    for (const block of sectionBlocks(section)) proseCards(b, block, instruction);
  }
  return bestPerCommand(drafts, strength);
};

/**
 * One card per command: the notes often show the same command again (`docker image ls` after every
 * build), and a second question with the same answer is noise. The most explicit source wins; on a
 * tie, the first in the notes.
 */
function bestPerCommand(drafts: CardDraft[], strength: Map<CardDraft, number>): CardDraft[] {
  const best = new Map<string, CardDraft>();
  for (const draft of drafts) {
    const key = draft.key.toLowerCase();
    const current = best.get(key);
    const better =
      !current ||
      (strength.get(draft) ?? 0) > (strength.get(current) ?? 0) ||
      ((strength.get(draft) ?? 0) === (strength.get(current) ?? 0) && draft.line < current.line);
    if (better) best.set(key, draft);
  }
  const kept = new Set(best.values());
  return drafts
    .filter((d) => kept.has(d))
    .map((d) => {
      // Other names the typed quiz accepts, worked out only for the cards that stay.
      const alternatives = d.answer
        ? [...(d.alternatives ?? []), ...alternativesOf(d.answer)]
        : d.alternatives;
      return alternatives?.length ? { ...d, alternatives: [...new Set(alternatives)] } : d;
    });
}
