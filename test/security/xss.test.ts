/**
 * XSS in real Chromium. A deck full of payloads (see hostile-deck.ts) is served by the real server,
 * and every page is opened: Today, review front and back of each card, Browse, each card page, each
 * source view, quiz setup, every question and its feedback, results, history, Stats, Settings. No
 * page may open a dialog, send a request to the canary server, or hold an element or attribute that
 * runs script, and the payloads must be there as text. The exports (.txt and the .apkg's fields, as
 * the app's download links serve them) are rendered in Chromium too, with no CSP to help, since Anki
 * shows fields as HTML.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../src/deck/types.ts';
import { toAnkiText } from '../../src/export/anki-text.ts';
import { openApkg } from '../../src/export/apkg.ts';
import { DEFAULT_SETTINGS } from '../../src/review/types.ts';
import { openStore } from '../../src/store/lowdb-store.ts';
import type { ReviewStore } from '../../src/store/types.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';
import { launchChromium } from '../e2e/chromium.ts';
import { readAnkiRows } from '../support/anki-text-rows.ts';
import { TestClient } from '../web/harness.ts';
import { payloads, writeHostileDeck } from './hostile-deck.ts';

let dir = '';
let canary: Server;
let canaryUrl = '';
const canaryHits: string[] = [];
let store: ReviewStore;
let server: RunningServer;
let browser: Browser;
let deck: Deck;
const dialogs: string[] = [];
const canaryRequests: string[] = [];

beforeAll(async () => {
  canary = createServer((req, res) => {
    canaryHits.push(`${req.method} ${req.url}`);
    res.end('');
  });
  canary.listen(0, '127.0.0.1');
  await once(canary, 'listening');
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;

  dir = await mkdtemp(join(tmpdir(), 'deckhand-xss-'));
  const notesDir = join(dir, 'notes');
  const dataDir = join(dir, 'data');
  await mkdir(notesDir);
  deck = await writeHostileDeck(notesDir, join(dataDir, 'deck.json'), canaryUrl);
  ({ store } = await openStore({ dataDir }));
  await store.saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 1000, fuzz: false });
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, notesDir }, { deck, store });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  canary?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A page that reports dialogs (dismissed) and every request it makes to the canary. */
async function watchedPage(): Promise<Page> {
  const page = await browser.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (request.url().startsWith(canaryUrl)) canaryRequests.push(`${page.url()} → ${request.url()}`);
  });
  return page;
}

/** Elements and attributes that could run script or load from the canary, as found in the live DOM. */
function dangerousNodes(page: Page): Promise<string[]> {
  return page.evaluate((canaryOrigin) => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) found.push(`<${tag} ${name}>`);
        if (/^\s*(javascript|vbscript|data:text\/html)/i.test(attr.value))
          found.push(`<${tag} ${name}=${attr.value}>`);
        // Attributes that load something by themselves (a link in the notes only loads when clicked).
        const loads = ['src', 'srcset', 'poster', 'data', 'action', 'formaction', 'background', 'style'];
        const loadingHref = name === 'href' && tag !== 'a';
        if ((loads.includes(name) || loadingHref) && attr.value.includes(canaryOrigin))
          found.push(`<${tag} ${name}=${attr.value}>`);
      }
      if (['iframe', 'object', 'embed', 'frame', 'base'].includes(tag)) found.push(`<${tag}>`);
      if (tag === 'script' && !(el.getAttribute('src') ?? '').startsWith('/static/'))
        found.push('<script> inline');
      if (
        tag === 'style' ||
        (tag === 'link' &&
          el.getAttribute('rel') === 'stylesheet' &&
          !(el.getAttribute('href') ?? '').startsWith('/static/'))
      )
        found.push(`<${tag}> not ours`);
    }
    return found;
  }, canaryUrl);
}

/** Opens `path`, checks it, and returns its visible text. */
async function visit(page: Page, path: string): Promise<string> {
  const response = await page.goto(`${server.url}${path}`);
  await page.waitForLoadState('load');
  expect(response?.status(), path).toBeLessThan(400);
  expect(await dangerousNodes(page), path).toEqual([]);
  return (await page.locator('body').textContent()) ?? '';
}

describe('pages showing a deck full of script payloads', () => {
  it('Today, Browse, Stats, Settings and the quiz setup show them as text and run nothing', async () => {
    const page = await watchedPage();
    expect(await visit(page, '/')).toContain("alert('img')"); // the deck name, from the front matter
    expect(await visit(page, '/cards')).toContain("<script>alert('script')");
    await visit(page, `/cards?q=${encodeURIComponent('<script>')}`);
    await visit(page, '/stats');
    await visit(page, '/settings');
    expect(await visit(page, '/quiz')).toContain("alert('svg')"); // a topic, from a heading
    await page.close();
    expect({ dialogs, canaryRequests, canaryHits }).toEqual({
      dialogs: [],
      canaryRequests: [],
      canaryHits: [],
    });
  });

  it('every card: review front and back, card page and source view show them as text', async () => {
    const page = await watchedPage();
    const shown: string[] = [];
    for (const card of deck.cards) {
      await visit(page, `/review?card=${card.id}`);
      shown.push(await visit(page, `/review?show=${card.id}`));
      shown.push(await visit(page, `/cards/${card.id}`));
      shown.push(await visit(page, `/source/${card.id}`));
    }
    // The hand-written cards carry every payload; they must be on screen, as text.
    const text = shown.join('\n');
    for (const marker of [
      "alert('script')",
      "alert('img')",
      "alert('svg')",
      "alert('js-link')",
      "alert('breakout')",
      'C/iframe'.replace('C/', ''),
    ]) {
      expect(text).toContain(marker);
    }
    // Through htmx too: reveal the answer and swap the note in on the review page.
    await visit(page, `/review?card=x55concept01`);
    await page.keyboard.press('Space');
    await page.locator('a[hx-get^="/source/"]').first().click();
    await page.locator('#note-source > *').first().waitFor();
    expect(await dangerousNodes(page)).toEqual([]);
    await page.close();
    expect(deck.cards.length).toBeGreaterThan(3);
    expect({ dialogs, canaryRequests, canaryHits }).toEqual({
      dialogs: [],
      canaryRequests: [],
      canaryHits: [],
    });
  }, 120_000);

  it('every quiz question, its feedback, the results and the history show them as text', async () => {
    const tab = new TestClient(server.url);
    await tab.get('/quiz');
    const created = await tab.post('/quiz', { count: '200', mode: 'practice', seed: 'xss-all' });
    const location = created.headers.get('location') ?? created.headers.get('hx-redirect') ?? '';
    const id = /\/quiz\/([a-z0-9-]+)/.exec(location)?.[1];
    expect(id, `quiz start answered ${created.status} ${location}`).toBeDefined();

    const page = await watchedPage();
    const shown: string[] = [];
    for (let index = 0; index < 200; index++) {
      const text = await visit(page, `/quiz/${id}`);
      if (page.url().endsWith('/results')) break;
      shown.push(text);
      const answer = await tab.post(`/quiz/${id}/answer`, {
        index: String(index),
        choice: '0',
        value: 'true',
        text: 'x',
        m0: '0',
        m1: '1',
        m2: '2',
      });
      expect(answer.status, `answer ${index}`).toBeLessThan(400);
      shown.push(await visit(page, `/quiz/${id}?feedback=${index}`));
      const next = await tab.post(`/quiz/${id}/next`, { index: String(index) });
      expect(next.status, `next ${index}`).toBeLessThan(400);
    }
    shown.push(await visit(page, `/quiz/${id}/results`));
    shown.push(await visit(page, '/quiz/history'));
    const text = shown.join('\n');
    for (const marker of ["alert('script')", "alert('img')", "alert('svg')", "alert('breakout')"]) {
      expect(text).toContain(marker);
    }
    await page.close();
    expect({ dialogs, canaryRequests, canaryHits }).toEqual({
      dialogs: [],
      canaryRequests: [],
      canaryHits: [],
    });
  }, 120_000);
});

/** Rows of Anki's text format: tab-separated, fields with tabs, newlines or quotes quoted CSV-style. */
function tabSeparated(text: string): string[][] {
  return readAnkiRows(
    text
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n'),
  );
}

describe('exports of the deck', () => {
  /** Renders exported field HTML in a blank page, without our CSP, as Anki's card view would. */
  async function renderFields(fields: string[]): Promise<string[]> {
    const page = await watchedPage();
    await page.setContent(fields.map((f) => `<div class="field">${f}</div>`).join('\n'));
    await page.waitForTimeout(100);
    const bad = await dangerousNodes(page);
    const text = (await page.locator('body').textContent()) ?? '';
    await page.close();
    expect(bad).toEqual([]);
    return [text];
  }

  it('the text export escapes every field: rendered as HTML, nothing runs', async () => {
    const download = await fetch(`${server.url}/export/deck.txt`);
    expect(download.status).toBe(200);
    const text = await download.text();
    expect(text).toBe(toAnkiText(deck));
    const rows = tabSeparated(text);
    expect(rows.length).toBe(deck.cards.length);
    // Columns 4–7 are the HTML fields; GUID, note type, deck and tags are plain text to Anki.
    const fields = rows.flatMap((row) => row.slice(3, 7));
    const [shown] = await renderFields(fields);
    expect(shown).toContain("alert('script')");
    expect(shown).toContain("alert('img')");
    expect({ dialogs, canaryRequests, canaryHits }).toEqual({
      dialogs: [],
      canaryRequests: [],
      canaryHits: [],
    });
  });

  it('the .apkg holds escaped fields and tags: rendered as HTML, nothing runs', async () => {
    const download = await fetch(`${server.url}/export/deck.apkg`);
    expect(download.status).toBe(200);
    const bytes = new Uint8Array(await download.arrayBuffer());
    const db = await openApkg(bytes);
    const rows = db.exec('SELECT flds, tags FROM notes')[0]?.values ?? [];
    const models = String(db.exec('SELECT models FROM col')[0]?.values[0]?.[0]);
    db.close();
    expect(rows.length).toBe(deck.cards.length);
    const fields = rows.flatMap(([flds]) => String(flds).split('\x1f'));
    // Note type templates and CSS are ours: no payload reaches them.
    expect(models).not.toContain(canaryUrl);
    const [shown] = await renderFields(fields);
    expect(shown).toContain("alert('script')");
    expect(shown).toContain("alert('img')");
    expect({ dialogs, canaryRequests, canaryHits }).toEqual({
      dialogs: [],
      canaryRequests: [],
      canaryHits: [],
    });
  });
});

describe('the checks themselves', () => {
  it('catch a payload that is not escaped: a dialog, a canary request and the nodes', async () => {
    const page = await watchedPage();
    const p = payloads(canaryUrl);
    await page.setContent(`<div>${p.img}${p.script}${p.svg}</div>`);
    await expect.poll(() => canaryHits.length).toBeGreaterThan(0);
    await expect.poll(() => dialogs.length).toBeGreaterThan(0);
    expect((await dangerousNodes(page)).length).toBeGreaterThan(0);
    await page.close();
  });
});
