import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardId } from '../../src/extract/ids.ts';

describe('cardId', () => {
  it('ignores width, case and spacing that carry no meaning', () => {
    expect(cardId('试题', 'concept', 'Union FS')).toBe(cardId('试题', 'concept', 'union  fs'));
    expect(cardId('试题', 'concept', '镜像 Image')).toBe(cardId('试题', 'concept', '镜像Image'));
    expect(cardId('试题', 'command', 'docker image ls')).toBe(
      cardId('试题', 'command', 'ｄｏｃｋｅｒ image ls'),
    );
  });

  it('tells single-letter flags apart by case', () => {
    expect(cardId('试题', 'flag', 'docker run -p')).not.toBe(cardId('试题', 'flag', 'docker run -P'));
    expect(cardId('试题', 'flag', 'docker run -P --rm')).not.toBe(
      cardId('试题', 'flag', 'docker run -p --rm'),
    );
  });

  it('reads a full-width flag as the flag, case included', () => {
    expect(cardId('试题', 'flag', 'docker run －Ｐ')).toBe(cardId('试题', 'flag', 'docker run -P'));
    expect(cardId('试题', 'flag', 'docker run －Ｐ')).not.toBe(cardId('试题', 'flag', 'docker run -p'));
  });

  it('separates deck, kind, key and tie-break', () => {
    expect(cardId('a', 'concept', 'x')).not.toBe(cardId('b', 'concept', 'x'));
    expect(cardId('a', 'concept', 'x')).not.toBe(cardId('a', 'command', 'x'));
    expect(cardId('a', 'concept', 'x')).not.toBe(cardId('a', 'concept', 'x', 'Docker › 镜像'));
  });

  it('is a 16-hex-digit function of its inputs only (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (deck, kind, key) => {
        const id = cardId(deck, kind, key);
        expect(id).toMatch(/^[0-9a-f]{16}$/);
        expect(cardId(deck, kind, key)).toBe(id);
      }),
    );
  });
});
