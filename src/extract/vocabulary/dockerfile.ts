/**
 * The Dockerfile instruction set: a closed vocabulary, kept apart so another subject's vocabulary
 * (a Makefile's directives, a Compose file's keys) could sit beside it.
 */

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

/** Damerau-free Levenshtein distance, stopping early once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

export interface MatchOptions {
  /** Accept `Run` and `run` as well as `RUN` (Dockerfile lines are case-insensitive; prose is not). */
  anyCase?: boolean;
  /** Accept near misses (one edit) of long upper-case words: `HEALTHYCHECK`, `ONBULD`. */
  fuzzy?: boolean;
}

/**
 * The instruction a word names, or undefined. Exact upper-case names always match; misspellings
 * match with `fuzzy` (known list, or one edit away for words of six letters or more, so `USERS` or
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
 * The instruction one edit away from an upper-case word of six letters or more. Remembered per word:
 * output tables repeat their headers (`REPOSITORY`, `CONTAINER`) in block after block.
 */
function nearMiss(upper: string): DockerfileInstruction | undefined {
  if (NEAR_MISSES.has(upper)) return NEAR_MISSES.get(upper);
  let found: DockerfileInstruction | undefined;
  for (const instruction of DOCKERFILE_INSTRUCTIONS) {
    if (instruction.length >= 6 && editDistance(upper, instruction, 1) <= 1) {
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
