import { toString as mdastToString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import type { BuildWarning, Card, DeckInfo } from '../deck/types.ts';
import { detectLanguage } from '../notes/language.ts';
import { flattenDeepNesting, MAX_NESTING } from '../notes/nesting.ts';
import { parseMarkdown, readFrontMatter } from '../notes/parse.ts';
import { splitSections } from '../notes/sections.ts';
import { extractAuthored } from './authored.ts';
import { extractClozes } from './clozes.ts';
import { extractCommands } from './commands.ts';
import { extractComparisons } from './comparisons.ts';
import { extractConcepts } from './concepts.ts';
import { extractInstructions } from './dockerfile.ts';
import { extractFlags } from './flags.ts';
import { finishCards } from './rules.ts';
import { correctSlips } from './slips.ts';
import type { Extractor, NoteContext } from './types.ts';

/**
 * Every extractor, in the order their cards appear for one section. Authored cards come first: what the
 * writer marked explicitly wins over what we infer about the same thing.
 */
export const EXTRACTORS: readonly Extractor[] = [
  extractAuthored,
  extractConcepts,
  extractCommands,
  extractFlags,
  extractInstructions,
  extractComparisons,
  extractClozes,
];

export interface NoteResult {
  deck: DeckInfo;
  cards: Card[];
  warnings: BuildWarning[];
}

function deckNameOf(file: string, title: string | undefined): string {
  if (title) return title;
  const base = file.split('/').at(-1) ?? file;
  return base.replace(/\.(md|markdown)$/i, '');
}

/** Parses a note and reads what every extractor shares: front matter, sections, language. */
function readTree(raw: string, warn: (message: string, position?: Position) => void) {
  const { text, lines } = flattenDeepNesting(raw);
  for (const line of lines.slice(0, 5)) {
    warn(`quotes or lists nested more than ${MAX_NESTING} levels deep: read as ${MAX_NESTING}`, {
      start: { line, column: 1 },
      end: { line, column: 1 },
    });
  }
  const tree = parseMarkdown(text);
  const { frontMatter, error } = readFrontMatter(tree);
  if (error) warn(error, tree.children[0]?.position);
  const sections = splitSections(tree);
  const prose = sections.map(
    (s) => `${s.title}\n${s.nodes.map((n) => (n.type === 'code' ? '' : mdastToString(n))).join('\n')}`,
  );
  return { frontMatter, sections, lang: detectLanguage(prose.join('\n')) };
}

/**
 * The note as extractors see it (parsed, sectioned, language detected), for running one extractor on
 * its own in tests. The deck is named `notes`; warnings go to `warn`.
 */
export function noteContext(
  file: string,
  text: string,
  warn: (message: string, position?: Position) => void = () => {},
): NoteContext {
  const { frontMatter, sections, lang } = readTree(text, warn);
  const tags = [...new Set([...frontMatter.tags, ...frontMatter.categories])];
  return { file, deck: 'notes', lang, tags, sections, warn };
}

/**
 * Notes → cards for one file: parse, cut into sections, run every extractor, then apply the card
 * rules (ids, tags, no empty sides, no duplicates). Pure and deterministic; never throws on content.
 */
export function extractNote(file: string, text: string): NoteResult {
  const warnings: BuildWarning[] = [];
  const warn = (message: string, position?: Position) => {
    warnings.push({
      file,
      line: position?.start.line ?? 1,
      column: position?.start.column ?? 1,
      message,
    });
  };
  let read: ReturnType<typeof readTree>;
  try {
    read = readTree(text, warn);
  } catch (cause) {
    // Thousands of nested quotes or lists overflow the stack of the Markdown tools: skip the note,
    // say why, and build the rest of the deck.
    if (!(cause instanceof RangeError)) throw cause;
    warn(`this note nests too deeply to read (${cause.message}); no cards were taken from it`);
    const lang = detectLanguage(text.slice(0, 100_000));
    return {
      deck: { name: deckNameOf(file, undefined), file, lang, tags: [], topics: [] },
      cards: [],
      warnings,
    };
  }
  const { frontMatter, sections, lang } = read;
  const deck = deckNameOf(file, frontMatter.title);
  const tags = [...new Set([...frontMatter.tags, ...frontMatter.categories])];
  const note: NoteContext = { file, deck, lang, tags, sections, warn };
  const drafts = EXTRACTORS.flatMap((extract) => {
    try {
      return extract(note);
    } catch (cause) {
      // An extractor bug must not cost the user the rest of their deck.
      warn(`internal extractor error: ${(cause as Error).message}`);
      return [];
    }
  });
  const cards = finishCards(
    note,
    drafts.map((draft) => correctSlips(draft, lang)),
  );
  const topics = sections
    .filter((s) => s.heading)
    .map((s) => ({ path: s.path, line: s.line, endLine: s.endLine }));
  return { deck: { name: deck, file, lang, tags, topics }, cards, warnings };
}
