/**
 * Runs `server-process.ts` as a child process and talks to it: wait until it serves, kill it, read what
 * it printed. Used by the crash, disk and broken-file tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** What every child needs: where its data, deck and notes are. */
export interface ChildEnv {
  DATA_DIR: string;
  DECK: string;
  NOTES_DIR: string;
  CHECKPOINT_EVERY?: string;
  CLOCK_BASE?: string;
  CLOCK_ZERO?: string;
}

export interface ServerChild {
  process: ChildProcess;
  pid: number;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  /** Lets a child started with `waitForGo` open its data folder. */
  go(): void;
  /** Resolves with the URL once it listens; rejects with its output if it exits first. */
  listening(): Promise<string>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
}

/**
 * Starts the child. With `waitForGo` it loads its modules and then waits for `go()` before opening the
 * data folder, so the next server can be warmed up while the current one runs.
 */
export function spawnServer(env: ChildEnv, options: { waitForGo?: boolean } = {}): ServerChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/server-process.ts'], {
    env: { ...process.env, ...env, WAIT_FOR_GO: options.waitForGo ? '1' : '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  // A write to a child that died (a failed start) must not crash the test process.
  child.stdin.on('error', () => {});
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const output = () => chunks.join('');
  return {
    process: child,
    pid: child.pid ?? 0,
    output,
    exited,
    go: () => {
      child.stdin.write('go\n');
    },
    listening: () =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const url = /listening (http:\/\/\S+)/.exec(output())?.[1];
          if (url !== undefined) {
            child.stdout.off('data', check);
            resolve(url);
          }
        };
        child.stdout.on('data', check);
        check();
        void exited.then((code) =>
          reject(new Error(`server exited (${code}) before listening:\n${output()}`)),
        );
      }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
