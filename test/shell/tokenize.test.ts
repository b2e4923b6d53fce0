import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOperator, tokenizeCommandLine } from '../../src/shell/tokenize.ts';

describe('tokenizeCommandLine', () => {
  it('splits on white space and keeps quoted words whole, quotes included', () => {
    expect(tokenizeCommandLine('docker image ls --format "{{.ID}}: {{.Repository}}"')).toEqual([
      'docker',
      'image',
      'ls',
      '--format',
      '"{{.ID}}: {{.Repository}}"',
    ]);
    expect(tokenizeCommandLine(`echo '<h1>Hello, Docker!</h1>' > index.html`)).toEqual([
      'echo',
      "'<h1>Hello, Docker!</h1>'",
      '>',
      'index.html',
    ]);
  });

  it('keeps a command substitution as one word', () => {
    expect(tokenizeCommandLine('docker image rm $(docker image ls -q redis)')).toEqual([
      'docker',
      'image',
      'rm',
      '$(docker image ls -q redis)',
    ]);
  });

  it('keeps escaped spaces and survives an unclosed quote', () => {
    expect(tokenizeCommandLine('ls my\\ dir')).toEqual(['ls', 'my\\ dir']);
    expect(tokenizeCommandLine('echo "unclosed here')).toEqual(['echo', '"unclosed here']);
    expect(tokenizeCommandLine('   ')).toEqual([]);
  });
});

describe('isOperator', () => {
  it('knows pipes, lists and redirections', () => {
    for (const word of ['|', '&&', ';', '>', '>>', '2>&1', '<']) expect(isOperator(word)).toBe(true);
    for (const word of ['-f', 'docker', 'a|b']) expect(isOperator(word)).toBe(false);
  });
});

/** The tokenizer as first written, one character at a time for every line. */
function reference(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
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

describe('tokenizeCommandLine on any line', () => {
  it('gives the words the character-by-character reading gives', () => {
    const piece = fc.constantFrom(
      ...'ab-=.:/ \t\u3000"\'`\\$()|&;<>镜'.split(''),
      '$(',
      '  ',
      'docker',
      '--rm',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const line = pieces.join('');
        expect(tokenizeCommandLine(line)).toEqual(reference(line));
      }),
      { numRuns: 3000 },
    );
  });
});
