import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { DayCount, StateCount, WeekRetention } from './study-stats.ts';

/**
 * Server-side SVG charts (Observable Plot on a linkedom document), readable with JavaScript off.
 * Plot's inline `<style>` is removed (the CSP allows no inline style); `app.css` styles `.plot`.
 */

const { document } = parseHTML('<!doctype html><html><body></body></html>');

/** Chart labels in the interface language. */
export interface ChartLabels {
  reviews: string;
  cards: string;
  retention: string;
  /** Short weekday names, Monday first. */
  weekdays: readonly string[];
  /** Short month names, January first. */
  months: readonly string[];
  /** Label per card state. */
  states: Readonly<Record<string, string>>;
}

function toSvg(options: Plot.PlotOptions, title: string): string {
  const chart = Plot.plot({ ...options, document, className: 'plot', ariaLabel: title } as Plot.PlotOptions);
  const svg = chart as unknown as Element;
  svg.querySelector('style')?.remove();
  svg.setAttribute('role', 'img');
  return svg.outerHTML;
}

/** A day key as a UTC date, so Plot's (UTC) time axis shows the same calendar day. */
function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

interface Cell {
  date: Date;
  week: number;
  weekday: number;
  count: number;
}

/**
 * A GitHub-style calendar heatmap: one column per week, one row per weekday, darker for more reviews.
 * @param days consecutive days, oldest first (`reviewsPerDay`)
 */
export function calendarHeatmap(days: readonly DayCount[], labels: ChartLabels, title: string): string {
  const first = days[0] === undefined ? new Date() : utcDate(days[0].day);
  const firstMonday = first.getTime() - ((first.getUTCDay() + 6) % 7) * 86_400_000;
  const cells: Cell[] = days.map(({ day, count }) => {
    const date = utcDate(day);
    return {
      date,
      week: Math.floor((date.getTime() - firstMonday) / (7 * 86_400_000)),
      weekday: (date.getUTCDay() + 6) % 7,
      count,
    };
  });
  const weeks = (cells.at(-1)?.week ?? 0) + 1;
  // Label a column with its month when the month starts in that week.
  const monthOfWeek = new Map<number, string>();
  for (const cell of cells) {
    if (cell.date.getUTCDate() <= 7 && cell.weekday === 0) {
      monthOfWeek.set(cell.week, labels.months[cell.date.getUTCMonth()] ?? '');
    }
  }
  const size = 12;
  return toSvg(
    {
      width: weeks * size + 40,
      height: 7 * size + 36,
      marginLeft: 32,
      marginTop: 20,
      marginBottom: 4,
      marginRight: 8,
      padding: 0.15,
      x: {
        type: 'band',
        domain: Array.from({ length: weeks }, (_, i) => i),
        axis: 'top',
        tickSize: 0,
        tickFormat: (week: number) => monthOfWeek.get(week) ?? '',
        label: null,
      },
      y: {
        type: 'band',
        domain: [0, 1, 2, 3, 4, 5, 6],
        tickSize: 0,
        tickFormat: (d: number) => (d % 2 === 0 ? (labels.weekdays[d] ?? '') : ''),
        label: null,
      },
      color: { type: 'sqrt', scheme: 'greens', domain: [0, Math.max(4, ...cells.map((c) => c.count))] },
      marks: [
        Plot.cell(cells, { x: 'week', y: 'weekday', fill: 'var(--empty-cell)', rx: 2 }),
        Plot.cell(
          cells.filter((c) => c.count > 0),
          {
            x: 'week',
            y: 'weekday',
            fill: 'count',
            rx: 2,
            title: (c: Cell) => `${c.date.toISOString().slice(0, 10)}: ${c.count} ${labels.reviews}`,
          },
        ),
      ],
    },
    title,
  );
}

/** Bars of cards due per day for the coming days (`dueForecast`). */
export function forecastChart(days: readonly DayCount[], labels: ChartLabels, title: string): string {
  const data = days.map(({ day, count }) => ({ date: utcDate(day), count }));
  return toSvg(
    {
      width: 640,
      height: 200,
      marginLeft: 40,
      x: {
        type: 'utc',
        label: null,
        tickFormat: (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}`,
        ticks: 6,
      },
      y: {
        grid: true,
        label: labels.cards,
        tickFormat: 'd',
        nice: true,
        domain: [0, Math.max(4, ...days.map((d) => d.count))],
      },
      marks: [
        Plot.rectY(data, {
          x: 'date',
          y: 'count',
          interval: 'day',
          fill: 'var(--accent)',
          inset: 1,
          title: (d: { date: Date; count: number }) => `${d.date.toISOString().slice(0, 10)}: ${d.count}`,
        }),
        Plot.ruleY([0]),
      ],
    },
    title,
  );
}

/** True retention per week as a line with dots, against the desired retention. */
export function retentionChart(
  weeks: readonly WeekRetention[],
  desired: number,
  labels: ChartLabels,
  title: string,
): string {
  const data = weeks.map((w) => ({ ...w, date: utcDate(w.week) }));
  return toSvg(
    {
      width: 640,
      height: 200,
      marginLeft: 44,
      x: {
        type: 'utc',
        label: null,
        tickFormat: (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}`,
        ticks: 6,
      },
      y: { domain: [0, 100], grid: true, percent: true, label: `${labels.retention} (%)` },
      marks: [
        Plot.ruleY([desired], { stroke: 'var(--muted)', strokeDasharray: '4 3' }),
        Plot.lineY(data, { x: 'date', y: 'retention', stroke: 'var(--accent)', strokeWidth: 2 }),
        Plot.dot(data, {
          x: 'date',
          y: 'retention',
          fill: 'var(--accent)',
          r: 3,
          title: (d: WeekRetention) => `${d.week}: ${d.passed}/${d.total}`,
        }),
      ],
    },
    title,
  );
}

/** Horizontal bars: how many cards are in each state. */
export function statesChart(states: readonly StateCount[], labels: ChartLabels, title: string): string {
  const data = states.map((s) => ({ ...s, label: labels.states[s.state] ?? s.state }));
  return toSvg(
    {
      width: 640,
      height: 40 + data.length * 26,
      marginLeft: 90,
      marginRight: 40,
      x: { label: labels.cards, grid: true, nice: true },
      y: { label: null, domain: data.map((d) => d.label) },
      color: {
        domain: data.map((d) => d.state),
        range: ['#7aa6d8', '#e0a33a', '#4c9a5b', '#d9694f', '#9a9a9a', '#b58bd1'],
      },
      marks: [
        Plot.barX(data, { x: 'count', y: 'label', fill: 'state' }),
        Plot.text(data, {
          x: 'count',
          y: 'label',
          text: (d: StateCount) => String(d.count),
          dx: 4,
          textAnchor: 'start',
        }),
        Plot.ruleX([0]),
      ],
    },
    title,
  );
}
