import type { ShellVocabulary } from '../../shell/session.ts';
import { DOCKER_MANAGEMENT_COMMANDS, DOCKER_SUBCOMMANDS } from './docker-cli.ts';

/**
 * Shell prompts as notes copy them from a terminal, longest shapes first. Each pattern matches the
 * prompt at the start of a line (its match is stripped); the command is what follows.
 */
export const PROMPT_SHAPES: readonly RegExp[] = [
  // Terminal-title junk and a doubled prompt, as pasted from a container: `0;root@0d24: /root@0d24:/# `;
  // `}` when the previous output had no final newline: `}docker@default:~/myip$ `.
  /^[}\])]*(?:\d+;)?[\w.-]+@[\w.-]+:[^#$\n]*?[#$]\s*/,
  // `[root@host dir]# `
  /^\[[\w.-]+@[\w.-]+[^\]]*\][#$]\s*/,
  // `bash-4.2$ `, `sh-5.1# `
  /^(?:ba|z|k|c)?sh(?:-[\d.]+)?[#$]\s+/,
  // oh-my-zsh: `➜  repo git:(main) ✗ `
  /^➜\s+\S+\s+(?:git:\(\S+\)\s+)?(?:✗\s+)?/,
  // `PS C:\work> `
  /^PS [A-Za-z]:\\[^>]*>\s+/,
  // Bare prompts: `$ `, `% `, `> ` is too often a quote, so it is not here.
  /^[$%]\s+/,
];

/**
 * A prompt with nothing after it, on a line of its own: `docker@default:~` before a `$ cmd` line, or
 * `root@243c32535da7:/#` printed by `docker attach`.
 */
export const BARE_PROMPT = /^[}\])]*(?:\d+;)?(?:[\w.-]+@[\w.-]+:[^\s]*[#$]?|\[[\w.-]+@[^\]]+\][#$])\s*$/;

/**
 * Programs whose name starts a command line, for telling commands from output. Tools that take
 * subcommands come first; the list is deliberately broad, since a line after a command that does not
 * start with one of these is read as output.
 */
export const PROGRAMS: readonly string[] = [
  'docker',
  'docker-compose',
  'podman',
  'git',
  'kubectl',
  'helm',
  'minikube',
  'kind',
  'npm',
  'npx',
  'yarn',
  'pnpm',
  'node',
  'pip',
  'pip3',
  'python',
  'python3',
  'go',
  'cargo',
  'rustup',
  'mvn',
  'gradle',
  'make',
  'apt',
  'apt-get',
  'apk',
  'yum',
  'dnf',
  'brew',
  'systemctl',
  'service',
  'journalctl',
  'curl',
  'wget',
  'ssh',
  'scp',
  'rsync',
  'tar',
  'gzip',
  'gunzip',
  'zip',
  'unzip',
  'chmod',
  'chown',
  'grep',
  'find',
  'sed',
  'awk',
  'sudo',
  'su',
  'gosu',
  'useradd',
  'groupadd',
  'adduser',
  'addgroup',
  'mkdir',
  'rm',
  'cp',
  'mv',
  'ln',
  'touch',
  'vi',
  'vim',
  'nano',
  'cat',
  'echo',
  'ls',
  'cd',
  'pwd',
  'ps',
  'top',
  'kill',
  'export',
  'source',
  'exit',
  'sh',
  'bash',
  'zsh',
  'terraform',
  'aws',
  'gcloud',
  'az',
];

/**
 * Programs whose mention in prose names a command worth a card: a note saying "use `cat` to…" is
 * rarely the point, "use `docker system df` to…" is.
 */
export const CARD_PROGRAMS: ReadonlySet<string> = new Set([
  'docker',
  'docker-compose',
  'podman',
  'git',
  'kubectl',
  'helm',
  'minikube',
  'npm',
  'yarn',
  'pnpm',
  'pip',
  'cargo',
  'go',
  'apt-get',
  'apt',
  'brew',
  'systemctl',
  'journalctl',
  'curl',
  'terraform',
  'aws',
  'gcloud',
  'az',
]);

/**
 * Subcommands that group further subcommands (`docker image ls`, `git remote add`, `kubectl get
 * pods`), so a command's name is two words deep after them.
 */
export const SUBCOMMAND_GROUPS: Readonly<Record<string, readonly string[]>> = {
  docker: DOCKER_MANAGEMENT_COMMANDS,
  git: ['remote', 'stash', 'submodule', 'worktree', 'bisect', 'notes', 'lfs'],
  kubectl: ['get', 'describe', 'delete', 'create', 'rollout', 'config', 'top', 'edit', 'scale', 'expose'],
  helm: ['repo', 'plugin'],
  npm: ['run', 'cache', 'config'],
  // Programs that take a subcommand but no deeper ones.
  'docker-compose': [],
  podman: ['container', 'image', 'network', 'volume', 'system', 'pod'],
  minikube: [],
  yarn: [],
  pnpm: [],
  cargo: [],
  go: ['mod'],
  pip: [],
  pip3: [],
  apt: [],
  'apt-get': [],
  apk: [],
  yum: [],
  dnf: [],
  brew: [],
  systemctl: [],
  service: [],
  terraform: [],
  aws: [],
  gcloud: [],
  az: [],
};

/**
 * Subcommands a program really has, where a bare mention in prose needs telling from ordinary words:
 * "docker hub" and "docker register" are not commands, "docker commit" is. Programs not listed here
 * accept any lower-case word as a subcommand.
 */
export const KNOWN_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  docker: DOCKER_SUBCOMMANDS,
  git: [
    'add',
    'am',
    'archive',
    'bisect',
    'blame',
    'branch',
    'bundle',
    'checkout',
    'cherry-pick',
    'clean',
    'clone',
    'commit',
    'config',
    'describe',
    'diff',
    'fetch',
    'format-patch',
    'gc',
    'grep',
    'init',
    'lfs',
    'log',
    'merge',
    'mv',
    'notes',
    'pull',
    'push',
    'rebase',
    'reflog',
    'remote',
    'reset',
    'restore',
    'revert',
    'rm',
    'shortlog',
    'show',
    'stash',
    'status',
    'submodule',
    'switch',
    'tag',
    'worktree',
  ],
  kubectl: [
    'annotate',
    'api-resources',
    'apply',
    'attach',
    'autoscale',
    'cluster-info',
    'config',
    'cordon',
    'cp',
    'create',
    'debug',
    'delete',
    'describe',
    'drain',
    'edit',
    'exec',
    'explain',
    'expose',
    'get',
    'label',
    'logs',
    'patch',
    'port-forward',
    'proxy',
    'replace',
    'rollout',
    'run',
    'scale',
    'set',
    'taint',
    'top',
    'uncordon',
    'version',
    'wait',
  ],
};

/** Commands too trivial to ask about: leaving a shell, listing a directory. */
export const TRIVIAL_COMMANDS: ReadonlySet<string> = new Set([
  'exit',
  'logout',
  'clear',
  'ls',
  'pwd',
  'cd',
  'll',
]);

/** Shell grammar words that start script lines but are not programs. */
export const SHELL_KEYWORDS: readonly string[] = [
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'function',
  'return',
  '{',
  '}',
  '..',
  '...',
];

/** The shell vocabulary the extractors read terminal transcripts with. */
export const SHELL_VOCABULARY: ShellVocabulary = {
  prompts: PROMPT_SHAPES,
  barePrompt: BARE_PROMPT,
  programs: new Set(PROGRAMS),
  keywords: new Set(SHELL_KEYWORDS),
  groups: Object.fromEntries(Object.entries(SUBCOMMAND_GROUPS).map(([k, v]) => [k, new Set(v)])),
};
