import type { ChartLabels } from './charts.ts';
import type { Lang, Translate } from './i18n.ts';
import { CARD_STATES } from './study.ts';

const WEEKDAYS: Record<Lang, string[]> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  zh: ['一', '二', '三', '四', '五', '六', '日'],
};
const MONTHS: Record<Lang, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  zh: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
};

/** Axis and tooltip words for the charts, in the interface language. */
export function chartLabels(t: Translate, lang: Lang): ChartLabels {
  return {
    reviews: t('stats.reviews'),
    cards: t('stats.cards'),
    retention: t('stats.retentionAxis'),
    weekdays: WEEKDAYS[lang],
    months: MONTHS[lang],
    states: Object.fromEntries(CARD_STATES.map((state) => [state, t(`state.${state}`)])),
  };
}
