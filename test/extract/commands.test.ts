import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/deck/types.ts';
import { commandBack } from '../../src/extract/commands.ts';
import { extractNote } from '../../src/extract/index.ts';

const commandCards = (text: string): Card[] =>
  extractNote('notes.md', text).cards.filter((c) => c.kind === 'command');

describe('command cards from shell blocks', () => {
  it('asks for the command a comment describes, with the heading for context when the comment is short', () => {
    const cards = commandCards(
      '# Docker\n\n#### 列出部分镜像\n\n```shell\n# 根据仓库名\ndocker image ls ubuntu\n\n# 删除所有仓库名为redis的镜像\ndocker image rm $(docker image ls -q redis)\n```\n',
    );
    expect(cards.map((c) => [c.front, c.back, c.answer])).toEqual([
      ['（列出部分镜像）根据仓库名的命令？', '`docker image ls ubuntu`', 'docker image ls ubuntu'],
      [
        '删除所有仓库名为redis的镜像的命令？',
        '`docker image rm $(docker image ls -q redis)`',
        'docker image rm $(docker image ls -q redis)',
      ],
    ]);
    expect(cards[0]?.alternatives).toEqual(['docker images ubuntu', 'docker image list ubuntu']);
  });

  it('strips prompts and never makes a card of output', () => {
    const cards = commandCards(
      [
        '# 运行',
        '',
        '```shell',
        'docker@default:~$ docker run -it --rm ubuntu:16.04 bash',
        '# 查看当前系统版本',
        '0;root@0d248af097b5: /root@0d248af097b5:/# cat /etc/os-release',
        'NAME="Ubuntu"',
        'VERSION_ID="16.04"',
        '# 退出',
        'root@0d248af097b5:/# exit',
        'exit',
        '# 构建',
        'docker@default:~/mynginx$ docker build -t nginx:v3 .',
        'Step 1/2 : FROM nginx',
        'Successfully built 4021436fa2ed',
        '```',
      ].join('\n'),
    );
    expect(cards.map((c) => c.back)).toEqual(['`cat /etc/os-release`', '`docker build -t nginx:v3 .`']);
    for (const card of cards) expect(card.back).not.toMatch(/NAME=|Successfully|Step 1|root@/);
  });

  it('does not read Dockerfile content in a shell block as commands', () => {
    const cards = commandCards('# 定制\n\n```shell\n# 内容为\nFROM nginx\nRUN echo hi > /index.html\n```\n');
    expect(cards).toEqual([]);
  });

  it('turns a syntax line into a format card and, under a task heading, a card for the command', () => {
    const cards = commandCards('# 删除本地镜像\n\n> docker image rm [选项] <镜像1>[<镜像2>...]\n');
    expect(cards.map((c) => [c.key, c.front, c.back])).toEqual([
      ['docker image rm syntax', '删除本地镜像的命令格式？', '`docker image rm [选项] <镜像1>[<镜像2>...]`'],
      ['docker image rm', '删除本地镜像的命令？', '`docker image rm`'],
    ]);
  });

  it('names the command in the format question when the heading is not a task', () => {
    const cards = commandCards(
      '# 利用commit理解镜像构成\n\n> docker commit [选项] <容器ID或容器名> [<仓库名>[:<标签>]]\n',
    );
    expect(cards.map((c) => c.front)).toEqual(['`docker commit` 的命令格式？']);
  });
});

describe('command cards from prose', () => {
  it('reads commands used as a means, as a subject and in a definition', () => {
    const cards = commandCards(
      [
        '# 镜像',
        '',
        '使用 `docker system df`查看镜像、容器、数据卷所占用的空间',
        '',
        '虚悬镜像也是失去了存在价值，可以随意删除，用`docker image prune`删除',
        '',
        'docker save将镜像保存为归档文件',
        '',
        '`docker run`是容器运行的命令：',
        '',
        '此外，使用docker commit都是黑箱操作。',
      ].join('\n'),
    );
    expect(cards.map((c) => [c.front, c.answer])).toEqual([
      ['使用什么命令查看镜像、容器、数据卷所占用的空间？', 'docker system df'],
      ['虚悬镜像也是失去了存在价值，可以随意删除，用什么命令删除？', 'docker image prune'],
      ['哪个命令将镜像保存为归档文件？', 'docker save'],
      ['容器运行的命令？', 'docker run'],
    ]);
  });

  it('uses English templates for English notes', () => {
    const cards = commandCards(
      '# Images\n\nUse `docker system df` to show disk usage.\n\n`git status` shows the state of the working tree.\n\n```bash\n# List all containers\ndocker ps -a\n```\n',
    );
    expect(cards.map((c) => c.front)).toEqual([
      'Which command do you use to show disk usage?',
      'Which command shows the state of the working tree?',
      'Command to list all containers?',
    ]);
  });

  it('keeps one card per command, from the most explicit source', () => {
    const cards = commandCards(
      '# 列出镜像\n\n`docker image ls`\n\n# 其他\n\n对比两种生成的镜像大小：\n\n```shell\ndocker image ls\n```\n',
    );
    expect(cards.map((c) => c.front)).toEqual(['列出镜像的命令？']);
  });

  it('keeps the card id when the description is reworded', () => {
    const before = commandCards(
      '# 删除\n\n```shell\n# 删除所有仓库名为redis的镜像\ndocker image rm $(docker image ls -q redis)\n```\n',
    );
    const after = commandCards(
      '# 删除\n\n```shell\n# 删除 redis 的全部镜像\ndocker image rm $(docker image ls -q redis)\n```\n',
    );
    expect(after[0]?.id).toBe(before[0]?.id);
    expect(after[0]?.front).not.toBe(before[0]?.front);
  });
});

describe('commandBack', () => {
  it('writes one short command as inline code and anything else as a shell block', () => {
    expect(commandBack(['docker ps'])).toBe('`docker ps`');
    expect(commandBack(['docker ps', 'docker images'])).toBe('```shell\ndocker ps\ndocker images\n```');
    expect(commandBack(['echo `date`'])).toBe('```shell\necho `date`\n```');
  });
});
