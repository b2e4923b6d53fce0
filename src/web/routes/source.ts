import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { Router } from 'express';
import { NotFoundError } from '../../errors.ts';
import { renderCardHtml } from '../../render/card-html.ts';
import type { AppContext } from '../context.ts';
import { placeOf } from '../deck-index.ts';
import { isPartial } from '../htmx.ts';
import { fragment, page } from '../render.ts';

/** Lines shown at most, so a card from a huge section does not pull in the whole file. */
const MAX_LINES = 400;

/**
 * The Markdown lines a card was taken from, or NotFoundError when the file is gone or the path
 * leaves the notes folder (a deck file is input too: never trust it with paths).
 */
export async function sourceLines(
  notesDir: string,
  file: string,
  from: number,
  to: number,
): Promise<{ text: string; from: number; to: number }> {
  const root = resolve(notesDir);
  const path = resolve(root, file);
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new NotFoundError(`source ${file} is outside the notes folder`);
  }
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch {
    throw new NotFoundError(`source file ${file} cannot be read`);
  }
  const lines = content.split(/\r?\n/);
  const first = Math.max(1, Math.min(from, lines.length));
  const last = Math.min(lines.length, Math.max(first, to), first + MAX_LINES - 1);
  return { text: lines.slice(first - 1, last).join('\n'), from: first, to: last };
}

/** GET /source/:cardId: the part of the notes a card comes from, rendered and sanitized. */
export function sourceRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/source/:cardId', async (req, res) => {
    const card = ctx.deck().byId.get(req.params.cardId);
    if (card === undefined) throw new NotFoundError(`no card ${req.params.cardId} in the deck`);
    const { text, from, to } = await sourceLines(
      ctx.notesDir,
      card.source.file,
      card.source.line,
      card.source.endLine,
    );
    // The notes go through the same renderer as card text: raw HTML in them stays visible text.
    const data = { card, place: placeOf(card).join(' › '), from, to, html: renderCardHtml(text, 'markers') };
    if (isPartial(req, res)) fragment(res, 'note-source', data);
    else page(res, 'source', data);
  });
  return router;
}
