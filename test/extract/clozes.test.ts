import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/deck/types.ts';
import { extractClozes } from '../../src/extract/clozes.ts';
import { noteContext } from '../../src/extract/index.ts';
import { finishCards } from '../../src/extract/rules.ts';

const notes = readFileSync(join(import.meta.dirname, '../../content/docker-notes.md'), 'utf8');

function clozes(text: string): Card[] {
  const note = noteContext('notes.md', text);
  return finishCards(note, extractClozes(note));
}

const deck = clozes(notes);
const find = (answer: string, around: string) =>
  deck.find((c) => c.back === answer && c.front.replace(/\{\{c1::.*?\}\}/, '_').includes(around));

describe('cloze cards on the bundled notes', () => {
  it('hides the key facts: limits, lengths, permissions, versions, defaults, states, codes', () => {
    expect(find('127', '现在是不超过_层')?.front).toBe(
      'UnionFS是有最大层数限制的，比如AUFS,曾经是最大不超过42层，现在是不超过{{c1::127}}层。',
    );
    expect(find('42', '曾经是最大不超过_层')).toBeDefined();
    expect(find('3', '短id取前_个字符以上')).toBeDefined();
    expect(find('12', '每一层ID的前_位')).toBeDefined();
    expect(find('600', '文件权限自动设置为_')).toBeDefined();
    expect(find('lasest', '将以_作为默认版本')).toBeDefined();
    expect(find('1.12', 'HEALTHCHECK：在_前')).toBeDefined();
    expect(find('1.13', '在_之前的版本')).toBeDefined();
    expect(find('17.05', '在_之前')).toBeDefined();
    expect(find('starting', '初始状态为_')).toBeDefined();
    expect(find('unhealthy', '则会变为_')).toBeDefined();
    for (const code of ['0', '1', '2']) expect(find(code, '健康检查的成功与否'), code).toBeDefined();
    expect(find('`/bin/bash`', '默认的CMD是`_`')).toBeDefined();
    expect(find('`HTTPS`', '默认不允许非 `_`')).toBeDefined();
    expect(find('最后一个', '只有_生效')).toBeDefined();
  });

  it('makes no card of example values, image tags, command output or ids', () => {
    const answers = deck.map((c) => c.back);
    for (const noise of ['16.04', '7', '5', '3.2', '80', '5000', '14.04', '8.14', '4'])
      expect(answers, noise).not.toContain(noise);
    expect(deck.length).toBeLessThanOrEqual(26);
  });

  it('has one c1 deletion per card, its answer on the back, and short fronts', () => {
    for (const card of deck) {
      expect(card.front.match(/\{\{c\d+::/g), card.front).toEqual(['{{c1::']);
      const hidden = /\{\{c1::(.*?)\}\}/.exec(card.front)?.[1];
      expect(card.back.replace(/`/g, '')).toBe(hidden);
      expect(card.front.length, card.front).toBeLessThanOrEqual(110);
    }
  });

  it('keeps a card id when its answer is corrected, and keeps two facts of one sentence apart', () => {
    const before = find('127', '现在是不超过_层');
    const fixed = clozes(notes.replace('现在是不超过127层', '现在是不超过128层'));
    const after = fixed.find((c) => c.back === '128');
    expect(after?.id).toBe(before?.id);
    expect(find('42', '曾经')?.id).not.toBe(before?.id);
  });

  it('keeps facts whose sentence only sounds like one about the notes', () => {
    const english = clozes(
      '# Health\n\nThe health check command is tested every 30 seconds by default.\n\nThe examples were tested with Docker 24.0 and later.\n',
    );
    expect(english.map((c) => c.back)).toEqual(['30']);
    const chinese = clozes(
      '# 端口\n\n以下命令在容器中执行，默认重试次数是 3 次。\n\n本文使用的Docker版本为20.10。\n',
    );
    expect(chinese.map((c) => c.back)).toEqual(['3']);
  });

  it('is deterministic', () => {
    expect(clozes(notes)).toEqual(deck);
  });
});

describe('cloze wording', () => {
  it('reads English facts: units, defaults, limits', () => {
    const cards = clozes(
      '# Git\n\n## Hashes\n\nA commit hash is shown abbreviated to 7 characters by default. The default branch name is `main`. Use `git log -3` to see 3 commits.',
    );
    expect(cards.map((c) => c.front)).toEqual([
      'A commit hash is shown abbreviated to {{c1::7}} characters by default.',
      'The default branch name is `{{c1::main}}`.',
    ]);
  });

  it('names the topic when the sentence leans on its heading', () => {
    const cards = clozes(
      '# Docker\n\n### ADD更高级的复制文件\n\n下载后的文件权限自动设置为600，如果这并不是想要的权限，需要调整。',
    );
    expect(cards[0]?.front).toBe(
      'ADD：下载后的文件权限自动设置为{{c1::600}}，如果这并不是想要的权限，需要调整。',
    );
  });

  it('leaves out code comments and numbers the section code also shows', () => {
    const md = [
      '# X',
      '',
      '设置了每5秒检查一次。',
      '',
      '```shell',
      '# 最多重试10次',
      'HEALTHCHECK --interval=5s CMD true',
      '```',
    ].join('\n');
    expect(clozes(md)).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws and is deterministic on random Markdown', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '# ',
        '默认为',
        '不超过',
        '127层',
        '1.12之后',
        '`x`',
        '，',
        '。',
        '\n\n',
        'default is ',
        '30s',
        '```\n',
      ),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(extractClozes(noteContext('notes.md', text))).toEqual(
          extractClozes(noteContext('notes.md', text)),
        );
      }),
      { numRuns: 200 },
    );
  });
});
