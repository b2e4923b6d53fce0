import { describe, expect, it } from 'vitest';
import { extractNote } from '../../../src/extract/index.ts';
import {
  correctDockerCommands,
  correctDockerSubcommand,
  DOCKER_SUBCOMMANDS,
} from '../../../src/extract/vocabulary/docker-cli.ts';

describe('correctDockerSubcommand', () => {
  it('reads a word one slip from a subcommand as that subcommand', () => {
    expect(correctDockerSubcommand('attch')).toBe('attach');
    expect(correctDockerSubcommand('bulid')).toBe('build');
    expect(correctDockerSubcommand('imgaes')).toBe('images');
    expect(correctDockerSubcommand('icontainer')).toBe('container');
  });

  it('leaves known subcommands, short words, inflections and non-commands alone', () => {
    for (const word of DOCKER_SUBCOMMANDS) expect(correctDockerSubcommand(word)).toBeUndefined();
    for (const word of [
      'to',
      'is',
      'exce',
      'builds',
      'creates',
      'pulled',
      'running',
      'will',
      'content',
      'hub',
    ])
      expect(correctDockerSubcommand(word)).toBeUndefined();
  });

  it('leaves a word one slip from two subcommands alone', () => {
    // `stast`: `stats` (swap) or `start` (one letter)?
    expect(correctDockerSubcommand('stast')).toBeUndefined();
  });
});

describe('correctDockerCommands', () => {
  it('corrects only words after docker, and the word after a management command', () => {
    const { text, slips } = correctDockerCommands('用docker attch命令; attch; docker container logis 69d1');
    expect(text).toBe('用docker attach命令; attch; docker container logs 69d1');
    expect(slips).toEqual(['docker attch', 'docker container logis']);
  });

  it('does not touch hyphenated or longer names', () => {
    const input = 'docker-attch and docker attchx and Docker Hub';
    expect(correctDockerCommands(input)).toEqual({ text: input, slips: [] });
  });
});

describe('misspelt commands in cards', () => {
  it('shows the intended command, keys the id on it, and says in extra how the notes spelt it', () => {
    const note = '## 日志\n\n```shell\n# 查看容器的输出信息\ndocker container logis 69d1\n```\n';
    const typo = extractNote('a.md', note).cards.filter((c) => c.kind === 'command');
    const right = extractNote('a.md', note.replace('logis', 'logs')).cards.filter(
      (c) => c.kind === 'command',
    );
    expect(typo).toHaveLength(1);
    expect(typo.map((c) => c.key)).toEqual(right.map((c) => c.key));
    expect(typo.map((c) => c.id)).toEqual(right.map((c) => c.id));
    expect(typo[0]?.extra).toContain('`docker container logis`');
  });
});
