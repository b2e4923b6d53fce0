/**
 * Property tests (fast-check) over the answer normalizer, the quiz judge, the card id function and
 * the text export's escaping, with arbitrary Unicode (lone surrogates included) as well as the
 * shapes the notes really have.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card, Deck } from '../../src/deck/types.ts';
import { noteGuid } from '../../src/export/anki-ids.ts';
import { escapeHtml } from '../../src/export/anki-note.ts';
import { quoteField, toAnkiText } from '../../src/export/anki-text.ts';
import { cardId } from '../../src/extract/ids.ts';
import { canonicalAnswer, editDistance, judgeTyped } from '../../src/quiz/judge.ts';
import { foldText, normalizeText } from '../../src/text/normalize.ts';
import { readAnkiRows } from '../support/anki-text-rows.ts';

const RUNS = { numRuns: 300 };
/** Any code points, lone surrogates and controls included. */
const anyText = fc.string({ unit: 'binary', maxLength: 60 });
/** Text as notes have it: ASCII, CJK, full-width forms, quotes, spaces. */
const noteChar = fc.oneof(
  fc.constantFrom(...'abcdefgHIJKLmnop -_./:=0123456789'.split('')),
  fc.constantFrom(...'镜像容器仓库删除列出构建，。：；（）「」『』“”‘’、【】《》'.split('')),
  fc.constantFrom('ａ', 'Ｄ', '１', '：', '　', '\t', '\n', '  '),
);
const noteText = fc.array(noteChar, { maxLength: 40 }).map((chars) => chars.join(''));
/** An answer as a command is written: words of ASCII letters and digits, flags included. */
const command = fc
  .array(fc.stringMatching(/^(-{1,2}[a-z][a-z0-9-]{0,6}|[a-z][a-z0-9:._/]{0,10})$/), {
    minLength: 1,
    maxLength: 5,
  })
  .map((words) => words.join(' '));

/** ASCII letters, digits and punctuation as their full-width forms (what an IME in full-width mode types). */
function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
}

describe('normalizeText and foldText', () => {
  it('never throw, and are idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, noteText), (text) => {
        const folded = foldText(text);
        const normal = normalizeText(text);
        expect(foldText(folded)).toBe(folded);
        expect(normalizeText(normal)).toBe(normal);
      }),
      RUNS,
    );
  });

  it('leave no edge or double spaces, no upper-case ASCII and no full-width ASCII', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, noteText), (text) => {
        const folded = foldText(text);
        expect(folded).toBe(folded.trim());
        expect(folded).not.toMatch(/\s{2}/);
        expect(folded).not.toMatch(/[A-Z\uff01-\uff5e]/);
      }),
      RUNS,
    );
  });

  it('see no difference in width, case or spacing', () => {
    fc.assert(
      fc.property(noteText, fc.constantFrom(' ', '  ', '\t', '\u3000'), (text, gap) => {
        const normal = normalizeText(text);
        expect(normalizeText(fullWidth(text))).toBe(normal);
        expect(normalizeText(text.toUpperCase())).toBe(normalizeText(text.toLowerCase()));
        expect(normalizeText(`${gap}${text.replace(/ /g, ` ${gap}`)}${gap}`)).toBe(normal);
      }),
      RUNS,
    );
  });
});

describe('the quiz judge', () => {
  it('takes any non-blank answer typed back exactly, or in full width, or with backticks and a full stop', () => {
    fc.assert(
      fc.property(fc.oneof(command, noteText), (answer) => {
        fc.pre(canonicalAnswer(answer) !== '');
        for (const given of [answer, fullWidth(answer), `\`${answer}\``, `${answer}。`, ` ${answer} `]) {
          expect(judgeTyped(given, answer, []).verdict, JSON.stringify(given)).toBe('correct');
        }
      }),
      RUNS,
    );
  });

  it('takes an accepted alternative as correct, and a blank as blank', () => {
    fc.assert(
      fc.property(
        command,
        command,
        fc.constantFrom('', ' ', '\u3000', '``', '。'),
        (answer, alternative, blank) => {
          fc.pre(canonicalAnswer(alternative) !== '');
          expect(judgeTyped(alternative, answer, [alternative]).verdict).toBe('correct');
          expect(judgeTyped(blank, answer, [alternative]).verdict).toBe('blank');
        },
      ),
      RUNS,
    );
  });

  it('calls one typo in an answer of four or more letters a near miss, never correct', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{4,12}( [a-z]{2,8}){0,2}$/),
        fc.nat(),
        fc.constantFrom('x', 'q', 'z'),
        (answer, at, letter) => {
          const chars = [...answer];
          const i = at % chars.length;
          fc.pre(chars[i] !== ' ' && chars[i] !== letter);
          chars[i] = letter;
          expect(judgeTyped(chars.join(''), answer, []).verdict).toBe('near');
        },
      ),
      RUNS,
    );
  });

  it('measures edit distance symmetrically, zero only for equal texts, capped at max + 1', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, noteText), fc.oneof(anyText, noteText), fc.nat(5), (a, b, max) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe([...a].join('\u0001') === [...b].join('\u0001'));
        expect(d).toBeLessThanOrEqual(Math.max([...a].length, [...b].length));
        expect(editDistance(a, b, max)).toBe(Math.min(d, max + 1));
      }),
      RUNS,
    );
  });
});

describe('cardId', () => {
  const kinds = fc.constantFrom('concept', 'command', 'cloze', 'comparison');

  it('is 16 hex digits, the same for the same card however its key is spaced, cased or widened', () => {
    fc.assert(
      fc.property(noteText, kinds, noteText, (deck, kind, key) => {
        const id = cardId(deck, kind, key);
        expect(id).toMatch(/^[0-9a-f]{16}$/);
        expect(cardId(deck, kind, fullWidth(key))).toBe(id);
        expect(cardId(` ${deck.toUpperCase()} `, kind, `  ${key}  `)).toBe(
          cardId(deck.toLowerCase(), kind, key),
        );
      }),
      RUNS,
    );
  });

  it('differs whenever the normalized deck, kind, key or tie-break differ, even with separators inside', () => {
    const part = fc.oneof(anyText, noteText, fc.constantFrom('\u0000', 'a\u0000b', '\u0000\u0000', ''));
    fc.assert(
      fc.property(
        part,
        kinds,
        part,
        fc.option(part, { nil: undefined }),
        part,
        kinds,
        part,
        fc.option(part, { nil: undefined }),
        (d1, k1, key1, t1, d2, k2, key2, t2) => {
          const same =
            normalizeText(d1) === normalizeText(d2) &&
            k1 === k2 &&
            normalizeText(key1) === normalizeText(key2) &&
            (t1 === undefined) === (t2 === undefined) &&
            (t1 === undefined || normalizeText(t1) === normalizeText(t2 ?? ''));
          expect(cardId(d1, k1, key1, t1) === cardId(d2, k2, key2, t2)).toBe(same);
        },
      ),
      { numRuns: 1000, examples: [['', 'concept', 'a\u0000b', undefined, '', 'concept', 'a', 'b']] },
    );
  });
});

/** Anki's CSV reading of one field: unquoted as is, quoted with inner quotes doubled. */
function readField(field: string): string {
  return field.startsWith('"') && field.endsWith('"') && field.length >= 2
    ? field.slice(1, -1).replace(/""/g, '"')
    : field;
}

describe('the text export', () => {
  it('quotes a field exactly when it holds a tab, newline, carriage return or quote, and reads back the same', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, noteText), (text) => {
        const quoted = quoteField(text);
        expect(quoted !== text).toBe(/[\t\n\r"]/.test(text));
        expect(readField(quoted)).toBe(text);
      }),
      RUNS,
    );
  });

  it('escapes text into HTML with no markup left and nothing lost', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, noteText, fc.constantFrom('<none>', '<script>x</script>', 'a & b', '"q"')),
        (text) => {
          const html = escapeHtml(text);
          expect(html).not.toMatch(/[<>"]/);
          const back = html
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&amp;/g, '&');
          expect(back).toBe(text);
        },
      ),
      RUNS,
    );
  });

  it('keeps one row of eight columns per card, whatever the cards hold, with the GUID of the card id', () => {
    const field = fc.oneof(
      noteText,
      anyText,
      fc.constantFrom('a\tb', 'line\nbreak', 'say "hi"', '\r\n', '<none>', '#html:false'),
    );
    const card = fc.record({ front: field, back: field, extra: field, deck: noteText, tag: noteText });
    fc.assert(
      fc.property(fc.array(card, { minLength: 1, maxLength: 5 }), (raw) => {
        const cards: Card[] = raw.map((c, i) => ({
          id: `prop${i}`,
          kind: 'concept',
          deck: c.deck || 'Deck',
          key: `k${i}`,
          front: c.front || 'front',
          back: c.back || 'back',
          extra: c.extra,
          source: { file: 'n.md', headingPath: [c.deck || 'Deck', 'Topic'], line: 1, endLine: 2 },
          tags: [c.tag],
        }));
        const deck = { version: 1, decks: [], cards, quiz: [], warnings: [] } as unknown as Deck;
        const text = toAnkiText(deck);
        const body = text
          .split('\n')
          .filter(
            (line, i, all) => !(line.startsWith('#') && all.slice(0, i).every((l) => l.startsWith('#'))),
          )
          .join('\n');
        const rows = readAnkiRows(body);
        expect(rows).toHaveLength(cards.length);
        rows.forEach((row, i) => {
          expect(row, JSON.stringify(raw[i])).toHaveLength(8);
          expect(row[0]).toBe(noteGuid(`prop${i}`));
        });
      }),
      { numRuns: 200 },
    );
  });
});
