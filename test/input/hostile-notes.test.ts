/**
 * The build against hostile notes, each run as its own process (`build-process.ts`) so its time and
 * peak memory are its own: a huge line, 10,000 headings, quotes nested 10,000 deep, a huge shell
 * block, binary data and symlink loops in one folder; and a 50 MB note, whose peak RSS is printed
 * for the bench to report. Each of the first kind once took minutes or gigabytes (see git log).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/schema.ts';

const run = promisify(execFile);
let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface BuildOutcome {
  files: number;
  cards: number;
  warnings: string[];
  ms: number;
  maxRssMB: number;
}

async function build(notes: string, out: string): Promise<BuildOutcome> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'test/input/build-process.ts', notes, out],
    {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as BuildOutcome;
}

const MB = 1024 * 1024;

describe('a notes folder of hostile files', () => {
  it('builds the rest of the deck, warns about what it cannot read, in bounded time and memory', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deckhand-hostile-'));
    const notes = join(dir, 'notes');
    await mkdir(join(notes, 'sub'), { recursive: true });
    // One 2 MB line of prose naming commands over and over, without a full stop.
    await writeFile(
      join(notes, 'line.md'),
      `# 长行\n\n${'数据卷可以共享，用 docker run -v 挂载 '.repeat((2 * MB) / 50)}\n`,
    );
    // 10,000 headings, one in ten defining a term.
    await writeFile(
      join(notes, 'headings.md'),
      Array.from({ length: 10_000 }, (_, i) =>
        i % 10 === 0
          ? `## 术语${i}\n\n术语${i}：第${i}个概念。\n`
          : `${'#'.repeat(1 + (i % 6))} 第${i}节\n\n一句话。\n`,
      ).join('\n'),
    );
    await writeFile(join(notes, 'quotes.md'), `# 引用\n\n${'>'.repeat(10_000)} 最深处\n`);
    await writeFile(join(notes, 'quotes-1000.md'), `# 引用\n\n${'> '.repeat(1000)}一千层\n`);
    await writeFile(
      join(notes, 'fence.md'),
      `# 会话\n\n\`\`\`shell\n${'docker run -it --rm ubuntu bash\n'.repeat((2 * MB) / 32)}\`\`\`\n`,
    );
    const noise = Buffer.alloc(64 * 1024);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 256;
    await writeFile(join(notes, 'binary.md'), noise);
    await writeFile(join(notes, 'sub', 'ok.md'), '# 正常\n\n## 镜像\n\n镜像：一个只读的模板。\n');
    await symlink(notes, join(notes, 'sub', 'loop'));
    await symlink(join(notes, 'sub'), join(notes, 'sub', 'back'));
    await symlink(join(dir, 'nowhere.md'), join(notes, 'broken.md'));

    const out = join(dir, 'deck.json');
    const outcome = await build(notes, out);
    const deck = parseDeck(JSON.parse(await readFile(out, 'utf8')));
    const files = deck.decks.map((d) => d.file);
    expect(files).toEqual(
      expect.arrayContaining(['line.md', 'headings.md', 'quotes-1000.md', 'fence.md', 'sub/ok.md']),
    );
    expect(deck.cards.filter((c) => c.source.file === 'headings.md').length).toBeGreaterThanOrEqual(1000);
    expect(deck.cards.some((c) => c.source.file === 'sub/ok.md')).toBe(true);
    // Quotes nested 10,000 and 1,000 deep are read 100 deep, with a warning at the line.
    expect(outcome.warnings).toEqual(
      expect.arrayContaining([
        'quotes.md:3:1 quotes or lists nested more than 100 levels deep: read as 100',
        'quotes-1000.md:3:1 quotes or lists nested more than 100 levels deep: read as 100',
      ]),
    );
    expect(outcome.warnings.join('\n')).toMatch(/binary\.md/);
    // Each file once: the loops were not followed round.
    expect(new Set(files).size).toBe(files.length);
    console.info(
      `hostile folder: ${outcome.cards} cards in ${outcome.ms} ms, peak RSS ${outcome.maxRssMB} MB`,
    );
    expect(outcome.maxRssMB).toBeLessThan(1200);
  }, 240_000);
});

describe('a 50 MB note', () => {
  it('builds with peak memory bounded (printed for the bench)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'deckhand-50mb-'));
    const notes = join(dir, 'notes');
    await mkdir(notes);
    const section = (i: number) => `## 第${i}节\n\n${'数据卷可以在容器之间共享和重用。'.repeat(30)}\n`;
    const parts = ['# 大文件\n'];
    let size = 0;
    for (let i = 0; size < 50 * MB; i++) {
      const text = section(i);
      parts.push(text);
      size += Buffer.byteLength(text);
    }
    parts.push('## 镜像\n\n镜像：一个只读的模板。\n');
    await writeFile(join(notes, 'big.md'), parts.join('\n'));
    const outcome = await build(notes, join(dir, 'deck.json'));
    console.info(`50 MB note: built in ${outcome.ms} ms, peak RSS ${outcome.maxRssMB} MB`);
    expect(outcome.files).toBe(1);
    expect(outcome.cards).toBeGreaterThanOrEqual(1);
    // Generous: about 40 times the file. A leak or a copy per section would pass it by far.
    expect(outcome.maxRssMB).toBeLessThan(2500);
  }, 240_000);
});
