import { describe, expect, it } from 'vitest';
import { findCommandMentions, readMentionUses } from '../../src/extract/command-mentions.ts';

describe('findCommandMentions', () => {
  it('finds commands in code spans and bare in Chinese prose', () => {
    const text =
      '使用 `docker system df`查看，docker save将镜像保存，也就是docker run -P时，`ubuntu:16.04`不是命令';
    expect(findCommandMentions(text).map((m) => [m.command.text, m.backticked])).toEqual([
      ['docker system df', true],
      ['docker save', false],
      ['docker run -P', false],
    ]);
  });

  it('skips words that only look like subcommands ("docker hub", "docker register")', () => {
    expect(findCommandMentions('除了docker hub现有的镜像，docker register就是这样的服务')).toEqual([]);
  });
});

describe('readMentionUses', () => {
  it('reads means, subject and definition patterns, and skips other roles', () => {
    const uses = (s: string) => readMentionUses(s).map((u) => [u.pattern, u.mention.command.text, u.purpose]);
    expect(uses('虚悬镜像可以随意删除，用`docker image prune`删除')).toEqual([
      ['means', 'docker image prune', '删除'],
    ]);
    // Without anything that says what is removed, the sentence asks nothing.
    expect(uses('可以用`docker image prune`删除')).toEqual([]);
    expect(uses('如果希望显示所有镜像的话，用`docker image ls -a`')).toEqual([
      ['means', 'docker image ls -a', '显示所有镜像'],
    ]);
    expect(uses('docker search命令查找官方仓库镜像')).toEqual([
      ['subject', 'docker search', '查找官方仓库镜像'],
    ]);
    expect(uses('`docker run`是容器运行的命令：')).toEqual([['is', 'docker run', '容器运行']]);
    expect(uses('使用docker commit都是黑箱操作')).toEqual([]);
    expect(uses('在使用 docker build的时候加上参数')).toEqual([]);
    expect(uses('推荐使用docker exec')).toEqual([]);
    expect(uses('Use `docker system df` to show disk usage.')).toEqual([
      ['means', 'docker system df', 'show disk usage'],
    ]);
  });
});
