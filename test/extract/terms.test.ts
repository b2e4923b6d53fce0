import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findGlosses,
  findNamedTerms,
  normalizeTerm,
  readHeading,
  splitDescribed,
  splitTerm,
  stripLeadIn,
  trailingTerm,
} from '../../src/extract/terms.ts';

describe('splitTerm', () => {
  it('splits a Chinese term followed by its English name', () => {
    expect(splitTerm('镜像Image')).toMatchObject({
      zh: '镜像',
      en: 'Image',
      key: '镜像',
      label: '镜像 (Image)',
    });
    expect(splitTerm('容器Container')).toMatchObject({ zh: '容器', en: 'Container' });
    expect(splitTerm('仓库Repository')).toMatchObject({ zh: '仓库', en: 'Repository' });
  });

  it('splits a term glossed in parentheses, full- or half-width', () => {
    expect(splitTerm('镜像构建上下文（Context）')).toMatchObject({ zh: '镜像构建上下文', en: 'Context' });
    expect(splitTerm('虚悬镜像 (dangling image)')).toMatchObject({ zh: '虚悬镜像', en: 'dangling image' });
  });

  it('keeps one-language names whole, and a short Latin tail as part of the name', () => {
    expect(splitTerm('虚悬镜像')).toMatchObject({ zh: '虚悬镜像', key: '虚悬镜像', label: '虚悬镜像' });
    expect(splitTerm('UnionFS')).toMatchObject({ en: 'UnionFS', key: 'UnionFS' });
    expect(splitTerm('镜像ID')).toMatchObject({ zh: '镜像ID' });
    expect(splitTerm('镜像ID')?.en).toBeUndefined();
  });
});

describe('splitDescribed', () => {
  it('cuts the description off a keyword heading', () => {
    expect(splitDescribed('COPY复制文件')).toEqual({ term: 'COPY', description: '复制文件' });
    expect(splitDescribed('ENTRYPOINT入口点')).toEqual({ term: 'ENTRYPOINT', description: '入口点' });
    expect(splitDescribed('Dockerfile定制镜像')).toEqual({ term: 'Dockerfile', description: '定制镜像' });
    expect(splitDescribed('镜像Image')).toBeNull();
  });
});

describe('readHeading', () => {
  it('reads noun-phrase headings as terms', () => {
    for (const title of [
      '镜像Image',
      '分层存储',
      '虚悬镜像',
      '中间层镜像',
      '镜像构建上下文（Context）',
      'Docker Hub',
    ]) {
      expect(readHeading(title).kind, title).toBe('term');
    }
  });

  it('reads headings that start with a verb as actions', () => {
    for (const title of [
      '获取镜像',
      '列出镜像',
      '删除本地镜像',
      '运行',
      '利用commit理解镜像构成',
      'Installing Git',
      'Use volumes',
    ]) {
      expect(readHeading(title).kind, title).toBe('action');
    }
  });

  it('leaves instruction and command headings to their own cards', () => {
    expect(readHeading('COPY复制文件')).toEqual({
      kind: 'keyword',
      keyword: 'COPY',
      description: '复制文件',
    });
    expect(readHeading('WORKDIR指定工作目录')).toMatchObject({ kind: 'keyword', keyword: 'WORKDIR' });
    expect(readHeading('attch命令')).toMatchObject({ kind: 'keyword', keyword: 'attch' });
    expect(readHeading('Dockerfile定制镜像')).toMatchObject({ kind: 'described', description: '定制镜像' });
    // A name and its kind (`host模式`, `overlay网络`) are one term.
    expect(readHeading('host模式')).toMatchObject({ kind: 'term', term: { key: 'host模式' } });
    expect(readHeading('overlay网络')).toMatchObject({ kind: 'term', term: { key: 'overlay网络' } });
  });

  it('reads X和Y and X vs Y as comparisons, labels and overviews as meta', () => {
    expect(readHeading('Untagged和Deleted')).toEqual({
      kind: 'comparison',
      sides: ['Untagged', 'Deleted'],
      explicit: false,
    });
    expect(readHeading('merge vs rebase')).toEqual({
      kind: 'comparison',
      sides: ['merge', 'rebase'],
      explicit: true,
    });
    for (const title of [
      '指令详解',
      '其他Docker build用法',
      '场景一：让镜像变成像命令一样使用',
      '基本概念',
      'Overview',
    ]) {
      expect(readHeading(title).kind, title).toBe('meta');
    }
  });

  it('leaves a heading tail that names the comparison out of the sides', () => {
    expect(readHeading('up 和 start 的区别')).toEqual({
      kind: 'comparison',
      sides: ['up', 'start'],
      explicit: true,
    });
    expect(readHeading('COPY与ADD的不同')).toMatchObject({ sides: ['COPY', 'ADD'], explicit: true });
    expect(readHeading('Volumes vs. bind mounts: differences')).toMatchObject({
      sides: ['Volumes', 'bind mounts'],
      explicit: true,
    });
    // Commands named by their verb are compared when the heading says so.
    expect(readHeading('stop vs kill')).toMatchObject({ kind: 'comparison', sides: ['stop', 'kill'] });
    expect(readHeading('几种模式对比').kind).not.toBe('comparison');
  });

  it('takes the term out of an English question heading', () => {
    expect(readHeading('What is a container?')).toMatchObject({ kind: 'term', term: { en: 'container' } });
  });
});

describe('terms named in prose', () => {
  it('finds a gloss and where the Chinese term starts', () => {
    const text =
      '这类无标签镜像也被成为虚悬镜像（dangling image）,可以用`docker image ls -f dangling=true`显示这些镜像';
    expect(findGlosses(text)).toEqual([{ zh: '虚悬镜像', en: 'dangling image', index: expect.any(Number) }]);
    expect(findGlosses('一个容易混淆的概念是注册服务器（Registry）')[0]).toMatchObject({
      zh: '注册服务器',
      en: 'Registry',
    });
  });

  it('finds the glosses the plain pattern finds, wherever the Chinese run starts', () => {
    // The pattern as first written, tried at every position.
    const plain = (text: string) =>
      [...text.matchAll(/(\p{Script=Han}{2,})\s*[（(]\s*([A-Za-z][A-Za-z .-]{1,40}?)\s*[)）]/gu)]
        .map((m) => ({ zh: trailingTerm(m[1] ?? ''), en: (m[2] ?? '').trim(), index: m.index }))
        .filter((g) => g.zh.length >= 2 && g.zh.length <= 10 && /^[A-Za-z][A-Za-z0-9 ._/+-]*$/.test(g.en));
    const piece = fc.constantFrom(
      '镜像',
      '虚悬',
      '的',
      '𠀀',
      '（Image）',
      '(dangling image)',
      ' (a b) ',
      '（',
      ')',
      ' ',
      'Image',
      '-',
      '，',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(findGlosses(text)).toEqual(
          plain(text).filter((g) => g.en.split(/\s+/).length <= 4 && /[A-Za-z]{2}/.test(g.en)),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('finds names given by 称…为, 被称为 and their English forms', () => {
    expect(findNamedTerms('称这个为容器运行时读写而装备的存储层为容器存储层')).toEqual([
      { name: '容器存储层', others: [] },
    ]);
    expect(findNamedTerms('一种是类centor这样的镜像，被称为基础镜像或根镜像')).toEqual([
      { name: '基础镜像', others: ['根镜像'] },
    ]);
    expect(findNamedTerms('Docker的引擎提供了一组REST API,被称为Docker Remote API')[0]?.name).toBe(
      'Docker Remote API',
    );
    expect(findNamedTerms('This pointer is called HEAD.')[0]?.name).toBe('HEAD');
  });

  it('cuts a run of Chinese to its last plausible term', () => {
    expect(trailingTerm('这类无标签镜像也被成为虚悬镜像')).toBe('虚悬镜像');
    expect(trailingTerm('开始支持多阶段构建')).toBe('多阶段构建');
  });

  it('strips sentence openers but not the start of a term', () => {
    expect(stripLeadIn('实际上注册服务器是管理仓库的具体服务器')).toBe('注册服务器是管理仓库的具体服务器');
    expect(stripLeadIn('通常Union FS有两个用途')).toBe('Union FS有两个用途');
    expect(stripLeadIn('However, a volume is managed by Docker')).toBe('a volume is managed by Docker');
  });

  it('compares terms without case, width or inner spaces', () => {
    expect(normalizeTerm('Union FS')).toBe(normalizeTerm('UnionFS'));
    expect(normalizeTerm('ＤＯＣＫＥＲ')).toBe('docker');
  });
});
