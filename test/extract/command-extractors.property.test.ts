import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractAuthored } from '../../src/extract/authored.ts';
import { extractCommands } from '../../src/extract/commands.ts';
import { extractInstructions } from '../../src/extract/dockerfile.ts';
import { extractFlags } from '../../src/extract/flags.ts';
import type { NoteContext } from '../../src/extract/types.ts';
import { detectLanguage } from '../../src/notes/language.ts';
import { parseMarkdown } from '../../src/notes/parse.ts';
import { splitSections } from '../../src/notes/sections.ts';

function noteOf(text: string): NoteContext {
  return {
    file: 'random.md',
    deck: 'random',
    lang: detectLanguage(text),
    tags: [],
    sections: splitSections(parseMarkdown(text)),
    warn: () => {},
  };
}

// The shapes these extractors key on, mixed with noise, in odd orders.
const fragment = fc.oneof(
  fc.constantFrom(
    '# Docker',
    '##### HEALTHYCHECK健康检查',
    '##### COPY复制文件',
    '格式：',
    '- `COPY <源路径>...<目标路径>`',
    'shell格式：`RUN<命令>`，就像',
    '```shell\n# 根据仓库名\ndocker image ls ubuntu\n```',
    '```shell\ndocker@default:~$ docker run -it --rm ubuntu bash\nroot@0d248af097b5:/# exit\n```',
    '```\n$ docker build \\\n```',
    '```shell\n# 内容为\nFROM nginx\n```',
    '> docker image rm [选项] <镜像1>[<镜像2>...]',
    '> --interval=<间隔>：两次健康检查的间隔，默认为30s',
    '`docker run`是容器运行的命令：',
    '- `-it`:交互式终端\n- `--rm`：退出后删除\n- `bash`：命令',
    '使用 `docker system df`查看空间',
    '用`-f`参数',
    '`-p`是映射端口',
    'docker save将镜像保存',
    '问题::答案',
    '正面:::反面',
    '问\n?\n答',
    '?',
    '??',
    '==127== 层{{c1::',
    '{{c1::a::b}}',
    '| `docker ps` | list |\n| - | - |\n| `docker ps` | list |',
    '```\nunclosed',
    '',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const markdown = fc.array(fragment, { maxLength: 20 }).map((parts) => parts.join('\n'));

describe('command, flag, instruction and authored extractors', () => {
  it('never throw and give the same drafts for the same note', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        for (const extract of [extractCommands, extractFlags, extractInstructions, extractAuthored]) {
          const first = extract(noteOf(text)).map(({ section, ...rest }) => ({
            ...rest,
            path: section.path,
          }));
          const second = extract(noteOf(text)).map(({ section, ...rest }) => ({
            ...rest,
            path: section.path,
          }));
          expect(second).toEqual(first);
        }
      }),
      { numRuns: 300 },
    );
  });
});
