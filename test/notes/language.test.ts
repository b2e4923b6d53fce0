import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/notes/language.ts';

/** The counting as first written: every match collected. */
function reference(prose: string): 'zh' | 'en' {
  const han = prose.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = prose.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  return han / 2 >= words * 0.3 && han > 0 ? 'zh' : 'en';
}

describe('detectLanguage', () => {
  it('reads Chinese notes full of English terms as Chinese, and English notes as English', () => {
    expect(detectLanguage('镜像Image是一个特殊的文件系统，docker run 启动容器。')).toBe('zh');
    expect(detectLanguage('An image is a read-only template; docker run starts a container.')).toBe('en');
    expect(detectLanguage('')).toBe('en');
  });

  it('decides as counting every match would, astral Han and lone surrogates included', () => {
    const piece = fc.constantFrom('镜像', '𠀀', 'image', 'a', 'AB', ' ', '-', '\ud800', 'é', 'Zz', '1', '。');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const prose = pieces.join('');
        expect(detectLanguage(prose)).toBe(reference(prose));
      }),
      { numRuns: 3000 },
    );
  });
});
