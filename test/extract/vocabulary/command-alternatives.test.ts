import { describe, expect, it } from 'vitest';
import { alternativesOf, EQUIVALENT_COMMANDS } from '../../../src/extract/vocabulary/command-alternatives.ts';

describe('alternativesOf', () => {
  it('gives the other names of a command, with its arguments kept', () => {
    expect(alternativesOf('docker image ls -q')).toEqual(['docker images -q', 'docker image list -q']);
    expect(alternativesOf('docker rmi ubuntu')).toContain('docker image rm ubuntu');
    expect(alternativesOf('docker ps -a')).toContain('docker container ls -a');
    expect(alternativesOf('kubectl get po')).toContain('kubectl get pods');
  });

  it('matches whole words only and leaves unknown commands alone', () => {
    expect(alternativesOf('docker imagesx')).toEqual([]);
    expect(alternativesOf('git status')).toEqual([]);
    expect(alternativesOf('docker  image   ls')).toEqual(['docker images', 'docker image list']);
  });

  it('looks through the whole table for every command, as a scan of every group would', () => {
    // The table scanned group by group, as first written: the lookup by first word must find the same.
    const scanned = (command: string) => {
      const text = command.trim().replace(/\s+/g, ' ');
      const out: string[] = [];
      for (const group of EQUIVALENT_COMMANDS) {
        const prefix = group
          .filter((p) => text === p || text.startsWith(`${p} `))
          .sort((a, b) => b.length - a.length)[0];
        if (prefix)
          for (const other of group) if (other !== prefix) out.push(`${other}${text.slice(prefix.length)}`);
      }
      return [...new Set(out)].filter((alt) => alt !== text);
    };
    const commands = EQUIVALENT_COMMANDS.flat().flatMap((p) => [p, `${p} -q`, `${p}x`, ` ${p}  --rm  a `]);
    for (const command of [...commands, 'docker', 'docker image', 'kubectl get', '']) {
      expect(alternativesOf(command)).toEqual(scanned(command));
    }
  });
});
