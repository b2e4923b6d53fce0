import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/deck/types.ts';
import { extractNote } from '../../src/extract/index.ts';

const instructionCards = (text: string): Card[] =>
  extractNote('notes.md', text).cards.filter((c) => c.kind === 'instruction');

describe('instruction cards', () => {
  it('gives a purpose card (heading purpose + defining sentence) and a format card', () => {
    const cards = instructionCards(
      [
        '##### COPY复制文件',
        '',
        '格式：',
        '',
        '- `COPY <源路径>...<目标路径>`',
        '- `COPY["<源路径1>",..."<目标路径>"]`',
        '',
        '和RUN指令一样，也有两种格式，一种类似于命令行，一种类似于函数调用',
        '',
        'COPY指令将从构建上下文目录中`<源路径>`的文件/目录复制到新的一层的镜像内的`<目标路径>`位置，比如：',
      ].join('\n'),
    );
    expect(cards.map((c) => [c.key, c.front, c.back, c.answer])).toEqual([
      [
        'COPY',
        'Dockerfile 指令 `COPY` 的作用？',
        '复制文件：COPY指令将从构建上下文目录中`<源路径>`的文件/目录复制到新的一层的镜像内的`<目标路径>`位置',
        'COPY',
      ],
      [
        'COPY syntax',
        '`COPY` 指令的格式？',
        '```dockerfile\nCOPY <源路径>...<目标路径>\nCOPY ["<源路径1>",..."<目标路径>"]\n```',
        undefined,
      ],
    ]);
  });

  it('keeps labelled formats and their notes as comments in the format block', () => {
    const cards = instructionCards(
      '#### RUN执行命令\n\nRUN指令是定制镜像最常见的指令之一。格式有两种：\n\nshell格式：`RUN<命令>`，就像直接在命令行输入的命令一样\n\nexec格式：`RUN["可执行命令","参数1"]`，这更像是函数调用中格式\n',
    );
    expect(cards.find((c) => c.key === 'RUN syntax')?.back).toBe(
      '```dockerfile\n# shell 格式：就像直接在命令行输入的命令一样\nRUN <命令>\n# exec 格式：这更像是函数调用中格式\nRUN ["可执行命令","参数1"]\n```',
    );
  });

  it('matches misspelled instruction headings to the intended instruction', () => {
    const cards = instructionCards(
      '##### HEALTHYCHECK健康检查\n\n格式：\n\n- HEALTHYCHECK `[选项] CMD <命令>`，设置检查容器健康状态的命令\n\n##### ONBULD为他人做嫁衣裳\n\nONBUILD是一个特殊的指令，后面跟着的是其他指令\n',
    );
    expect(cards.map((c) => [c.key, c.back])).toEqual([
      ['HEALTHCHECK', '健康检查：设置检查容器健康状态的命令'],
      [
        'HEALTHCHECK syntax',
        '```dockerfile\n# 设置检查容器健康状态的命令\nHEALTHCHECK [选项] CMD <命令>\n```',
      ],
      ['ONBUILD', '为他人做嫁衣裳：ONBUILD是一个特殊的指令，后面跟着的是其他指令'],
    ]);
  });

  it('reads an instruction option used in prose and lists of instructions', () => {
    const cards = instructionCards(
      [
        '# 构建时从其他镜像复制文件',
        '',
        '上面的例子使用 `COPY --from=0 /app .`从上一阶段的镜像中复制文件，我们可以复制任意镜像中的文件',
        '',
        '下列的指令可以支持环境变量展开：',
        '',
        'ADD/COPY/ENV/EXPOSE',
      ].join('\n'),
    );
    expect(cards.map((c) => [c.key, c.front, c.back])).toEqual([
      [
        'COPY --from',
        'Dockerfile 指令 `COPY --from` 的作用？',
        '从上一阶段的镜像中复制文件，我们可以复制任意镜像中的文件',
      ],
      [
        'instructions: 下列的指令可以支持环境变量展开',
        '哪些指令可以支持环境变量展开？',
        '`ADD`、`COPY`、`ENV`、`EXPOSE`',
      ],
    ]);
  });

  it('uses English templates and English key sentences', () => {
    const cards = instructionCards(
      '### WORKDIR\n\nThe WORKDIR instruction sets the working directory for the instructions that follow it.\n\nSyntax: `WORKDIR /path/to/dir`\n',
    );
    expect(cards.map((c) => [c.front, c.back])).toEqual([
      [
        'What does the Dockerfile instruction `WORKDIR` do?',
        'The WORKDIR instruction sets the working directory for the instructions that follow it',
      ],
      ['Syntax of the `WORKDIR` instruction?', '```dockerfile\nWORKDIR /path/to/dir\n```'],
    ]);
  });

  it('makes no instruction card for a heading that only starts with an upper-case word', () => {
    expect(
      instructionCards('## API 设计\n\nREST 接口的设计原则。\n\n## DOCKER 简介\n\n容器引擎。\n'),
    ).toEqual([]);
  });
});
