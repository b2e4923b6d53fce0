import { describe, expect, it } from 'vitest';
import { canonicalAnswer, editDistance, judgeAnswer, judgeTyped } from '../../src/quiz/judge.ts';
import type { Question } from '../../src/quiz/types.ts';
import { match, mcq, truefalse, typed } from './items.ts';

describe('judgeTyped', () => {
  it('ignores case, spacing, full-width letters and a final stop', () => {
    for (const given of [
      'Docker Image LS',
      '  docker   image ls ',
      'ｄｏｃｋｅｒ　ｉｍａｇｅ　ｌｓ',
      'docker image ls。',
      '`docker image ls`',
    ]) {
      expect(judgeTyped(given, 'docker image ls', []).verdict, given).toBe('correct');
    }
  });

  it('treats full-width and half-width punctuation alike', () => {
    expect(judgeTyped('ubuntu：16.04', 'ubuntu:16.04', []).verdict).toBe('correct');
    expect(judgeTyped('镜像（Image）', '镜像(Image)', []).verdict).toBe('correct');
    expect(judgeTyped('ENTRYPOINT ［"curl"］', 'ENTRYPOINT ["curl"]', []).verdict).toBe('correct');
  });

  it('treats curly, CJK and straight quotes alike, and drops enclosing ones', () => {
    expect(judgeTyped('CMD [“echo”]', 'CMD ["echo"]', []).verdict).toBe('correct');
    expect(judgeTyped('「虚悬镜像」', '虚悬镜像', []).verdict).toBe('correct');
    expect(judgeTyped('"docker images"', 'docker image ls', ['docker images']).verdict).toBe('correct');
  });

  it('accepts an alternative and names the one matched', () => {
    expect(judgeTyped('docker images', 'docker image ls', ['docker images'])).toEqual({
      verdict: 'correct',
      closest: 'docker images',
    });
  });

  it('compares Chinese without word spaces', () => {
    expect(judgeTyped('虚悬 镜像', '虚悬镜像', []).verdict).toBe('correct');
    expect(judgeTyped('删除 本地 镜像', '删除本地镜像', []).verdict).toBe('correct');
    expect(judgeTyped('分层存储。', '分层 存储', []).verdict).toBe('correct');
    // Spaces between English words still count.
    expect(judgeTyped('dockerimage ls', 'docker image ls', []).verdict).toBe('near');
  });

  it('calls one typo a near miss, in English and in Chinese, but not on short answers', () => {
    expect(judgeTyped('docker imgae ls', 'docker image ls', [])).toEqual({
      verdict: 'near',
      closest: 'docker image ls',
    });
    expect(judgeTyped('docker image l', 'docker image ls', []).verdict).toBe('near');
    expect(judgeTyped('虚拟镜像', '虚悬镜像', []).verdict).toBe('near');
    expect(judgeTyped('docker imags', 'docker image ls', ['docker images'])).toEqual({
      verdict: 'near',
      closest: 'docker images',
    });
    expect(judgeTyped('-p', '-d', []).verdict).toBe('wrong');
    expect(judgeTyped('docker imgae lx', 'docker image ls', []).verdict).toBe('wrong');
  });

  it('keeps the case of short flags: -P is another flag than -p', () => {
    expect(judgeTyped('-P', '-p', []).verdict).toBe('wrong');
    expect(judgeTyped('docker run -P', 'docker run -p', []).verdict).toBe('wrong');
    expect(judgeTyped('DOCKER RUN -p', 'docker run -p', []).verdict).toBe('correct');
    expect(judgeTyped('--RM', '--rm', []).verdict).toBe('correct');
  });

  it('calls an empty answer blank', () => {
    expect(judgeTyped('   ', 'docker image ls', []).verdict).toBe('blank');
    expect(judgeTyped('。', '镜像', []).verdict).toBe('blank');
  });
});

describe('canonicalAnswer and editDistance', () => {
  it('canonicalizes', () => {
    expect(canonicalAnswer('「虚悬 镜像」。')).toBe('虚悬镜像');
    expect(canonicalAnswer('  Docker   IMAGE ls ')).toBe('docker image ls');
  });

  it('counts edits over code points, a swap as one', () => {
    expect(editDistance('image', 'imgae')).toBe(1);
    expect(editDistance('镜像', '镜象')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('judgeAnswer', () => {
  it('judges multiple choice and true/false, blank as wrong', () => {
    const q: Question = { item: mcq('m', 'c1', ['x'], 2) };
    expect(judgeAnswer(q, { type: 'mcq', choice: 2 })).toEqual({
      correct: true,
      verdict: 'correct',
      missedCards: [],
    });
    expect(judgeAnswer(q, { type: 'mcq', choice: 0 })).toEqual({
      correct: false,
      verdict: 'wrong',
      missedCards: ['c1'],
    });
    expect(judgeAnswer(q, { type: 'mcq', choice: null }).verdict).toBe('blank');
    const tf: Question = { item: truefalse('t', 'c2', ['x'], false) };
    expect(judgeAnswer(tf, { type: 'truefalse', value: false }).correct).toBe(true);
    expect(judgeAnswer(tf, { type: 'truefalse', value: true }).missedCards).toEqual(['c2']);
  });

  it('judges a typed answer with its alternatives; a near miss is wrong', () => {
    const q: Question = { item: typed('t', 'c3', ['x'], 'docker image ls', ['docker images']) };
    expect(judgeAnswer(q, { type: 'typed', text: 'Docker Images' })).toMatchObject({
      correct: true,
      closest: 'docker images',
    });
    expect(judgeAnswer(q, { type: 'typed', text: 'docker imagesx' })).toMatchObject({
      correct: false,
      verdict: 'near',
      missedCards: ['c3'],
    });
  });

  it('judges matching by offered position and names only the cards paired wrongly', () => {
    // Offered right sides: position 0 is pair 2, 1 is pair 0, 2 is pair 1.
    const q: Question = { item: match('m', ['c5', 'c6', 'c7'], ['x']), rightOrder: [2, 0, 1] };
    expect(judgeAnswer(q, { type: 'match', picks: [1, 2, 0] })).toEqual({
      correct: true,
      verdict: 'correct',
      pairsRight: 3,
      missedCards: [],
    });
    expect(judgeAnswer(q, { type: 'match', picks: [1, 0, null] })).toEqual({
      correct: false,
      verdict: 'wrong',
      pairsRight: 1,
      missedCards: ['c6', 'c7'],
    });
    expect(judgeAnswer(q, { type: 'match', picks: [null, null, null] }).verdict).toBe('blank');
  });

  it('calls an answer of another type blank', () => {
    expect(judgeAnswer({ item: mcq('m', 'c1', ['x']) }, { type: 'typed', text: '乙' }).verdict).toBe('blank');
  });
});
