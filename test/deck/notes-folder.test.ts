import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNotesFolder } from '../../src/deck/notes-folder.ts';
import { UnusableInputError } from '../../src/errors.ts';
import { useTmpDir } from '../support/tmp-dir.ts';

const tmp = useTmpDir();

describe('readNotesFolder', () => {
  it('reads .md and .markdown files recursively, sorted, and ignores other files', async () => {
    const dir = await tmp();
    await mkdir(join(dir, 'docker/build'), { recursive: true });
    await writeFile(join(dir, 'b.md'), '# B');
    await writeFile(join(dir, 'docker/build/a.markdown'), '# A');
    await writeFile(join(dir, 'docker/notes.txt'), 'not a note');
    const { files, warnings } = await readNotesFolder(dir);
    expect(files.map((f) => f.path)).toEqual(['b.md', 'docker/build/a.markdown']);
    expect(warnings).toEqual([]);
  });

  it('reads a single file given directly', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'one.md'), '# 镜像');
    const { files } = await readNotesFolder(join(dir, 'one.md'));
    expect(files.map(({ path, text }) => ({ path, text }))).toEqual([{ path: 'one.md', text: '# 镜像' }]);
    expect(files[0]?.stamp.size).toBe(Buffer.byteLength('# 镜像'));
  });

  it('lists notes the caller already knows in this version without reading them', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'a.md'), '# 镜像');
    await writeFile(join(dir, 'b.md'), '# 容器');
    const first = await readNotesFolder(dir);
    const stampOfA = first.files[0]!.stamp;
    const seen: string[] = [];
    const again = await readNotesFolder(dir, {
      known: (path, stamp) => {
        seen.push(path);
        return path === 'a.md' && stamp.size === stampOfA.size && stamp.mtimeMs === stampOfA.mtimeMs;
      },
    });
    expect(seen.sort()).toEqual(['a.md', 'b.md']);
    expect(again.known).toEqual([{ path: 'a.md', stamp: stampOfA }]);
    expect(again.files.map((f) => f.path)).toEqual(['b.md']);
  });

  it('skips binary files, keeps invalid UTF-8 with replacement characters, and reports both', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    await writeFile(
      join(dir, 'latin1.md'),
      Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    await writeFile(join(dir, 'empty.md'), '');
    const { files, warnings } = await readNotesFolder(dir);
    expect(files.map((f) => f.path)).toEqual(['empty.md', 'latin1.md']);
    expect(files[1]?.text).toBe('# caf\uFFFD\n');
    expect(warnings.map((w) => `${w.file}: ${w.message}`)).toEqual([
      'empty.md: empty note',
      'image.md: binary file with a Markdown name: skipped',
      'latin1.md: invalid UTF-8: undecodable bytes shown as \uFFFD',
    ]);
  });

  it('survives a symlink loop and a broken link', async () => {
    const dir = await tmp();
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'a/n.md'), '# N');
    await symlink(dir, join(dir, 'a/loop'));
    await symlink(join(dir, 'missing'), join(dir, 'broken.md'));
    const { files, warnings } = await readNotesFolder(dir);
    expect(files.map((f) => f.path)).toEqual(['a/n.md']);
    expect(warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        'broken link: skipped',
        'folder reached again through a link (a loop?): skipped',
      ]),
    );
  });

  it('refuses a missing path and a folder without notes with a clear message', async () => {
    const dir = await tmp();
    await expect(readNotesFolder(join(dir, 'nope'))).rejects.toThrow(UnusableInputError);
    await expect(readNotesFolder(join(dir, 'nope'))).rejects.toThrow(/cannot read notes at .*nope: ENOENT/);
    await expect(readNotesFolder(dir)).rejects.toThrow(/no notes found/);
  });
});
