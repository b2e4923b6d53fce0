/** One line of the benchmark report: a figure, and where there is one, its baseline and target. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** Same-run baseline the value is compared with (bare remark, bare Express…). */
  baseline?: { name: string; value: number };
  /** value / baseline.value (or another stated ratio), with its target. */
  ratio?: number;
  target?: string;
  pass?: boolean;
}

function cell(text: string, width: number): string {
  // CJK characters take two columns in a terminal.
  const shown = [...text].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - shown));
}

export function formatTable(rows: readonly BenchRow[]): string {
  const lines = rows.map((r) => [
    r.name,
    `${r.value.toFixed(r.unit === 'ms' || r.unit === 'KB' ? 1 : r.unit === 'MB' ? 0 : 2)} ${r.unit}`,
    r.baseline ? `${r.baseline.name} ${r.baseline.value.toFixed(1)}` : '',
    r.ratio !== undefined ? r.ratio.toFixed(3) : '',
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED',
  ]);
  const header = ['measure', 'value', 'baseline', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)) + 2);
  return [header, ...lines]
    .map((l) =>
      l
        .map((c, i) => cell(c, widths[i]!))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}
