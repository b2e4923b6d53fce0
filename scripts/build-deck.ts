// npm run build:deck -- [--notes DIR|FILE] [--out FILE] [--print] [--no-cache]
import { parseArgs } from 'node:util';
import { progressBar } from '../src/cli/progress.ts';
import { readDeck } from '../src/deck/file.ts';
import { buildDeckFile } from '../src/deck/pipeline.ts';
import { formatPreview } from '../src/deck/preview.ts';
import { formatSummary } from '../src/deck/summary.ts';
import { DeckhandError } from '../src/errors.ts';

const MAX_WARNINGS_SHOWN = 30;

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'data/deck.json' },
    print: { type: 'boolean', default: false },
    'no-cache': { type: 'boolean', default: false },
  },
});

const progress = progressBar(process.stderr, 'parsing notes');
try {
  const report = await buildDeckFile({
    notes: values.notes,
    out: values.out,
    useCache: !values['no-cache'],
    onProgress: progress.update,
  });
  progress.clear();
  const { warnings } = report;
  if (values.print) console.log(`${formatPreview(await readDeck(values.out))}\n`);
  for (const w of warnings.slice(0, MAX_WARNINGS_SHOWN)) {
    console.error(`warning ${w.file}:${w.line}:${w.column}: ${w.message}`);
  }
  if (warnings.length > MAX_WARNINGS_SHOWN) {
    console.error(`… and ${warnings.length - MAX_WARNINGS_SHOWN} more warnings (all are in ${values.out})`);
  }
  console.log(formatSummary(report.summary, report.elapsedMs, report.parsed));
  console.log(`deck      ${values.out}`);
} catch (error) {
  progress.clear();
  if (error instanceof DeckhandError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
