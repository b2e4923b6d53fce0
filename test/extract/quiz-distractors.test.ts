import { describe, expect, it } from 'vitest';
import { type Candidate, TopicIndex } from '../../src/extract/quiz-distractors.ts';

const at = (id: string, ...path: string[]): Candidate => ({ id, path });
const ids = (found: readonly Candidate[]) => found.map((c) => c.id);
const others = (self: string) => (c: Candidate) => c.id !== self;

const RUN = ['Docker', '操作容器', '新建并启动'];
const DAEMON = ['Docker', '操作容器', '守护态运行'];
const IMAGES = ['Docker', '使用镜像', '列出镜像'];

describe('TopicIndex.nearest', () => {
  const pool = [
    at('-i', ...RUN),
    at('-t', ...RUN),
    at('-d', ...DAEMON),
    at('-a', ...IMAGES),
    at('-q', ...IMAGES),
    at('--format', ...IMAGES),
    at('--digests', ...IMAGES),
  ];
  const index = new TopicIndex(pool, 'seed');

  it('offers the same topic first, then the parent topic, then the rest', () => {
    const found = ids(index.nearest(RUN, '-i-mcq-0', 3, others('-i')));
    expect(found[0]).toBe('-t');
    expect(found[1]).toBe('-d');
    expect(['-a', '-q', '--format', '--digests']).toContain(found[2]);
  });

  it('takes only what accept takes, and stops when nothing qualifies', () => {
    expect(ids(index.nearest(IMAGES, 'x', 3, (c) => c.id.startsWith('--')))).toEqual(
      expect.arrayContaining(['--format', '--digests']),
    );
    expect(index.nearest(IMAGES, 'x', 3, () => false)).toEqual([]);
  });

  it('picks differently for different items among equally near candidates', () => {
    const wide = new TopicIndex(
      Array.from({ length: 30 }, (_, i) => at(`c${i}`, 'Docker', '指令详解')),
      'seed',
    );
    const picks = new Set(
      Array.from({ length: 10 }, (_, i) =>
        ids(wide.nearest(['Docker', '指令详解'], `item${i}`, 1, () => true)).join(),
      ),
    );
    expect(picks.size).toBeGreaterThan(3);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const wide = Array.from({ length: 30 }, (_, i) => at(`c${i}`, 'A'));
    const pick = (seed: string) =>
      Array.from({ length: 10 }, (_, i) =>
        ids(new TopicIndex(wide, seed).nearest(['A'], `item${i}`, 3, () => true)),
      );
    expect(pick('one')).toEqual(pick('one'));
    expect(pick('one')).not.toEqual(pick('two'));
  });

  it('keeps its picks when a candidate is added under another topic', () => {
    const base = Array.from({ length: 12 }, (_, i) => at(`c${i}`, 'Docker', i < 6 ? '镜像' : '容器'));
    const before = new TopicIndex(base, 'seed');
    const after = new TopicIndex([...base, at('new', 'Git', '分支')], 'seed');
    for (let i = 0; i < 12; i++) {
      const path = ['Docker', i < 6 ? '镜像' : '容器'];
      const query = (index: TopicIndex<Candidate>) =>
        ids(index.nearest(path, `c${i}-mcq-0`, 3, others(`c${i}`)));
      expect(query(after)).toEqual(query(before));
    }
  });
});
