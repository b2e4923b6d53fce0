import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import express from 'express';
import { writeDeck } from '../deck/file.ts';
import { type Card, DECK_FORMAT_VERSION, type Deck } from '../deck/types.ts';
import { DEFAULT_SETTINGS } from '../review/types.ts';
import { openStore } from '../store/lowdb-store.ts';
import { seedReviews } from '../store/seed.ts';
import { startServer } from '../web/server.ts';
import type { BenchRow } from './report.ts';

/** Requests per measured run: bounded, so a bench never runs away on a shared machine. */
const REQUESTS = 1500;
const CONNECTIONS = 8;

/** A deck of `count` small cards in one deck, as the review server sees a large collection. */
export function syntheticDeck(count: number): Deck {
  const cards: Card[] = Array.from({ length: count }, (_, i) => ({
    id: `bench-${String(i).padStart(5, '0')}`,
    kind: 'command',
    deck: '基准',
    key: `docker bench ${i}`,
    front: `第 ${i} 张卡片：列出镜像的命令？`,
    back: '`docker image ls`',
    extra: '',
    source: {
      file: 'bench.md',
      headingPath: ['基准', `第${Math.floor(i / 100)}节`],
      line: i + 1,
      endLine: i + 1,
    },
    tags: ['bench'],
  }));
  return {
    version: DECK_FORMAT_VERSION,
    decks: [{ name: '基准', file: 'bench.md', lang: 'zh', tags: [], topics: [] }],
    cards,
    quiz: [],
    warnings: [],
  };
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function p99(options: autocannon.Options): Promise<{ p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({ connections: CONNECTIONS, amount: REQUESTS, timeout: 10, ...options });
  return { p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

/** Baselines in the same run: a bare Express POST, and one that appends and fsyncs a line. */
export async function measureBaselines(dir: string): Promise<{ bare: number; append: number }> {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  const log = await open(join(dir, 'baseline.jsonl'), 'a');
  app.post('/bare', (_req, res) => {
    res.send('ok');
  });
  app.post('/append', async (req, res) => {
    await log.write(`${JSON.stringify({ ...req.body, at: Date.now() })}\n`);
    await log.sync();
    res.send('ok');
  });
  const server = createServer(app);
  const url = await listen(server);
  const post = {
    method: 'POST' as const,
    body: 'rating=3&reps=0',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
  await p99({ url: `${url}/bare`, ...post }); // warm-up, as for the grade server (see gradeRows)
  const bare = Math.min(
    (await p99({ url: `${url}/bare`, ...post })).p99,
    (await p99({ url: `${url}/bare`, ...post })).p99,
  );
  const append = await p99({ url: `${url}/append`, ...post });
  server.close();
  await log.close();
  return { bare, append: append.p99 };
}

export interface GradeFigures {
  p99: number;
  failures: number;
  startMs: number;
  rssMb: number;
  pageGzipKb?: number;
}

/**
 * Settings for the run, saved through a store of their own. In a function of its own: a store held
 * in a block of the caller stays reachable from its suspended frame, and a second copy of 100,000
 * reviews (~80 MB) would sit in the heap the measured server collects garbage in.
 */
async function saveBenchSettings(dataDir: string): Promise<void> {
  const { store } = await openStore({ dataDir });
  await store.saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 10_000, maxReviewsPerDay: 10_000 });
  await store.close();
}

/**
 * The grade request against the real server and store: `reviews` past reviews over a 10,000-card
 * deck, then REQUESTS grades of distinct new cards (each a real FSRS grade, fsynced before the reply).
 */
export async function measureGrade(
  dir: string,
  reviews: number,
  { withPage = false, run = 0 }: { withPage?: boolean; run?: number } = {},
): Promise<GradeFigures> {
  const deck = syntheticDeck(10_000);
  const dataDir = join(dir, `grade-${reviews}-${run}`);
  const now = new Date();
  const reviewed = deck.cards.slice(0, 5000).map((c) => c.id);
  await seedReviews({ dataDir, cards: reviewed, reviews, now });
  await writeDeck(join(dataDir, 'deck.json'), deck);
  await saveBenchSettings(dataDir);
  const started = performance.now();
  const { store } = await openStore({ dataDir });
  const server = await startServer(
    { port: 0, host: '127.0.0.1', dataDir, notesDir: dir },
    { deck, store, log: () => {} },
  );
  const startMs = performance.now() - started;

  const first = await fetch(`${server.url}/review`);
  const html = await first.text();
  const cookie = first.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  let pageGzipKb: number | undefined;
  if (withPage) {
    let bytes = gzipSync(html).length;
    for (const asset of html.matchAll(/(?:href|src)="(\/[^"]+\.(?:css|js))"/g)) {
      const response = await fetch(`${server.url}${asset[1]}`, { headers: { 'accept-encoding': 'gzip' } });
      const body = Buffer.from(await response.arrayBuffer());
      // fetch undoes gzip; measure what travels, gzipped as the server sends it.
      bytes += gzipSync(body).length;
    }
    pageGzipKb = bytes / 1024;
  }

  const fresh = deck.cards.slice(5000).map((c) => c.id);
  let next = 0;
  const result = await p99({
    url: server.url,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          path: `/review/${fresh[next++ % fresh.length]}/grade`,
          body: `rating=3&reps=0&_csrf=${encodeURIComponent(csrf)}`,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie,
            origin: server.url,
            'hx-request': 'true',
            'hx-request-type': 'partial',
          },
        }),
      },
    ],
  });
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  await server.close();
  await store.close();
  return {
    p99: result.p99,
    failures: result.errors + result.non2xx,
    startMs,
    rssMb,
    ...(pageGzipKb === undefined ? {} : { pageGzipKb }),
  };
}

/** Bench rows for the review server, warm, best of two runs each (issue targets: p99 within 3× bare Express; 100k within 1.2× of 1k). */
export async function gradeRows(dir: string): Promise<BenchRow[]> {
  const base = await measureBaselines(dir);
  // A server runs for days: measure it warm. A throwaway server of its own (100 past reviews) takes
  // the first requests, which compile the request path; the measured stores start untouched. The
  // bare Express baseline gets a warm-up run too.
  await measureGrade(dir, 100);
  // Best of two runs, each on a fresh server and store, like the bare baseline: a burst of other
  // work on this shared machine lands in one run's tail, rarely in both.
  const bestOf2 = async (reviews: number, withPage: boolean): Promise<GradeFigures> => {
    const first = await measureGrade(dir, reviews, { withPage, run: 1 });
    const second = await measureGrade(dir, reviews, { withPage, run: 2 }); // the same work as the first
    return { ...(second.p99 < first.p99 ? second : first), failures: first.failures + second.failures };
  };
  const small = await bestOf2(1_000, true);
  const large = await bestOf2(100_000, false);
  const rows: BenchRow[] = [
    { name: 'POST baseline: bare Express p99', value: base.bare, unit: 'ms' },
    { name: 'POST baseline: fsynced append p99', value: base.append, unit: 'ms' },
  ];
  for (const [label, m] of [
    ['1,000', small],
    ['100,000', large],
  ] as const) {
    rows.push({
      name: `grade p99, ${label} reviews, 10,000 cards (${m.failures} failed)`,
      value: m.p99,
      unit: 'ms',
      baseline: { name: 'bare Express', value: base.bare },
      ratio: m.p99 / base.bare,
      target: '≤ 3× bare',
      pass: m.p99 / base.bare <= 3 && m.failures === 0,
    });
  }
  rows.push({
    name: 'grade p99: 100k ÷ 1k reviews',
    value: large.p99 / small.p99,
    unit: '×',
    target: '≤ 1.2×',
    pass: large.p99 / small.p99 <= 1.2,
  });
  rows.push({ name: 'server start (open store + listen), 100k reviews', value: large.startMs, unit: 'ms' });
  rows.push({ name: 'server RSS, 100k reviews, after the run', value: large.rssMb, unit: 'MB' });
  if (small.pageGzipKb !== undefined) {
    rows.push({
      name: 'review page, HTML + CSS + JS gzipped',
      value: small.pageGzipKb,
      unit: 'KB',
      target: '< 30 KB',
      pass: small.pageGzipKb < 30,
    });
  }
  return rows;
}
