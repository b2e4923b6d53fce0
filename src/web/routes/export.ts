import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import { writeAtomically } from '../../deck/atomic-write.ts';
import { BadInputError } from '../../errors.ts';
import { type ExportManifest, readApkgManifest } from '../../export/apkg.ts';
import { ANKI_FORMATS, exportAnkiFile, exportFileName } from '../../export/export-file.ts';
import { progressFromStore } from '../../export/store-progress.ts';
import { parseTopic } from '../../export/topic.ts';
import type { AppContext } from '../context.ts';

const exportQuery = z.object({
  topic: z.string().max(500).default(''),
  progress: z.enum(['0', '1']).default('0'),
});

/** The last .apkg served for this topic, whose manifest keeps unchanged notes' `mod` (Anki then leaves them alone). */
async function previousExport(path: string | undefined): Promise<ExportManifest | undefined> {
  if (!path) return undefined;
  try {
    return await readApkgManifest(new Uint8Array(await readFile(path)));
  } catch {
    return undefined; // none yet, or unreadable: every note gets `now`, which Anki still imports without duplicates
  }
}

/**
 * GET /export/deck.apkg and /export/deck.txt, optionally `?topic=Docker › 使用镜像` (a deck name or a
 * heading path) and `?progress=1`: the same files as `npm run export:anki`, built in memory. The topic
 * only selects cards of the deck in memory; the saved copy's name is made safe by exportFileName.
 * @param exportsDir where the last .apkg per topic is kept (DATA_DIR/exports); none: no memory.
 */
export function exportRoutes(ctx: AppContext, exportsDir?: string): Router {
  const router = Router();
  router.get('/export/deck.:format', async (req, res) => {
    const format = z.enum(ANKI_FORMATS).safeParse(req.params.format);
    const query = exportQuery.safeParse(req.query);
    if (!format.success || !query.success) throw new BadInputError('export: format must be apkg or txt');
    const topic = parseTopic(query.data.topic);
    const saved =
      exportsDir && format.data === 'apkg' ? join(exportsDir, exportFileName(topic, 'apkg')) : undefined;
    const previous = await previousExport(saved);
    const file = await exportAnkiFile(ctx.deck().deck, {
      format: format.data,
      topic,
      now: ctx.now(),
      ...(previous ? { previous } : {}),
      ...(query.data.progress === '1' ? { progress: progressFromStore(ctx.store) } : {}),
    });
    if (saved) {
      await mkdir(exportsDir!, { recursive: true });
      await writeAtomically(saved, [file.bytes]);
    }
    res.attachment(file.filename).type(file.contentType).send(Buffer.from(file.bytes));
  });
  return router;
}
