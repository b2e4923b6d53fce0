import type { Code } from 'mdast';
import type { Section } from '../notes/sections.ts';
import { type ParsedCommand, parseCommand } from '../shell/command.ts';
import { readSession, type ShellLine } from '../shell/session.ts';
import { isDockerfileLine } from './vocabulary/dockerfile.ts';
import { SHELL_VOCABULARY } from './vocabulary/shell.ts';

/**
 * Code blocks read as terminal sessions, once per block: the command, flag and instruction
 * extractors all look at the same blocks, several times each. Memoized on the mdast node, which
 * lives as long as one parse, so results never leak between notes.
 */
const sessions = new WeakMap<Code, ShellLine[]>();

/** The lines of a code block, classified (prompts stripped, output and Dockerfile lines marked). */
export function codeSession(code: Code): ShellLine[] {
  let lines = sessions.get(code);
  if (!lines) {
    lines = readSession(code.value, SHELL_VOCABULARY, { isForeign: isDockerfileLine });
    sessions.set(code, lines);
  }
  return lines;
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
      const command = parseCommand(line.text, SHELL_VOCABULARY);
      if (command && SHELL_VOCABULARY.programs.has(command.program)) {
        const at = (node.position?.start.line ?? 0) + 1 + line.index;
        out.push({ command, name: command.name.join(' '), line: at });
      }
    }
  }
  commands.set(section, out);
  return out;
}
