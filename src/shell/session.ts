import type { CommandVocabulary } from './command.ts';
import { tokenizeCommandLine } from './tokenize.ts';

/** How to read a terminal transcript: prompt shapes and the programs a command line starts with. */
export interface ShellVocabulary extends CommandVocabulary {
  /** Prompts at the start of a line, stripped from commands (`docker@default:~$ `, `$ `, `root@x:/# `). */
  prompts: readonly RegExp[];
  /** A prompt alone on its line (`docker@default:~`), which is neither a command nor a comment. */
  barePrompt: RegExp;
  /** Known programs: after a command, a line that does not start with one of these is its output. */
  programs: ReadonlySet<string>;
  /** Shell keywords (`if`, `fi`, `done`): script structure, never a command worth a card. */
  keywords: ReadonlySet<string>;
}

export type ShellLineKind = 'command' | 'comment' | 'output' | 'blank' | 'foreign';

/** One logical line of a code block, classified. Continuation lines (`\` at the end) are joined. */
export interface ShellLine {
  kind: ShellLineKind;
  /** Command without its prompt; comment without its `#`; other lines as written. */
  text: string;
  /** 0-based index of the first physical line in the block. */
  index: number;
  /** A comment written after the command on the same line (`cmd  # why`). */
  trailingComment?: string;
  prompted: boolean;
}

export interface SessionOptions {
  /** Lines that belong to another language embedded in the block (Dockerfile lines in a shell block). */
  isForeign?: (line: string) => boolean;
}

const HAN = /\p{Script=Han}/u;
const PLAUSIBLE_PROGRAM = /^(?:[a-z][a-z0-9._+-]*|\.{1,2}\/[\w./-]+)$/;

function stripPrompt(line: string, vocabulary: ShellVocabulary): { rest: string; prompted: boolean } {
  for (const prompt of vocabulary.prompts) {
    const match = prompt.exec(line);
    if (match) return { rest: line.slice(match[0].length), prompted: true };
  }
  return { rest: line, prompted: false };
}

function endsWithContinuation(line: string): boolean {
  const trailing = /\\+\s*$/.exec(line)?.[0].trim().length ?? 0;
  return trailing % 2 === 1;
}

/** Splits `cmd  # comment` outside quotes; `#` inside a word (`repo.git#:8.14`) is not a comment. */
function splitTrailingComment(command: string): { command: string; comment?: string } {
  let quote: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && i > 0 && /\s/.test(command[i - 1] ?? '')) {
      const comment = command.slice(i + 1).trim();
      return comment ? { command: command.slice(0, i).trimEnd(), comment } : { command: command.slice(0, i) };
    }
  }
  return { command };
}

function firstWord(line: string): string {
  // The first word never needs the full tokenizer: a program name has no quotes or spaces.
  const match = /^(?:sudo\s+)?(\S+)/.exec(line.trimStart());
  return match?.[1] ?? '';
}

/** A line that could start a command: a lower-case program name, not a table header, JSON or `k=v`. */
function looksLikeCommand(line: string, vocabulary: ShellVocabulary): boolean {
  const word = firstWord(line);
  if (vocabulary.programs.has(word)) return true;
  if (!PLAUSIBLE_PROGRAM.test(word) || HAN.test(line)) return false;
  // Prose or output written in lower case ("hello world") rarely has the shape of a command line
  // with an option or a path; a lone word is accepted (`./build.sh`, `make`).
  const words = tokenizeCommandLine(line);
  return words.length === 1 || words.some((w) => /^-{1,2}[A-Za-z]|[/.=:]/.test(w));
}

/**
 * Reads a code block as a terminal session: which lines are commands (prompts stripped), comments,
 * output, blank lines, or foreign lines (Dockerfile content in a `shell` block). A line right after a
 * command (or its output) is output unless it starts with a known program or a prompt; the first
 * line of a block, or one after a blank line or a comment, is a command when it looks like one.
 * `# cmd` counts as a root prompt only in a block that has other prompts and when `cmd` starts with
 * a known program; otherwise `#` starts a comment. Pure; never throws.
 */
export function readSession(
  code: string,
  vocabulary: ShellVocabulary,
  options: SessionOptions = {},
): ShellLine[] {
  const physical = (code.includes('\r') ? code.replace(/\r\n?/g, '\n') : code).split('\n');
  // Each line's prompt is read once: first to learn whether the block has prompts at all, then to strip it.
  const stripped: ({ rest: string; prompted: boolean } | undefined)[] = [];
  const promptOf = (index: number, trimmed: string) => {
    let found = stripped[index];
    if (!found) {
      found = stripPrompt(trimmed, vocabulary);
      stripped[index] = found;
    }
    return found;
  };
  const hasPrompts = physical.some((line, index) => promptOf(index, line.trim()).prompted);
  const lines: ShellLine[] = [];
  // Kind of the line before; a cast keeps TypeScript from narrowing it to the initial value.
  let previous = 'blank' as ShellLineKind;
  const push = (line: ShellLine) => {
    lines.push(line);
    previous = line.kind;
  };
  for (let index = 0; index < physical.length; index++) {
    const raw = physical[index] ?? '';
    const trimmed = raw.trim();
    if (!trimmed) {
      push({ kind: 'blank', text: '', index, prompted: false });
      continue;
    }
    if (vocabulary.barePrompt.test(trimmed)) {
      push({ kind: 'output', text: trimmed, index, prompted: true });
      continue;
    }
    const { rest, prompted } = promptOf(index, trimmed);
    let text = rest.trim();
    if (prompted && !text) {
      push({ kind: 'output', text: trimmed, index, prompted });
      continue;
    }
    if (text.startsWith('#!')) {
      push({ kind: 'output', text, index, prompted });
      continue;
    }
    if (text.startsWith('#')) {
      const after = text.replace(/^#+\s*/, '');
      const rootPrompt =
        hasPrompts && /^#\s/.test(text) && vocabulary.programs.has(firstWord(after)) && !HAN.test(after);
      if (!rootPrompt) {
        push({ kind: 'comment', text: after, index, prompted });
        continue;
      }
      text = after;
    }
    if (!prompted && options.isForeign?.(text)) {
      push({ kind: 'foreign', text, index, prompted });
      continue;
    }
    if (vocabulary.keywords.has(firstWord(text).replace(/[;[].*$/, ''))) {
      push({ kind: 'output', text, index, prompted });
      continue;
    }
    const isCommand =
      prompted ||
      (previous === 'command' || previous === 'output'
        ? vocabulary.programs.has(firstWord(text))
        : looksLikeCommand(text, vocabulary));
    if (!isCommand) {
      push({ kind: 'output', text, index, prompted });
      continue;
    }
    // Join continuation lines: `docker run -d \` + `  -p 5000:5000 …`.
    const start = index;
    let joined = text;
    while (endsWithContinuation(joined) && index + 1 < physical.length) {
      joined = `${joined.replace(/\\\s*$/, '').trimEnd()} ${(physical[++index] ?? '').trim()}`;
    }
    const { command, comment } = splitTrailingComment(joined.trim());
    push({
      kind: 'command',
      text: command,
      index: start,
      prompted,
      ...(comment ? { trailingComment: comment } : {}),
    });
  }
  return lines;
}

/** A comment and the commands it describes. */
export interface CommentedCommands {
  comment: string;
  /** Index (0-based, in the block) of the comment's first line. */
  index: number;
  commands: ShellLine[];
  /** Whether the comment came after its command (`cmd` then `# what it did`). */
  after: boolean;
}

/**
 * Pairs comments with the commands they describe. A comment (consecutive comment lines join) owns
 * the commands after it, up to a blank line or the next comment; output lines in between are
 * skipped. A comment right after a lone command and followed by a blank line (or the end) describes
 * that command. A command with a trailing `# comment` is its own pair. Comments that describe no
 * command are returned with no commands, for the prose readers.
 */
export function pairComments(lines: readonly ShellLine[]): CommentedCommands[] {
  const pairs: CommentedCommands[] = [];
  const paired = new Set<ShellLine>();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as ShellLine;
    if (line.kind === 'command' && line.trailingComment) {
      pairs.push({ comment: line.trailingComment, index: line.index, commands: [line], after: true });
      paired.add(line);
      i++;
      continue;
    }
    if (line.kind !== 'comment') {
      i++;
      continue;
    }
    const first = i;
    const run: ShellLine[] = [];
    while (i < lines.length && lines[i]?.kind === 'comment') {
      run.push(lines[i] as ShellLine);
      i++;
    }
    // Consecutive comment lines are separate remarks unless a sentence wraps onto the next line;
    // only the last remark (with the lines it wraps from) describes the commands below.
    let own = run.length - 1;
    while (own > 0 && wraps(run[own - 1]?.text ?? '', run[own]?.text ?? '')) own--;
    for (const remark of run.slice(0, own)) {
      pairs.push({ comment: remark.text, index: remark.index, commands: [], after: false });
    }
    const comment = joinComment(run.slice(own).map((l) => l.text));
    const commentIndex = run[own]?.index ?? line.index;
    const commands: ShellLine[] = [];
    let foreign = false;
    while (i < lines.length) {
      const next = lines[i] as ShellLine;
      if (next.kind === 'blank' || next.kind === 'comment') break;
      if (next.kind === 'command') commands.push(next);
      if (next.kind === 'foreign') foreign = true;
      i++;
    }
    const before = lines[first - 1];
    const earlier = lines[first - 2];
    const after = lines[i];
    if (
      commands.length === 0 &&
      !foreign &&
      before?.kind === 'command' &&
      !paired.has(before) &&
      (earlier === undefined || earlier.kind === 'blank') &&
      (after === undefined || after.kind === 'blank')
    ) {
      // `cmd` / `# what it did` / blank line: the comment looks back at its command.
      pairs.push({ comment, index: commentIndex, commands: [before], after: true });
      paired.add(before);
      continue;
    }
    for (const command of commands) paired.add(command);
    pairs.push({ comment, index: commentIndex, commands: foreign ? [] : commands, after: false });
  }
  return pairs;
}

/** Whether comment line `next` continues the sentence of `previous` (an English comment wrapped). */
function wraps(previous: string, next: string): boolean {
  return !/[.!?:;。！？：；]\s*$/.test(previous) && /^[a-z(]/.test(next);
}

function joinComment(parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .reduce((text, part) => {
      if (!text) return part;
      // Chinese comments continue without a space; English ones need one.
      return /[\p{Script=Han}，。；：]$/u.test(text) ? `${text}${part}` : `${text} ${part}`;
    }, '');
}
