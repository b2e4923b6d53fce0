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
