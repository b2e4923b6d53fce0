import { describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../../src/errors.ts';
import { grade, newSchedule } from '../../src/review/scheduler.ts';
import { LogCodec, parseLog } from '../../src/store/log-codec.ts';
import { type LogRecord, reviewId } from '../../src/store/state.ts';
import { at, SETTINGS } from './grading.ts';

const fresh = newSchedule(at(0));
const first = grade(fresh, 3, at(0), SETTINGS);
const second = grade(first, 3, at(10), SETTINGS);

function gradeRecord(seq: number, before = fresh, after = first): LogRecord {
  return {
    seq,
    type: 'grade',
    entry: {
      id: reviewId(seq),
      cardId: 'a',
      rating: 3,
      reviewedAt: at(seq),
      origin: 'review',
      before,
      after,
    },
  };
}

const records: LogRecord[] = [
  gradeRecord(1),
  gradeRecord(2, first, second),
  { seq: 3, type: 'undo', reviewId: 'r2', cardId: 'a', restore: first },
  { seq: 4, type: 'suspend', cardId: 'b', suspended: true, schedule: fresh },
  { seq: 5, type: 'bury', cardId: 'a', until: at(600), schedule: fresh },
  gradeRecord(6, first, second),
];

function encodeAll(list: LogRecord[]): string {
  const codec = new LogCodec();
  return list
    .map((record) => {
      const line = codec.encode(record);
      codec.note(record);
      return line;
    })
    .join('');
}

describe('log lines', () => {
  it('round-trip every record type with real dates', () => {
    const text = encodeAll(records);
    expect(text.split('\n')).toHaveLength(records.length + 1);
    const parsed = parseLog(Buffer.from(text), 'reviews.jsonl', new LogCodec());
    expect(parsed.records).toEqual(records);
    expect(parsed.torn).toBeNull();
    expect(parsed.validBytes).toBe(Buffer.byteLength(text));
  });

  it('leave out `before` when it is the card’s last schedule in the log, also after an undo', () => {
    const lines = encodeAll(records)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toHaveProperty('before');
    expect(lines[1]).not.toHaveProperty('before');
    expect(lines[5]).not.toHaveProperty('before'); // `first`, restored by the undo
    const other = encodeAll([gradeRecord(1), gradeRecord(2, second, second)]);
    expect(JSON.parse(other.split('\n')[1]!)).toHaveProperty('before');
  });

  it('share the schedule object between a review’s `after` and the next one’s `before`', () => {
    const parsed = parseLog(Buffer.from(encodeAll(records.slice(0, 2))), 'reviews.jsonl', new LogCodec());
    const [one, two] = parsed.records;
    if (one?.type !== 'grade' || two?.type !== 'grade') throw new Error('expected grades');
    expect(two.entry.before).toBe(one.entry.after);
  });

  it('keep Chinese card ids intact across byte offsets', () => {
    const record: LogRecord = {
      seq: 1,
      type: 'suspend',
      cardId: '镜像-分层',
      suspended: true,
      schedule: fresh,
    };
    const text = `${encodeAll([record])}{"seq":2,"ty`;
    const parsed = parseLog(Buffer.from(text), 'reviews.jsonl', new LogCodec());
    expect(parsed.records).toEqual([record]);
    expect(parsed.validBytes).toBe(Buffer.byteLength(encodeAll([record])));
    expect(Buffer.from(parsed.torn!).toString()).toBe('{"seq":2,"ty');
  });
});

describe('parseLog', () => {
  const good = encodeAll(records.slice(0, 2));

  it('reads an empty log', () => {
    expect(parseLog(new Uint8Array(), 'reviews.jsonl', new LogCodec())).toEqual({
      records: [],
      validBytes: 0,
      torn: null,
      problems: [],
    });
  });

  it('drops a last line without its newline, even a valid one (it was never acknowledged)', () => {
    const unfinished = encodeAll(records.slice(0, 3)).slice(0, -1);
    const parsed = parseLog(Buffer.from(unfinished), 'reviews.jsonl', new LogCodec());
    expect(parsed.records).toHaveLength(2);
    expect(parsed.validBytes).toBe(Buffer.byteLength(good));
  });

  it('drops a complete last line that does not decode, and what follows it', () => {
    const parsed = parseLog(Buffer.from(`${good}{"seq":3}\n\0\0\0`), 'reviews.jsonl', new LogCodec());
    expect(parsed.records).toHaveLength(2);
    expect(parsed.validBytes).toBe(Buffer.byteLength(good));
    expect(Buffer.from(parsed.torn!).toString()).toBe('{"seq":3}\n\0\0\0');
  });

  it.each([
    ['broken JSON', '{"seq":1,'],
    ['an unknown type', '{"seq":1,"type":"delete","cardId":"a"}'],
    ['a rating of 5', good.split('\n')[0]!.replace('"rating":3', '"rating":5')],
    ['a negative stability', good.split('\n')[0]!.replace(/"after":\[(\d+),[\d.]+/, '"after":[$1,-1')],
    ['a missing before on a first grade', good.split('\n')[1]!],
  ])('stops at %s before the last line, naming the line', (_, line) => {
    const text = `${line}\n${good}`;
    expect(() => parseLog(Buffer.from(text), 'reviews.jsonl', new LogCodec())).toThrow(StoreCorruptError);
    expect(() => parseLog(Buffer.from(text), 'reviews.jsonl', new LogCodec())).toThrow(
      /reviews\.jsonl line 1 /,
    );
  });

  it('names the bad field', () => {
    const line = good.split('\n')[0]!.replace(/"after":\[(\d+),[\d.]+/, '"after":[$1,-1');
    expect(() => parseLog(Buffer.from(`${line}\n${good}`), 'x', new LogCodec())).toThrow(/after\.stability/);
  });

  it('skips a record whose seq does not grow, with a problem to report', () => {
    const first = good.split('\n')[0]!;
    const parsed = parseLog(Buffer.from(`${good}${first}\n`), 'reviews.jsonl', new LogCodec());
    expect(parsed.records).toHaveLength(2);
    expect(parsed.problems).toEqual([
      'reviews.jsonl line 3: record 1 repeats an earlier one and was skipped',
    ]);
  });
});
