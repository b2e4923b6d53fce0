import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureBareParseParallel } from '../../src/bench/measure-build.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deckhand-measure-'));
  for (let i = 0; i < 7; i++)
    await writeFile(join(dir, `n${i}.md`), `# 笔记${i}\n\n镜像Image：一个特殊的文件系统。\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('bare remark baselines', () => {
  it('parses every note, on two worker threads and on one', async () => {
    expect((await measureBareParseParallel(dir, 2)).parsed).toBe(7);
    expect((await measureBareParseParallel(dir, 1)).parsed).toBe(7);
  });
});
