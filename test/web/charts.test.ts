import { describe, expect, it } from 'vitest';
import {
  type ChartLabels,
  calendarHeatmap,
  forecastChart,
  retentionChart,
  statesChart,
} from '../../src/web/charts.ts';

const labels: ChartLabels = {
  reviews: 'reviews',
  cards: 'cards',
  retention: 'Retention',
  weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  states: { new: 'New', review: 'Review' },
};

describe('charts', () => {
  it('draw SVG with our class, an accessible name, and no inline style', () => {
    const days = [
      { day: '2026-03-01', count: 0 },
      { day: '2026-03-02', count: 5 },
      { day: '2026-03-03', count: 2 },
    ];
    const charts = [
      calendarHeatmap(days, labels, 'Calendar'),
      forecastChart(days, labels, 'Forecast'),
      retentionChart(
        [{ week: '2026-03-02', passed: 9, total: 10, retention: 0.9 }],
        0.9,
        labels,
        'Retention',
      ),
      statesChart(
        [
          { state: 'new', count: 3 },
          { state: 'review', count: 7 },
        ],
        labels,
        'States',
      ),
    ];
    for (const [i, svg] of charts.entries()) {
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('class="plot"');
      expect(svg).toContain(`aria-label="${['Calendar', 'Forecast', 'Retention', 'States'][i]}"`);
      expect(svg).not.toMatch(/<style|style="/);
    }
  });

  it('give each reviewed day of the calendar a cell with a tooltip, and empty days a plain cell', () => {
    const svg = calendarHeatmap(
      [
        { day: '2026-03-02', count: 5 },
        { day: '2026-03-03', count: 0 },
      ],
      labels,
      'Calendar',
    );
    expect(svg).toContain('<title>2026-03-02: 5 reviews</title>');
    expect(svg).not.toContain('2026-03-03:');
    expect(svg.match(/<rect/g)?.length).toBe(3);
  });

  it('label the bars of cards by state with their counts', () => {
    const svg = statesChart([{ state: 'review', count: 7 }], labels, 'States');
    expect(svg).toContain('>Review<');
    expect(svg).toContain('>7<');
  });
});
