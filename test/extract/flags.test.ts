import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/deck/types.ts';
import { extractNote } from '../../src/extract/index.ts';

const cardsOf = (text: string, kinds: string[] = ['flag', 'option']): Card[] =>
  extractNote('notes.md', text).cards.filter((c) => kinds.includes(c.kind));

describe('flag lists', () => {
  it('attaches "`-x`: meaning" items (half- and full-width colons) to the command named before the list', () => {
    const cards = cardsOf(
      [
        '# 运行',
        '',
        '`docker run`是容器运行的命令：',
        '',
        '- `-it`:这是两个参数，一个是`-i`交互式操作，一个是`-t`终端',
        '- `--rm`：容器退出后随之将其删除。默认情况下，退出的容器并不会立即删除',
        '- `ubuntu:16.04`：这是用这个镜像为基础来启动容器',
        '- `bash`：在镜像后的是命令',
      ].join('\n'),
    );
    expect(cards.map((c) => [c.key, c.front, c.back, c.answer])).toEqual([
      [
        'docker run -it',
        '`docker run` 的 `-it` 参数的作用？',
        '这是两个参数，一个是`-i`交互式操作，一个是`-t`终端',
        '-it',
      ],
      ['docker run --rm', '`docker run` 的 `--rm` 参数的作用？', '容器退出后随之将其删除', '--rm'],
    ]);
  });

  it('makes option cards with their defaults for an instruction section', () => {
    const cards = cardsOf(
      [
        '# HEALTHCHECK健康检查',
        '',
        '支持系列选项：',
        '',
        '> --interval=<间隔>：两次健康检查的间隔，默认为30s',
        '>',
        '> --retries=<次数>：当连续失败指定次数后，则容器状态为unhealthy，默认3次',
      ].join('\n'),
    );
    expect(cards.map((c) => [c.kind, c.front, c.back])).toEqual([
      ['option', '`HEALTHCHECK` 的 `--interval` 选项的含义和默认值？', '两次健康检查的间隔。默认：30s'],
      [
        'option',
        '`HEALTHCHECK` 的 `--retries` 选项的含义和默认值？',
        '当连续失败指定次数后，则容器状态为unhealthy。默认：3次',
      ],
    ]);
  });

  it('reads "`-a`, `--all`: …" items in English, the long form as an alternative', () => {
    const cards = cardsOf(
      '# git commit options\n\n- `-a`, `--all`: stage all modified files first (default: off)\n',
    );
    expect(cards.map((c) => [c.key, c.back, c.alternatives])).toEqual([
      ['git commit -a', 'stage all modified files first. Default: off', ['--all']],
    ]);
  });
});

describe('flags explained in code comments and prose', () => {
  it('reads a comment over a command that only adds one flag as that flag’s meaning', () => {
    const cards = cardsOf(
      '# 特定格式显示\n\n```shell\n# 将所有镜像的ID列出\ndocker image ls -q\n\n# 过滤器参数--filter,简写-f,希望看到在mongo:3.2之后建立的镜像\ndocker image ls -f since=mongo:3.2\n```\n',
    );
    expect(cards.map((c) => [c.key, c.back, c.alternatives])).toEqual([
      ['docker image ls -q', '将所有镜像的ID列出', undefined],
      ['docker image ls -f', '过滤器参数--filter,简写-f,希望看到在mongo:3.2之后建立的镜像', ['--filter']],
    ]);
  });

  it('reads comment clauses that explain a flag of the command below', () => {
    const cards = cardsOf(
      '# 新建并启动\n\n```shell\n# 启动一个bash终端,-t选项让Docker分配一个伪终端，-i则让容器的标准输入保持打开\ndocker run -t -i ubuntu:14.04 /bin/bash\n```\n',
    );
    expect(cards.map((c) => [c.key, c.back])).toEqual([
      ['docker run -t', '让Docker分配一个伪终端'],
      ['docker run -i', '让容器的标准输入保持打开'],
    ]);
  });

  it('reads a sentence about a whole command line as its flag’s meaning only when it speaks of the flag', () => {
    const ports = cardsOf(
      '# Ports\n\n`docker run -p 8080:80 nginx` maps port 8080 on the host to port 80 in the container.\n',
    );
    expect(ports.map((c) => [c.front, c.back])).toEqual([
      ['What does `-p` do in `docker run`?', 'maps port 8080 on the host to port 80 in the container'],
    ]);
    expect(
      cardsOf('# Build\n\n`docker build -t myapp:1.0 .` builds an image here and tags it myapp:1.0.\n'),
    ).toEqual([]);
    expect(cardsOf('# 构建\n\n`docker build -t myapp .` 构建镜像并打上标签。\n')).toEqual([]);
  });

  it('reads a clause that ends with a long flag’s value as that flag’s meaning', () => {
    const cards = cardsOf(
      '# 定制\n\n```shell\n# nginx镜像启用一个容器，命名为webserver,映射80端口\ndocker run --name webserver -d -p 80:80 nginx\n\n# 运行ubuntu\ndocker run --rm ubuntu\n```\n',
    );
    expect(cards.map((c) => [c.key, c.back])).toEqual([['docker run --name', '命名为webserver']]);
  });

  it('reads definitions and uses in sentences, finding the command in the section', () => {
    const cards = cardsOf(
      [
        '# 端口',
        '',
        '```shell',
        'docker run -d -p 80:80 nginx',
        '```',
        '',
        '要将 EXPOSE和在运行时使用 `-p <宿主端口>:<容器端口>`区分开，`-p`是映射宿主端口和容器端口，而EXPOSE仅仅是声明端口。',
        '',
        '不用 `-d`参数运行容器：',
      ].join('\n'),
    );
    expect(cards.map((c) => [c.key, c.back])).toEqual([
      ['docker run -p', '`-p <宿主端口>:<容器端口>`：映射宿主端口和容器端口'],
    ]);
  });
});
