import fc from 'fast-check';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { splitIntoChunks } from '../../src/notes/chunks.ts';
import { parseMarkdown } from '../../src/notes/parse.ts';

const whole = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

// Blocks that stress the split points: headings inside fences and comments, lists, quotes, tables.
const block = fc.oneof(
  fc.constantFrom(
    '# Docker',
    '## 使用镜像',
    '### 列出镜像',
    '```shell\n# 根据仓库名\ndocker image ls ubuntu\n```',
    '~~~\n# not a heading\n~~~',
    '````\n```\n# still code\n```\n````',
    '<!--\n# commented heading\n-->',
    '- `-it`: 交互式终端\n- `--rm`：退出后删除',
    '> docker image rm [选项] <镜像1>',
    '| a | b |\n| - | - |\n| 1 | 2 |',
    '    # indented code',
    'Setext\n======',
    '```\nunclosed fence',
  ),
  fc.string({ maxLength: 40 }).map((s) => s.replace(/\r/g, '')),
);
const doc = fc.array(block, { maxLength: 40 }).map((blocks) => blocks.join('\n\n'));

describe('splitIntoChunks', () => {
  it('leaves a short document whole', () => {
    expect(splitIntoChunks('# a\n\ntext')).toEqual([{ text: '# a\n\ntext', line: 0, offset: 0 }]);
  });

  it('splits only before a top-level heading outside code, and the chunks join back to the text', () => {
    const text = ['# A', 'x'.repeat(50), '```', '# in code', '```', '# B', 'y'.repeat(50), '# C'].join('\n');
    const chunks = splitIntoChunks(text, 10);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    expect(chunks.map((c) => c.text.split('\n')[0])).toEqual(['# A', '# B', '# C']);
    expect(chunks.map((c) => c.line)).toEqual([0, 5, 7]);
  });

  it('does not split a document with reference definitions', () => {
    const text = `# A\n[x]: http://example.com\n${'z'.repeat(100)}\n# B\n[x]`;
    expect(splitIntoChunks(text, 10)).toHaveLength(1);
  });
});

describe('parseMarkdown', () => {
  it('gives the same tree, positions included, as parsing the whole document at once', () => {
    fc.assert(
      fc.property(doc, fc.integer({ min: 1, max: 200 }), (text, target) => {
        const chunks = splitIntoChunks(text, target);
        expect(chunks.map((c) => c.text).join('')).toBe(text);
        expect(parseMarkdown(text, target)).toEqual(whole.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it('joins chunk trees with document positions on a long note', () => {
    const section = (i: number) =>
      `# 第${i}章\n\n${'镜像是一个特殊的文件系统。'.repeat(400)}\n\n\`\`\`shell\n# 注释\ndocker ps\n\`\`\`\n`;
    const text = Array.from({ length: 40 }, (_, i) => section(i)).join('\n');
    expect(splitIntoChunks(text).length).toBeGreaterThan(1);
    expect(parseMarkdown(text)).toEqual(whole.parse(text));
  });
});
