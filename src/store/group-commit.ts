/**
 * Review-log appends in groups (group commit, as databases do it): while one group is written and
 * fsynced, the writes that arrive wait, and then go to disk together, with one write and one fsync.
 * One at a time, eight grade requests in flight each waited for up to seven fsyncs before their own.
 *
 * What one-at-a-time writing guaranteed still holds:
 * - a write is planned against every write acknowledged before it: records are planned in order
 *   against the state in memory, which holds every group written so far, with seq numbers following
 *   on from the records planned before them in the group;
 * - a record is applied in memory only once it is on disk, and a group that fails to be written
 *   changes nothing in memory (its callers get the error; a plan refused, such as a stale grade,
 *   fails alone);
 * - two records of one card never share a group, and an undo (it reads the newest review) is planned
 *   first in a group of its own: so planning against the state in memory, which does not hold the
 *   group's earlier records yet, gives what planning after them would.
 */

export interface GroupCommitParts<R> {
  /** Seq of the newest record applied in memory. */
  seq(): number;
  /** The card a record changes: records of one card are never in the same group. */
  cardOf(record: R): string;
  /** Writes a group and resolves once it is on disk; when it throws, none of it counts. */
  write(records: readonly R[]): Promise<void>;
  /** Applies a record in memory (after its group is on disk). */
  apply(record: R): void;
  /** The error the callers of a group that could not be written get. */
  failed(error: unknown): Error;
}

interface Pending<R> {
  plan: (seq: number) => R | undefined;
  alone: boolean;
  resolve(record: R | undefined): void;
  reject(error: unknown): void;
}

export class GroupCommit<R> {
  readonly #parts: GroupCommitParts<R>;
  readonly #pending: Pending<R>[] = [];
  #running: Promise<void> | undefined;

  constructor(parts: GroupCommitParts<R>) {
    this.#parts = parts;
  }

  /**
   * Queues a write. `plan` makes its record for the seq given (or undefined: nothing to write), or
   * throws to refuse it; it may run more than once (when its card already has a record in the group
   * being formed, it is planned again for the next group), so it must not change anything.
   * @param alone plan it first in a group of its own (an undo, which reads the newest review)
   * @returns the record once it is on disk and applied
   */
  submit(plan: (seq: number) => R | undefined, alone = false): Promise<R | undefined> {
    const result = new Promise<R | undefined>((resolve, reject) => {
      this.#pending.push({ plan, alone, resolve, reject });
    });
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return result;
  }

  /** Resolves once every write submitted so far is settled. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #run(): Promise<void> {
    while (this.#pending.length > 0) {
      const group = this.#nextGroup();
      if (group.length === 0) continue;
      try {
        await this.#parts.write(group.map((item) => item.record));
      } catch (error) {
        const failure = this.#parts.failed(error);
        for (const item of group) item.write.reject(failure);
        continue;
      }
      for (const item of group) {
        try {
          this.#parts.apply(item.record);
          item.write.resolve(item.record);
        } catch (error) {
          // Not expected (applying a planned record does not fail): its caller hears of it, the
          // others of the group still get their answer.
          item.write.reject(error);
        }
      }
    }
  }

  /** Plans the writes waiting, in order, up to the first that cannot join the group. */
  #nextGroup(): { write: Pending<R>; record: R }[] {
    const group: { write: Pending<R>; record: R }[] = [];
    const cards = new Set<string>();
    while (this.#pending.length > 0) {
      const write = this.#pending[0]!;
      if (write.alone && group.length > 0) break;
      let record: R | undefined;
      try {
        record = write.plan(this.#parts.seq() + group.length + 1);
      } catch (error) {
        this.#pending.shift();
        write.reject(error);
        continue;
      }
      if (record !== undefined && cards.has(this.#parts.cardOf(record))) break;
      this.#pending.shift();
      if (record === undefined) write.resolve(undefined);
      else {
        group.push({ write, record });
        cards.add(this.#parts.cardOf(record));
      }
      if (write.alone) break;
    }
    return group;
  }
}
