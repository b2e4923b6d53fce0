import type { NoteLanguage } from '../deck/types.ts';
import type { Section } from '../notes/sections.ts';
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
import { type DockerfileInstruction, matchInstruction } from './vocabulary/dockerfile.ts';

/** Question templates, by note language. */
const WORDING = {
  zh: {
    purpose: (instruction: string) => `Dockerfile 指令 ${codeSpan(instruction)} 的作用？`,
    format: (instruction: string) => `${codeSpan(instruction)} 指令的格式？`,
    formLabel: (label: string) => (/\p{Script=Han}$/u.test(label) ? `${label}格式` : `${label} 格式`),
    which: (lead: string) => {
      const asked = lead.replace(/^(?:下列|以下|下面|如下)(?:的|这些)?(?:指令|instructions?)?/, '哪些指令');
      return asked === lead ? `${lead}的指令有哪些？` : `${asked}？`;
    },
    listJoin: '、',
    purposeSep: '：',
  },
  en: {
    purpose: (instruction: string) => `What does the Dockerfile instruction ${codeSpan(instruction)} do?`,
    format: (instruction: string) => `Syntax of the ${codeSpan(instruction)} instruction?`,
    formLabel: (label: string) => `${label} form`,
    which: (lead: string) => {
      const asked = lead.replace(/^(?:the\s+)?following\s+(?:dockerfile\s+)?(instructions?)/i, 'Which $1');
      return asked === lead ? `Which instructions: ${lead}?` : `${asked}?`;
    },
    listJoin: ', ',
    purposeSep: ': ',
  },
} as const;

const MAX_SENTENCE = 80;

/** The instruction a heading is about: `COPY复制文件`, `HEALTHCHECK健康检查`, `The COPY instruction`. */
function headingInstruction(
  title: string,
): { instruction: DockerfileInstruction; purpose: string } | undefined {
  const match = /^[`\s]*(?:the\s+)?`?([A-Za-z]+)`?/i.exec(title);
  const word = match?.[1];
  if (!word) return undefined;
  const instruction = matchInstruction(word, { fuzzy: true });
  if (!instruction) return undefined;
  const purpose = title
    .slice(match[0].length)
    .replace(/^\s*(?:指令|instruction\b)/i, '')
    .replace(/^[\s:：\-—–(（)）]+|[\s)）]+$/g, '')
    .trim();
  return { instruction, purpose };
}

interface Builder {
  note: NoteContext;
  section: Section;
  drafts: CardDraft[];
}

// --- Key sentence ----------------------------------------------------------------------------------

const DEFINING_ZH = /^(?:指令)?\s*(?:就是|则是|是|用于|用来|可以|将|会|指定|声明|设置|定义|的作用是)/;
const DEFINING_EN =
  /^\s*(?:instruction\s+)?(?:is|sets|specifies|defines|copies|adds|runs|executes|declares|creates|tells|lets|allows|provides|changes|makes|registers)\b/i;
const PURPOSE_WORDS = /目的|作用|用于|用来|purpose|is used to|used for/i;
const WEAK_START = /^(?:和|与|在没有|如果|但是|例如|比如|however|if|for example)/i;

const NAMES = new Map<string, RegExp>();

/**
 * What names an instruction in prose, compiled once per instruction. Global: use it only through
 * `matchAll` and `search`, which never move its `lastIndex`.
 */
function nameRegex(instruction: string): RegExp {
  let re = NAMES.get(instruction);
  if (!re) {
    // "该指令", "这个指令" stand for the instruction too; "改指令" is a typo for "该指令" seen in real notes.
    re = new RegExp(`${instruction}|这个指令|该指令|此指令|改指令|this instruction`, 'g');
    NAMES.set(instruction, re);
  }
  return re;
}

/**
 * The sentence that best says what an instruction does: one that names it and goes on to define it
 * ("EXPOSE指令是声明…", "USER则是改变…"), or speaks of its purpose (目的/作用/用于), or repeats the
 * heading's purpose; earlier paragraphs preferred. Returned from the defining clause on, clipped.
 */
function keySentence(blocks: readonly TextBlock[], instruction: string, purpose: string): string | undefined {
  let best: { text: string; score: number } | undefined;
  const core = visibleLength(purpose) >= 4 ? purpose.slice(-3) : purpose;
  blocks.slice(0, 6).forEach((block, index) => {
    for (const sentence of splitSentences(block.text)) {
      const clauses = splitClauses(sentence);
      let score = -index * 0.5;
      let from = 0;
      let named = false;
      const name = nameRegex(instruction);
      clauses.forEach((clause, at) => {
        for (const match of clause.matchAll(name)) {
          const after = clause.slice(match.index + match[0].length);
          if (!named && (DEFINING_ZH.test(after) || DEFINING_EN.test(after))) {
            from = at;
            named = true;
            score += 3;
          }
        }
      });
      if (PURPOSE_WORDS.test(sentence)) score += 2;
      if (core && sentence.includes(core)) {
        score += 2;
        // Without a defining clause, the sentence is read from where it speaks of the purpose.
        if (!named)
          from = Math.max(
            0,
            clauses.findIndex((c) => c.includes(core)),
          );
      }
      if (WEAK_START.test(sentence.trim())) score -= 2;
      // A short aside giving an example ("例如RUN/COPY等", "比如：") is left out.
      let kept = clauses
        .slice(from)
        .filter((c) => !(/^(?:比如|例如|如|for example|e\.g)/i.test(c.trim()) && visibleLength(c) < 14));
      // A turn to something else ("除了…", "but …") ends what the sentence says about it.
      const turn = kept.findIndex(
        (c, i) => i > 0 && /^(?:除了|但|但是|不过|(?:but|except|whereas)\b)/i.test(c.trim()),
      );
      if (turn > 0) kept = kept.slice(0, turn);
      const text = trimPunctuation(kept.join(''));
      if (visibleLength(text) < 4) continue;
      if (!best || score > best.score) best = { text, score };
    }
  });
  if (best && best.score >= 2) return clip(best.text, MAX_SENTENCE);
  const first = blocks[0] ? splitSentences(blocks[0].text)[0] : undefined;
  return first && visibleLength(first) >= 4 ? clip(trimPunctuation(first), MAX_SENTENCE) : undefined;
}

// --- Formats ---------------------------------------------------------------------------------------

interface FormatItem {
  label?: string;
  format: string;
  description?: string;
}

const FORMAT_LEAD = /(?:格式|语法|用法|syntax|format|forms?|usage)[^：:]{0,8}[：:]\s*$/i;
const FORMAT_LINE = /^(?:格式|语法|用法|syntax|format|usage)(?:为|是)?\s*[：:]\s*(.+)$/is;
const LABELLED = /^([^：:`\s][^：:`]{0,9}?)\s*(?:格式|form|format)\s*[：:]\s*(.+)$/is;

/** Splits "`RUN<命令>`，就像…" into the format (through its code) and the description after it. */
function splitFormat(text: string): { format: string; description: string } {
  let inCode = false;
  let seenCode = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '`') {
      inCode = !inCode;
      if (!inCode) seenCode = true;
      continue;
    }
    if (inCode) continue;
    const ends = seenCode ? '，,。；;：' : '。；：';
    if (ends.includes(ch) && (ch !== ',' || /\s/.test(text[i + 1] ?? ''))) {
      return { format: text.slice(0, i), description: text.slice(i + 1) };
    }
  }
  return { format: text, description: '' };
}

/** One format line as a Dockerfile line: backticks dropped, a space after the instruction. */
function tidyFormat(format: string, instruction: string): string | undefined {
  const plain = format.replace(/`/g, '').replace(/\s+/g, ' ').trim();
  const match = /^([A-Za-z]+)\s*(.*)$/s.exec(plain);
  if (!match?.[1] || matchInstruction(match[1], { fuzzy: true }) !== instruction) return undefined;
  // A misspelled instruction (`HEALTHYCHECK`) would teach the typo: the card shows the real name.
  return match[2] ? `${instruction} ${match[2]}` : instruction;
}

function readFormatItem(text: string, instruction: string): FormatItem | undefined {
  let rest = text.trim();
  let label: string | undefined;
  const labelled = LABELLED.exec(rest);
  if (labelled?.[1] && labelled[2] && !matchInstruction(labelled[1].trim(), { fuzzy: true })) {
    label = labelled[1].trim();
    rest = labelled[2];
  }
  const { format, description } = splitFormat(rest);
  const line = tidyFormat(format, instruction);
  if (!line) return undefined;
  const desc = trimPunctuation(description);
  return { format: line, ...(label ? { label } : {}), ...(desc ? { description: desc } : {}) };
}

/** Format lines of a section: "格式：…" lines, lists after a "…格式：" lead, and "shell格式：…" lines. */
function formatItems(blocks: readonly TextBlock[], section: Section, instruction: string): FormatItem[] {
  const items: FormatItem[] = [];
  const seen = new Set<string>();
  const add = (item: FormatItem | undefined) => {
    if (item && !seen.has(item.format)) {
      seen.add(item.format);
      items.push(item);
    }
  };
  for (const block of blocks) {
    const text = block.text.trim();
    const single = FORMAT_LINE.exec(text);
    if (single?.[1] && block.container !== 'list') add(readFormatItem(single[1], instruction));
    else if (block.container === 'list' && block.item) {
      const lead = section.nodes[block.nodeIndex - 1];
      const leadText = lead?.type === 'paragraph' ? inlineText(lead).trim() : '';
      if (FORMAT_LEAD.test(leadText) || LABELLED.test(text)) add(readFormatItem(text, instruction));
    } else if (LABELLED.test(text)) add(readFormatItem(text, instruction));
  }
  return items;
}

function formatBack(items: readonly FormatItem[], lang: NoteLanguage): string {
  const words = WORDING[lang];
  const lines = items.flatMap((item) => {
    const label = item.label ? words.formLabel(item.label) : '';
    const description = item.description ? clip(item.description, 40) : '';
    const comment = [label, description].filter(Boolean).join(lang === 'zh' ? '：' : ': ');
    return comment ? [`# ${comment}`, item.format] : [item.format];
  });
  return `\`\`\`dockerfile\n${lines.join('\n')}\n\`\`\``;
}

// --- Cards -----------------------------------------------------------------------------------------

function instructionSection(b: Builder): void {
  const heading = headingInstruction(b.section.title);
  if (!heading) return;
  const { instruction, purpose } = heading;
  const words = WORDING[b.note.lang];
  const blocks = sectionBlocks(b.section);
  const items = formatItems(blocks, b.section, instruction);
  const formatBlocks = new Set(
    blocks.filter((block) =>
      items.some((item) => block.text.includes(item.format.split(' ')[1] ?? '\u0000')),
    ),
  );
  // Lead-ins ("格式为：") and format lines are not prose about the instruction.
  const prose = blocks.filter(
    (block) =>
      block.container === 'root' &&
      !formatBlocks.has(block) &&
      !FORMAT_LINE.test(block.text.trim()) &&
      !LABELLED.test(block.text.trim()) &&
      !(/[：:]\s*$/.test(block.text.trim()) && visibleLength(block.text) < 15),
  );
  let sentence = keySentence(prose, instruction, purpose);
  // A format line that says what it is for ("设置检查容器健康状态的命令") beats a weak sentence.
  const described = items.find((item) => item.description && !item.label)?.description;
  if (described && (!sentence || sentence.search(nameRegex(instruction)) < 0)) sentence = described;
  const back =
    purpose && sentence && !sentence.includes(purpose)
      ? `${purpose}${words.purposeSep}${sentence}`
      : (sentence ?? purpose);
  const line = b.section.line;
  if (back && visibleLength(back) >= 2) {
    const extra = prose
      .slice(0, 2)
      .map((p) => p.text)
      .join('\n\n');
    b.drafts.push({
      kind: 'instruction',
      key: instruction,
      front: words.purpose(instruction),
      back,
      section: b.section,
      line,
      endLine: b.section.contentEndLine,
      answer: instruction,
      ...(extra ? { extra } : {}),
    });
  }
  if (items.length) {
    b.drafts.push({
      kind: 'instruction',
      key: `${instruction} syntax`,
      front: words.format(instruction),
      back: formatBack(items, b.note.lang),
      section: b.section,
      line,
      endLine: b.section.contentEndLine,
    });
  }
}

/** "- `FROM`: sets the base image" lists and tables outside an instruction's own section. */
function termCards(b: Builder, block: TextBlock): void {
  if (!block.item) return;
  const match = /^`?([A-Z]{2,})`?\s*(?:[:：]|\s[-–—]\s)\s*(.+)$/s.exec(block.text.trim());
  const instruction = match?.[1] ? matchInstruction(match[1], { fuzzy: true }) : undefined;
  if (!instruction || !match?.[2]) return;
  b.drafts.push({
    kind: 'instruction',
    key: instruction,
    front: WORDING[b.note.lang].purpose(instruction),
    back: clip(trimPunctuation(match[2]), MAX_SENTENCE),
    section: b.section,
    line: block.line,
    endLine: block.endLine,
    answer: instruction,
  });
}

const MEANS = /(?:使用|用|通过|利用|\buse\b|\busing\b|\bwith\b)\s*$/i;

/** "使用 `COPY --from=0 …` 从上一阶段的镜像中复制文件": an instruction's option and what it does. */
function optionMentions(b: Builder, block: TextBlock): void {
  if (!/`[A-Z]+\s+--/.test(block.text)) return;
  for (const sentence of splitSentences(block.text)) {
    for (const span of sentence.matchAll(/`([A-Z]+)\s+(--[a-z][\w-]*)(?:=[^`\s]*)?[^`]*`/g)) {
      const instruction = matchInstruction(span[1] ?? '');
      const option = span[2];
      if (!instruction || !option || !MEANS.test(sentence.slice(0, span.index))) continue;
      const after = trimPunctuation(
        sentence.slice(span.index + span[0].length).replace(/^\s*(?:来|可以|to)\s*/i, ''),
      );
      if (visibleLength(after) < 4) continue;
      const key = `${instruction} ${option}`;
      b.drafts.push({
        kind: 'instruction',
        key,
        front: WORDING[b.note.lang].purpose(key),
        back: clip(after, MAX_SENTENCE),
        extra: sentence,
        section: b.section,
        line: block.line,
        endLine: block.endLine,
        answer: key,
      });
    }
  }
}

/** "下列的指令可以支持环境变量展开：" + "ADD/COPY/ENV/…": which instructions share a property. */
function instructionLists(b: Builder, blocks: readonly TextBlock[]): void {
  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    const lead = block.text.trim();
    if (!next || !/[：:]$/.test(lead) || block.container !== 'root') return;
    const names = next.text
      .trim()
      .split(/\s*[/、,，\s]\s*/)
      .filter(Boolean);
    const instructions = names.map((n) => matchInstruction(n.replace(/`/g, '')));
    if (names.length < 3 || instructions.some((i) => !i)) return;
    const words = WORDING[b.note.lang];
    const question = trimPunctuation(splitSentences(lead).at(-1) ?? lead);
    b.drafts.push({
      kind: 'instruction',
      key: `instructions: ${question}`,
      front: words.which(question),
      back: (instructions as string[]).map(codeSpan).join(words.listJoin),
      section: b.section,
      line: block.line,
      endLine: next.endLine,
    });
  });
}

/**
 * Instruction cards: for each section headed by a Dockerfile instruction (misspellings such as
 * `HEALTHYCHECK` and `ONBULD` matched to the intended one), a purpose card (heading purpose + the
 * sentence that defines it) and, where the notes give formats, a format card; plus an instruction's
 * option used in prose (`COPY --from`), "`X`: …" lists, and lists of instructions sharing a property.
 */
export const extractInstructions: Extractor = (note) => {
  const drafts: CardDraft[] = [];
  for (const section of note.sections) {
    const b: Builder = { note, section, drafts };
    instructionSection(b);
    const blocks = sectionBlocks(section);
    for (const block of blocks) {
      termCards(b, block);
      optionMentions(b, block);
    }
    instructionLists(b, blocks);
  }
  // The section about an instruction explains it better than a passing list item.
  const seen = new Set<string>();
  return drafts.filter((d) => {
    if (seen.has(d.key)) return false;
    seen.add(d.key);
    return true;
  });
};
