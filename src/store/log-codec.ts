/**
 * The review log's line format, and reading a whole log with crash recovery. Pure: bytes in,
 * records out.
 *
 * One JSON object per line, for example
 * `{"seq":7,"type":"grade","cardId":"c1","rating":3,"origin":"review","at":1767225600000,"before":[…],"after":[…]}`.
 * Dates are epoch milliseconds and a schedule is a tuple in `SCHEDULE_FIELDS` order (ts-fsrs names),
 * unlike db.json's ISO strings and named fields: the log is read whole at every start, and this form
 * parses about twice as fast as the named one (100,000 reviews: ~25 MB instead of ~57 MB).
 * Lines are checked by hand rather than with zod, which would cost about a second per 100,000 lines.
 *
 * A grade's `before` is left out when it equals the card's last schedule in the log (the `after` of
 * its previous grade, or what an undo restored), which it nearly always does: the line is a third
 * shorter, and in memory the two reviews share one schedule object. Writer and reader track that last
 * schedule with the same code (`LogCodec.note`), so they always agree.
 */
import { StoreCorruptError } from '../errors.ts';
import type { Rating, Schedule } from '../review/types.ts';
import { type LogRecord, reviewId } from './state.ts';

/** Field order of a schedule tuple; dates (`due`, `last_review`) as epoch ms, `last_review` null when absent. */
export const SCHEDULE_FIELDS = [
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'state',
  'last_review',
] as const;

type ScheduleTuple = [number, number, number, number, number, number, number, number, number, number | null];

function encodeSchedule(s: Schedule): ScheduleTuple {
  return [
    s.due.getTime(),
    s.stability,
    s.difficulty,
    s.elapsed_days,
    s.scheduled_days,
    s.learning_steps,
    s.reps,
    s.lapses,
    s.state,
    s.last_review?.getTime() ?? null,
  ];
}

class LineError extends Error {}

function fail(message: string): never {
  throw new LineError(message);
}

function time(value: unknown, field: string): Date {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${field} is not a time`);
  return new Date(value);
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') fail(`${field} is not a string`);
  return value;
}

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

const COUNT_FIELDS = new Set([5, 6, 7]);

function fieldIsValid(value: unknown, index: number): boolean {
  if (index === 8) return value === 0 || value === 1 || value === 2 || value === 3;
  if (index === 9 && value === null) return true;
  return COUNT_FIELDS.has(index) ? isCount(value) : isAmount(value);
}

function decodeSchedule(value: unknown, field: string): Schedule {
  if (!Array.isArray(value) || value.length !== SCHEDULE_FIELDS.length) fail(`${field} is not a schedule`);
  const [due, stability, difficulty, elapsed, scheduled, steps, reps, lapses, state, lastReview] = value;
  // The quick check runs for every line; the field-by-field search only to name what is wrong.
  const valid =
    isAmount(due) &&
    isAmount(stability) &&
    isAmount(difficulty) &&
    isAmount(elapsed) &&
    isAmount(scheduled) &&
    isCount(steps) &&
    isCount(reps) &&
    isCount(lapses) &&
    (state === 0 || state === 1 || state === 2 || state === 3) &&
    (lastReview === null || isAmount(lastReview));
  if (!valid) {
    const bad = value.findIndex((item, index) => !fieldIsValid(item, index));
    fail(`${field}.${SCHEDULE_FIELDS[bad] ?? '?'} is not valid`);
  }
  const schedule: Schedule = {
    due: new Date(due),
    stability,
    difficulty,
    elapsed_days: elapsed,
    scheduled_days: scheduled,
    learning_steps: steps,
    reps,
    lapses,
    state,
  };
  if (lastReview !== null) schedule.last_review = new Date(lastReview);
  return schedule;
}

function sameSchedule(a: Schedule, b: Schedule): boolean {
  return (
    a.due.getTime() === b.due.getTime() &&
    a.stability === b.stability &&
    a.difficulty === b.difficulty &&
    a.elapsed_days === b.elapsed_days &&
    a.scheduled_days === b.scheduled_days &&
    a.learning_steps === b.learning_steps &&
    a.reps === b.reps &&
    a.lapses === b.lapses &&
    a.state === b.state &&
    a.last_review?.getTime() === b.last_review?.getTime()
  );
}

/**
 * Encodes and decodes log lines. It remembers each card's last schedule in the log, so it holds one
 * log's reading position: use one instance per log, reading it from the start.
 */
export class LogCodec {
  readonly #last = new Map<string, Schedule>();

  /** One log line, newline included: a record is on disk only with its newline. */
  encode(record: LogRecord): string {
    let json: Record<string, unknown>;
    if (record.type === 'grade') {
      const { entry } = record;
      const last = this.#last.get(entry.cardId);
      json = {
        seq: record.seq,
        type: 'grade',
        cardId: entry.cardId,
        rating: entry.rating,
        origin: entry.origin,
        at: entry.reviewedAt.getTime(),
        ...(last !== undefined && sameSchedule(last, entry.before)
          ? {}
          : { before: encodeSchedule(entry.before) }),
        after: encodeSchedule(entry.after),
      };
    } else if (record.type === 'undo') {
      json = { ...record, restore: encodeSchedule(record.restore) };
    } else if (record.type === 'suspend') {
      json = { ...record, schedule: encodeSchedule(record.schedule) };
    } else {
      json = { ...record, until: record.until.getTime(), schedule: encodeSchedule(record.schedule) };
    }
    return `${JSON.stringify(json)}\n`;
  }

  /** Checks one parsed line and revives its dates. @throws Error naming the first bad field */
  decode(value: unknown): LogRecord {
    return decodeRecord(value, this.#last);
  }

  /** Takes a record into account for the lines after it: call once it is written, or accepted on reading. */
  note(record: LogRecord): void {
    if (record.type === 'grade') this.#last.set(record.entry.cardId, record.entry.after);
    else if (record.type === 'undo') this.#last.set(record.cardId, record.restore);
  }
}

function decodeRecord(value: unknown, last: ReadonlyMap<string, Schedule>): LogRecord {
  if (typeof value !== 'object' || value === null) fail('not an object');
  const line = value as Record<string, unknown>;
  const seq = line.seq;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) fail('seq is not a positive integer');
  const cardId = text(line.cardId, 'cardId');
  switch (line.type) {
    case 'grade': {
      const rating = line.rating;
      if (rating !== 1 && rating !== 2 && rating !== 3 && rating !== 4) fail('rating is not 1–4');
      if (line.origin !== 'review' && line.origin !== 'quiz') fail('origin is not review or quiz');
      return {
        seq,
        type: 'grade',
        entry: {
          id: reviewId(seq),
          cardId,
          rating: rating as Rating,
          reviewedAt: time(line.at, 'at'),
          origin: line.origin,
          before:
            line.before === undefined ? lastSchedule(last, cardId) : decodeSchedule(line.before, 'before'),
          after: decodeSchedule(line.after, 'after'),
        },
      };
    }
    case 'undo':
      return {
        seq,
        type: 'undo',
        reviewId: text(line.reviewId, 'reviewId'),
        cardId,
        restore: decodeSchedule(line.restore, 'restore'),
      };
    case 'suspend':
      if (typeof line.suspended !== 'boolean') fail('suspended is not true or false');
      return {
        seq,
        type: 'suspend',
        cardId,
        suspended: line.suspended,
        schedule: decodeSchedule(line.schedule, 'schedule'),
      };
    case 'bury':
      return {
        seq,
        type: 'bury',
        cardId,
        until: time(line.until, 'until'),
        schedule: decodeSchedule(line.schedule, 'schedule'),
      };
    default:
      fail('type is not grade, undo, suspend or bury');
  }
}

function lastSchedule(last: ReadonlyMap<string, Schedule>, cardId: string): Schedule {
  return last.get(cardId) ?? fail('before is missing and the card has no earlier schedule in the log');
}

export interface ParsedLog {
  /** Good records in file order, seq strictly increasing. */
  records: LogRecord[];
  /** Length in bytes of the part that holds them: the file should be cut back to it. */
  validBytes: number;
  /** The bytes dropped from the end (a write cut short by a crash), or null. */
  torn: Uint8Array | null;
  /** Repaired oddities worth a warning (a doubled line skipped). */
  problems: string[];
}

const NEWLINE = 0x0a;

/**
 * Reads a whole log. A crash during an append can leave the last line unfinished (no newline, or
 * garbage such as zero bytes): it was never acknowledged, so it is dropped and returned in `torn`.
 * A bad line anywhere else is damage, not a crash, and stops the store.
 * @param fileName used in messages only
 * @param codec a fresh codec; it is left ready to encode the records that follow
 * @throws StoreCorruptError for a bad line that is not the last one
 */
export function parseLog(bytes: Uint8Array, fileName: string, codec: LogCodec): ParsedLog {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let validBytes = buffer.lastIndexOf(NEWLINE) + 1;
  const lines = buffer.toString('utf8', 0, validBytes).split('\n');
  lines.pop(); // the empty string after the final newline

  const records: LogRecord[] = [];
  const problems: string[] = [];
  let lastSeq = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    let record: LogRecord;
    try {
      record = codec.decode(JSON.parse(line));
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof LineError)) throw error;
      if (index === lines.length - 1) {
        // The last complete line can be a torn write too: the size grew but the data never landed.
        validBytes = buffer.lastIndexOf(NEWLINE, validBytes - 2) + 1;
        break;
      }
      throw new StoreCorruptError(
        `${fileName} line ${index + 1} is not a review record (${error.message}); the file was left as it is. ` +
          'Repair or remove that line by hand, then start again.',
      );
    }
    if (record.seq <= lastSeq) {
      problems.push(
        `${fileName} line ${index + 1}: record ${record.seq} repeats an earlier one and was skipped`,
      );
      continue;
    }
    lastSeq = record.seq;
    codec.note(record);
    records.push(record);
  }
  const torn = validBytes < buffer.length ? buffer.subarray(validBytes) : null;
  return { records, validBytes, torn, problems };
}
