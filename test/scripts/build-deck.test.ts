import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/schema.ts';
import { useTmpDir } from '../support/tmp-dir.ts';

const run = promisify(execFile);
const tmp = useTmpDir();
const root = join(import.meta.dirname, '../..');

async function buildCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/build-deck.ts', ...args],
      {
        cwd: root,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run build:deck', () => {
  it('builds the bundled notes and prints the summary', async () => {
    const out = join(await tmp(), 'deck.json');
    const { code, stdout } = await buildCli(['--out', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^files\s+1 \(1 parsed, 0 from cache\)$/m);
    expect(stdout).toMatch(/^cards\s+\d+: concept \d+, command \d+, flag \d+, option \d+, instruction \d+/m);
    expect(stdout).toMatch(/^quiz\s+\d+: mcq \d+, truefalse \d+, typed \d+, match \d+$/m);
    expect(stdout).toMatch(/^time\s+[\d.]+ s$/m);
    const deck = parseDeck(JSON.parse(await readFile(out, 'utf8')));
    expect(deck.decks[0]?.name).toBe('试题');
  });

  it('names warnings file:line:column and still builds the rest', async () => {
    const dir = await tmp();
    await mkdir(join(dir, 'notes'));
    await writeFile(
      join(dir, 'notes/bad.md'),
      '---\ntitle: [unclosed\n---\n# 镜像Image\n\n镜像是一个特殊的文件系统。\n',
    );
    await writeFile(join(dir, 'notes/bin.md'), Buffer.from([0, 0, 0]));
    const { code, stderr } = await buildCli(['--notes', join(dir, 'notes'), '--out', join(dir, 'deck.json')]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^warning bad\.md:1:1: front matter is not valid YAML/m);
    expect(stderr).toMatch(/^warning bin\.md:1:1: binary file/m);
  });

  it('prints cards grouped by topic with --print', async () => {
    const dir = await tmp();
    const { code, stdout } = await buildCli(['--print', '--out', join(dir, 'deck.json')]);
    expect(code).toBe(0);
    expect(stdout).toContain('══ 试题 ══');
    expect(stdout).toMatch(/── Docker › 基本概念 › 镜像Image/);
    expect(stdout).toMatch(/\[concept\] docker-notes\.md:\d+/);
  });

  it('exits 1 with one clear line for unusable input', async () => {
    const dir = await tmp();
    const missing = await buildCli(['--notes', join(dir, 'nope'), '--out', join(dir, 'deck.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^error: cannot read notes at .*nope: ENOENT$/);
    const empty = await buildCli(['--notes', dir, '--out', join(dir, 'deck.json')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim()).toMatch(/^error: no notes found at /);
    await writeFile(join(dir, 'a.md'), '# A');
    const unwritable = await buildCli(['--notes', dir, '--out', join(dir, 'a.md', 'deck.json')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr.trim()).toMatch(/^error: cannot write deck to .*deck\.json: E[A-Z]+$/);
  });
});
