/**
 * Runs async tasks one at a time, in the order they were queued. The stores put every write behind
 * one queue, so a task sees the state all earlier tasks left (the stale-grade check relies on it) and
 * log lines never interleave.
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
