import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDeck, serializeDeck, writeDeck } from '../../src/deck/file.ts';
import { DECK_FORMAT_VERSION, type Deck } from '../../src/deck/types.ts';
import { DeckFormatError } from '../../src/errors.ts';
import { useTmpDir } from '../support/tmp-dir.ts';

const tmp = useTmpDir();

const source = { file: 'docker-notes.md', headingPath: ['Docker', '使用镜像'], line: 3, endLine: 4 };
const deck: Deck = {
  version: DECK_FORMAT_VERSION,
  decks: [
    {
      name: '试题',
      file: 'docker-notes.md',
      lang: 'zh',
      tags: ['docker'],
      topics: [{ path: ['Docker'], line: 1, endLine: 9 }],
    },
  ],
  cards: [
    {
      id: 'a1',
      kind: 'command',
      deck: '试题',
      key: 'docker image ls',
      front: '列出镜像的命令？',
      back: '`docker image ls`',
      extra: '',
      source,
      tags: ['docker'],
      answer: 'docker image ls',
    },
    {
      id: 'b2',
      kind: 'concept',
      deck: '试题',
      key: '虚悬镜像',
      front: '什么是虚悬镜像？',
      back: '仓库名和标签均为 `<none>` 的镜像',
      extra: 'tab\there, "quotes"\nnewline',
      source,
      tags: [],
    },
  ],
  quiz: [
    {
      id: 'q1',
      type: 'truefalse',
      cardId: 'a1',
      deck: '试题',
      prompt: '`docker image ls` 列出镜像',
      explanation: '',
      source,
      tags: [],
      answer: true,
    },
  ],
  warnings: [{ file: 'docker-notes.md', line: 2, column: 1, message: 'front matter is not valid YAML' }],
};

describe('deck file', () => {
  it('writes one card per line as valid JSON that reads back equal', async () => {
    const path = join(await tmp(), 'deck.json');
    await writeDeck(path, deck);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(serializeDeck(deck));
    expect(text.split('\n').filter((l) => l.startsWith('{"id":"'))).toHaveLength(3);
    expect(await readDeck(path)).toEqual(deck);
  });

  it('leaves out of quiz items what they share with their card, and reading puts it back', async () => {
    const path = join(await tmp(), 'deck.json');
    const card = deck.cards[0]!;
    const shared = {
      id: 'q2',
      type: 'typed' as const,
      cardId: card.id,
      deck: card.deck,
      prompt: '列出镜像的命令？',
      explanation: card.back,
      source: card.source,
      tags: card.tags,
      answer: 'docker image ls',
      alternatives: ['docker images'],
    };
    const full: Deck = { ...deck, quiz: [...deck.quiz, shared] };
    await writeDeck(path, full);
    const lines = (await readFile(path, 'utf8')).split('\n');
    const q2 = JSON.parse(lines.find((l) => l.startsWith('{"id":"q2"'))!.replace(/,$/, ''));
    expect(q2).toEqual({
      id: 'q2',
      type: 'typed',
      cardId: card.id,
      prompt: '列出镜像的命令？',
      answer: 'docker image ls',
      alternatives: ['docker images'],
    });
    // q1's explanation and tags differ from its card's: kept.
    const q1 = JSON.parse(lines.find((l) => l.startsWith('{"id":"q1"'))!.replace(/,$/, ''));
    expect(q1).toMatchObject({ explanation: '', tags: [] });
    expect(q1.source).toBeUndefined();
    expect(await readDeck(path)).toEqual(full);
  });

  it("refuses a quiz item that leaves out its card's fields and names no card of the deck", async () => {
    const path = join(await tmp(), 'deck.json');
    await writeDeck(path, deck);
    const text = (await readFile(path, 'utf8')).replace('"cardId":"a1"', '"cardId":"gone"');
    await writeFile(path, text);
    await expect(readDeck(path)).rejects.toThrow(/quiz\.0 tests card gone, which is not in the deck/);
  });

  it('reads a version 1 file, whose quiz items spell out their card fields, as the same deck', async () => {
    const path = join(await tmp(), 'deck.json');
    await writeFile(path, JSON.stringify({ ...deck, version: 1 }));
    expect(await readDeck(path)).toEqual(deck);
  });

  it('replaces the file atomically and leaves no temp file behind', async () => {
    const dir = await tmp();
    const path = join(dir, 'deck.json');
    await writeFile(path, 'old');
    await writeDeck(path, deck);
    expect(await readdir(dir)).toEqual(['deck.json']);
  });

  it('refuses a missing file, a file that is not JSON, and another format version, saying how to fix it', async () => {
    const dir = await tmp();
    await expect(readDeck(join(dir, 'none.json'))).rejects.toThrow(DeckFormatError);
    await writeFile(join(dir, 'bad.json'), '{"version":1,"cards":[');
    await expect(readDeck(join(dir, 'bad.json'))).rejects.toThrow(
      /is not JSON: rebuild it with npm run build:deck/,
    );
    await writeFile(join(dir, 'old.json'), JSON.stringify({ ...deck, version: 0 }));
    await expect(readDeck(join(dir, 'old.json'))).rejects.toThrow(
      /format version 0, this deckhand reads versions 1 and 2/,
    );
    await writeFile(join(dir, 'shape.json'), JSON.stringify({ ...deck, cards: [{ id: 'x' }] }));
    await expect(readDeck(join(dir, 'shape.json'))).rejects.toThrow(/is not a valid deck: cards\.0\./);
  });
});
