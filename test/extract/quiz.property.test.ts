import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deckSchema } from '../../src/deck/schema.ts';
import { CARD_KINDS, type Card, type CardKind, type DeckInfo } from '../../src/deck/types.ts';
import { generateQuiz } from '../../src/extract/quiz.ts';
import { normalizeText } from '../../src/text/normalize.ts';

/*
 * Random card sets, built from the pieces real cards are made of (question templates, code, cloze
 * markers, fences, Chinese and English words, meta-answers) plus arbitrary strings, so the generator
 * meets both plausible and hostile input.
 */
const PIECES = [
  'docker',
  ' run',
  ' image ls',
  ' ',
  '`',
  '`-d`',
  '`-P`',
  '-p',
  'COPY',
  '镜像',
  '容器',
  '的',
  '参数',
  '有什么作用？',
  '是什么？',
  '用哪个命令？',
  '和',
  '有什么区别？',
  'What does ',
  ' do?',
  'Which command ',
  '{{c1::',
  '{{c2::42',
  '::hint',
  '}}',
  '```\nFROM x\n```',
  '\n',
  '；',
  '：',
  '以上都对',
  'all of the above',
  '127',
  '3',
  '____',
  '容器退出后随之将其删除。',
  '让容器在后台运行。',
  '把宿主端口映射到容器端口。',
  '指定基础镜像，必须是第一条指令。',
  'Shows the diff in the message template.',
];

const text = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((p) => p.join('')),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
);
const topic = fc.array(fc.constantFrom('Docker', '使用镜像', '运行', '列出镜像', 'Dockerfile', 'A'), {
  maxLength: 4,
});

const cardSpec = fc.record({
  // Mostly two kinds, so that many sets hold four cards of one kind and deck: enough for choices.
  kind: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<CardKind>('flag', 'concept') },
    { weight: 2, arbitrary: fc.constantFrom(...CARD_KINDS) },
  ),
  deck: fc.constantFrom('试题', 'Git'),
  key: text,
  front: text,
  back: text,
  extra: fc.oneof(fc.constant(''), text),
  path: topic,
  answer: fc.option(text, { nil: undefined }),
  alternatives: fc.option(fc.array(text, { maxLength: 2 }), { nil: undefined }),
});

const cardSet = fc.array(cardSpec, { maxLength: 50 }).map((specs) =>
  specs.map(
    (spec, i): Card => ({
      id: `card${i}`,
      kind: spec.kind,
      deck: spec.deck,
      key: spec.key,
      front: spec.front,
      back: spec.back,
      extra: spec.extra,
      source: { file: 'notes.md', headingPath: spec.path, line: i + 1, endLine: i + 1 },
      tags: [`kind::${spec.kind}`],
      ...(spec.answer !== undefined ? { answer: spec.answer } : {}),
      ...(spec.alternatives !== undefined ? { alternatives: spec.alternatives } : {}),
    }),
  ),
);

const DECKS: DeckInfo[] = [
  { name: '试题', file: 'docker.md', lang: 'zh', tags: [], topics: [] },
  { name: 'Git', file: 'git.md', lang: 'en', tags: [], topics: [] },
];

const quizSchema = deckSchema.shape.quiz;

/** Whether a prompt shows an answer, normalized: as a whole word for Latin text, anywhere for Chinese. */
function shows(prompt: string, answer: string): boolean {
  const text = normalizeText(prompt.replace(/`/g, ''));
  const wanted = normalizeText(answer.replace(/`/g, ''));
  if (!wanted) return false;
  if (/[^\x00-\x7f]/.test(wanted)) return text.includes(wanted);
  const escaped = wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const edge = (c: string | undefined) => c !== undefined && /[a-z0-9_]/.test(c);
  const before = edge(wanted[0]) ? '(?<![a-z0-9_])' : '';
  const after = edge(wanted.at(-1)) ? '(?![a-z0-9_])' : '';
  return new RegExp(`${before}${escaped}${after}`).test(text);
}

describe('generateQuiz on random cards', () => {
  it('never throws, gives valid items with unique ids, and is deterministic', () => {
    const made = new Map<string, number>();
    fc.assert(
      fc.property(cardSet, fc.string({ maxLength: 8 }), (cards, seed) => {
        const items = generateQuiz(cards, DECKS, seed);
        expect(quizSchema.safeParse(items).success).toBe(true);
        expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
        const byId = new Map(cards.map((c) => [c.id, c]));
        for (const item of items) {
          made.set(item.type, (made.get(item.type) ?? 0) + 1);
          const card = byId.get(item.cardId);
          expect(card?.deck).toBe(item.deck);
          if (item.type === 'mcq') {
            expect(item.choices).toHaveLength(4);
            expect(item.answerIndex).toBeGreaterThanOrEqual(0);
            expect(item.answerIndex).toBeLessThan(4);
            expect(new Set(item.choices).size).toBe(4);
            expect(item.choices.some((c) => /^(以上都对|all of the above)$/.test(normalizeText(c)))).toBe(
              false,
            );
            expect(shows(item.prompt, item.choices[item.answerIndex] ?? '')).toBe(false);
          }
          if (item.type === 'match') {
            expect(item.pairs.length).toBeLessThanOrEqual(6);
            for (const pair of item.pairs) expect(byId.get(pair.cardId)?.deck).toBe(item.deck);
          }
          if (item.type === 'typed') {
            expect(item.answer.trim()).not.toBe('');
            for (const answer of [item.answer, ...item.alternatives])
              expect(shows(item.prompt, answer)).toBe(false);
          }
        }
        expect(generateQuiz(structuredClone(cards), DECKS, seed)).toEqual(items);
      }),
      { numRuns: 300 },
    );
    // The random sets are not all too poor to quiz: every type was made somewhere.
    expect([...made.keys()].sort()).toEqual(['match', 'mcq', 'truefalse', 'typed']);
  });
});
