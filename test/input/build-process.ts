/**
 * Child-process entry: builds NOTES into OUT with the real pipeline and prints one JSON line with
 * what came out, the time taken and the peak resident memory (maxRSS, which counts the worker threads
 * too, since they share the process). Run as a child so the measure is of the build alone.
 */
import { buildDeckFile } from '../../src/deck/pipeline.ts';

const [notes, out, threads] = process.argv.slice(2);
if (!notes || !out) throw new Error('usage: build-process.ts NOTES OUT [THREADS]');
const started = performance.now();
const report = await buildDeckFile({
  notes,
  out,
  useCache: false,
  ...(threads ? { threads: Number(threads) } : {}),
});
console.log(
  JSON.stringify({
    files: report.files,
    cards: report.summary.cards,
    warnings: report.warnings.map((w) => `${w.file}:${w.line}:${w.column} ${w.message}`),
    ms: Math.round(performance.now() - started),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
