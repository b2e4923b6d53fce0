import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CardKind } from '../../src/deck/types.ts';
import { extractNote } from '../../src/extract/index.ts';

/**
 * Fixture cases, one folder each (test/fixtures/notes/<case>/input.md + expected.json), cut from real
 * notes. expected.json lists the kinds the case is about and the cards of those kinds the extractor
 * must give, in order. `UPDATE=1 npx vitest run test/extract/fixtures.test.ts` rewrites expected.json:
 * review that diff as you would review code.
 */
interface Expected {
  kinds: CardKind[];
  cards: { kind: CardKind; key: string; front: string; back: string; answer?: string }[];
}

const root = join(import.meta.dirname, '../fixtures/notes');
const cases = existsSync(root)
  ? readdirSync(root).filter((name) => existsSync(join(root, name, 'input.md')))
  : [];

describe('extractor fixtures', () => {
  it('has fixture cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const name of cases) {
    it(name, () => {
      const input = readFileSync(join(root, name, 'input.md'), 'utf8');
      const expectedPath = join(root, name, 'expected.json');
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
      const { cards } = extractNote(`${name}.md`, input);
      const actual = cards
        .filter((c) => expected.kinds.includes(c.kind))
        .map((c) => ({
          kind: c.kind,
          key: c.key,
          front: c.front,
          back: c.back,
          ...(c.answer ? { answer: c.answer } : {}),
        }));
      if (process.env.UPDATE) {
        writeFileSync(expectedPath, `${JSON.stringify({ kinds: expected.kinds, cards: actual }, null, 2)}\n`);
      }
      expect(actual).toEqual(expected.cards);
    });
  }
});
