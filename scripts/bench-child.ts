// One measurement in a fresh process, so peak memory belongs to it alone: prints a JSON Measurement.

import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { measureBareParse, measureBareParseParallel, measureBuild } from '../src/bench/measure-build.ts';

const { values } = parseArgs({
  options: {
    task: { type: 'string' },
    notes: { type: 'string' },
    out: { type: 'string', default: '' },
    cache: { type: 'boolean', default: false },
  },
});
const notes = values.notes ?? '';
const result =
  values.task === 'bare'
    ? await measureBareParse(notes)
    : values.task === 'bare-parallel'
      ? await measureBareParseParallel(notes, availableParallelism())
      : await measureBuild(notes, values.out, values.cache);
console.log(JSON.stringify(result));
