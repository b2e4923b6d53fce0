import type { Deck } from '../deck/types.ts';
import { NotFoundError } from '../errors.ts';
import { toAnkiText } from './anki-text.ts';
import { type ApkgOptions, buildApkg } from './apkg.ts';
import { selectCards } from './topic.ts';

/**
 * One entry point for every Anki download (CLI and web routes): the file's bytes, a file name
 * and a content type, built in memory.
 */

export type AnkiFormat = 'apkg' | 'txt';
export const ANKI_FORMATS: readonly AnkiFormat[] = ['apkg', 'txt'];

export interface AnkiExportOptions extends ApkgOptions {
  format: AnkiFormat;
}

export interface AnkiExportFile {
  /** `deckhand.apkg`, `deckhand-Docker-使用镜像.txt`; not yet encoded for a header. */
  filename: string;
  contentType: string;
  bytes: Uint8Array;
  cardCount: number;
}

const UNSAFE_IN_FILE_NAMES = /[\s\u0000-\u001f\u007f/\\:*?"<>|]+/g;

/** A file name for the export of `topic` (the whole deck for `[]`), safe on every OS. */
export function exportFileName(topic: readonly string[], format: AnkiFormat): string {
  const base = ['deckhand', ...topic]
    .map((part) => part.trim().replace(UNSAFE_IN_FILE_NAMES, '_'))
    .join('-')
    .slice(0, 120);
  return `${base}.${format}`;
}

/**
 * The export file for a deck, a deck within it or a topic.
 * @throws NotFoundError when `topic` names no card.
 * @example
 * const file = await exportAnkiFile(deck, { format: 'apkg', topic: ['Docker', '使用镜像'], now: new Date() });
 * res.attachment(file.filename).type(file.contentType).send(Buffer.from(file.bytes));
 */
export async function exportAnkiFile(deck: Deck, options: AnkiExportOptions): Promise<AnkiExportFile> {
  const topic = options.topic ?? [];
  const cardCount = selectCards(deck.cards, topic).length;
  if (cardCount === 0 && topic.length > 0)
    throw new NotFoundError(`no cards under topic ${topic.join(' › ')}`);
  const filename = exportFileName(topic, options.format);
  if (options.format === 'txt') {
    const text = toAnkiText(deck, options);
    return {
      filename,
      contentType: 'text/plain; charset=utf-8',
      bytes: new TextEncoder().encode(text),
      cardCount,
    };
  }
  const bytes = await buildApkg(deck, options);
  return { filename, contentType: 'application/octet-stream', bytes, cardCount };
}
