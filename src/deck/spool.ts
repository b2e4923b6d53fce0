import { type FileHandle, open, rm } from 'node:fs/promises';

/** Where parked bytes sit in the spool file. */
export interface SpoolRange {
  start: number;
  end: number;
}

/**
 * Bytes parked in a temporary file while build workers run, read back in one piece once they are done.
 * The lines of a large vault (about 100 MB for 1,000 notes) would otherwise sit in memory beside the
 * workers' heaps, at the build's peak; parked, they meet only the main thread, after the workers exit.
 */
export class Spool {
  #size = 0;
  #writes: Promise<unknown> = Promise.resolve();
  /** The first write that failed: reported by readAll, never left as an unhandled rejection meanwhile. */
  #failure: Error | undefined;

  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<Spool> {
    return new Spool(path, await open(path, 'w+'));
  }

  /** Appends bytes (in call order); the caller may drop its reference at once. */
  park(bytes: Uint8Array): SpoolRange {
    const start = this.#size;
    this.#size += bytes.length;
    if (bytes.length > 0) {
      const handle = this.handle;
      this.#writes = this.#writes
        .then(() => (this.#failure ? undefined : handle.write(bytes, 0, bytes.length, start)))
        .catch((error: Error) => {
          this.#failure ??= error;
        });
    }
    return { start, end: this.#size };
  }

  /** Everything parked, once every write is done; `at` views one parked range of it without copying. */
  async readAll(): Promise<{ at: (range: SpoolRange) => Uint8Array }> {
    await this.#writes;
    if (this.#failure) throw this.#failure;
    const all = Buffer.alloc(this.#size);
    for (let at = 0; at < this.#size; ) {
      const { bytesRead } = await this.handle.read(all, at, this.#size - at, at);
      if (bytesRead === 0) throw new Error(`spool file ${this.path} is shorter than what was written`);
      at += bytesRead;
    }
    return { at: (range) => all.subarray(range.start, range.end) };
  }

  /** Closes and deletes the spool file. */
  async discard(): Promise<void> {
    await this.#writes;
    await this.handle.close();
    await rm(this.path, { force: true });
  }
}
