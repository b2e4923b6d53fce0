import { describe, expect, it } from 'vitest';
import { alternativesOf } from '../../../src/extract/vocabulary/command-alternatives.ts';

describe('alternativesOf', () => {
  it('gives the other names of a command, with its arguments kept', () => {
    expect(alternativesOf('docker image ls -q')).toEqual(['docker images -q', 'docker image list -q']);
    expect(alternativesOf('docker rmi ubuntu')).toContain('docker image rm ubuntu');
    expect(alternativesOf('docker ps -a')).toContain('docker container ls -a');
    expect(alternativesOf('kubectl get po')).toContain('kubectl get pods');
  });

  it('matches whole words only and leaves unknown commands alone', () => {
    expect(alternativesOf('docker imagesx')).toEqual([]);
    expect(alternativesOf('git status')).toEqual([]);
    expect(alternativesOf('docker  image   ls')).toEqual(['docker images', 'docker image list']);
  });
});
