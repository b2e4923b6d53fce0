import { Router } from 'express';
import { z } from 'zod';
import { BadInputError } from '../../errors.ts';
import { ANKI_FORMATS, exportAnkiFile } from '../../export/export-file.ts';
import { progressFromStore } from '../../export/store-progress.ts';
import { parseTopic } from '../../export/topic.ts';
import type { AppContext } from '../context.ts';

const exportQuery = z.object({
  topic: z.string().max(500).default(''),
  progress: z.enum(['0', '1']).default('0'),
});

/**
 * GET /export/deck.apkg and /export/deck.txt, optionally `?topic=Docker › 使用镜像` (a deck name or a
 * heading path) and `?progress=1`: the same files as `npm run export:anki`, built in memory.
 * The topic only selects cards of the deck in memory; it never names a file.
 */
export function exportRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/export/deck.:format', async (req, res) => {
    const format = z.enum(ANKI_FORMATS).safeParse(req.params.format);
    const query = exportQuery.safeParse(req.query);
    if (!format.success || !query.success) throw new BadInputError('export: format must be apkg or txt');
    const file = await exportAnkiFile(ctx.deck().deck, {
      format: format.data,
      topic: parseTopic(query.data.topic),
      now: ctx.now(),
      ...(query.data.progress === '1' ? { progress: progressFromStore(ctx.store) } : {}),
    });
    res.attachment(file.filename).type(file.contentType).send(Buffer.from(file.bytes));
  });
  return router;
}
