import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Deck } from '../../src/deck/types.ts';
import { NotFoundError } from '../../src/errors.ts';
import { exportAnkiFile, exportFileName } from '../../src/export/export-file.ts';
import { loadDockerDeck } from './docker-deck.ts';

const now = new Date('2026-11-29T10:00:00Z');
let deck: Deck;
beforeAll(async () => {
  deck = await loadDockerDeck();
});

describe('exportAnkiFile', () => {
  test('apkg: zip bytes, a download name and a binary content type', async () => {
    const file = await exportAnkiFile(deck, { format: 'apkg', now });
    expect(file).toMatchObject({
      filename: 'deckhand.apkg',
      contentType: 'application/octet-stream',
      cardCount: 6,
    });
    expect(Object.keys(unzipSync(file.bytes))).toContain('collection.anki2');
  });

  test('txt for a topic: UTF-8 text named after the topic', async () => {
    const file = await exportAnkiFile(deck, { format: 'txt', now, topic: ['Docker', '使用镜像'] });
    expect(file).toMatchObject({
      filename: 'deckhand-Docker-使用镜像.txt',
      contentType: 'text/plain; charset=utf-8',
      cardCount: 5,
    });
    expect(new TextDecoder().decode(file.bytes)).toMatch(/^#separator:tab\n/);
  });

  test('a topic with no cards is a NotFoundError (404 for the web, exit 1 for the CLI)', async () => {
    await expect(exportAnkiFile(deck, { format: 'apkg', now, topic: ['Kubernetes'] })).rejects.toThrow(
      NotFoundError,
    );
  });
});

test('file names are safe on every OS', () => {
  expect(exportFileName(['Docker', 'CMD/ENTRYPOINT: 区别?'], 'apkg')).toBe(
    'deckhand-Docker-CMD_ENTRYPOINT_区别_.apkg',
  );
});
