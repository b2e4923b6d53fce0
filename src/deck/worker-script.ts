import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCodeHash } from './build-cache.ts';

/**
 * The code a build worker runs. A worker does not inherit the main thread's TypeScript loader: booted
 * through tsx it resolves and transforms some 300 modules one by one and takes about a second before
 * its first note. Bundled by esbuild into one plain JavaScript file it starts in a fraction of that.
 * The bundle is made once per version of the build code and dependencies, kept where tools keep their
 * caches (`node_modules/.cache`), and replaced atomically; if it cannot be made, workers boot through
 * tsx as before.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE_DIR = join(root, 'node_modules/.cache/deckhand');
/** Boots the worker through tsx: the way when no bundle can be made or loaded. */
export const TSX_BOOT = new URL('./build-worker-boot.mjs', import.meta.url);
const STALE_BUNDLE_MS = 24 * 3600 * 1000;
const ENTRY = fileURLToPath(new URL('./build-worker.ts', import.meta.url));

async function bundleKey(): Promise<string> {
  // npm rewrites this file on every install: a new dependency means a new bundle.
  const installed = await readFile(join(root, 'node_modules/.package-lock.json')).catch(() => '');
  return createHash('sha256')
    .update(await buildCodeHash())
    .update(installed)
    .digest('hex')
    .slice(0, 16);
}

let scriptMemo: Promise<URL> | undefined;

/** The worker's script: the bundle, made now if needed, or tsx's boot file when bundling fails. */
export function workerScript(): Promise<URL> {
  scriptMemo ??= makeBundle().catch(() => TSX_BOOT);
  return scriptMemo;
}

async function makeBundle(): Promise<URL> {
  const file = join(BUNDLE_DIR, `build-worker-${await bundleKey()}.mjs`);
  if (await stat(file).catch(() => undefined)) return pathToFileURL(file);
  await mkdir(BUNDLE_DIR, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await bundleBuildCode(temp);
  await rename(temp, file);
  // Bundles of earlier code versions: removed once a day old, not at once, since a process started
  // before the code changed (a running npm start) may still start workers from its bundle.
  for (const old of await readdir(BUNDLE_DIR)) {
    const path = join(BUNDLE_DIR, old);
    if (!old.startsWith('build-worker-') || path === file) continue;
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_BUNDLE_MS) await rm(path, { force: true });
  }
  return pathToFileURL(file);
}

/** Bundles the build worker and the code it imports into one ES module at `outfile`. */
export async function bundleBuildCode(outfile: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // Some dependencies are CommonJS and require Node's built-ins: give the ES module a `require`.
    banner: {
      js: "import { createRequire as deckhandRequire } from 'node:module'; const require = deckhandRequire(import.meta.url);",
    },
  });
}
