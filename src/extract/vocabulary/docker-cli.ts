/**
 * The Docker CLI's command words: a closed vocabulary, so a misspelt `docker attch` in the notes can
 * be read as the `docker attach` it means, the way `HEALTHYCHECK` is read as `HEALTHCHECK`.
 */

import { slipDistance } from '../../text/edit-distance.ts';

/** `docker <group> <word>`: the management commands, which group further commands (Docker CLI reference). */
export const DOCKER_MANAGEMENT_COMMANDS = [
  'builder',
  'buildx',
  'checkpoint',
  'compose',
  'config',
  'container',
  'context',
  'image',
  'manifest',
  'network',
  'node',
  'plugin',
  'scout',
  'secret',
  'service',
  'stack',
  'swarm',
  'system',
  'trust',
  'volume',
] as const;

/** `docker <word>`: the top-level commands and the management commands (Docker CLI reference). */
export const DOCKER_SUBCOMMANDS = [
  ...DOCKER_MANAGEMENT_COMMANDS,
  // Commands.
  'attach',
  'build',
  'commit',
  'cp',
  'create',
  'debug',
  'diff',
  'events',
  'exec',
  'export',
  'history',
  'images',
  'import',
  'info',
  'init',
  'inspect',
  'kill',
  'load',
  'login',
  'logout',
  'logs',
  'pause',
  'port',
  'ps',
  'pull',
  'push',
  'rename',
  'restart',
  'rm',
  'rmi',
  'run',
  'save',
  'search',
  'start',
  'stats',
  'stop',
  'tag',
  'top',
  'unpause',
  'update',
  'version',
  'wait',
] as const;

/** `docker <management> <word>`: what each common management command takes (Docker CLI reference). */
export const DOCKER_MANAGEMENT_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  container: [
    'attach',
    'commit',
    'cp',
    'create',
    'diff',
    'exec',
    'export',
    'inspect',
    'kill',
    'logs',
    'list',
    'ls',
    'pause',
    'port',
    'prune',
    'remove',
    'rename',
    'restart',
    'rm',
    'run',
    'start',
    'stats',
    'stop',
    'top',
    'unpause',
    'update',
    'wait',
  ],
  image: [
    'build',
    'history',
    'import',
    'inspect',
    'list',
    'load',
    'ls',
    'prune',
    'pull',
    'push',
    'remove',
    'rm',
    'save',
    'tag',
  ],
  network: ['connect', 'create', 'disconnect', 'inspect', 'list', 'ls', 'prune', 'remove', 'rm'],
  volume: ['create', 'inspect', 'list', 'ls', 'prune', 'remove', 'rm', 'update'],
  system: ['df', 'events', 'info', 'prune'],
};

/**
 * Words that follow `docker` in prose without being a command, yet sit one edit from one: product
 * names (`docker content trust` ~ `context`) and English words (`docker will` ~ `kill`, `docker built`
 * ~ `build`, `docker state` ~ `stats`).
 */
export const DOCKER_NON_COMMAND_WORDS: ReadonlySet<string> = new Set([
  'content',
  'built',
  'state',
  'states',
  'status',
  'stays',
  'stata',
  'will',
  'hub',
  'file',
  'files',
  'contained',
  'cause',
  'parse',
  'await',
  'logic',
  'logan',
  'smart',
  'skill',
  'attack',
  'slack',
  'stick',
  'logos',
  'blogs',
  'scott',
  'composer',
  'remote',
  'prone',
]);

/** Shorter words are too often English (`docker to` ~ `top`, `docker is` ~ `ps`) to be called typos. */
const MIN_TYPO_LENGTH = 5;

/** `builds`, `pulled`, `starting`: a command word inflected in English prose, not a typo. */
function isInflection(word: string, known: readonly string[]): boolean {
  return ['s', 'es', 'd', 'ed', 'ing'].some((ending) => {
    if (!word.endsWith(ending)) return false;
    const base = word.slice(0, -ending.length);
    return [base, `${base}e`, base.replace(/(.)\1$/, '$1')].some((b) => known.includes(b));
  });
}

const SLIPS = new Map<string, string | undefined>();

/** The one word of `known` a misspelt word means, or undefined (see correctDockerSubcommand). */
function meant(word: string, known: readonly string[], scope: string): string | undefined {
  const memo = `${scope} ${word}`;
  if (SLIPS.has(memo)) return SLIPS.get(memo);
  let found: string | undefined;
  if (
    word.length >= MIN_TYPO_LENGTH &&
    /^[a-z]+$/.test(word) &&
    !known.includes(word) &&
    !DOCKER_NON_COMMAND_WORDS.has(word) &&
    !isInflection(word, known)
  ) {
    const near = known.filter((c) => slipDistance(word, c, 1) <= 1);
    if (near.length === 1) found = near[0];
  }
  if (SLIPS.size > 10_000) SLIPS.clear();
  SLIPS.set(memo, found);
  return found;
}

/**
 * The subcommand a misspelt word after `docker` means (`attch` → `attach`), or undefined: a known
 * subcommand, a short or inflected word, a known non-command, or a word near two subcommands is left
 * alone. Lower-case words only: the CLI has no capitals.
 */
export function correctDockerSubcommand(word: string): string | undefined {
  return meant(word, DOCKER_SUBCOMMANDS, 'docker');
}

const DOCKER_WORDS = /(?<![\w-])([Dd]ocker[ \t]+)([a-z]+)(?:([ \t]+)([a-z]+))?(?![\w-])/g;
/** Inline code and fenced code in a card side. */
const CODE = /```[\s\S]*?```|`[^`\n]+`/g;
/**
 * What may stand before a command: nothing, a code mark, a prompt or shell operator, `sudo`, or a Han
 * character or full-width mark (Chinese prose names commands inline: `用docker attch命令`). Not an
 * English word: `sudo service docker status`, `check docker container status` name no command.
 */
const COMMAND_LEAD = /(?:[\n`$#>|&;(]|\bsudo|[\p{Script=Han}\u3000-\u303f\uff00-\uffef])$/u;

/** Whether `docker` at `offset` opens a command (see COMMAND_LEAD); the text's start does too. */
function opensCommand(text: string, offset: number): boolean {
  let end = offset;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end === 0 || COMMAND_LEAD.test(text.slice(Math.max(0, end - 5), end));
}

/** The notes showing the error a misspelling gets: leave them as written. */
const SHOWS_THE_ERROR = /is not a docker command/i;

function inside(ranges: readonly [number, number][], offset: number): boolean {
  return ranges.some(([start, end]) => offset >= start && offset < end);
}

/**
 * A text's misspelt `docker <word>` and `docker <management> <word>` commands corrected, with the
 * spellings found (`docker attch`, `docker icontainer logis`). Only where a command stands (see
 * COMMAND_LEAD), and with `codeOnly` only inside inline or fenced code: English prose is full of
 * words one letter from a subcommand (`docker status`, `every docker event`).
 */
export function correctDockerCommands(
  text: string,
  { codeOnly = false }: { codeOnly?: boolean } = {},
): { text: string; slips: string[] } {
  if (!text.includes('ocker') || SHOWS_THE_ERROR.test(text)) return { text, slips: [] };
  const code = codeOnly
    ? [...text.matchAll(CODE)].map((m) => [m.index, m.index + m[0].length] as [number, number])
    : [];
  const slips: string[] = [];
  const corrected = text.replace(
    DOCKER_WORDS,
    (
      whole,
      lead: string,
      first: string,
      space: string | undefined,
      second: string | undefined,
      offset: number,
    ) => {
      if (!opensCommand(text, offset)) return whole;
      if (codeOnly && !inside(code, offset)) return whole;
      const command = correctDockerSubcommand(first) ?? first;
      const table = DOCKER_MANAGEMENT_SUBCOMMANDS[command];
      const sub = second && table ? (meant(second, table, command) ?? second) : second;
      if (command === first && sub === second) return whole;
      const slip = `docker ${first}${second && sub !== second ? ` ${second}` : ''}`;
      if (!slips.includes(slip)) slips.push(slip);
      return `${lead}${command}${second ? `${space}${sub}` : ''}`;
    },
  );
  return { text: corrected, slips };
}
