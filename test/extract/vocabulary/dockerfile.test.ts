import { describe, expect, it } from 'vitest';
import { isDockerfileLine, matchInstruction } from '../../../src/extract/vocabulary/dockerfile.ts';

describe('matchInstruction', () => {
  it('matches instructions written in upper case', () => {
    expect(matchInstruction('COPY')).toBe('COPY');
    expect(matchInstruction('copy')).toBeUndefined();
    expect(matchInstruction('Run', { anyCase: true })).toBe('RUN');
  });

  it('matches the misspellings notes make, by list and by edit distance', () => {
    expect(matchInstruction('HEALTHYCHECK', { fuzzy: true })).toBe('HEALTHCHECK');
    expect(matchInstruction('ONBULD', { fuzzy: true })).toBe('ONBUILD');
    expect(matchInstruction('ENTRYPIONT', { fuzzy: true })).toBe('ENTRYPOINT');
    expect(matchInstruction('EXPOZE', { fuzzy: true })).toBe('EXPOSE');
    expect(matchInstruction('ONBULD')).toBeUndefined();
  });

  it('does not turn short or unrelated words into instructions', () => {
    expect(matchInstruction('USERS', { fuzzy: true })).toBeUndefined();
    expect(matchInstruction('ADDS', { fuzzy: true })).toBeUndefined();
    expect(matchInstruction('DOCKER', { fuzzy: true })).toBeUndefined();
    expect(matchInstruction('HEALTHY', { fuzzy: true })).toBeUndefined();
  });
});

describe('isDockerfileLine', () => {
  it('tells Dockerfile lines from shell commands', () => {
    expect(isDockerfileLine('FROM debian:jessie')).toBe(true);
    expect(isDockerfileLine('ONBULD COPY . /app/')).toBe(true);
    expect(isDockerfileLine('Run echo hi')).toBe(true);
    expect(isDockerfileLine('CMD ["npm","start"]')).toBe(true);
    expect(isDockerfileLine('env | grep PATH')).toBe(false);
    expect(isDockerfileLine('docker run ubuntu')).toBe(false);
    expect(isDockerfileLine('REPOSITORY TAG IMAGE ID')).toBe(false);
  });
});
