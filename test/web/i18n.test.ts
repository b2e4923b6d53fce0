import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRelative, interfaceLanguage, translator } from '../../src/web/i18n.ts';

describe('translator', () => {
  it('fills placeholders in both languages', () => {
    expect(translator('en')('browse.results', { n: 3 })).toBe('3 cards');
    expect(translator('zh')('browse.results', { n: 3 })).toBe('3 张卡片');
  });

  it('leaves a missing placeholder visible', () => {
    expect(translator('en')('browse.results')).toBe('{n} cards');
  });
});

describe('interfaceLanguage', () => {
  const zhDeck = { decks: [{ name: 'Docker', file: 'd.md', lang: 'zh' as const, tags: [], topics: [] }] };
  it('follows the notes unless Settings chose one', () => {
    expect(interfaceLanguage({ language: null }, zhDeck)).toBe('zh');
    expect(interfaceLanguage({ language: 'en' }, zhDeck)).toBe('en');
    expect(interfaceLanguage({ language: null }, { decks: [] })).toBe('en');
  });
});

describe('formatRelative and formatDateTime', () => {
  const now = new Date(2026, 2, 10, 10, 0);
  it('says when, relative to now', () => {
    expect(formatRelative(translator('en'), 'en', new Date(2026, 2, 13, 10, 0), now)).toBe('in 3d');
    expect(formatRelative(translator('zh'), 'zh', new Date(2026, 2, 10, 8, 0), now)).toBe('2小时前');
    expect(formatRelative(translator('en'), 'en', now, now)).toBe('now');
  });

  it('prints local date and time', () => {
    expect(formatDateTime(new Date(2026, 0, 2, 3, 4))).toBe('2026-01-02 03:04');
  });
});
