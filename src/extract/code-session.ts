import type { Code } from 'mdast';
import type { Section } from '../notes/sections.ts';
import { type ParsedCommand, parseCommand } from '../shell/command.ts';
import { type CommentedCommands, pairComments, readSession, type ShellLine } from '../shell/session.ts';
import { isDockerfileLine } from './vocabulary/dockerfile.ts';
import { SHELL_VOCABULARY } from './vocabulary/shell.ts';

/** What the extractors read from one code block, each part worked out once. */
interface Session {
  lines: ShellLine[];
  pairs?: CommentedCommands[];
  /** Parsed command lines by their index in the block (`null`: not a command). */
  commands: (ParsedCommand | null)[];
}

/**
 * Code blocks read as terminal sessions, once per block: the command, flag and instruction
 * extractors all look at the same blocks, several times each. Memoized on the mdast node, which
 * lives as long as one parse, so results never leak between notes.
 */
const sessions = new WeakMap<Code, Session>();

function sessionOf(code: Code): Session {
  let session = sessions.get(code);
  if (!session) {
    session = {
      lines: readSession(code.value, SHELL_VOCABULARY, { isForeign: isDockerfileLine }),
      commands: [],
    };
    sessions.set(code, session);
  }
  return session;
}

/** The lines of a code block, classified (prompts stripped, output and Dockerfile lines marked). */
export function codeSession(code: Code): ShellLine[] {
  return sessionOf(code).lines;
}

/** A code block's comments with the commands they describe (`pairComments` of its session). */
export function codePairs(code: Code): CommentedCommands[] {
  const session = sessionOf(code);
  session.pairs ??= pairComments(session.lines);
  return session.pairs;
}

/** A line of a code block's session parsed as a command (the same line is asked for by several extractors). */
export function lineCommand(code: Code, line: ShellLine): ParsedCommand | undefined {
  const session = sessionOf(code);
  let command = session.commands[line.index];
  if (command === undefined) {
    command = parseCommand(line.text, SHELL_VOCABULARY) ?? null;
    session.commands[line.index] = command;
  }
  return command ?? undefined;
}

/** A command of a section's code, with its 1-based line in the note. */
export interface CodeCommand {
  command: ParsedCommand;
  /** The command's name, `docker image ls`. */
  name: string;
  line: number;
}

const commands = new WeakMap<Section, CodeCommand[]>();

/** Commands of known programs in a section's code blocks, in note order. */
export function sectionCommands(section: Section): CodeCommand[] {
  let out = commands.get(section);
  if (out) return out;
  out = [];
  for (const node of section.nodes) {
    if (node.type !== 'code') continue;
    for (const line of codeSession(node)) {
      if (line.kind !== 'command') continue;
      const command = lineCommand(node, line);
      if (command && SHELL_VOCABULARY.programs.has(command.program)) {
        const at = (node.position?.start.line ?? 0) + 1 + line.index;
        out.push({ command, name: command.name.join(' '), line: at });
      }
    }
  }
  commands.set(section, out);
  return out;
}
