import type { Position } from 'unist';
import type { CardKind, NoteLanguage } from '../deck/types.ts';
import type { Section } from '../notes/sections.ts';

/** One note, parsed, as every extractor sees it. */
export interface NoteContext {
  /** Path relative to the notes folder, `/`-separated. */
  file: string;
  deck: string;
  lang: NoteLanguage;
  /** Front-matter tags and categories. */
  tags: string[];
  sections: Section[];
  /** Reports a content problem (positioned), which becomes a build warning `file:line:column`. */
  warn(message: string, position?: Position): void;
}

/** A card before it gets its id and tags; the extractor decides what the card says. */
export interface CardDraft {
  kind: CardKind;
  /** What the card is about: the term, the command, `docker run -p`, `CMD|ENTRYPOINT`. Its id derives from it. */
  key: string;
  front: string;
  back: string;
  extra?: string;
  section: Section;
  /** 1-based lines of the Markdown the card was taken from. */
  line: number;
  endLine: number;
  answer?: string;
  alternatives?: string[];
}

/** Pure: the same note gives the same drafts, in note order. Never throws on odd Markdown. */
export type Extractor = (note: NoteContext) => CardDraft[];
