import { readDeck } from '../deck/file.ts';
import { exportAnkiFile } from '../export/export-file.ts';
import type { BenchRow } from './report.ts';

/** Export time (cold: first call, loading sql.js; warm: median of five) and size of a built deck. */
export async function measureExport(deckPath: string): Promise<BenchRow[]> {
  const deck = await readDeck(deckPath);
  const rows: BenchRow[] = [];
  for (const format of ['apkg', 'txt'] as const) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const file = await exportAnkiFile(deck, { format, now: new Date('2026-01-01T00:00:00Z') });
      times.push(performance.now() - started);
      bytes = file.bytes.length;
    }
    const warm = times.slice(1).sort((a, b) => a - b)[2] ?? 0;
    rows.push({
      name: `export .${format}: first call (${deck.cards.length} cards)`,
      value: times[0] ?? 0,
      unit: 'ms',
    });
    rows.push({ name: `export .${format}: warm, median of 5`, value: warm, unit: 'ms' });
    rows.push({ name: `export .${format}: size`, value: bytes / 1024, unit: 'KB' });
  }
  return rows;
}
