// npm run export:anki -- [--deck data/deck.json] [--format apkg|txt] --out FILE [--topic "Docker › 使用镜像"]
//   [--deck-depth 3] [--previous FILE] [--with-progress]
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeAtomically } from '../src/deck/atomic-write.ts';
import { readDeck } from '../src/deck/file.ts';
import { BadInputError, DeckhandError, UnusableInputError } from '../src/errors.ts';
import type { ExportProgress } from '../src/export/anki-schedule.ts';
import {
  compareManifests,
  EMPTY_MANIFEST,
  type ExportManifest,
  readApkgManifest,
} from '../src/export/apkg.ts';
import { ANKI_FORMATS, type AnkiFormat, exportAnkiFile } from '../src/export/export-file.ts';
import { progressFromStore } from '../src/export/store-progress.ts';
import { parseTopic } from '../src/export/topic.ts';
import { DB_FILE, openStore } from '../src/store/lowdb-store.ts';

const USAGE =
  'usage: npm run export:anki -- --out FILE [--format apkg|txt] [--deck FILE] [--topic "Docker › 使用镜像"] [--deck-depth N] [--previous FILE] [--with-progress]';

const dataDir = process.env.DATA_DIR ?? 'data';

async function previousManifest(path: string | undefined, out: string): Promise<ExportManifest | undefined> {
  if (path) return readApkgManifest(new Uint8Array(await readFile(path)));
  // Without --previous, the file about to be overwritten is the last export of these notes.
  if (!existsSync(out)) return undefined;
  try {
    return await readApkgManifest(new Uint8Array(await readFile(out)));
  } catch (error) {
    if (!(error instanceof UnusableInputError)) throw error;
    console.error(
      `warning: ${out} is overwritten without being read as the previous export: ${error.message}`,
    );
    return undefined;
  }
}

/**
 * Review progress from DATA_DIR, only when the store has data there (opening the store on an empty
 * folder would create one). The store is opened read-only for the moment of a snapshot.
 */
async function loadExportProgress(dir: string): Promise<ExportProgress> {
  if (!existsSync(join(dir, DB_FILE))) {
    throw new BadInputError(
      `--with-progress: no review data in ${dir} (${DB_FILE} is missing); set DATA_DIR`,
    );
  }
  // Read-only: the review server may be running on the same folder, and it is the one writer there.
  const { store, warnings } = await openStore({ dataDir: dir, readOnly: true });
  for (const warning of warnings) console.error(`warning: ${warning}`);
  try {
    return progressFromStore(store);
  } finally {
    await store.close();
  }
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
  await writeAtomically(values.out, [file.bytes]);

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
