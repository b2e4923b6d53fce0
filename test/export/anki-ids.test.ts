import { describe, expect, test } from 'vitest';
import { IdAllocator, noteGuid, stableId } from '../../src/export/anki-ids.ts';

describe('noteGuid', () => {
  test('the same card id always gives the same GUID; different ids differ', () => {
    expect(noteGuid('5b7e2d9c0f14a6b3')).toBe(noteGuid('5b7e2d9c0f14a6b3'));
    expect(noteGuid('5b7e2d9c0f14a6b3')).not.toBe(noteGuid('5b7e2d9c0f14a6b4'));
  });

  test('alphanumeric, so it never starts a comment or needs quoting in the text export', () => {
    for (const id of ['a', '镜像', '#1', 'x\ty']) expect(noteGuid(id)).toMatch(/^dh[0-9a-f]{16}$/);
  });
});

describe('stableId', () => {
  test('in Anki’s millisecond range, in the past, an exact integer', () => {
    for (const key of ['Deckhand Basic', 'Docker::使用镜像', '0e9f3a7c5d2b8e41']) {
      const id = stableId('deck', key);
      expect(Number.isSafeInteger(id)).toBe(true);
      expect(id).toBeGreaterThanOrEqual(1_000_000_000_000);
      expect(id).toBeLessThan(Date.parse('2019-01-01'));
    }
  });

  test('namespaces keep note, card and deck ids apart', () => {
    expect(stableId('note', 'k')).not.toBe(stableId('card', 'k'));
  });
});

describe('IdAllocator', () => {
  test('a repeated key gets the next free id, deterministically', () => {
    const a = new IdAllocator('note');
    const first = a.take('k');
    expect(a.take('k')).toBe(first + 1);
    expect(a.take('k')).toBe(first + 2);
    const b = new IdAllocator('note');
    expect([b.take('k'), b.take('k')]).toEqual([first, first + 1]);
  });
});
