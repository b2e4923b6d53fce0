import { describe, expect, it } from 'vitest';
import { slipDistance } from '../../src/text/edit-distance.ts';

describe('slipDistance', () => {
  it('counts an insertion, a deletion, a change and a swap of neighbours as one slip each', () => {
    expect(slipDistance('attch', 'attach', 2)).toBe(1);
    expect(slipDistance('ONBUILD', 'ONBULD', 2)).toBe(1);
    expect(slipDistance('HEALTHYCHECK', 'HEALTHCHECK', 2)).toBe(1);
    expect(slipDistance('bulid', 'build', 2)).toBe(1);
    expect(slipDistance('EXPSOE', 'EXPOSE', 2)).toBe(1);
    expect(slipDistance('build', 'build', 2)).toBe(0);
  });

  it('stops past the limit', () => {
    expect(slipDistance('REPOSITORY', 'ENTRYPOINT', 1)).toBe(2);
    expect(slipDistance('a', 'abcdef', 2)).toBe(3);
  });
});
