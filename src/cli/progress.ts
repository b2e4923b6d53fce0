/**
 * A one-line progress bar for long builds, drawn only on a terminal (never into logs or pipes), and
 * only once the work takes long enough to be worth watching.
 */
export function progressBar(
  stream: NodeJS.WriteStream,
  label: string,
): {
  update(done: number, total: number): void;
  clear(): void;
} {
  const started = Date.now();
  let drawn = false;
  let last = 0;
  return {
    update(done, total) {
      if (!stream.isTTY || total < 20) return;
      const now = Date.now();
      if (now - started < 300 || (now - last < 50 && done < total)) return;
      last = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
