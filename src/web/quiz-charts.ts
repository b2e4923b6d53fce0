import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { QuizSummary } from '../quiz/history.ts';
import type { Tally } from '../quiz/scoring.ts';
import type { Lang } from './i18n.ts';

/**
 * The History page's pictures, drawn on the server as SVG the way `charts.ts` draws Stats: Observable
 * Plot on a linkedom document, Plot's inline `<style>` removed for the CSP, styled by `app.css`.
 */

const { document } = parseHTML('<!doctype html><html><body></body></html>');

function toSvg(options: Plot.PlotOptions, title: string): string {
  const chart = Plot.plot({ ...options, document, className: 'plot', ariaLabel: title } as Plot.PlotOptions);
  const svg = chart as unknown as Element;
  svg.querySelector('style')?.remove();
  svg.setAttribute('role', 'img');
  return svg.outerHTML;
}

/** A date as `3/14 09:30` in the server's local time (the clock quizzes are taken in). */
function shortDate(date: Date, lang: Lang): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day =
    lang === 'zh'
      ? `${date.getMonth() + 1}月${date.getDate()}日`
      : `${date.getMonth() + 1}/${date.getDate()}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * Score of each finished quiz in the order taken, as a line with dots (one dot per quiz, so quizzes
 * taken minutes apart do not pile up on a time axis). Retries are drawn hollow.
 * @param rows finished quizzes, newest first (`summarize`)
 */
export function scoresChart(rows: readonly QuizSummary[], lang: Lang, title: string): string {
  const data = [...rows]
    .reverse()
    .map((row, i) => ({ ...row, n: i + 1, label: shortDate(row.finishedAt, lang) }));
  const ticks = data.length <= 12 ? data.map((d) => d.n) : undefined;
  return toSvg(
    {
      width: 640,
      height: 220,
      marginLeft: 44,
      marginBottom: 36,
      x: {
        label: null,
        domain: [0.5, data.length + 0.5],
        ...(ticks ? { ticks } : {}),
        tickFormat: (n: number) => data[n - 1]?.label ?? '',
      },
      y: { domain: [0, 100], grid: true, label: '%' },
      marks: [
        Plot.lineY(data, { x: 'n', y: 'percent', stroke: 'var(--accent)', strokeWidth: 2 }),
        Plot.dot(data, {
          x: 'n',
          y: 'percent',
          r: 4,
          stroke: 'var(--accent)',
          fill: (d: QuizSummary) => (d.retry ? 'var(--panel)' : 'var(--accent)'),
          title: (d: QuizSummary & { label: string }) =>
            `${d.label}: ${d.correct}/${d.total} (${d.percent}%)`,
        }),
      ],
    },
    title,
  );
}

/**
 * Per-topic mastery: the share of questions answered right in each topic over every quiz, one bar per
 * topic, weakest on top, coloured from weak (red) to strong (green).
 * @param tallies weakest first (`topicMastery`)
 */
export function masteryChart(tallies: readonly Tally[], axisLabel: string, title: string): string {
  const data = tallies.map((t) => ({ ...t, percent: Math.round(t.share * 100) }));
  const longest = Math.max(...data.map((d) => [...d.key].length), 4);
  return toSvg(
    {
      width: 640,
      height: 40 + data.length * 28,
      // Room for the topic names: CJK characters are about twice as wide as Latin ones.
      marginLeft: Math.min(260, 20 + longest * 13),
      marginRight: 56,
      x: { domain: [0, 100], grid: true, label: axisLabel },
      y: { label: null, domain: data.map((d) => d.key) },
      color: { type: 'linear', domain: [0, 50, 100], range: ['#d9534f', '#e0a33a', '#3a9a4f'] },
      marks: [
        Plot.barX(data, { x: 'percent', y: 'key', fill: 'percent' }),
        Plot.text(data, {
          x: 'percent',
          y: 'key',
          text: (d: Tally & { percent: number }) => `${d.percent}% (${d.correct}/${d.total})`,
          dx: 4,
          textAnchor: 'start',
        }),
        Plot.ruleX([0]),
      ],
    },
    title,
  );
}
