import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/deck/types.ts';
import { extractConcepts, findDefinitions } from '../../src/extract/concepts.ts';
import { noteContext } from '../../src/extract/index.ts';
import { finishCards } from '../../src/extract/rules.ts';

const notes = readFileSync(join(import.meta.dirname, '../../content/docker-notes.md'), 'utf8');

function concepts(text: string): Card[] {
  const note = noteContext('notes.md', text);
  return finishCards(note, extractConcepts(note));
}

const deck = concepts(notes);
const byKey = new Map(deck.map((c) => [c.key, c]));

describe('concept cards on the bundled notes', () => {
  it('asks what each term is, with its English name when the notes give one', () => {
    expect(byKey.get('镜像')?.front).toBe('什么是镜像 (Image)？');
    expect(byKey.get('容器')?.front).toBe('什么是容器 (Container)？');
    expect(byKey.get('仓库')?.front).toBe('什么是仓库 (Repository)？');
    expect(byKey.get('虚悬镜像')?.front).toBe('什么是虚悬镜像 (dangling image)？');
    expect(byKey.get('镜像构建上下文')?.front).toBe('什么是镜像构建上下文 (Context)？');
  });

  it('answers with the defining sentences, the defining one first', () => {
    const image = byKey.get('镜像')?.back ?? '';
    expect(image.startsWith('docker镜像就相当于是一个root文件系统。')).toBe(true);
    expect(image).toContain('特殊文件系统');
    expect(image).toContain('不会包含任何动态数据');
    expect(byKey.get('容器')?.back).toContain('容器是镜像运行时的实体');
    expect(byKey.get('容器')?.back).toContain('容器的实质是进程');
    expect(byKey.get('虚悬镜像')?.back).toMatch(/既没有仓库名，也没有标签[\s\S]*虚悬镜像（dangling image）/);
    expect(byKey.get('中间层镜像')?.back).toContain('是其他镜像所依赖的镜像');
    expect(byKey.get('镜像构建上下文')?.back).toContain('会将路径下的所有内容打包，然后上传给Docker引擎');
  });

  it('finds terms that prose defines, away from any heading', () => {
    expect(byKey.get('容器存储层')?.back).toContain('称这个为容器运行时读写而装备的存储层为容器存储层');
    expect(byKey.get('数据卷')?.back).toContain('数据卷的生存周期独立容器');
    expect(byKey.get('镜像ID')?.back).toBe('镜像ID是镜像的唯一标识，一个镜像可以对应多个标签。');
    expect(byKey.get('Docker Remote API')?.back).toContain('被称为Docker Remote API');
    expect(byKey.get('基础镜像')?.back).toContain('被称为基础镜像或根镜像');
    expect(byKey.get('注册服务器')?.front).toBe('什么是注册服务器 (Registry)？');
    expect(byKey.get('注册服务器')?.back).toContain('注册服务器是管理仓库的具体服务器');
    expect([...byKey.keys()].some((k) => k.replace(/\s/g, '') === 'UnionFS')).toBe(true);
    expect(byKey.get('多阶段构建')?.front).toBe('什么是多阶段构建 (multistage builds)？');
  });

  it('makes no concept of an action, an instruction, a command or a meta heading', () => {
    const keys = [...byKey.keys()];
    for (const notConcept of [
      '获取镜像',
      '列出镜像',
      '删除本地镜像',
      '运行',
      '构建镜像',
      '指令详解',
      'COPY',
      'CMD',
      'ENTRYPOINT',
      'ONBUILD',
      'RUN',
      'attch',
      'exec',
      'Docker',
      '镜像体积',
      '守护态运行',
    ]) {
      expect(keys, notConcept).not.toContain(notConcept);
    }
  });

  it('keeps every answer short, with the paragraphs it came from as extra', () => {
    for (const card of deck) {
      expect(card.back.length, card.key).toBeLessThanOrEqual(240);
      expect(card.front, card.key).toMatch(/^什么是.+？$/);
    }
    expect(byKey.get('镜像')?.extra).toContain('操作系统分为内核和用户空间');
  });

  it('is deterministic', () => {
    expect(concepts(notes)).toEqual(deck);
  });
});

describe('concept cards on English notes', () => {
  const en = [
    '# Docker objects',
    '',
    '## Images',
    '',
    'An image is a read-only template with instructions for creating a Docker container.',
    '',
    '## Volumes',
    '',
    'Volumes are the preferred mechanism for persisting data. Unlike bind mounts, volumes are managed by Docker.',
    '',
    '## Getting started',
    '',
    'A tutorial is a good place to begin.',
  ].join('\n');

  it('asks in English, with the article and number the definition uses', () => {
    const cards = concepts(en);
    // `A tutorial is a good place to begin`: said once in passing, not a term of the note.
    expect(cards.map((c) => [c.key, c.front])).toEqual([
      ['Images', 'What is an image?'],
      ['Volumes', 'What are volumes?'],
    ]);
    expect(cards[0]?.back).toBe(
      'An image is a read-only template with instructions for creating a Docker container.',
    );
  });
});

describe('findDefinitions', () => {
  it('joins a term and its gloss into one definition', () => {
    const defs = findDefinitions(noteContext('notes.md', notes).sections);
    const dangling = defs.find((d) => d.term.key === '虚悬镜像');
    expect(dangling?.term.aliases).toEqual(expect.arrayContaining(['虚悬镜像', 'dangling image']));
    expect(dangling?.home?.title).toBe('虚悬镜像');
  });
});

describe('robustness', () => {
  it('never throws and is deterministic on random Markdown', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '# ',
        '## ',
        '### 镜像Image\n',
        '- ',
        '> ',
        '```\n',
        '`',
        '：',
        '是',
        '，',
        '。',
        '\n\n',
        'X是一个',
        'An ',
        ' is a ',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const first = extractConcepts(noteContext('notes.md', text));
        expect(extractConcepts(noteContext('notes.md', text))).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});

describe('concepts set by a clause instead of 是', () => {
  it('reads `在host模式下，…` as what host模式 is, but not a state such as 后台模式 or 开发模式', () => {
    const cards = concepts(
      '# 网络\n\n## host模式\n\n在host模式下，容器直接使用宿主机的网络，端口映射不再生效。\n\n## 后台模式\n\n在后台模式下，容器启动后立即返回容器 ID。\n\n## 开发模式\n\n在开发模式下，可以用 kubectl port-forward 访问服务。\n',
    );
    expect(cards.map((c) => c.front)).toEqual(['什么是host模式？']);
  });
});
