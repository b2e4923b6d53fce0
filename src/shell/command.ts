import { isOperator, tokenizeCommandLine } from './tokenize.ts';

/** What a command line is made of, read with a vocabulary of programs and their subcommand groups. */
export interface ParsedCommand {
  /** The line as written (prompt already stripped). */
  text: string;
  program: string;
  /** Program and subcommands: `['docker', 'image', 'ls']`. */
  name: string[];
  /** Flags of the first command of the line, in order: `-q`, `--format`; `-it` stays one flag. */
  flags: { flag: string; value?: string }[];
  /** Arguments that are neither flags nor flag values. */
  args: string[];
}

/** Programs the parser knows take subcommands, and which of those subcommands group further ones. */
export interface CommandVocabulary {
  /** program → subcommands that take a subcommand of their own (`docker` → `image`, `container`…). */
  groups: Readonly<Record<string, ReadonlySet<string>>>;
}

const SUBCOMMAND = /^[a-z][a-z0-9-]*$/;
const FLAG = /^--?[A-Za-z0-9][\w.-]*(?:=.*)?$/;

/**
 * Parses a command line into program, command name, flags and arguments. A program listed in
 * `groups` takes one subcommand word (two after a group word: `docker image ls`); any other program's
 * name is the program alone (`curl -s url`, `cat /etc/os-release`). `sudo` is looked through.
 * Returns undefined for an empty line.
 */
export function parseCommand(text: string, vocabulary: CommandVocabulary): ParsedCommand | undefined {
  let words = tokenizeCommandLine(text.trim());
  if (words[0] === 'sudo') words = words.slice(1);
  const program = words[0];
  if (!program) return undefined;
  const name = [program];
  let i = 1;
  const groups = vocabulary.groups[program];
  if (groups) {
    const first = words[1];
    if (first && SUBCOMMAND.test(first)) {
      name.push(first);
      i = 2;
      const second = words[2];
      if (groups.has(first) && second && SUBCOMMAND.test(second)) {
        name.push(second);
        i = 3;
      }
    }
  }
  const flags: ParsedCommand['flags'] = [];
  const args: string[] = [];
  for (; i < words.length; i++) {
    const word = words[i] as string;
    if (isOperator(word)) break;
    if (FLAG.test(word)) {
      const eq = word.indexOf('=');
      if (eq > 0) {
        flags.push({ flag: word.slice(0, eq), value: word.slice(eq + 1) });
        continue;
      }
      const next = words[i + 1];
      // Without each program's flag table a flag's value cannot be told from an argument; reading the
      // next word as the value only matters for telling "flags only" commands (`ls -f since=x`) apart.
      if (next !== undefined && !next.startsWith('-') && !isOperator(next)) {
        flags.push({ flag: word, value: next });
        i++;
      } else flags.push({ flag: word });
      continue;
    }
    args.push(word);
  }
  return { text: text.trim(), program, name, flags, args };
}

/**
 * Whether a command uses a flag: `-i` is used by `-i`, `-it` and `-dit` (bundled single-letter
 * flags), `--rm` only by `--rm`.
 */
export function usesFlag(command: ParsedCommand, flag: string): boolean {
  return command.flags.some(
    (f) =>
      f.flag === flag ||
      (/^-[A-Za-z]$/.test(flag) && /^-[A-Za-z]{2,4}$/.test(f.flag) && f.flag.includes(flag.slice(1))),
  );
}
