import { describe, expect, it } from 'vitest';
import { questionSubject, slotDescription, statementOf } from '../../src/extract/quiz-phrasing.ts';

// Question shapes the extractors write for content/docker-notes.md, and English ones for other notes.
describe('statementOf', () => {
  it.each([
    ['什么是镜像 (Image)？', '一个特殊的文件系统。', '镜像 (Image)：一个特殊的文件系统。'],
    [
      '`docker run` 的 `--rm` 参数的作用？',
      '容器退出后随之将其删除',
      '`docker run` 的 `--rm` 参数的作用：容器退出后随之将其删除',
    ],
    [
      '`docker run` 的 `--rm` 参数有什么作用？',
      '容器退出后删除',
      '`docker run` 的 `--rm` 参数的作用：容器退出后删除',
    ],
    ['列出镜像的命令？', '`docker image ls`', '列出镜像的命令：`docker image ls`'],
    [
      '使用什么命令查看镜像所占用的空间？',
      '`docker system df`',
      '使用 `docker system df` 命令查看镜像所占用的空间。',
    ],
    ['哪个命令将镜像保存为归档文件？', '`docker save`', '`docker save` 命令将镜像保存为归档文件。'],
    [
      '让容器在后台运行，`docker run` 要加哪个参数？',
      '`-d`',
      '让容器在后台运行，`docker run` 要加 `-d` 参数。',
    ],
    [
      'CMD 和 ENTRYPOINT 有什么区别？',
      '两者都指定启动程序。',
      'CMD 和 ENTRYPOINT的区别：两者都指定启动程序。',
    ],
    [
      '`HEALTHCHECK` 的 `--interval` 选项的含义和默认值？',
      '间隔。默认：30s',
      '`HEALTHCHECK` 的 `--interval` 选项的含义和默认值：间隔。默认：30s',
    ],
  ])('zh: %s', (front, value, statement) => {
    expect(statementOf(front, value, 'zh')).toBe(statement);
  });

  it.each([
    [
      'Which command shows the working tree status?',
      '`git status`',
      'The command `git status` shows the working tree status.',
    ],
    [
      'What does `git commit -m` do?',
      'Uses the given text as the message.',
      '`git commit -m`: Uses the given text as the message.',
    ],
    ['What is the staging area?', 'The index.', 'The staging area: The index.'],
  ])('en: %s', (front, value, statement) => {
    expect(statementOf(front, value, 'en')).toBe(statement);
  });

  it('falls back to question and answer for a question it cannot read, never a broken sentence', () => {
    expect(statementOf('为什么容器没有后台服务？', '容器就是进程。', 'zh')).toBe(
      '为什么容器没有后台服务？\n\n答：容器就是进程。',
    );
    expect(statementOf('How many layers can AUFS have?', '127', 'en')).toBe(
      'How many layers can AUFS have?\n\nAnswer: 127',
    );
  });
});

describe('slotDescription', () => {
  it.each([
    ['列出镜像的命令？', '列出镜像'],
    ['使用什么命令查看镜像、容器、数据卷所占用的空间？', '查看镜像、容器、数据卷所占用的空间'],
    ['哪个命令将镜像保存为归档文件？', '将镜像保存为归档文件'],
    ['列出本地已下载的镜像用哪个命令？', '列出本地已下载的镜像'],
    ['让容器在后台（守护态）运行，`docker run` 要加哪个参数？', '让容器在后台（守护态）运行'],
  ])('zh: %s', (front, description) => {
    expect(slotDescription(front, 'zh')).toBe(description);
  });

  it('reads English "which … ?" questions and gives up on other shapes', () => {
    expect(slotDescription('Which command do you use to list images?', 'en')).toBe('list images');
    expect(slotDescription('Which flag of `docker run` keeps STDIN open?', 'en')).toBe('keeps STDIN open');
    expect(
      slotDescription('虚悬镜像也是失去了存在价值，可以随意删除，用什么命令删除？', 'zh'),
    ).toBeUndefined();
  });
});

describe('questionSubject', () => {
  it('finds what a question asks about', () => {
    expect(questionSubject('什么是虚悬镜像 (dangling image)？', 'zh')).toEqual({
      subject: '虚悬镜像 (dangling image)',
      relation: 'is',
    });
    expect(questionSubject('`COPY` 和 `ADD` 之间有什么区别？', 'zh')).toEqual({
      subject: '`COPY` 和 `ADD`',
      relation: 'difference',
    });
    expect(questionSubject('What is the default of `--retries`?', 'en')).toEqual({
      subject: '`--retries`',
      relation: 'default',
    });
    expect(questionSubject('列出镜像的命令？', 'zh')).toBeUndefined();
  });
});
