import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DeckhandError } from '../errors.ts';

/** A configuration the server must not start with (bad port, a public address without a password). */
export class ConfigError extends DeckhandError {
  override name = 'ConfigError';
}

/** Everything the web server needs to know about its surroundings, validated once at startup. */
export interface WebConfig {
  port: number;
  host: string;
  /** Absolute folder for the deck file and the review database. */
  dataDir: string;
  /** Absolute folder of the Markdown notes (the source view reads them, the watcher watches them). */
  notesDir: string;
  /** Set: every page asks for it first. Required when `host` is not a loopback address. */
  password?: string;
}

const LOOPBACK_NAMES = new Set(['localhost', 'ip6-localhost', 'ip6-loopback']);

/** True for 127.0.0.0/8, ::1 and the usual localhost names: the only hosts served without a password. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (LOOPBACK_NAMES.has(h)) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.');
  return false;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('data'),
  NOTES_DIR: z.string().trim().min(1).default('content'),
  DECKHAND_PASSWORD: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});

/**
 * Checks the rule that keeps progress private: a non-loopback host is served only behind a password.
 * @throws ConfigError otherwise.
 */
export function assertSafeBinding(config: Pick<WebConfig, 'host' | 'password'>): void {
  if (!isLoopbackHost(config.host) && config.password === undefined) {
    throw new ConfigError(
      `HOST=${config.host} is reachable from other machines: set DECKHAND_PASSWORD to serve it, or use HOST=127.0.0.1`,
    );
  }
  if (config.password !== undefined && config.password.length < 8) {
    throw new ConfigError('DECKHAND_PASSWORD must be at least 8 characters long');
  }
}

/**
 * Reads PORT (default 3000), HOST (default 127.0.0.1), DATA_DIR (default data/), NOTES_DIR (default
 * content/) and DECKHAND_PASSWORD from an environment, resolving folders against `cwd`.
 * @throws ConfigError for a malformed value or a public host without a password.
 * @example loadConfig({ PORT: '0' }, '/srv/deckhand') // { port: 0, host: '127.0.0.1', dataDir: '/srv/deckhand/data', … }
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): WebConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid ${issue?.path.join('.') ?? 'setting'}: ${issue?.message ?? ''}`);
  }
  const { PORT, HOST, DATA_DIR, NOTES_DIR, DECKHAND_PASSWORD } = parsed.data;
  const config: WebConfig = {
    port: PORT,
    host: HOST,
    dataDir: resolve(cwd, DATA_DIR),
    notesDir: resolve(cwd, NOTES_DIR),
    ...(DECKHAND_PASSWORD === undefined ? {} : { password: DECKHAND_PASSWORD }),
  };
  assertSafeBinding(config);
  return config;
}
