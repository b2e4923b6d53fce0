/**
 * Splits a long Markdown document into runs of whole top-level blocks that parse to the same tree
 * separately as together. remark's time grows faster than linearly on one long document (a 10 MB
 * note takes ~50 s), so large notes are parsed chunk by chunk and the trees joined.
 *
 * A chunk may only end right before an ATX heading at column 0 that is outside fenced code and
 * multi-line HTML comments: such a heading always starts a new top-level block, whatever came before.
 * Documents with link reference or footnote definitions are not split (a definition in one chunk
 * would be missed by a reference in another).
 */

export interface Chunk {
  text: string;
  /** 0-based line and character offset of the chunk's start in the whole document. */
  line: number;
  offset: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

/** Documents below this size are parsed whole: splitting only pays off on long notes. */
export const CHUNK_TARGET = 64 * 1024;

export function splitIntoChunks(text: string, target = CHUNK_TARGET): Chunk[] {
  if (text.length <= target || DEFINITION.test(text)) return [{ text, line: 0, offset: 0 }];
  const chunks: Chunk[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let fence: string | null = null;
  let inComment = false;
  let pos = 0;
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const lineEnd = end === -1 ? text.length : end;
    const current = text.slice(pos, lineEnd);
    if (fence) {
      const close = FENCE.exec(current);
      if (
        close?.[1] &&
        close[1][0] === fence[0] &&
        close[1].length >= fence.length &&
        !/\S/.test(current.slice(close[0].length))
      ) {
        fence = null;
      }
    } else if (inComment) {
      if (current.includes('-->')) inComment = false;
    } else {
      const open = FENCE.exec(current);
      if (open?.[1]) fence = open[1];
      else if (/^ {0,3}<!--/.test(current) && !current.includes('-->')) inComment = true;
      else if (HEADING.test(current) && pos - start >= target) {
        chunks.push({ text: text.slice(start, pos), line: startLine, offset: start });
        start = pos;
        startLine = line;
      }
    }
    if (end === -1) break;
    pos = end + 1;
    line++;
  }
  chunks.push({ text: text.slice(start), line: startLine, offset: start });
  return chunks;
}
