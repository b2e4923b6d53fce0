import { describe, expect, it } from 'vitest';
import { formatInterval } from '../../src/review/interval.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

describe('formatInterval', () => {
  it('labels like Anki, in English and Chinese', () => {
    expect(formatInterval(20_000, 'en')).toBe('<1m');
    expect(formatInterval(10 * MINUTE, 'en')).toBe('10m');
    expect(formatInterval(10 * MINUTE, 'zh')).toBe('10分钟');
    expect(formatInterval(3 * 60 * MINUTE, 'en')).toBe('3h');
    expect(formatInterval(5 * DAY, 'zh')).toBe('5天');
    expect(formatInterval(70 * DAY, 'en')).toBe('2.3mo');
    expect(formatInterval(438 * DAY, 'zh')).toBe('1.2年');
  });

  it('moves to the next unit when rounding reaches it', () => {
    expect(formatInterval(59.6 * MINUTE, 'en')).toBe('1h');
    expect(formatInterval(23.7 * 60 * MINUTE, 'en')).toBe('1d');
  });
});
