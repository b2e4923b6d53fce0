import type { Deck } from '../deck/types.ts';
import { formatInterval } from '../review/interval.ts';
import type { Settings } from '../review/types.ts';

/** Interface languages: Chinese and English. */
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

const en = {
  'app.name': 'deckhand',
  'nav.today': 'Today',
  'nav.review': 'Review',
  'nav.browse': 'Browse',
  'nav.stats': 'Stats',
  'nav.settings': 'Settings',
  'nav.logout': 'Log out',
  'nav.skip': 'Skip to content',

  'today.title': 'Today',
  'today.due': 'Due',
  'today.learning': 'Learning',
  'today.new': 'New',
  'today.start': 'Start review',
  'today.nothing': 'Nothing due now. Come back later or browse your cards.',
  'today.reviewed': '{n} reviewed today',
  'today.streak': 'Streak: {n} days',
  'today.streak.one': 'Streak: 1 day',
  'today.streak.none': 'No streak yet',
  'today.retention': '{pct} passed today',
  'today.byDeck': 'By deck',
  'today.byTopic': 'By topic',
  'today.deck': 'Deck',
  'today.topic': 'Topic',
  'today.total': 'Cards',
  'today.activity': 'Last weeks',
  'today.nextDue': 'Next card due {when}',

  'review.title': 'Review',
  'review.show': 'Show answer',
  'review.again': 'Again',
  'review.hard': 'Hard',
  'review.good': 'Good',
  'review.easy': 'Easy',
  'review.undo': 'Undo',
  'review.source': 'Source',
  'review.progress': '{done} of {total}',
  'review.stale':
    'This card was already graded in another tab or by a second click; here is the current card.',
  'review.undone': 'Undid the last grade.',
  'review.notDue': 'That card is not due now; nothing was recorded. Here is the next card.',
  'review.unknownCard': 'That card is not in the deck; nothing was recorded. Here is the next card.',
  'review.nothingToUndo': 'Nothing to undo.',
  'review.done.title': 'Session complete',
  'review.done.body': 'You reviewed {n} cards today.',
  'review.done.none': 'No cards are due right now.',
  'review.done.again': 'Again',
  'review.done.passed': 'Passed',
  'review.done.retention': 'Passed share',
  'review.done.nextDue': 'The next card is due {when}.',
  'review.done.back': 'Back to Today',
  'review.keys': 'Keys: Space/Enter show · 1–4 grade · u undo',
  'review.new': 'new',
  'review.learning': 'learning',
  'review.review': 'review',

  'browse.title': 'Browse',
  'browse.search': 'Search',
  'browse.placeholder': 'Search cards (中文 or English)',
  'browse.all': 'All',
  'browse.deck': 'Deck',
  'browse.topic': 'Topic',
  'browse.kind': 'Kind',
  'browse.state': 'State',
  'browse.filter': 'Filter',
  'browse.results': '{n} cards',
  'browse.none': 'No cards match.',
  'browse.more': 'Showing the first {n}.',
  'browse.due': 'Due',

  'state.new': 'New',
  'state.learning': 'Learning',
  'state.review': 'Review',
  'state.relearning': 'Relearning',
  'state.suspended': 'Suspended',
  'state.buried': 'Buried',

  'kind.concept': 'concept',
  'kind.command': 'command',
  'kind.flag': 'flag',
  'kind.option': 'option',
  'kind.instruction': 'instruction',
  'kind.comparison': 'comparison',
  'kind.cloze': 'cloze',
  'kind.authored': 'Q&A',

  'card.title': 'Card',
  'card.front': 'Front',
  'card.back': 'Back',
  'card.extra': 'More',
  'card.source': 'Source',
  'card.showSource': 'Show this part of the notes',
  'card.history': 'Review history',
  'card.noHistory': 'Not reviewed yet.',
  'card.schedule': 'Schedule',
  'card.due': 'Due',
  'card.stability': 'Stability',
  'card.difficulty': 'Difficulty',
  'card.reps': 'Reviews',
  'card.lapses': 'Lapses',
  'card.lastReview': 'Last review',
  'card.suspend': 'Suspend',
  'card.unsuspend': 'Unsuspend',
  'card.bury': 'Bury until tomorrow',
  'card.buriedUntil': 'Buried until {when}',
  'card.suspended': 'Suspended: it will not be shown in review.',
  'card.when': 'When',
  'card.grade': 'Grade',
  'card.interval': 'Interval',
  'card.origin': 'From',
  'card.days': '{n} d',

  'source.title': 'Notes',
  'source.back': 'Back',
  'source.lines': 'lines {from}–{to}',

  'stats.title': 'Stats',
  'stats.calendar': 'Reviews per day, last 12 months',
  'stats.forecast': 'Cards due, next 30 days',
  'stats.retention': 'True retention per week (share of reviews passed)',
  'stats.states': 'Cards by state',
  'stats.empty': 'No reviews yet.',
  'stats.reviews': 'reviews',
  'stats.cards': 'cards',
  'stats.total': '{n} reviews in total',
  'stats.retentionAxis': 'Retention',
  'stats.week': 'week',
  'stats.day': 'day',

  'settings.title': 'Settings',
  'settings.newPerDay': 'New cards per day',
  'settings.maxReviewsPerDay': 'Maximum reviews per day',
  'settings.desiredRetention': 'Desired retention',
  'settings.desiredRetention.hint': 'Between 0.70 and 0.99. Higher means more reviews.',
  'settings.learningSteps': 'Learning steps (minutes)',
  'settings.relearningSteps': 'Relearning steps (minutes)',
  'settings.steps.hint': 'Space-separated, e.g. "1 10".',
  'settings.dayStartHour': 'New day starts at (hour)',
  'settings.language': 'Interface language',
  'settings.language.auto': 'Same as the notes',
  'settings.save': 'Save',
  'settings.saved': 'Settings saved.',
  'settings.invalid': 'Please correct the highlighted fields.',

  'login.title': 'Log in',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.wrong': 'Wrong password.',
  'login.tooMany': 'Too many wrong passwords. Try again in a few minutes.',

  'error.title': 'Something went wrong',
  'error.notFound': 'Not found.',
  'error.badInput': 'That request was not valid.',
  'error.csrf': 'This form has expired or came from another site. Reload the page and try again.',
  'error.server': 'The server hit an error. Your progress is safe; try again.',
  'error.deck': 'The deck could not be loaded.',
  'error.home': 'Go to Today',

  'time.now': 'now',
  'time.in': 'in {t}',
  'time.ago': '{t} ago',
} as const;

export type MessageKey = keyof typeof en;
type Catalogue = Record<MessageKey, string>;

const zh: Catalogue = {
  'app.name': 'deckhand',
  'nav.today': '今天',
  'nav.review': '复习',
  'nav.browse': '浏览',
  'nav.stats': '统计',
  'nav.settings': '设置',
  'nav.logout': '退出登录',
  'nav.skip': '跳到正文',

  'today.title': '今天',
  'today.due': '到期',
  'today.learning': '学习中',
  'today.new': '新卡片',
  'today.start': '开始复习',
  'today.nothing': '现在没有要复习的卡片。稍后再来，或者浏览卡片。',
  'today.reviewed': '今天已复习 {n} 张',
  'today.streak': '连续学习 {n} 天',
  'today.streak.one': '连续学习 1 天',
  'today.streak.none': '还没有连续学习记录',
  'today.retention': '今天答对 {pct}',
  'today.byDeck': '按牌组',
  'today.byTopic': '按主题',
  'today.deck': '牌组',
  'today.topic': '主题',
  'today.total': '卡片',
  'today.activity': '最近几周',
  'today.nextDue': '下一张卡片 {when} 到期',

  'review.title': '复习',
  'review.show': '显示答案',
  'review.again': '重来',
  'review.hard': '困难',
  'review.good': '良好',
  'review.easy': '简单',
  'review.undo': '撤销',
  'review.source': '出处',
  'review.progress': '{done} / {total}',
  'review.stale': '这张卡片已经在另一个标签页或被重复点击评过分了；下面是当前的卡片。',
  'review.undone': '已撤销上一次评分。',
  'review.notDue': '这张卡片现在不需要复习，没有记录评分。下面是下一张卡片。',
  'review.unknownCard': '牌组里没有这张卡片，没有记录评分。下面是下一张卡片。',
  'review.nothingToUndo': '没有可以撤销的评分。',
  'review.done.title': '本次复习完成',
  'review.done.body': '今天复习了 {n} 张卡片。',
  'review.done.none': '现在没有到期的卡片。',
  'review.done.again': '重来',
  'review.done.passed': '通过',
  'review.done.retention': '通过比例',
  'review.done.nextDue': '下一张卡片 {when} 到期。',
  'review.done.back': '回到今天',
  'review.keys': '快捷键：空格/回车 显示答案 · 1–4 评分 · u 撤销',
  'review.new': '新',
  'review.learning': '学习中',
  'review.review': '复习',

  'browse.title': '浏览',
  'browse.search': '搜索',
  'browse.placeholder': '搜索卡片（中文或英文）',
  'browse.all': '全部',
  'browse.deck': '牌组',
  'browse.topic': '主题',
  'browse.kind': '类型',
  'browse.state': '状态',
  'browse.filter': '筛选',
  'browse.results': '{n} 张卡片',
  'browse.none': '没有匹配的卡片。',
  'browse.more': '只显示前 {n} 张。',
  'browse.due': '到期',

  'state.new': '新',
  'state.learning': '学习中',
  'state.review': '复习',
  'state.relearning': '重新学习',
  'state.suspended': '已暂停',
  'state.buried': '已搁置',

  'kind.concept': '概念',
  'kind.command': '命令',
  'kind.flag': '参数',
  'kind.option': '选项',
  'kind.instruction': '指令',
  'kind.comparison': '对比',
  'kind.cloze': '填空',
  'kind.authored': '问答',

  'card.title': '卡片',
  'card.front': '正面',
  'card.back': '背面',
  'card.extra': '补充',
  'card.source': '出处',
  'card.showSource': '查看笔记中的这一部分',
  'card.history': '复习记录',
  'card.noHistory': '还没有复习过。',
  'card.schedule': '排程',
  'card.due': '到期',
  'card.stability': '稳定性',
  'card.difficulty': '难度',
  'card.reps': '复习次数',
  'card.lapses': '遗忘次数',
  'card.lastReview': '上次复习',
  'card.suspend': '暂停',
  'card.unsuspend': '恢复',
  'card.bury': '搁置到明天',
  'card.buriedUntil': '搁置到 {when}',
  'card.suspended': '已暂停：复习时不会出现。',
  'card.when': '时间',
  'card.grade': '评分',
  'card.interval': '间隔',
  'card.origin': '来源',
  'card.days': '{n} 天',

  'source.title': '笔记',
  'source.back': '返回',
  'source.lines': '第 {from}–{to} 行',

  'stats.title': '统计',
  'stats.calendar': '每天复习数（最近 12 个月）',
  'stats.forecast': '未来 30 天到期的卡片',
  'stats.retention': '每周真实保持率（答对的比例）',
  'stats.states': '各状态的卡片',
  'stats.empty': '还没有复习记录。',
  'stats.reviews': '次复习',
  'stats.cards': '张卡片',
  'stats.total': '共 {n} 次复习',
  'stats.retentionAxis': '保持率',
  'stats.week': '周',
  'stats.day': '天',

  'settings.title': '设置',
  'settings.newPerDay': '每天新卡片数',
  'settings.maxReviewsPerDay': '每天最多复习数',
  'settings.desiredRetention': '期望保持率',
  'settings.desiredRetention.hint': '0.70 到 0.99 之间。越高复习越多。',
  'settings.learningSteps': '学习步长（分钟）',
  'settings.relearningSteps': '重新学习步长（分钟）',
  'settings.steps.hint': '用空格分隔，例如 "1 10"。',
  'settings.dayStartHour': '新的一天开始于（点）',
  'settings.language': '界面语言',
  'settings.language.auto': '与笔记相同',
  'settings.save': '保存',
  'settings.saved': '设置已保存。',
  'settings.invalid': '请修改标出的字段。',

  'login.title': '登录',
  'login.password': '密码',
  'login.submit': '登录',
  'login.wrong': '密码错误。',
  'login.tooMany': '密码错误次数太多，请几分钟后再试。',

  'error.title': '出错了',
  'error.notFound': '没有找到。',
  'error.badInput': '请求无效。',
  'error.csrf': '表单已过期或来自其他网站。请刷新页面后重试。',
  'error.server': '服务器出错了。学习进度是安全的，请重试。',
  'error.deck': '无法加载牌组。',
  'error.home': '回到今天',

  'time.now': '现在',
  'time.in': '{t}后',
  'time.ago': '{t}前',
};

const catalogues: Record<Lang, Catalogue> = { en, zh };

/** Looks up and fills a message: `{name}` placeholders take values from `vars`. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A translator for one language. Unknown placeholders stay as they are, so a gap is visible. */
export function translator(lang: Lang): Translate {
  const catalogue = catalogues[lang];
  return (key, vars) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      vars && name in vars ? String(vars[name]) : whole,
    );
}

/** The interface language: the one chosen in Settings, else the notes' language, else English. */
export function interfaceLanguage(settings: Pick<Settings, 'language'>, deck: Pick<Deck, 'decks'>): Lang {
  return settings.language ?? deck.decks[0]?.lang ?? 'en';
}

/**
 * "in 3d", "2h ago", "now": a moment relative to `now`, with Anki-style interval labels.
 * @example formatRelative(translator('en'), 'en', tomorrow, now) // 'in 1d'
 */
export function formatRelative(t: Translate, lang: Lang, when: Date, now: Date): string {
  const ms = when.getTime() - now.getTime();
  if (Math.abs(ms) < 60_000) return t('time.now');
  const span = formatInterval(Math.abs(ms), lang);
  return ms > 0 ? t('time.in', { t: span }) : t('time.ago', { t: span });
}

/** `2026-11-29 14:03` in the server's local time, the clock study days are counted in. */
export function formatDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
