import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDeck } from '../../src/deck/build.ts';
import { serializeDeck } from '../../src/deck/file.ts';
import { parseDeck } from '../../src/deck/schema.ts';
import { extractNote } from '../../src/extract/index.ts';

const notes = readFileSync(join(import.meta.dirname, '../../content/docker-notes.md'), 'utf8');

// Markdown made of the constructs the extractors key on, shuffled into odd combinations.
const fragment = fc.oneof(
  fc.constantFrom(
    '# Docker',
    '### 镜像Image',
    '#### 虚悬镜像',
    '##### CMD容器启动命令',
    '- `-it`:交互式终端\n- `--rm`：退出后删除',
    '```shell\n# 根据仓库名\ndocker image ls ubuntu\n```',
    '```shell\ndocker@default:~$ docker run -it --rm ubuntu bash\nroot@0d248af097b5:/# exit\n```',
    '> docker image rm [选项] <镜像1>[<镜像2>...]',
    '> --interval=<间隔>：两次健康检查的间隔，默认为30s',
    'CMD 和 ENTRYPOINT 有什么区别？',
    '问题::答案',
    '正面:::反面',
    '短id取前{{c1::3}}个字符以上',
    '==127== 层',
    '| a | b |\n| - | - |\n| 1 | 2 |',
    '```\nunclosed',
    '<script>alert(1)</script>',
    '- - - - nested',
    '',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const markdown = fc.array(fragment, { maxLength: 25 }).map((parts) => parts.join('\n'));

describe('extractNote', () => {
  it('never throws on random Markdown, is deterministic, and yields only valid cards', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const first = extractNote('random.md', text);
        const second = extractNote('random.md', text);
        expect(second).toEqual(first);
        for (const card of first.cards) {
          expect(card.front.trim()).not.toBe('');
          expect(card.back.trim()).not.toBe('');
        }
        parseDeck(JSON.parse(serializeDeck(buildDeck([{ path: 'random.md', text }]))));
      }),
      { numRuns: 150 },
    );
  });

  it('builds a byte-identical deck from the same notes', () => {
    const a = serializeDeck(buildDeck([{ path: 'docker-notes.md', text: notes }]));
    const b = serializeDeck(buildDeck([{ path: 'docker-notes.md', text: notes }]));
    expect(a).toBe(b);
  });

  it('keeps card ids when a section is added elsewhere or an answer is reworded', () => {
    const before = extractNote('docker-notes.md', notes).cards;
    const edited = notes
      .replace(
        '## 基本概念',
        '## 新的一章\n\n### 命名空间Namespace\n\n命名空间是内核提供的隔离机制。\n\n## 基本概念',
      )
      .replace(
        '镜像不会包含任何动态数据，其内容在构建之后也不会被改变',
        '镜像不含动态数据，构建之后内容不变',
      );
    const after = extractNote('docker-notes.md', edited).cards;
    const afterIds = new Set(after.map((c) => c.id));
    const kept = before.filter((c) => afterIds.has(c.id));
    // Every card keeps its id; the reworded definition is the same card with a new back.
    expect(kept.length).toBe(before.length);
    const image = before.find((c) => c.kind === 'concept' && c.key.includes('镜像'));
    expect(image).toBeDefined();
    expect(after.find((c) => c.id === image?.id)).toBeDefined();
    expect(after.length).toBeGreaterThan(before.length);
  });

  it('names every card with its file, heading path and line range, and tags it with kind and topic', () => {
    const { cards } = extractNote('docker-notes.md', notes);
    const lines = notes.split('\n');
    for (const card of cards) {
      expect(card.source.file).toBe('docker-notes.md');
      expect(card.source.line).toBeGreaterThan(0);
      expect(card.source.endLine).toBeGreaterThanOrEqual(card.source.line);
      expect(card.source.endLine).toBeLessThanOrEqual(lines.length);
      expect(card.tags).toContain('docker');
      expect(card.tags).toContain(`kind::${card.kind}`);
      expect(card.tags.some((t) => t.startsWith('topic::Docker'))).toBe(true);
    }
  });
});
