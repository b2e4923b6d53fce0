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

  it('corrects only where a command stands: not after an English word, not in English prose', () => {
    for (const input of [
      'sudo service docker status',
      'Check docker container status with `docker ps -a`',
      'every docker event is logged',
      "输入 docker attch 会报错：docker: 'attch' is not a docker command。",
    ])
      expect(correctDockerCommands(input)).toEqual({ text: input, slips: [] });
    expect(correctDockerCommands('Check docker contaner logs', { codeOnly: true }).slips).toEqual([]);
    expect(
      correctDockerCommands('Run `docker attch web` or `sudo docker bulid .`', { codeOnly: true }),
    ).toEqual({
      text: 'Run `docker attach web` or `sudo docker build .`',
      slips: ['docker attch', 'docker bulid'],
    });
    expect(correctDockerCommands('```\n$ docker attch web\n```').text).toBe('```\n$ docker attach web\n```');
  });

  it('does not touch hyphenated or longer names', () => {
    const input = 'docker-attch and docker attchx and Docker Hub';
    expect(correctDockerCommands(input)).toEqual({ text: input, slips: [] });
  });
});

describe('misspelt commands in cards', () => {
  it('leaves English prose around docker as written, and a command in its code corrected', () => {
    const note =
      '## Logs\n\nCheck docker container status before you read the logs.\n\n```shell\n# print the logs of a container\ndocker container logis web\n# restart the service\nsudo service docker status\n```\n';
    const backs = extractNote('a.md', note).cards.map((c) => c.back);
    expect(backs).toContain('`docker container logs web`');
    expect(backs).toContain('`sudo service docker status`');
  });

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
