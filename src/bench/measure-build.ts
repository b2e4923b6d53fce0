import { Worker } from 'node:worker_threads';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { workerLimits } from '../deck/extract-parallel.ts';
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

/**
 * Bare remark again, but on worker threads with the build workers' heap limits, each handed the next
 * note, largest first, as the build does: what parsing alone takes on all cores, for reference. (Our
 * own parse is a little cheaper than bare remark's — remark-gfm's bare-link pass runs only where a
 * link may be — so this is a guide to what is left for everything else, not a hard floor.)
 */
export async function measureBareParseParallel(notes: string, threads: number): Promise<Measurement> {
  const { files } = await readNotesFolder(notes);
  const texts = files.map((f) => f.text).sort((a, b) => b.length - a.length);
  const limits = workerLimits(texts[0]?.length ?? 0);
  const started = performance.now();
  let next = 0;
  let parsed = 0;
  const workers: Worker[] = [];
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(new URL('./bare-parse-worker.mjs', import.meta.url), {
            resourceLimits: limits,
            execArgv: [],
          });
          workers.push(worker);
          const feed = () => {
            const text = texts[next++];
            if (text === undefined) worker.terminate().then(() => resolve(), reject);
            else worker.postMessage(text);
          };
          worker.on('message', (blocks: number) => {
            if (blocks > 0) parsed++;
            feed();
          });
          worker.on('error', (error) => {
            // Stop the other workers too, or they keep the process alive.
            for (const other of workers) void other.terminate();
            reject(error);
          });
          feed();
        }),
    ),
  );
  return { ms: performance.now() - started, peakRssMb: peakRssMb(), parsed };
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
