/**
 * Guards the Markdown parser against absurd nesting. A line like `>>>>…` (thousands of quote
 * markers) or `- - - - …` nests one container per marker; the parser's recursion overflows the stack
 * on the main thread and, on a worker's larger stack, spends gigabytes on such a line. No note
 * needs more than a few levels, so markers past `MAX_NESTING` on a line are dropped (and reported).
 */

/** Container markers read on one line at most: far beyond any real note, far below what hurts. */
export const MAX_NESTING = 100;

/** One container marker at the start of a line: a quote `>`, or a list bullet or number and its space. */
const MARKER = /[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))/y;

/**
 * Cuts the container markers of each line down to `MAX_NESTING`. Lines keep their numbers.
 * @returns the text (the same string when nothing was cut) and the 1-based lines that were cut
 * @example flattenDeepNesting(`${'>'.repeat(5000)} x`).lines // [1]
 */
export function flattenDeepNesting(text: string): { text: string; lines: number[] } {
  // Cheap first look: a run of markers this long cannot hide in less than MAX_NESTING characters.
  if (!/(?:[ \t]*(?:>|[-*+][ \t]|\d[.)][ \t])){100}/.test(text)) return { text, lines: [] };
  const lines: number[] = [];
  const out = text.split('\n').map((line, index) => {
    MARKER.lastIndex = 0;
    let count = 0;
    let keep = 0;
    let end = 0;
    while (MARKER.test(line)) {
      count++;
      end = MARKER.lastIndex;
      if (count === MAX_NESTING) keep = end;
    }
    if (count <= MAX_NESTING) return line;
    lines.push(index + 1);
    return line.slice(0, keep) + line.slice(end);
  });
  return { text: out.join('\n'), lines };
}
