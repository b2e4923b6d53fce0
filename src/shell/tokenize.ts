/** What makes the tokenizer read a line character by character: quotes, a backslash, `$(`. */
const SPECIAL = /["'`\\]|\$\(/;
const WHITE_SPACE = /\s+/;

/**
 * Splits one shell command line into words as a reader sees them: white space separates words except
 * inside quotes, `$(…)` and after a backslash. Words keep their quotes (`"{{.ID}}"`), so joining them
 * with spaces gives the command back. Never throws: an unclosed quote runs to the end of the line.
 * @example tokenizeCommandLine(`docker image ls --format "{{.ID}}: {{.Repository}}"`)
 * // ['docker', 'image', 'ls', '--format', '"{{.ID}}: {{.Repository}}"']
 */
export function tokenizeCommandLine(line: string): string[] {
  // Most lines hold no quotes, escapes or `$(…)`: their words are just the runs between white space.
  if (!SPECIAL.test(line)) return line.split(WHITE_SPACE).filter(Boolean);
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | '`' | null = null;
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      word += ch;
      if (ch === '\\' && quote !== "'" && i + 1 < line.length) word += line[++i];
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      word += ch + line[++i];
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
      word += ch;
      continue;
    }
    if (ch === '$' && line[i + 1] === '(') {
      depth++;
      word += '$(';
      i++;
      continue;
    }
    if (depth > 0) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      word += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += ch;
  }
  if (word) words.push(word);
  return words;
}

/** Words that end the first command of a pipeline or list (`|`, `&&`, `;`, redirections). */
export function isOperator(word: string): boolean {
  return /^(?:\||\|\||&&|;|&|[0-9]?>>?|<|<<|2>&1)$/.test(word) || /^[|;&]/.test(word);
}
