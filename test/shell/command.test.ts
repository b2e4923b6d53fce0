import { describe, expect, it } from 'vitest';
import { SHELL_VOCABULARY } from '../../src/extract/vocabulary/shell.ts';
import { parseCommand, usesFlag } from '../../src/shell/command.ts';

const parse = (line: string) => parseCommand(line, SHELL_VOCABULARY);

describe('parseCommand', () => {
  it('reads a grouped subcommand two words deep', () => {
    expect(parse('docker image ls -q')).toMatchObject({
      program: 'docker',
      name: ['docker', 'image', 'ls'],
      flags: [{ flag: '-q' }],
      args: [],
    });
  });

  it('reads one subcommand for a plain one and none for a program without subcommands', () => {
    expect(parse('docker run -it --rm ubuntu:16.04 bash')?.name).toEqual(['docker', 'run']);
    expect(parse('git commit -m "fix"')?.name).toEqual(['git', 'commit']);
    expect(parse('curl -s http://ipinfo.cn')?.name).toEqual(['curl']);
    expect(parse('cat /etc/os-release')?.name).toEqual(['cat']);
  });

  it('splits flag values written with = or as the next word, and stops at a pipe', () => {
    const parsed = parse('docker image ls -f since=mongo:3.2 --format "{{.ID}}" | head');
    expect(parsed?.flags).toEqual([
      { flag: '-f', value: 'since=mongo:3.2' },
      { flag: '--format', value: '"{{.ID}}"' },
    ]);
    expect(parse('docker run --restart=always nginx')?.flags[0]).toEqual({
      flag: '--restart',
      value: 'always',
    });
  });

  it('looks through sudo and returns undefined for an empty line', () => {
    expect(parse('sudo service docker restart')?.name).toEqual(['service', 'docker']);
    expect(parse('  ')).toBeUndefined();
  });
});

describe('usesFlag', () => {
  it('finds a single-letter flag inside a bundle, but not a long flag by prefix', () => {
    const command = parse('docker run -dit ubuntu');
    if (!command) throw new Error('no command');
    expect(usesFlag(command, '-i')).toBe(true);
    expect(usesFlag(command, '-t')).toBe(true);
    expect(usesFlag(command, '-p')).toBe(false);
    const rm = parse('docker run --rm ubuntu');
    if (!rm) throw new Error('no command');
    expect(usesFlag(rm, '--r')).toBe(false);
  });
});
