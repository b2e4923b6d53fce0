import { describe, expect, it } from 'vitest';
import { buildBigramIndex, queryTerms, searchIndex } from '../../src/search/bigram-index.ts';

const index = buildBigramIndex([
  { id: 'image', fields: ['镜像', '镜像（Image）是什么？', '一个特殊的文件系统'] },
  { id: 'rm', fields: ['docker image rm', '删除本地镜像', '`docker image rm <镜像>`'] },
  { id: 'container', fields: ['容器', '容器和镜像是什么关系？', '像类和实例'] },
  { id: 'run', fields: ['docker run -d', '后台运行容器', 'ＤＯＣＫＥＲ　ＲＵＮ －ｄ'] },
]);

const ids = (query: string) => searchIndex(index, query).map((hit) => hit.id);

describe('searchIndex', () => {
  it('finds Chinese words inside text written without spaces', () => {
    expect(ids('文件系统')).toEqual(['image']);
    expect(ids('镜像').sort()).toEqual(['container', 'image', 'rm']);
  });

  it('ranks a hit in an earlier field first and an exact key highest', () => {
    expect(ids('镜像')[0]).toBe('image');
  });

  it('requires every term', () => {
    expect(ids('删除 镜像')).toEqual(['rm']);
    expect(ids('容器 删除')).toEqual([]);
  });

  it('matches single characters by scanning', () => {
    expect(ids('类')).toEqual(['container']);
  });

  it('folds width and case in both the text and the query', () => {
    expect(ids('Docker Run')).toEqual(['run']);
    expect(ids('ｉｍａｇｅ ＲＭ')).toEqual(['rm']);
  });

  it('keeps quoted phrases together', () => {
    expect(queryTerms('"image rm" 镜像')).toEqual(['image rm', '镜像']);
    expect(ids('"image rm"')).toEqual(['rm']);
    expect(ids('"rm image"')).toEqual([]);
  });

  it('returns nothing for an empty query or an unknown word', () => {
    expect(ids('   ')).toEqual([]);
    expect(ids('kubernetes')).toEqual([]);
  });
});
