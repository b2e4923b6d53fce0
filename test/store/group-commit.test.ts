import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/store/group-commit.ts';

interface Rec {
  seq: number;
  card: string;
  value: number;
}

/**
 * A toy store over GroupCommit: each card holds a number, a write sets it, and `expect` refuses a
 * write when the card's value is not the one the caller saw (as the stale-grade check does). Disk
 * writes wait until the test lets them finish, so the test decides what arrives during a write.
 */
function toyStore() {
  const values = new Map<string, number>();
  let seq = 0;
  const groups: number[][] = [];
  const gates: { finish: () => void; fail: (error: Error) => void }[] = [];
  const commit = new GroupCommit<Rec>({
    seq: () => seq,
    cardOf: (record) => record.card,
    write: (records) => {
      groups.push(records.map((record) => record.seq));
      return new Promise<void>((resolve, reject) => gates.push({ finish: resolve, fail: reject }));
    },
    apply: (record) => {
      if (record.card === 'boom') throw new Error('cannot apply boom');
      values.set(record.card, record.value);
      seq = record.seq;
    },
    failed: (error) => new Error(`not written: ${(error as Error).message}`),
  });
  const set = (card: string, value: number, expected?: number) => {
    const result = commit.submit((next) => {
      if (expected !== undefined && (values.get(card) ?? 0) !== expected) throw new Error(`stale ${card}`);
      return { seq: next, card, value };
    });
    result.catch(() => {}); // the tests look at refusals later
    return result;
  };
  /** Lets the oldest write waiting on the disk finish (or fail), then lets the store move on. */
  const disk = async (error?: Error) => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const gate = gates.shift()!;
    if (error === undefined) gate.finish();
    else gate.fail(error);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { commit, values, groups, set, disk, seq: () => seq };
}

describe('GroupCommit', () => {
  it('writes what arrives during a write as one group, in order, applied only once on disk', async () => {
    const toy = toyStore();
    const first = toy.set('a', 1);
    const rest = [toy.set('b', 2), toy.set('c', 3), toy.set('d', 4)];
    expect(toy.groups).toEqual([[1]]);
    expect(toy.values.size).toBe(0);
    await toy.disk();
    expect(await first).toEqual({ seq: 1, card: 'a', value: 1 });
    expect(toy.groups).toEqual([[1], [2, 3, 4]]);
    expect(toy.values.has('b')).toBe(false);
    await toy.disk();
    expect((await Promise.all(rest)).map((record) => record?.seq)).toEqual([2, 3, 4]);
    expect([...toy.values]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
  });

  it('puts a second write of a card in the next group, planned after the first is applied', async () => {
    const toy = toyStore();
    void toy.set('x', 0);
    const first = toy.set('a', 1, 0);
    const other = toy.set('b', 1);
    const again = toy.set('a', 2, 0); // planned with the value it saw before the first: stale
    const after = toy.set('a', 3, 1); // saw the first one: fine
    await toy.disk();
    expect(toy.groups).toEqual([[1], [2, 3]]);
    await toy.disk();
    await expect(again).rejects.toThrow('stale a');
    expect(toy.groups).toEqual([[1], [2, 3], [4]]);
    await toy.disk();
    expect((await first)?.seq).toBe(2);
    expect((await other)?.seq).toBe(3);
    expect(await after).toEqual({ seq: 4, card: 'a', value: 3 });
  });

  it('plans a write asked to be alone first in a group of its own', async () => {
    const toy = toyStore();
    void toy.set('x', 0);
    const before = toy.set('a', 1);
    const alone = toy.commit.submit((seq) => ({ seq, card: 'u', value: 9 }), true);
    const after = toy.set('b', 1);
    const nothing = toy.commit.submit(() => undefined, true);
    await toy.disk();
    await toy.disk();
    await toy.disk();
    await toy.disk();
    expect(toy.groups).toEqual([[1], [2], [3], [4]]);
    expect(await Promise.all([before, alone, after, nothing])).toEqual([
      { seq: 2, card: 'a', value: 1 },
      { seq: 3, card: 'u', value: 9 },
      { seq: 4, card: 'b', value: 1 },
      undefined,
    ]);
  });

  it('still answers the rest of a group when applying one of its records throws', async () => {
    const toy = toyStore();
    void toy.set('x', 0);
    const group = [toy.set('a', 1), toy.set('boom', 1), toy.set('b', 1)];
    await toy.disk();
    await toy.disk();
    expect(toy.groups).toEqual([[1], [2, 3, 4]]);
    await expect(group[1]).rejects.toThrow('cannot apply boom');
    expect((await group[0])?.seq).toBe(2);
    expect((await group[2])?.seq).toBe(4);
  });

  it('fails the whole group when the disk refuses it, changes nothing, and writes the next one', async () => {
    const toy = toyStore();
    void toy.set('x', 0);
    const refused = [toy.set('a', 1), toy.set('b', 1)];
    const stale = toy.set('c', 1, 5);
    await toy.disk();
    await expect(stale).rejects.toThrow('stale c');
    await toy.disk(new Error('ENOSPC'));
    for (const write of refused) await expect(write).rejects.toThrow('not written: ENOSPC');
    expect(toy.values.has('a')).toBe(false);
    expect(toy.seq()).toBe(1);
    const retried = toy.set('a', 1);
    await toy.disk();
    expect(await retried).toEqual({ seq: 2, card: 'a', value: 1 });
    await toy.commit.idle();
    expect(toy.groups).toEqual([[1], [2, 3], [2]]);
  });
});
