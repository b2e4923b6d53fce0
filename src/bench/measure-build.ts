import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { readNotesFolder } from '../deck/notes-folder.ts';
import { buildDeckFile } from '../deck/pipeline.ts';

export interface Measurement {
  ms: number;
  /** Peak resident memory of the measuring process, MB. */
  peakRssMb: number;
  parsed?: number;
  cards?: number;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** The baseline: bare remark (parse + gfm + frontmatter), one thread, each note parsed whole. */
export async function measureBareParse(notes: string): Promise<Measurement> {
  const { files } = await readNotesFolder(notes);
  const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
  const started = performance.now();
  for (const file of files) parser.parse(file.text);
  return { ms: performance.now() - started, peakRssMb: peakRssMb() };
}

/** Our full build (read, extract on all cores, assemble, write), timed end to end. */
export async function measureBuild(notes: string, out: string, useCache: boolean): Promise<Measurement> {
  const report = await buildDeckFile({ notes, out, useCache });
  return {
    ms: report.elapsedMs,
    peakRssMb: peakRssMb(),
    parsed: report.parsed,
    cards: report.summary.cards,
  };
}
