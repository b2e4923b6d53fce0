/**
 * Interval labels for the answer buttons, in Anki's short style: `<1m`, `10m`, `3h`, `5d`, `2.3mo`,
 * `1.2y` (and `10分钟`, `5天`, `2.3个月` in Chinese).
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const UNITS = {
  en: { minute: 'm', hour: 'h', day: 'd', month: 'mo', year: 'y', lessThan: '<' },
  zh: { minute: '分钟', hour: '小时', day: '天', month: '个月', year: '年', lessThan: '<' },
} as const;

/**
 * @param ms an interval, e.g. `GradeOutcome.intervalMs`
 * @example formatInterval(600_000, 'en') // '10m'
 */
export function formatInterval(ms: number, lang: 'zh' | 'en'): string {
  const unit = UNITS[lang];
  if (ms < MINUTE) return `${unit.lessThan}1${unit.minute}`;
  // Compare rounded values, so 59.6 minutes reads 1h and not 60m.
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes}${unit.minute}`;
  const hours = Math.round(ms / HOUR);
  if (hours < 24) return `${hours}${unit.hour}`;
  const days = Math.round(ms / DAY);
  if (days < 30) return `${days}${unit.day}`;
  if (ms < YEAR) return `${oneDecimal(ms / MONTH)}${unit.month}`;
  return `${oneDecimal(ms / YEAR)}${unit.year}`;
}

function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}
