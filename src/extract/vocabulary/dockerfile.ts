/**
 * The Dockerfile instruction set: a closed vocabulary, kept apart so another subject's vocabulary
 * (a Makefile's directives, a Compose file's keys) could sit beside it.
 */

import { slipDistance } from '../../text/edit-distance.ts';

/** Every instruction a Dockerfile may hold (Dockerfile reference), upper case as written by convention. */
export const DOCKERFILE_INSTRUCTIONS = [
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
] as const;

export type DockerfileInstruction = (typeof DOCKERFILE_INSTRUCTIONS)[number];

const INSTRUCTION_SET: ReadonlySet<string> = new Set(DOCKERFILE_INSTRUCTIONS);

/**
 * Misspellings seen in real notes, mapped to the instruction meant. Edit distance finds most of them;
 * this list pins the ones we know, so they never depend on the distance threshold.
 */
export const INSTRUCTION_MISSPELLINGS: Readonly<Record<string, DockerfileInstruction>> = {
  HEALTHYCHECK: 'HEALTHCHECK',
  HEALTHCHEK: 'HEALTHCHECK',
  ONBULD: 'ONBUILD',
  ENTRYPIONT: 'ENTRYPOINT',
  WORKDIRS: 'WORKDIR',
};

export interface MatchOptions {
  /** Accept `Run` and `run` as well as `RUN` (Dockerfile lines are case-insensitive; prose is not). */
  anyCase?: boolean;
  /** Accept near misses (one edit) of long upper-case words: `HEALTHYCHECK`, `ONBULD`. */
  fuzzy?: boolean;
}

/**
 * The instruction a word names, or undefined. Exact upper-case names always match; misspellings
 * match with `fuzzy` (known list, or one slip away — an edit or a swap — for words of six letters or more, so `USERS` or
 * `ADDS` do not turn into instructions).
 */
export function matchInstruction(
  word: string,
  options: MatchOptions = {},
): DockerfileInstruction | undefined {
  const upper = word.toUpperCase();
  if (upper !== word && !options.anyCase) return undefined;
  if (INSTRUCTION_SET.has(upper)) return upper as DockerfileInstruction;
  if (!options.fuzzy || upper !== word) return undefined;
  const known = INSTRUCTION_MISSPELLINGS[upper];
  if (known) return known;
  if (upper.length < 6) return undefined;
  return nearMiss(upper);
}

const NEAR_MISSES = new Map<string, DockerfileInstruction | undefined>();

/**
 * The instruction one slip away from an upper-case word of six letters or more. Remembered per word:
 * output tables repeat their headers (`REPOSITORY`, `CONTAINER`) in block after block.
 */
function nearMiss(upper: string): DockerfileInstruction | undefined {
  if (NEAR_MISSES.has(upper)) return NEAR_MISSES.get(upper);
  let found: DockerfileInstruction | undefined;
  for (const instruction of DOCKERFILE_INSTRUCTIONS) {
    if (instruction.length >= 6 && slipDistance(upper, instruction, 1) <= 1) {
      found = instruction;
      break;
    }
  }
  if (NEAR_MISSES.size > 10_000) NEAR_MISSES.clear();
  NEAR_MISSES.set(upper, found);
  return found;
}

/**
 * Whether a line of a code block is Dockerfile rather than shell: it starts with an instruction
 * (any case, as Docker reads it; or a known misspelling) followed by an argument, or it continues one.
 */
export function isDockerfileLine(line: string): boolean {
  const match = /^\s*([A-Za-z]+)(?=[\s[]|$)/.exec(line);
  if (!match?.[1]) return false;
  const word = match[1];
  // A lower-case word is a shell command (`add`, `env`, `user`…); Dockerfiles write instructions in
  // upper case by convention, and the notes' `Run echo` shows mixed case happens too.
  if (word === word.toLowerCase()) return false;
  return matchInstruction(word, { anyCase: true, fuzzy: true }) !== undefined;
}
