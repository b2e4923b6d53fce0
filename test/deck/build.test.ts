import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateVault } from '../../src/bench/generate-notes.ts';
import { assembleDeck, buildDeck, buildNote } from '../../src/deck/build.ts';
import { generateQuiz } from '../../src/extract/quiz.ts';

const sample = readFileSync(join(import.meta.dirname, '../../content/docker-notes.md'), 'utf8');

describe('assembleDeck', () => {
  it('gives a one-note deck the quiz items built with the note, equal to generating them over all cards', () => {
    const notes = generateVault(sample, 4, 8_000);
    const deck = buildDeck(notes);
    expect(deck.quiz.length).toBeGreaterThan(0);
    expect(deck.quiz).toEqual(generateQuiz(deck.cards, deck.decks, 'deckhand'));
  });

  it('merges notes that share a title into one deck and draws its quiz items from both', () => {
    const a = buildNote('a.md', '---\ntitle: Docker\n---\n# 镜像Image\n\n镜像是一个特殊的文件系统。\n');
    const b = buildNote('b.md', '---\ntitle: Docker\n---\n# 容器Container\n\n容器的实质是进程。\n');
    const deck = assembleDeck([b, a]);
    expect(deck.decks.map((d) => d.file)).toEqual(['a.md', 'b.md']);
    expect(new Set(deck.cards.map((c) => c.deck))).toEqual(new Set(['Docker']));
    expect(deck.quiz).toEqual(generateQuiz(deck.cards, [deck.decks[0]!], 'deckhand'));
  });

  it('regenerates the items when a cached note was built with another seed', () => {
    const note = buildNote('a.md', sample, 'other');
    expect(assembleDeck([note], 'deckhand').quiz).toEqual(assembleDeck([buildNote('a.md', sample)]).quiz);
  });
});
