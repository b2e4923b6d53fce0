import type { Code } from 'mdast';
import type { NoteLanguage } from '../deck/types.ts';
import type { Section } from '../notes/sections.ts';
import { type ParsedCommand, usesFlag } from '../shell/command.ts';
import { type CodeCommand, codePairs, lineCommand, sectionCommands } from './code-session.ts';
import { findCommandMentions, readMentionUses } from './command-mentions.ts';
import {
  clip,
  codeSpan,
  inlineText,
  sectionBlocks,
  splitClauses,
  splitSentences,
  type TextBlock,
  trimPunctuation,
  visibleLength,
} from './prose.ts';
import type { CardDraft, Extractor, NoteContext } from './types.ts';
import { matchInstruction } from './vocabulary/dockerfile.ts';
import { SHELL_VOCABULARY } from './vocabulary/shell.ts';

/** Question templates, by note language. */
const WORDING = {
  zh: {
    flag: (command: string, flag: string) => `${codeSpan(command)} 的 ${codeSpan(flag)} 参数的作用？`,
    option: (owner: string, option: string, withDefault: boolean) =>
      `${codeSpan(owner)} 的 ${codeSpan(option)} 选项的含义${withDefault ? '和默认值' : ''}？`,
    withDefault: (meaning: string, value: string) => `${meaning}。默认：${value}`,
    usage: (usage: string, meaning: string) => `${codeSpan(usage)}：${meaning}`,
  },
  en: {
    flag: (command: string, flag: string) => `What does ${codeSpan(flag)} do in ${codeSpan(command)}?`,
    option: (owner: string, option: string, withDefault: boolean) =>
      withDefault
        ? `The ${codeSpan(option)} option of ${codeSpan(owner)}: meaning and default?`
        : `What does the ${codeSpan(option)} option of ${codeSpan(owner)} do?`,
    withDefault: (meaning: string, value: string) => `${meaning}. Default: ${value}`,
    usage: (usage: string, meaning: string) => `${codeSpan(usage)}: ${meaning}`,
  },
} as const;

/** How explicitly the notes explain a flag; the best explanation per flag stays. */
const STRENGTH = { list: 3, definition: 3, comment: 2.5, clause: 2, purpose: 1.5, sentence: 1 } as const;
const MAX_MEANING = 100;

const FLAG = /(?<![\w-])(--?[A-Za-z][\w-]*)(?:(=|\s)([^\s`，。；,;]*))?/;
const FLAG_TOKEN = /^--?[A-Za-z][\w-]*$/;

interface Builder {
  note: NoteContext;
  section: Section;
  drafts: CardDraft[];
  strength: Map<CardDraft, number>;
  /** The note's code commands by flag, for flags whose command the section does not show. */
  noteUsers: Map<string, CodeCommand[]>;
}

/**
 * The command that uses a flag, among `commands`: one written with the flag itself beats one that
 * bundles it (`-it` for `-i`); one the heading names ("exec命令") beats the others; then the most
 * frequent, then the first.
 */
function pickUser(section: Section, commands: readonly CodeCommand[], flag: string): string | undefined {
  const exact = commands.filter((c) => c.command.flags.some((f) => f.flag === flag));
  const users = exact.length ? exact : commands.filter((c) => usesFlag(c.command, flag));
  if (users.length === 0) return undefined;
  const title = section.title.toLowerCase();
  const named = users.find((c) => c.command.name.slice(1).some((w) => title.includes(w)));
  if (named) return named.name;
  const counts = new Map<string, number>();
  for (const c of users) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A flag as written: `--interval=<间隔>` is flag `--interval` with usage `--interval=<间隔>`. */
interface FlagMention {
  flag: string;
  usage: string;
}

function readFlag(term: string): FlagMention | undefined {
  const text = term.trim();
  const match = /^(--?[A-Za-z][\w-]*)(.*)$/s.exec(text);
  if (!match?.[1]) return undefined;
  const rest = match[2] ?? '';
  // `--build-arg<参数名>=<值>` and `-p <宿主端口>:<容器端口>` carry a value; `-it` and `--rm` do not.
  if (rest && !/^(?:[=\s<[]|$)/.test(rest)) return undefined;
  return { flag: match[1], usage: text };
}

/** The default a description states: "默认为30s", "默认30s", "默认3次", "default: 30s". */
function readDefault(text: string): { value: string; without: string } | undefined {
  // The value starts with a digit, a letter or code: "默认情况下" and "默认无法互访" state no value.
  const zh = /[，,；;]?\s*默认(?:值)?(?:为|是)?\s*[:：]?\s*([\w`"'./-][^，。；,;\s]*)/.exec(text);
  const en = /[,;(]?\s*\(?default(?:s)?(?:\s+(?:is|to|value is)|:)\s*`?([^\s,;)`]+)`?\)?/i.exec(text);
  const match = zh ?? en;
  if (!match?.[1]) return undefined;
  const without = trimPunctuation(text.slice(0, match.index) + text.slice(match.index + match[0].length));
  return { value: trimPunctuation(match[1]), without };
}

/** Drops a contrast that follows the meaning ("…，而EXPOSE仅仅是声明…"): it explains something else. */
function beforeContrast(text: string): string {
  const clauses = splitClauses(text);
  const cut = clauses.findIndex((c, i) => i > 0 && /^(?:而|whereas\b)/i.test(c.trim()));
  return cut > 0 ? trimPunctuation(clauses.slice(0, cut).join('')) : text;
}

function push(
  b: Builder,
  strength: number,
  owner: { name: string; kind: 'flag' | 'option' },
  mention: FlagMention,
  meaning: string,
  line: number,
  endLine: number,
  extra?: string,
  alternatives?: string[],
): void {
  const words = WORDING[b.note.lang];
  const stated = readDefault(meaning);
  let back = clip(beforeContrast(stated?.without ?? meaning), MAX_MEANING);
  if (stated) back = words.withDefault(back, stated.value);
  if (visibleLength(back) < 2) return;
  const front =
    owner.kind === 'option'
      ? words.option(owner.name, mention.flag, stated !== undefined)
      : words.flag(owner.name, mention.flag);
  const draft: CardDraft = {
    kind: owner.kind,
    key: `${owner.name} ${mention.flag}`,
    front,
    back,
    section: b.section,
    line,
    endLine,
    answer: mention.flag,
    ...(extra && extra !== back ? { extra } : {}),
    ...(alternatives?.length ? { alternatives } : {}),
  };
  b.drafts.push(draft);
  b.strength.set(draft, strength);
}

// --- Owners ----------------------------------------------------------------------------------------

/** The instruction a section is about, when its heading starts with one (`HEALTHCHECK健康检查`). */
function sectionInstruction(section: Section): string | undefined {
  const word = /^[`\s]*([A-Za-z]+)/.exec(section.title)?.[1];
  return word ? matchInstruction(word, { fuzzy: true }) : undefined;
}

function commandName(command: ParsedCommand): string {
  return command.name.join(' ');
}

/**
 * Which command a flag explained in prose belongs to: one named earlier in the same sentence or
 * paragraph; else a command of the section's code that uses the flag; else the last command before
 * it in the section.
 */
function ownerOf(b: Builder, flag: string, context: string, line: number): string | undefined {
  const named = findCommandMentions(context).at(-1);
  if (named) return commandName(named.command);
  const commands = sectionCommands(b.section);
  const using = pickUser(b.section, commands, flag) ?? pickUser(b.section, b.noteUsers.get(flag) ?? [], flag);
  if (using) return using;
  // `### docker-compose down` over "加上 `-v` 会把数据卷也删掉": the heading names the command.
  const titled = findCommandMentions(codeTitle(b.section.title)).at(0);
  if (titled) return commandName(titled.command);
  const before = [...commands, ...proseMentions(b.section)]
    .filter((c) => c.line < line)
    .sort((x, y) => x.line - y.line);
  // A command written with flags ("docker run -P") is the one whose flags the text goes on about.
  const chosen = before.filter((c) => c.command.flags.length > 0).at(-1) ?? before.at(-1);
  return chosen?.name;
}

const mentionsOf = new WeakMap<Section, CodeCommand[]>();

/** Commands named in a section's prose, with their lines; memoized on the section. */
function proseMentions(section: Section): CodeCommand[] {
  let out = mentionsOf.get(section);
  if (!out) {
    out = sectionBlocks(section).flatMap((block) =>
      findCommandMentions(block.text).map((m) => ({
        command: m.command,
        name: commandName(m.command),
        line: block.line,
      })),
    );
    mentionsOf.set(section, out);
  }
  return out;
}

/** Every command of the note's code, by each flag it uses (`-dit` is listed under `-d`, `-i`, `-t`). */
function indexByFlag(commands: readonly CodeCommand[]): Map<string, CodeCommand[]> {
  const index = new Map<string, CodeCommand[]>();
  // A set beside each list: a long session repeating one flag made `includes` quadratic.
  const listed = new Map<string, Set<CodeCommand>>();
  const add = (flag: string, command: CodeCommand) => {
    let seen = listed.get(flag);
    let list = index.get(flag);
    if (!seen || !list) {
      seen = new Set();
      list = [];
      listed.set(flag, seen);
      index.set(flag, list);
    }
    if (seen.has(command)) return;
    seen.add(command);
    list.push(command);
  };
  for (const command of commands) {
    for (const { flag } of command.command.flags) {
      add(flag, command);
      if (/^-[A-Za-z]{2,4}$/.test(flag)) for (const letter of flag.slice(1)) add(`-${letter}`, command);
    }
  }
  return index;
}

/** A heading's text with a leading command put in backticks, so "git commit options" names `git commit`. */
function codeTitle(title: string): string {
  return title.includes('`') ? title : `\`${title}\``.replace(/^`((?:[a-z][\w-]*\s?){1,3})(.*)`$/, '`$1`$2');
}

// --- "`-it`: meaning" lists ------------------------------------------------------------------------

const TERM =
  /^((?:`-[^`]+`|--?[A-Za-z][\w-]*(?:=\S*?)?)(?:\s*[,，/、]\s*(?:`-[^`]+`|--?[A-Za-z][\w-]*))*)\s*(?:[:：]|\s[-–—]\s)\s*([\s\S]+)$/;

/** A list item `-d 在后台运行` / `` `--build` 启动前先构建镜像 ``: the flag, a space, then Chinese. */
const SPACED_TERM =
  /^((?:`-[^`\s]+`|--?[A-Za-z][\w-]*)(?:\s*[,，/、]\s*(?:`-[^`\s]+`|--?[A-Za-z][\w-]*))*)\s+(\p{Script=Han}[\s\S]*)$/u;

function termFlags(term: string): FlagMention[] {
  return term
    .split(/\s*[,，/、]\s*/)
    .map((part) => readFlag(part.replace(/`/g, '')))
    .filter((m): m is FlagMention => m !== undefined);
}

/** The text before a flag list that names its owner: the paragraph before the list or block quote. */
function leadText(b: Builder, block: TextBlock, blocks: readonly TextBlock[]): string {
  const before = b.section.nodes[block.nodeIndex - 1];
  if (block.container === 'list' && before?.type === 'paragraph') return inlineText(before);
  const earlier = blocks.filter((x) => x.line < block.line && !TERM.test(x.text.trim()));
  return earlier.at(-1)?.text ?? '';
}

/**
 * "Build flags:" before a list: the section's command written earlier whose last word (`build` of
 * `docker build`) the lead says, when the lead does not write the command out.
 */
function leadSubcommand(b: Builder, lead: string, line: number): string | undefined {
  const words = new Set(lead.toLowerCase().match(/[a-z][\w-]*/g) ?? []);
  if (words.size === 0) return undefined;
  return [...sectionCommands(b.section), ...proseMentions(b.section)]
    .filter((c) => c.line < line && c.command.name.length > 1 && words.has(c.command.name.at(-1) ?? ''))
    .sort((x, y) => x.line - y.line)
    .at(-1)?.name;
}

function listCards(b: Builder, block: TextBlock, blocks: readonly TextBlock[]): boolean {
  if (block.container === 'list' && !block.item) return false;
  const text = block.text.trim();
  // `- -d 在后台运行`: in a list, Chinese right after the flag ends it as a colon would.
  const match = TERM.exec(text) ?? (block.item ? SPACED_TERM.exec(text) : null);
  if (!match?.[1] || !match[2]) return false;
  const mentions = termFlags(match[1]);
  const first = mentions[0];
  if (!first) return false;
  const description = match[2].trim();
  const lead = leadText(b, block, blocks);
  // The paragraph before the list names the command ("`docker run`是容器运行的命令："), or the heading does.
  const named = findCommandMentions(lead).at(0) ?? findCommandMentions(codeTitle(b.section.title)).at(0);
  const instruction = sectionInstruction(b.section);
  let owner: { name: string; kind: 'flag' | 'option' } | undefined;
  const byWord = named ? undefined : leadSubcommand(b, lead, block.line);
  if (named) owner = { name: commandName(named.command), kind: 'flag' };
  else if (instruction) owner = { name: instruction, kind: 'option' };
  else if (byWord) owner = { name: byWord, kind: 'flag' };
  else {
    const name = ownerOf(b, first.flag, '', block.line);
    if (name) owner = { name, kind: 'flag' };
  }
  if (!owner) return true;
  const meaning = clip(trimPunctuation(splitSentences(description)[0] ?? description), MAX_MEANING);
  const withDefault = readDefault(description) && !readDefault(meaning) ? description : meaning;
  const alternatives = mentions.slice(1).map((m) => m.flag);
  push(b, STRENGTH.list, owner, first, withDefault, block.line, block.endLine, description, alternatives);
  return true;
}

// --- Comments in code ------------------------------------------------------------------------------

/** "过滤器参数--filter,简写-f": the long form a comment gives for a short flag. */
function longForm(comment: string, flag: string): string | undefined {
  const escaped = flag.replace(/[-]/g, '\\-');
  const zh = new RegExp(`(--[\\w-]+)[,，\\s]*(?:简写|缩写|简称|或)\\s*${escaped}(?![\\w-])`).exec(comment);
  const en = new RegExp(
    `(--[\\w-]+)\\s*(?:\\(|,)?\\s*(?:short(?:hand)?|or)\\s*${escaped}(?![\\w-])`,
    'i',
  ).exec(comment);
  return (zh ?? en)?.[1];
}

const CONNECTIVE =
  /^(?:选项|参数|标志|flag|option|switch)?\s*(?:则|就|是|表示|代表|用于|用来|可以|可|会|能|is used to|is|tells \w+ to|makes)?\s*/i;

function codeCards(b: Builder, code: Code): void {
  if (code.lang && !/^(?:shell|sh|bash|zsh|console|she|terminal|cmd|powershell|ps)$/i.test(code.lang)) return;
  for (const pair of codePairs(code)) {
    const [only, ...more] = pair.commands;
    if (!only || more.length) continue;
    const command = lineCommand(code, only);
    if (!command || !SHELL_VOCABULARY.programs.has(command.program)) continue;
    const line = (code.position?.start.line ?? 0) + 1 + pair.index;
    const owner = { name: commandName(command), kind: 'flag' as const };
    const distinct = [...new Set(command.flags.map((f) => f.flag))];
    // A bare word after a flag may be the flag's value or the command's argument (`--rm ubuntu`); only a
    // value that looks like one (`since=mongo:3.2`, `"{{.ID}}"`, `--flag=x`) keeps the command "flags only".
    const first = command.flags[0];
    const valueLike = !first?.value || /[=:"'{]/.test(first.value) || command.text.includes(`${first.flag}=`);
    const onlyFlag = command.args.length === 0 && distinct.length === 1 && valueLike ? first : undefined;
    if (onlyFlag) {
      // `# 将所有镜像的ID列出` over `docker image ls -q`: the comment says what the flag does.
      const usage = onlyFlag.value ? `${onlyFlag.flag} ${onlyFlag.value}` : onlyFlag.flag;
      const long = longForm(pair.comment, onlyFlag.flag);
      const meaning = trimPunctuation(splitSentences(pair.comment)[0] ?? pair.comment);
      push(
        b,
        STRENGTH.comment,
        owner,
        { flag: onlyFlag.flag, usage },
        meaning,
        line,
        line + 1,
        pair.comment,
        long ? [long] : [],
      );
      continue;
    }
    // `-t选项让Docker分配一个伪终端…，-i则让容器的标准输入保持打开`: clauses that explain a flag.
    for (const clause of splitClauses(pair.comment)) {
      const match = FLAG.exec(clause);
      if (!match?.[1]) {
        // "命名为webserver" over `--name webserver`: the clause ends with a long flag's value. (Without
        // each flag's arity a short flag's "value" may be the image, so only long flags count.)
        const meaning = trimPunctuation(clause);
        const valued = command.flags.find(
          (f) =>
            // With no other argument, the "value" may well be the argument (`--rm ubuntu`).
            command.args.length > 0 &&
            f.flag.startsWith('--') &&
            f.value &&
            f.value.length >= 3 &&
            /^[\w.-]+$/.test(f.value) &&
            meaning.endsWith(f.value),
        );
        if (valued && visibleLength(meaning) > valued.value!.length) {
          const mention = { flag: valued.flag, usage: `${valued.flag} ${valued.value}` };
          push(b, STRENGTH.sentence, owner, mention, meaning, line, line + 1, pair.comment);
        }
        continue;
      }
      if (!usesFlag(command, match[1])) continue;
      const meaning = trimPunctuation(clause.slice(match.index + match[1].length).replace(CONNECTIVE, ''));
      if (visibleLength(meaning) < 4) continue;
      push(
        b,
        STRENGTH.clause,
        owner,
        { flag: match[1], usage: match[1] },
        meaning,
        line,
        line + 1,
        pair.comment,
      );
    }
  }
}

// --- Prose -----------------------------------------------------------------------------------------

const MEANS_BEFORE_ZH = /(?<!不)(?:添加|加上|加入|加|带上|通过|使用|用|指定)\s*$/;
const MEANS_BEFORE_EN = /\b(?:add|adding|use|using|pass|passing|with|run with|specify)\s*$/i;
const NAMED_AFTER = /^\s*(?:参数|选项|这个参数|标志|flag|option|switch)/i;
const DEFINES =
  /^\s*(?:参数|选项|标志)?\s*(?:就是|是|表示|代表|用于|用来|则让|让|使|会|则)|^\s*(?:flag|option)?\s*(?:is used to|means|makes|tells|lets|will|\w+s\b)/i;
const NEGATED = /(?:不用|不使用|不加|无关|不是|without)\s*$|^\s*(?:参数|选项)?\s*(?:无关|不是|并不)/;
const REFERS_BACK = /^(?:该|这|此|其|它|可以通过|通过|可以添加|(?:this|that|it)\b)/i;

interface Explained {
  mention: FlagMention;
  meaning: string;
  strength: number;
  owner?: string;
}

/**
 * Whether a sentence about a whole command line speaks of its one flag: it names a part of the flag's
 * value (`8080` of `-p 8080:80`) and does not open with the command's own verb (`builds` for
 * `docker build`, which tells what the command does, whatever `-t myapp:1.0` adds).
 */
function speaksOfFlag(purpose: string, command: ParsedCommand): boolean {
  const verb = (command.name.at(-1) ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (verb && new RegExp(`^\\W*${verb}(?:s|es|ed|ing)?\\b`, 'i').test(purpose)) return false;
  const parts = (command.flags[0]?.value ?? '').split(/[:=,/]/).filter((part) => part.length >= 2);
  return parts.some((part) => purpose.includes(part));
}

/** Flags a sentence explains: "`-p`是映射…", "通过`-v`参数指定…", "docker run -P时，会自动随机映射…". */
function explainFlags(sentence: string, previous: string, lang: NoteLanguage): Explained[] {
  const out: Explained[] = [];
  const spans = [...sentence.matchAll(/`(-[^`]+)`/g)];
  const seen = new Set<string>();
  // Definitions first ("`-p`是映射…"), so a flag named twice in a sentence gets its definition.
  for (const pass of ['definition', 'use'] as const)
    for (const span of spans) {
      for (const part of (span[1] ?? '').split(/\s*\/\s*/)) {
        const mention = readFlag(part);
        if (!mention || seen.has(mention.flag)) continue;
        const pre = sentence.slice(0, span.index);
        let post = sentence.slice(span.index + span[0].length);
        // `-i`/`-t`参数: the shared words after the last flag of a slash list apply to each.
        post = post.replace(/^(?:\s*\/\s*`-[^`]+`)+/, '');
        if (NEGATED.test(pre) || NEGATED.test(post)) continue;
        const clauseStart = /(?:^|[，,；;：:]|\b[Tt]he)\s*$/.test(pre);
        const means = (lang === 'zh' ? MEANS_BEFORE_ZH : MEANS_BEFORE_EN).test(pre);
        const named = NAMED_AFTER.test(post);
        if (clauseStart && DEFINES.test(post) && !/^\s*(?:参数|选项)?\s*(?:的|时)/.test(post)) {
          const meaning = trimPunctuation(
            post.replace(/^\s*(?:参数|选项|标志)?\s*/, '').replace(CONNECTIVE, ''),
          );
          if (visibleLength(meaning) >= 4) {
            out.push({
              mention,
              meaning: withUsage(spans, mention, meaning, lang),
              strength: STRENGTH.definition,
            });
            seen.add(mention.flag);
            continue;
          }
        }
        if (pass === 'definition' || (!means && !named)) continue;
        // A flag named by what it belongs to ("Docker引擎参数 `--icc=false`") is not a command's flag.
        if (/(?:参数|选项)\s*$/.test(pre)) continue;
        const rest = trimPunctuation(
          (
            splitClauses(post.replace(/^\s*(?:参数|选项|这个参数|标志|flag|option)?\s*/i, ''))[0] ?? ''
          ).replace(/^(?:来|可以|可|就可以|就会|会|to)\s*/i, ''),
        );
        // "使用 `-d`参数启动后…", "只用 `-i`参数时…": a time clause, not what the flag does.
        const meaning =
          means && visibleLength(rest) >= 4 && !/^[^，,]{0,4}?(?:时|的|后)/.test(rest)
            ? withUsage(spans, mention, rest, lang)
            : trimPunctuation(
                REFERS_BACK.test(sentence.trim()) && previous ? `${previous}${sentence}` : sentence,
              );
        out.push({ mention, meaning, strength: meaning === rest ? STRENGTH.purpose : STRENGTH.sentence });
        seen.add(mention.flag);
      }
    }
  // Flags written after a command named in the sentence: `docker run -P`, `docker image ls -a`.
  for (const use of readMentionUses(sentence)) {
    const flags = use.mention.command.flags;
    const only = flags[0];
    if (!only || flags.length > 1 || seen.has(only.flag)) continue;
    // `docker build -t myapp:1.0 .` builds an image…: with an argument, the sentence says what the whole
    // command does to it, not what the flag adds (as for a comment over a code line) — unless it
    // speaks of the flag's own value (`docker run -p 8080:80 nginx` maps port 8080…).
    if (use.mention.command.args.length > 0 && !speaksOfFlag(use.purpose, use.mention.command)) continue;
    const usage = use.mention.command.text.slice(commandName(use.mention.command).length).trim();
    const meaning = visibleLength(use.purpose) >= 4 ? use.purpose : trimPunctuation(sentence);
    out.push({
      mention: { flag: only.flag, usage },
      meaning,
      strength: STRENGTH.purpose,
      owner: commandName(use.mention.command),
    });
    seen.add(only.flag);
  }
  for (const mention of findCommandMentions(sentence)) {
    const only = mention.command.flags[0];
    if (mention.backticked || !only || mention.command.flags.length > 1 || seen.has(only.flag)) continue;
    out.push({
      mention: { flag: only.flag, usage: only.flag },
      meaning: trimPunctuation(sentence),
      strength: STRENGTH.sentence,
      owner: commandName(mention.command),
    });
    seen.add(only.flag);
  }
  return out;
}

/** `-p <宿主端口>:<容器端口>` written elsewhere in the sentence shows how the flag is used. */
function withUsage(
  spans: RegExpMatchArray[],
  mention: FlagMention,
  meaning: string,
  lang: NoteLanguage,
): string {
  const usage = spans
    .map((s) => readFlag(s[1] ?? ''))
    .find((m) => m?.flag === mention.flag && m.usage !== m.flag)?.usage;
  return usage ? WORDING[lang].usage(usage, meaning) : meaning;
}

function proseCards(b: Builder, block: TextBlock): void {
  // Every flag starts with a dash; most paragraphs have none.
  if (!/(?:^|[^\w-])-{1,2}[A-Za-z]/.test(block.text)) return;
  const sentences = splitSentences(block.text);
  sentences.forEach((sentence, index) => {
    const previous = sentences[index - 1] ?? '';
    for (const explained of explainFlags(sentence, previous, b.note.lang)) {
      const before = sentence.slice(0, Math.max(0, sentence.indexOf(explained.mention.flag)));
      const owner =
        explained.owner ??
        ownerOf(b, explained.mention.flag, `${sentences.slice(0, index).join('')}${before}`, block.line);
      if (!owner) continue;
      push(
        b,
        explained.strength,
        { name: owner, kind: 'flag' },
        explained.mention,
        explained.meaning,
        block.line,
        block.endLine,
        sentence,
      );
    }
  });
}

/**
 * Flag and option cards: a command's flag ↔ its meaning (`docker run` `--rm`), and an instruction's
 * option ↔ its meaning and default (`HEALTHCHECK` `--interval`, 30s). Sources: "`-it`: …" lists
 * under the paragraph naming the command (half- or full-width colons), block-quoted option lists in
 * an instruction's section, comments that explain a flag of the command below them, and sentences
 * that explain a flag ("`-p`是映射…", "可以通过添加 `-d`参数实现").
 */
export const extractFlags: Extractor = (note) => {
  const drafts: CardDraft[] = [];
  const strength = new Map<CardDraft, number>();
  const noteUsers = indexByFlag(note.sections.flatMap(sectionCommands));
  for (const section of note.sections) {
    const b: Builder = { note, section, drafts, strength, noteUsers };
    for (const node of section.nodes) if (node.type === 'code') codeCards(b, node);
    const blocks = sectionBlocks(section);
    for (const block of blocks) {
      if (!listCards(b, block, blocks)) proseCards(b, block);
    }
  }
  return bestPerFlag(drafts, strength);
};

/** One card per flag of a command: the most explicit explanation wins; on a tie, the first. */
function bestPerFlag(drafts: CardDraft[], strength: Map<CardDraft, number>): CardDraft[] {
  const best = new Map<string, CardDraft>();
  for (const draft of drafts) {
    const key = `${draft.kind} ${draft.key}`;
    const current = best.get(key);
    const s = strength.get(draft) ?? 0;
    const c = current ? (strength.get(current) ?? 0) : -1;
    if (!current || s > c || (s === c && draft.line < current.line)) best.set(key, draft);
  }
  const kept = new Set(best.values());
  return drafts.filter((d) => kept.has(d)).filter((d) => FLAG_TOKEN.test(d.answer ?? ''));
}
