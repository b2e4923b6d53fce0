import { get } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARDS, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** A GET with node:http, which (unlike fetch) leaves the body compressed. */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      }).on('error', reject);
    },
  );
}

describe('static assets', () => {
  it('keeps the whole review page (HTML, CSS, JS with htmx) under 30 KB gzipped', async () => {
    const page = await rawGet(`${server.url}/review?show=${CARDS.rmRedis}`);
    let total = gzipSync(page.body).length;
    const urls = [...page.body.toString().matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(3);
    for (const url of urls) {
      const asset = await rawGet(server.url + url, { 'accept-encoding': 'gzip' });
      expect(asset.headers['content-encoding']).toBe('gzip');
      total += asset.body.length;
    }
    expect(total).toBeLessThan(30 * 1024);
  });

  it('serves hashed URLs with immutable caching, ETags and plain bodies for clients without gzip', async () => {
    const page = await rawGet(`${server.url}/`);
    const css = /href="(\/static\/app\.[0-9a-f]{12}\.css)"/.exec(page.body.toString())?.[1];
    expect(css).toBeDefined();
    const plain = await rawGet(server.url + css!);
    expect(plain.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body.toString()).toContain('--accent');
    const zipped = await rawGet(server.url + css!, { 'accept-encoding': 'gzip, br' });
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const again = await rawGet(server.url + css!, { 'if-none-match': String(plain.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('answers 404 for an asset that is not ours', async () => {
    expect((await rawGet(`${server.url}/static/app.000000000000.css`)).status).toBe(404);
    expect((await rawGet(`${server.url}/static/../package.json`)).status).toBe(404);
  });
});
