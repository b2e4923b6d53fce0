/**
 * The app's routes, read from Express's router stack, so that a route added later is covered by the
 * security and input tests without anyone remembering to list it.
 */
import type { Express } from 'express';
import { readDeck } from '../../src/deck/file.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { createApp } from '../../src/web/app.ts';
import { FIXTURE_DECK, FIXTURE_NOTES } from '../web/harness.ts';

export interface AppRoute {
  method: string;
  /** As declared, with `:params`. */
  path: string;
}

interface Layer {
  name?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  match(path: string): boolean;
}

function walk(stack: Layer[], out: AppRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') out.push({ method: method.toUpperCase(), path });
        }
      }
    } else if (layer.handle?.stack) {
      // A router mounted under a prefix would hide the prefix from its routes' paths.
      if (!layer.match('/zz-probe/zz')) {
        throw new Error(
          'a router is mounted under a path prefix: teach test/security/app-routes.ts to read it',
        );
      }
      walk(layer.handle.stack, out);
    }
  }
}

/** Every (method, path) the app answers, in stack order. */
export function routesOf(app: Express): AppRoute[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  const out: AppRoute[] = [];
  walk(router.stack, out);
  return out;
}

/** The routes of the app as `npm start` builds it, with the password gate's routes too. */
export async function allRoutes(): Promise<AppRoute[]> {
  const deck = await readDeck(FIXTURE_DECK);
  const app = createApp({
    deck,
    store: createMemoryStore(),
    now: () => new Date(),
    config: { password: 'a long password' },
    notesDir: FIXTURE_NOTES,
  });
  const seen = new Set<string>();
  return routesOf(app).filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Values for a route's params: a card id, a quiz id, an asset name, an export format; `fallback` else. */
export interface ParamValues {
  cardId: string;
  quizId: string;
  fallback?: string;
}

/** The route's path with its params filled in (quiz routes get the quiz id, others the card id). */
export function fillPath(path: string, values: ParamValues, override?: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (override !== undefined) return override;
    if (path.startsWith('/quiz/')) return values.quizId;
    if (path.startsWith('/static/')) return 'app.css';
    if (/^(id|cardId)$/.test(name)) return values.cardId;
    if (name === 'format') return 'txt';
    return values.fallback ?? 'x';
  });
}
