/**
 * Runs async tasks one at a time, in the order they were queued: the memory store's writes and the
 * lowdb store's db.json writes, so a task sees the state all earlier tasks left (the stale-grade
 * check relies on it). The lowdb store's log appends go through GroupCommit instead.
 */
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Queues `task`; its result or error goes to the caller only, never to later tasks. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  async idle(): Promise<void> {
    await this.#tail;
  }
}
