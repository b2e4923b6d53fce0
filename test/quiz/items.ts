/** Hand-made quiz items for the quiz tests: a small Docker deck in three topics, every item type. */
import type { MatchItem, McqItem, QuizItem, TrueFalseItem, TypedItem } from '../../src/deck/types.ts';

function base(id: string, cardId: string, path: string[], kind: string) {
  return {
    id,
    cardId,
    deck: 'Docker',
    explanation: `explanation of ${id}`,
    source: { file: 'docker-notes.md', headingPath: ['Docker', ...path], line: 1, endLine: 2 },
    tags: ['docker', `kind::${kind}`, `topic::Docker::${path[0] ?? ''}`],
  };
}

export function mcq(id: string, card: string, path: string[], answerIndex = 1, kind = 'concept'): McqItem {
  return {
    ...base(id, card, path, kind),
    type: 'mcq',
    prompt: `${id}：下面哪一项说得对？`,
    choices: ['甲', '乙', '丙', '丁'],
    answerIndex,
  };
}

export function truefalse(
  id: string,
  card: string,
  path: string[],
  answer = true,
  kind = 'command',
): TrueFalseItem {
  return { ...base(id, card, path, kind), type: 'truefalse', prompt: `${id} 这句话对吗`, answer };
}

export function typed(
  id: string,
  card: string,
  path: string[],
  answer: string,
  alternatives: string[] = [],
  prompt = `${id}：用哪个命令？`,
  kind = 'command',
): TypedItem {
  return { ...base(id, card, path, kind), type: 'typed', prompt, answer, alternatives };
}

export function match(id: string, cards: string[], path: string[], kind = 'flag'): MatchItem {
  return {
    ...base(id, cards[0] ?? '', path, kind),
    type: 'match',
    prompt: '把 `docker run` 的参数与作用配对',
    pairs: cards.map((cardId, i) => ({ left: `-${'abcdef'[i]}`, right: `作用 ${i}`, cardId })),
  };
}

const IMAGES = ['使用镜像', '列出镜像'];
const BASICS = ['基本概念'];
const CONTAINERS = ['操作容器'];

/** 24 items: 8 on basics, 10 on images, 6 on containers; cards c01–c20. */
export function sampleItems(): QuizItem[] {
  return [
    mcq('b1', 'c01', BASICS),
    mcq('b2', 'c02', BASICS),
    mcq('b3', 'c03', BASICS),
    truefalse('b4', 'c01', BASICS),
    truefalse('b5', 'c02', BASICS, false),
    truefalse('b6', 'c04', BASICS),
    typed('b7', 'c04', BASICS, '镜像'),
    match('b8', ['c05', 'c06', 'c07'], BASICS),
    typed('i1', 'c08', IMAGES, 'docker image ls', ['docker images']),
    typed('i2', 'c09', IMAGES, 'docker image rm'),
    typed('i3', 'c10', IMAGES, '虚悬镜像'),
    mcq('i4', 'c11', IMAGES, 2, 'command'),
    mcq('i5', 'c12', IMAGES, 0, 'command'),
    truefalse('i6', 'c08', IMAGES),
    truefalse('i7', 'c09', IMAGES, false),
    truefalse('i8', 'c13', IMAGES),
    match('i9', ['c14', 'c15', 'c16'], IMAGES),
    mcq('i10', 'c13', IMAGES, 3, 'command'),
    typed('k1', 'c17', CONTAINERS, '-d', [], '后台运行加哪个参数？', 'flag'),
    typed('k2', 'c18', CONTAINERS, 'docker container ls'),
    mcq('k3', 'c19', CONTAINERS, 1, 'flag'),
    truefalse('k4', 'c17', CONTAINERS),
    truefalse('k5', 'c20', CONTAINERS, false),
    mcq('k6', 'c20', CONTAINERS, 0, 'flag'),
  ];
}
