import { describe, expect, it } from 'vitest';
import { groupByTopic, type MatchUnit } from '../../src/extract/quiz-match.ts';

interface Unit extends MatchUnit {
  name: string;
}

let order = 0;
const unit = (name: string, path: string[], weight = 1): Unit => ({ name, path, order: order++, weight });
const names = (groups: Unit[][]) => groups.map((g) => g.map((u) => u.name));
const LIMITS = { min: 3, max: 6, minLeftover: 3 };

const DETAIL = ['Docker', '使用镜像', 'Dockerfile定制镜像', '指令详解'];

describe('groupByTopic', () => {
  it('groups a topic of its own when it has enough cards, in note order', () => {
    const units = ['COPY', 'ADD', 'CMD', 'ENTRYPOINT'].map((n) => unit(n, [...DETAIL, `${n}指令`]));
    expect(names(groupByTopic(units, LIMITS))).toEqual([['COPY', 'ADD', 'CMD', 'ENTRYPOINT']]);
  });

  it('cuts a large topic into groups of three to six of about equal size', () => {
    const units = Array.from({ length: 13 }, (_, i) => unit(`f${i}`, ['Docker', '运行']));
    const groups = groupByTopic(units, LIMITS);
    expect(groups.map((g) => g.length)).toEqual([5, 5, 3]);
    expect(groups.flat().map((u) => u.name)).toEqual(units.map((u) => u.name));
  });

  it('keeps cards of the nearest topics together before reaching further', () => {
    const near = [
      unit('-i', ['Docker', '操作容器', '新建并启动']),
      unit('-t', ['Docker', '操作容器', '新建并启动']),
    ];
    const sibling = unit('-d', ['Docker', '操作容器', '守护态运行']);
    const far = [
      unit('-p', ['Docker', '使用镜像', 'EXPOSE']),
      unit('-P', ['Docker', '使用镜像', 'EXPOSE']),
      unit('-v', ['Docker', '使用镜像', 'VOLUME']),
    ];
    expect(names(groupByTopic([...near, sibling, ...far], LIMITS))).toEqual([
      ['-i', '-t', '-d'],
      ['-p', '-P', '-v'],
    ]);
  });

  it('puts a card left alone into the nearest group with room, not into a group of its own', () => {
    const units = [
      unit('--rm', ['Docker', '使用镜像', '运行']),
      unit('-p', ['Docker', '使用镜像', 'EXPOSE']),
      unit('-P', ['Docker', '使用镜像', 'EXPOSE']),
      unit('-v', ['Docker', '使用镜像', 'VOLUME']),
    ];
    expect(names(groupByTopic(units, LIMITS))).toEqual([['--rm', '-p', '-P', '-v']]);
  });

  it('drops cards that cannot make a group, and lets comparisons (two sides) stand alone', () => {
    expect(groupByTopic([unit('a', ['x']), unit('b', ['y'])], LIMITS)).toEqual([]);
    const comparison = unit('CMD|ENTRYPOINT', DETAIL, 2);
    expect(names(groupByTopic([comparison], { min: 3, max: 6, minLeftover: 2 }))).toEqual([
      ['CMD|ENTRYPOINT'],
    ]);
  });

  it('gives the same groups whatever order the units come in', () => {
    const units = Array.from({ length: 20 }, (_, i) => unit(`u${i}`, ['A', `t${i % 4}`, `s${i % 3}`]));
    const shuffled = [...units].reverse();
    expect(names(groupByTopic(shuffled, LIMITS))).toEqual(names(groupByTopic(units, LIMITS)));
  });
});
