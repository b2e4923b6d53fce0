import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/deck/types.ts';
import { extractNote } from '../../src/extract/index.ts';

const authored = (text: string): Pick<Card, 'front' | 'back'>[] =>
  extractNote('notes.md', text)
    .cards.filter((c) => c.kind === 'authored')
    .map(({ front, back }) => ({ front, back }));

describe('authored cards (Obsidian Spaced Repetition syntax)', () => {
  it('reads question::answer one way and question:::answer both ways', () => {
    expect(authored('# 笔记\n\n镜像是什么::一个只读的模板\n容器的实质:::进程 #flashcards\n')).toEqual([
      { front: '镜像是什么', back: '一个只读的模板' },
      { front: '容器的实质', back: '进程' },
      { front: '进程', back: '容器的实质' },
    ]);
  });

  it('reads multi-line cards split by ? and ??, with a code block as the answer', () => {
    const text = [
      '# Notes',
      '',
      'Which command',
      'lists images?',
      '?',
      '`docker image ls`',
      '',
      'Front',
      '??',
      'Back',
      '',
      'Show the code',
      '?',
      '```shell',
      'docker ps -a',
      '```',
    ].join('\n');
    expect(authored(text)).toEqual([
      { front: 'Which command\nlists images?', back: '`docker image ls`' },
      { front: 'Front', back: 'Back' },
      { front: 'Back', back: 'Front' },
      { front: 'Show the code', back: '```shell\ndocker ps -a\n```' },
    ]);
  });

  it('makes one cloze card per deletion, the other deletions shown, the whole text as the back', () => {
    expect(authored('# 层\n\nAUFS 曾经最多 ==42== 层，现在是 ==127== 层。\n')).toEqual([
      { front: 'AUFS 曾经最多 {{c1::42}} 层，现在是 127 层。', back: 'AUFS 曾经最多 42 层，现在是 127 层。' },
      { front: 'AUFS 曾经最多 42 层，现在是 {{c1::127}} 层。', back: 'AUFS 曾经最多 42 层，现在是 127 层。' },
    ]);
    expect(authored('# 层\n\n短id取前{{c1::3}}个字符，用{{c2::docker image prune::命令}}删除\n')).toEqual([
      {
        front: '短id取前{{c1::3}}个字符，用docker image prune删除',
        back: '短id取前3个字符，用docker image prune删除',
      },
      {
        front: '短id取前3个字符，用{{c1::docker image prune::命令}}删除',
        back: '短id取前3个字符，用docker image prune删除',
      },
    ]);
  });

  it('finds no cards in code, URLs, C++ paths, Dataview fields or image references', () => {
    const text = [
      '# Not cards',
      '',
      '`std::vector` in inline code, `a:::b` too.',
      '',
      '```cpp',
      'std::vector<int> v; // question::answer',
      '```',
      '',
      'See std::vector and Foo::bar in prose.',
      '',
      'Visit http://example.com::8080 today.',
      '',
      'tags:: docker',
      '',
      '可以通过`<仓库名>:<标签>`的格式指定',
      '',
      'a == b and c==d are comparisons',
    ].join('\n');
    expect(authored(text)).toEqual([]);
  });
});
