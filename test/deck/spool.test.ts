import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Spool } from '../../src/deck/spool.ts';
import { useTmpDir } from '../support/tmp-dir.ts';

const tmp = useTmpDir();
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (view: Uint8Array) => new TextDecoder().decode(view);

describe('Spool', () => {
  it('gives back every parked piece as it was, and leaves no file behind', async () => {
    const dir = await tmp();
    const spool = await Spool.open(join(dir, 'deck.json.spool'));
    const pieces = ['{"id":"a"}', '', '{"front":"镜像（Image）是什么？"}', 'x'.repeat(100_000)];
    const ranges = pieces.map((p) => spool.park(bytes(p)));
    const all = await spool.readAll();
    expect(ranges.map((r) => text(all.at(r)))).toEqual(pieces);
    await spool.discard();
    expect(await readdir(dir)).toEqual([]);
  });
});
