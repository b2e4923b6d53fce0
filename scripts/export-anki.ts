// npm run export:anki -- [--deck data/deck.json] [--format apkg|txt] --out FILE [--topic "Docker › 使用镜像"]
//   [--deck-depth 3] [--previous FILE] [--with-progress]
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Writer } from 'steno';
import { readDeck } from '../src/deck/file.ts';
import { BadInputError, DeckhandError } from '../src/errors.ts';
import type { ExportProgress } from '../src/export/anki-schedule.ts';
import {
  compareManifests,
  EMPTY_MANIFEST,
  type ExportManifest,
  readApkgManifest,
} from '../src/export/apkg.ts';
import { ANKI_FORMATS, type AnkiFormat, exportAnkiFile } from '../src/export/export-file.ts';
import { parseTopic } from '../src/export/topic.ts';

const USAGE =
  'usage: npm run export:anki -- --out FILE [--format apkg|txt] [--deck FILE] [--topic "Docker › 使用镜像"] [--deck-depth N] [--previous FILE] [--with-progress]';

const dataDir = process.env.DATA_DIR ?? 'data';

async function previousManifest(path: string | undefined, out: string): Promise<ExportManifest | undefined> {
  // Without --previous, the file about to be overwritten is the last export of these notes.
  const source = path ?? (existsSync(out) ? out : undefined);
  if (!source) return undefined;
  return readApkgManifest(new Uint8Array(await readFile(source)));
}

/**
 * Review progress from DATA_DIR, only when the store has data there. The store module is written
 * separately; until it exports `openStore`, asking for progress is a clear error, not a silent
 * export without it.
 */
async function loadExportProgress(dir: string): Promise<ExportProgress> {
  if (!existsSync(join(dir, 'db.json'))) {
    throw new BadInputError(`--with-progress: no review data in ${dir} (db.json is missing); set DATA_DIR`);
  }
  throw new BadInputError('--with-progress: this build cannot open the review store yet');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      deck: { type: 'string', default: join(dataDir, 'deck.json') },
      format: { type: 'string' },
      out: { type: 'string' },
      topic: { type: 'string', default: '' },
      'deck-depth': { type: 'string', default: '3' },
      previous: { type: 'string' },
      'with-progress': { type: 'boolean', default: false },
    },
  });
  if (!values.out) throw new BadInputError(`--out is required\n${USAGE}`);
  const format = (values.format ?? extname(values.out).slice(1)) as AnkiFormat;
  if (!ANKI_FORMATS.includes(format)) throw new BadInputError(`--format must be apkg or txt\n${USAGE}`);
  const deckDepth = Number(values['deck-depth']);
  if (!Number.isInteger(deckDepth) || deckDepth < 0)
    throw new BadInputError('--deck-depth must be 0 or more');

  const started = performance.now();
  const deck = await readDeck(values.deck);
  const topic = parseTopic(values.topic);
  const previous = format === 'apkg' ? await previousManifest(values.previous, values.out) : undefined;
  const progress = values['with-progress'] ? await loadExportProgress(dataDir) : undefined;
  const file = await exportAnkiFile(deck, {
    format,
    topic,
    deckDepth,
    now: new Date(),
    ...(previous ? { previous } : {}),
    ...(progress ? { progress } : {}),
  });
  await new Writer(values.out).write(file.bytes);

  const ms = Math.round(performance.now() - started);
  const kb = (file.bytes.length / 1024).toFixed(1);
  console.log(`exported ${file.cardCount} cards to ${values.out} (${kb} KB, ${ms} ms)`);
  if (format === 'apkg') {
    const { unchanged, changed, added } = compareManifests(
      previous ?? EMPTY_MANIFEST,
      await readApkgManifest(file.bytes),
    );
    console.log(
      `compared with the previous export: ${added} new, ${changed} changed, ${unchanged} unchanged`,
    );
  }
  if (progress)
    console.log(`with progress: ${progress.cards.size} cards, ${progress.reviews.length} reviews`);
}

try {
  await main();
} catch (error) {
  if (error instanceof DeckhandError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
