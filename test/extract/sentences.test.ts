import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  joinSentences,
  looksLikeCode,
  pickKeySentences,
  proseBlocks,
  type Sentence,
  sectionSentences,
  splitClauses,
  splitSentences,
} from '../../src/extract/sentences.ts';
import { parseMarkdown } from '../../src/notes/parse.ts';
import { splitSections } from '../../src/notes/sections.ts';

describe('splitSentences', () => {
  it('cuts Chinese prose at 。！？ and keeps ；inside a sentence', () => {
    expect(splitSentences('镜像是静态的定义。容器是镜像运行时的实体！为什么？因为；它在运行')).toEqual([
      '镜像是静态的定义。',
      '容器是镜像运行时的实体！',
      '为什么？',
      '因为；它在运行',
    ]);
  });

  it('cuts English at a full stop before a space, never in decimals, file names or code', () => {
    expect(
      splitSentences(
        'An image is a template. Docker 1.12 added `HEALTHCHECK`. Run `docker build -f a.b .` now. Done',
      ),
    ).toEqual([
      'An image is a template.',
      'Docker 1.12 added `HEALTHCHECK`.',
      'Run `docker build -f a.b .` now.',
      'Done',
    ]);
  });

  it('joins a hard-wrapped English sentence and cuts at line ends after Chinese', () => {
    expect(splitSentences('A container is a runnable\ninstance of an image.')).toEqual([
      'A container is a runnable instance of an image.',
    ]);
    expect(splitSentences('镜像是基础\n容器是实体')).toEqual(['镜像是基础', '容器是实体']);
  });
});

describe('splitClauses', () => {
  it('cuts at Chinese commas and at an ASCII comma touching Chinese, not between English words', () => {
    expect(splitClauses('UnionFS是有最大层数限制的，比如AUFS,曾经是最大不超过42层')).toEqual([
      'UnionFS是有最大层数限制的',
      '比如AUFS',
      '曾经是最大不超过42层',
    ]);
    expect(splitClauses('不借助LVM,RAID将多个disk挂在同一个目录下')).toEqual([
      '不借助LVM,RAID将多个disk挂在同一个目录下',
    ]);
    expect(splitClauses('用 `a,b` 分隔，然后')).toEqual(['用 `a,b` 分隔', '然后']);
  });
});

describe('looksLikeCode', () => {
  it('tells syntax lines from prose', () => {
    expect(looksLikeCode('docker pull [选项] [Docker Register 地址[:端口号]/]仓库名[:标签]')).toBe(true);
    expect(looksLikeCode('COPY ./package.json /app/')).toBe(true);
    expect(looksLikeCode('docker image rm [选项] <镜像1>[<镜像2>...]')).toBe(true);
    expect(looksLikeCode('--interval=<间隔>')).toBe(true);
    expect(looksLikeCode('docker镜像就相当于是一个root文件系统')).toBe(false);
    expect(looksLikeCode('An image is a read-only template with instructions.')).toBe(false);
  });
});

describe('proseBlocks and sectionSentences', () => {
  const md = [
    '## 进入容器',
    '',
    '推荐使用docker exec。',
    '',
    '- `-i`：交互',
    '',
    '> docker attach [选项] <容器>',
    '',
    '```shell',
    '#!/bin/sh',
    '# 如果从这个stdin中exit，会导致容器的停止',
    'docker attach 243c',
    '```',
  ].join('\n');
  const [section] = splitSections(parseMarkdown(md));

  it('reads paragraphs, list items, quotes and long code comments, with their lines', () => {
    const blocks = proseBlocks(section!);
    expect(blocks.map((b) => [b.kind, b.text, b.line])).toEqual([
      ['paragraph', '推荐使用docker exec。', 3],
      ['list-item', '`-i`：交互', 5],
      ['quote', 'docker attach [选项] <容器>', 7],
      ['comment', '如果从这个stdin中exit，会导致容器的停止', 11],
    ]);
  });

  it('reads a bold name and a dash as a glossary entry, and leaves other dashes alone', () => {
    const glossary = [
      '- **Image** — a read-only template.',
      '- **Layer** - one set of changes',
      '- **镜像** – 只读模板',
      '- `docker ps` — list containers',
      '- run **now** - or later',
    ].join('\n');
    const [only] = splitSections(parseMarkdown(glossary));
    expect(proseBlocks(only!).map((b) => b.text)).toEqual([
      'Image: a read-only template.',
      'Layer: one set of changes',
      '镜像：只读模板',
      '`docker ps` — list containers',
      'run now - or later',
    ]);
  });

  it('reads glossary entries on consecutive lines of one paragraph one by one, each on its line', () => {
    const text =
      '**Image** — a read-only template.\n**Container** — a running image.\n**Volume** — lasting storage.';
    const [only] = splitSections(parseMarkdown(text));
    expect(proseBlocks(only!).map((b) => [b.text, b.line])).toEqual([
      ['Image: a read-only template.', 1],
      ['Container: a running image.', 2],
      ['Volume: lasting storage.', 3],
    ]);
  });

  it('does not read labels, commands, flags or instructions in bold as glossary terms', () => {
    const lines = [
      '- **Pro tip** — prefer named volumes.',
      '- **Step 1** — install Docker.',
      '- **Option A** — a named volume.',
      '- **推荐** — 使用多阶段构建。',
      '- **docker ps** — list running containers',
      '- **-d** — run detached',
      '- **Linux** — install the engine with your package manager.',
      '- **Dockerfile** — see the next section.',
      '- **Union FS** — a layered file system.',
    ];
    const [only] = splitSections(parseMarkdown(lines.join('\n')));
    const texts = proseBlocks(only!).map((b) => b.text);
    expect(texts.slice(0, -1).filter((t) => /^[^—]+: /.test(t) || t.includes('：'))).toEqual([]);
    expect(texts.at(-1)).toBe('Union FS: a layered file system.');
  });

  it('leaves syntax lines out of the sentences', () => {
    expect(sectionSentences(section!).map((s) => s.text)).toEqual([
      '推荐使用docker exec。',
      '`-i`：交互',
      '如果从这个stdin中exit，会导致容器的停止',
    ]);
  });
});

describe('pickKeySentences', () => {
  const block = { kind: 'paragraph' as const, text: '', line: 1, endLine: 1 };
  const other = { kind: 'paragraph' as const, text: '', line: 3, endLine: 3 };
  const s = (text: string, index: number, b = block): Sentence => ({ text, block: b, index, line: 1 });

  it('picks the defining sentence and others that fit, its paragraph first and in order', () => {
    const picked = pickKeySentences([
      { sentence: s('操作系统分为内核和用户空间。', 0), score: 6 },
      { sentence: s('与此无关的一句。', 4), score: 2 },
      { sentence: s('镜像就相当于是一个root文件系统。', 1), score: 15 },
      { sentence: s('镜像不会包含任何动态数据。', 2), score: 7 },
      { sentence: s('另一段的句子。', 3, other), score: 6 },
    ]);
    expect(picked.map((p) => p.index)).toEqual([0, 1, 2]);
  });

  it('puts the defining paragraph before sentences from other paragraphs', () => {
    const picked = pickKeySentences([
      { sentence: s('前面另一段的说明。', 0, other), score: 9 },
      { sentence: s('镜像就相当于是一个root文件系统。', 1), score: 15 },
    ]);
    expect(picked.map((p) => p.index)).toEqual([1, 0]);
  });

  it('reads a sentence that points back after what it points to', () => {
    const picked = pickKeySentences([
      { sentence: s('有时候会有特殊镜像，既没有仓库名，也没有标签。', 0), score: 8 },
      { sentence: s('这类无标签镜像被称为虚悬镜像。', 1), score: 12 },
    ]);
    expect(picked.map((p) => p.index)).toEqual([0, 1]);
  });

  it('gives nothing when nothing scored', () => {
    expect(pickKeySentences([{ sentence: s('无关。', 0), score: 0 }])).toEqual([]);
  });
});

describe('joinSentences', () => {
  it('closes each sentence in its language', () => {
    expect(joinSentences(['镜像是基础', '默认是`latest`', 'It is done'])).toBe(
      '镜像是基础。默认是`latest`。It is done.',
    );
    expect(joinSentences(['An image.', 'A container'])).toBe('An image. A container.');
  });
});

describe('splitting around inline code', () => {
  const HAN = /\p{Script=Han}/u;
  /** The test as first written: a stop compared with every code span of the text. */
  const insideAny = (text: string, at: number) =>
    [...text.matchAll(/(`+)[\s\S]*?\1/g)].some((m) => at > m.index && at < m.index + m[0].length);

  function referenceSentences(text: string): string[] {
    const tidy = (t: string) =>
      t.includes('\n')
        ? t
            .trim()
            .replace(/(?<=[\p{Script=Han}\p{P}])\s*\n\s*(?=[\p{Script=Han}\p{P}])/gu, '')
            .replace(/\s*\n\s*/g, ' ')
        : t.trim();
    const out: string[] = [];
    let start = 0;
    for (const m of text.matchAll(/[。！？!?]+|\.(?=\s+[^a-z0-9]|$)|\n+/gu)) {
      const end = m.index + m[0].length;
      if (insideAny(text, m.index)) continue;
      const soft = /[A-Za-z,，、(（]/.test(text[m.index - 1] ?? '') || /[a-z]/.test(text[end] ?? '');
      if (m[0].startsWith('\n') && soft) continue;
      const piece = tidy(text.slice(start, m[0].startsWith('\n') ? m.index : end));
      if (piece) out.push(piece);
      start = end;
    }
    const rest = tidy(text.slice(start));
    if (rest) out.push(rest);
    return out;
  }

  function referenceClauses(sentence: string): string[] {
    const out: string[] = [];
    let start = 0;
    for (const m of sentence.matchAll(/[，；：;,:]/g)) {
      const i = m.index;
      let cut = m[0] !== ',' && m[0] !== ':';
      if (!cut) {
        const han = HAN.test(sentence.charAt(i - 1)) || HAN.test(sentence.charAt(i + 1));
        cut = han || (m[0] === ',' && sentence.charAt(i + 1) === ' ');
      }
      if (!cut || insideAny(sentence, i)) continue;
      const piece = sentence.slice(start, i).trim();
      if (piece) out.push(piece);
      start = i + 1;
    }
    const rest = sentence.slice(start).trim();
    if (rest) out.push(rest);
    return out;
  }

  it('cuts as comparing every stop with every code span would, however many of both a text has', () => {
    const piece = fc.constantFrom(
      '`',
      '``',
      '`a.b`',
      '镜像',
      '。',
      '，',
      ', ',
      ':',
      '. ',
      'Run it',
      '!',
      '\n',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(splitSentences(text)).toEqual(referenceSentences(text));
        expect(splitClauses(text)).toEqual(referenceClauses(text));
      }),
      { numRuns: 3000 },
    );
  });
});
