import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/deck/types.ts';
import { extractComparisons } from '../../src/extract/comparisons.ts';
import { noteContext } from '../../src/extract/index.ts';
import { finishCards } from '../../src/extract/rules.ts';

const notes = readFileSync(join(import.meta.dirname, '../../content/docker-notes.md'), 'utf8');

function comparisons(text: string): Card[] {
  const note = noteContext('notes.md', text);
  return finishCards(note, extractComparisons(note));
}

const deck = comparisons(notes);
const byKey = new Map(deck.map((c) => [c.key, c]));

describe('comparison cards on the bundled notes', () => {
  it('finds every contrast the notes draw, and nothing else', () => {
    expect([...byKey.keys()].sort()).toEqual(
      [
        'CMD|ENTRYPOINT',
        'Deleted|Untagged',
        'ADD|COPY',
        'ARG|ENV',
        '-p|EXPOSE',
        'USER|WORKDIR',
        'docker attch|docker exec',
        'docker import|docker load',
        'exec格式|shell格式',
        '中间层镜像|虚悬镜像',
        '容器|镜像',
        '容器|虚拟机',
        '仓库|注册服务器',
      ].sort(),
    );
  });

  it('asks about the two sides in the order the notes name them, code as code', () => {
    expect(byKey.get('CMD|ENTRYPOINT')?.front).toBe('CMD 和 ENTRYPOINT 有什么区别？');
    expect(byKey.get('-p|EXPOSE')?.front).toBe('EXPOSE 和 `-p` 有什么区别？');
    expect(byKey.get('docker import|docker load')?.front).toBe(
      '`docker load` 和 `docker import` 有什么区别？',
    );
    expect(byKey.get('Deleted|Untagged')?.front).toBe('Untagged 和 Deleted 有什么区别？');
  });

  it('states what differs on both sides', () => {
    expect(byKey.get('CMD|ENTRYPOINT')?.back).toContain('将CMD的内容作为参数传给ENTRYPOINT');
    expect(byKey.get('CMD|ENTRYPOINT')?.back).toContain('让镜像变成像命令一样使用');
    expect(byKey.get('docker attch|docker exec')?.back).toBe(
      '`docker attch`：如果从这个stdin中exit，会导致容器的停止；`docker exec`：如果从这个stdin中exit，不会导致容器的停止。',
    );
    expect(byKey.get('-p|EXPOSE')?.back).toMatch(
      /^`-p`是映射宿主端口和容器端口.*而EXPOSE仅仅是声明容器打算使用什么端口/,
    );
    expect(byKey.get('ARG|ENV')?.back).toContain('在将来容器运行时是不会存在这些环境变量的');
    expect(byKey.get('ADD|COPY')?.back).toContain('仅在需要自动解压缩的时候使用ADD');
    expect(byKey.get('docker import|docker load')?.back).toContain(
      '容器快照文件将丢弃所有历史记录和元数据信息',
    );
    expect(byKey.get('Deleted|Untagged')?.back).toContain('会显示untagged信息');
    expect(byKey.get('中间层镜像|虚悬镜像')?.back).toMatch(
      /^中间层镜像：.*是其他镜像所依赖的镜像.*；虚悬镜像：.*没有仓库名/,
    );
    expect(byKey.get('容器|镜像')?.back).toContain('镜像是静态的定义，容器是镜像运行时的实体');
    expect(byKey.get('exec格式|shell格式')?.back).toMatch(/^shell格式：.*；exec格式：/);
    expect(byKey.get('仓库|注册服务器')?.back).toContain('仓库被认为是一个具体的项目或者目录');
  });

  it('keeps answers short and is deterministic', () => {
    for (const card of deck) expect(card.back.length, card.key).toBeLessThanOrEqual(240);
    expect(comparisons(notes)).toEqual(deck);
  });
});

describe('contrast wording', () => {
  const one = (md: string) => {
    const cards = comparisons(md);
    expect(cards).toHaveLength(1);
    return cards[0] as Card;
  };

  it('reads X和Y的区别 and 要将X和Y区分开', () => {
    expect(one('# 笔记\n\n`run`和`start`的区别是：`run`新建容器，而`start`启动已有的容器。').key).toBe(
      'run|start',
    );
    const card = one('# 笔记\n\n要将 `COPY`和`ADD`区分开，`COPY`只复制文件，而`ADD`还会自动解压。');
    expect(card.back).toBe('`COPY`只复制文件，而`ADD`还会自动解压。');
  });

  it('reads 有了X后，为什么还要有Y and answers with what Y is for', () => {
    const md = [
      '# 笔记',
      '',
      '## Y',
      '',
      '指定Y后，X的内容作为参数传给Y。',
      '',
      '有了X后，为什么还要有Y?',
      '',
      '### 场景一：当作命令使用',
      '',
      '### 场景二：启动前的准备工作',
    ].join('\n');
    const card = one(md);
    expect(card.key).toBe('X|Y');
    expect(card.back).toBe('指定Y后，X的内容作为参数传给Y。Y 的用途：当作命令使用；启动前的准备工作。');
  });

  it('reads 这两者区别在于 after a sentence that names the two', () => {
    const card = one(
      '# 笔记\n\n既可以用 git merge 合并，也可以用 git rebase 变基。这两者区别在于变基会改写提交历史。',
    );
    expect(card.key).toBe('git merge|git rebase');
    expect(card.front).toBe('`git merge` 和 `git rebase` 有什么区别？');
  });

  it('reads two clauses that define two things side by side', () => {
    const card = one('# 笔记\n\n`WORKDIR`是改变工作目录，`USER`则是改变执行命令的身份。');
    expect(card.key).toBe('USER|WORKDIR');
  });

  it('reads English: difference between, vs headings, whereas, tables', () => {
    expect(
      one('# Notes\n\nThe difference between `CMD` and `ENTRYPOINT` is how arguments are treated.').key,
    ).toBe('CMD|ENTRYPOINT');
    expect(
      one('# Git\n\n## merge vs rebase\n\nMerging keeps history, whereas rebasing rewrites it into one line.')
        .front,
    ).toBe('What is the difference between merge and rebase?');
    const reset = one(
      '# Git\n\n`git reset` moves the branch back, whereas `git revert` adds a commit that undoes one.',
    );
    expect(reset.back).toContain('whereas `git revert` adds a commit');
    const table = one(
      '# Docker\n\n| | COPY | ADD |\n|---|---|---|\n| Remote URLs | no | yes |\n| Extracts tar | no | yes |\n',
    );
    expect(table.back).toBe('COPY: Remote URLs no, Extracts tar no; ADD: Remote URLs yes, Extracts tar yes');
  });

  it('makes nothing of sentences that merely name two things', () => {
    expect(comparisons('# 笔记\n\n镜像和容器都可以删除。使用 `docker run` 和 `docker start` 启动。')).toEqual(
      [],
    );
    expect(comparisons('# Notes\n\nImages and containers are both stored locally.')).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws and is deterministic on random Markdown', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '# ',
        '## X和Y\n',
        '| a | b |\n|---|---|\n',
        '与',
        '不同，',
        '区别',
        '而',
        '是',
        '，',
        '。',
        '\n\n',
        ' vs ',
        'whereas ',
        '`x`',
      ),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(extractComparisons(noteContext('notes.md', text))).toEqual(
          extractComparisons(noteContext('notes.md', text)),
        );
      }),
      { numRuns: 200 },
    );
  });
});
