/**
 * Path traversal. Nothing the server reads from disk may come from outside the notes and data
 * folders, whether the path arrives in the URL (every GET route's params and query, raw, so that
 * neither `fetch` nor the URL parser tidies `..` away first) or in the deck file, which is input too:
 * a card's `source.file` is what the source view opens.
 */
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeck } from '../../src/deck/file.ts';
import type { Card, Deck } from '../../src/deck/types.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';
import { FIXTURE_DECK, FIXTURE_NOTES } from '../web/harness.ts';
import { allRoutes, fillPath } from './app-routes.ts';

const SECRET = 'TOP-SECRET-CANARY-7f3a';
/** Text that shows a file outside the folders leaked: our secret, the system's users, our own package. */
const LEAKS = [SECRET, 'root:x:0:0', '"devDependencies"', 'compilerOptions'];

let root = '';
let notes = '';
let server: RunningServer;
let deck: Deck;

/** Where a card says it comes from, each trying to leave the notes folder. */
function sources(): string[] {
  return [
    '../secret.md',
    '../../secret.md',
    'sub/../../secret.md',
    `${root}/secret.md`,
    `${notes}/../secret.md`,
    '/etc/passwd',
    '../../../../../../../../etc/passwd',
    '..\\secret.md',
    '..\\..\\secret.md',
    '%2e%2e/secret.md',
    '%2e%2e%2fsecret.md',
    '%252e%252e%252fsecret.md',
    '..%2fsecret.md',
    '....//secret.md',
    'docker-notes.md/../../secret.md',
    '',
    '.',
    '..',
    'file:///etc/passwd',
    '\\\\server\\share\\secret.md',
  ];
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'deckhand-paths-'));
  notes = join(root, 'notes');
  await mkdir(join(root, 'data'));
  await cp(FIXTURE_NOTES, notes, { recursive: true });
  await writeFile(join(root, 'secret.md'), `# ${SECRET}\n\n${SECRET}\n`);
  const base = await readDeck(FIXTURE_DECK);
  const template = base.cards[0]!;
  const hostile: Card[] = sources().map((file, i) => ({
    ...template,
    id: `xpath${String(i).padStart(3, '0')}`,
    key: `path ${i}`,
    source: { ...template.source, file, line: 1, endLine: 5 },
  }));
  deck = { ...base, cards: [...base.cards, ...hostile] };
  server = await startServer(
    { port: 0, host: '127.0.0.1', dataDir: join(root, 'data'), notesDir: notes },
    { deck, store: createMemoryStore() },
  );
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

/** A GET with the path sent exactly as given (no URL normalization of `..` or `%2e`). */
async function rawGet(path: string): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  const req = request({ host: url.hostname, port: url.port, path, method: 'GET' });
  req.end();
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') };
}

function expectNoLeak(body: string, where: string): void {
  for (const leak of LEAKS) expect(body.includes(leak), `${where} shows ${leak}`).toBe(false);
}

describe('the source view with a deck whose source paths leave the notes folder', () => {
  it('answers 404 for each and shows none of the file', async () => {
    for (const card of deck.cards.filter((c) => c.id.startsWith('xpath'))) {
      const reply = await rawGet(`/source/${card.id}`);
      expect(reply.status, JSON.stringify(card.source.file)).toBe(404);
      expectNoLeak(reply.body, card.source.file);
    }
  });

  it('still shows a source inside the folder (so the 404s are the check, not a broken view)', async () => {
    const inside = deck.cards[0]!;
    const reply = await rawGet(`/source/${inside.id}`);
    expect(reply.status).toBe(200);
    const note = await readFile(join(notes, inside.source.file), 'utf8');
    expect(reply.body).toContain(
      note
        .split('\n')
        [inside.source.line - 1]!.replace(/^#+\s*/, '')
        .slice(0, 6),
    );
  });
});

describe('every GET route with traversal in its params and query', () => {
  const PAYLOADS = [
    '..%2F..%2Fsecret.md',
    '..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '%2e%2e%2f%2e%2e%2fsecret.md',
    '%2e%2e/%2e%2e/secret.md',
    '%252e%252e%252f%252e%252e%252fsecret.md',
    '..%5c..%5csecret.md',
    '%2Fetc%2Fpasswd',
    `${encodeURIComponent(resolve('package.json'))}`,
    '..%2F..%2Fpackage.json',
    '..%2F..%2Ftsconfig.json',
    '%c0%ae%c0%ae%2fsecret.md',
  ];
  const QUERY_NAMES = ['file', 'path', 'source', 'show', 'card', 'topic', 'q', 'deck', 'next', 'format'];

  it('reads no file outside the notes and data folders', async () => {
    const routes = (await allRoutes()).filter((r) => r.method === 'GET');
    let requests = 0;
    for (const route of routes) {
      for (const payload of PAYLOADS) {
        const paths = [
          ...(route.path.includes(':') ? [fillPath(route.path, { cardId: 'x', quizId: 'x' }, payload)] : []),
          // The same after a real segment, as a path suffix (`/cards/../../secret.md`).
          `${fillPath(route.path, { cardId: deck.cards[0]!.id, quizId: 'abc' })}/${payload}`,
          `${fillPath(route.path, { cardId: deck.cards[0]!.id, quizId: 'abc' })}?${QUERY_NAMES.map((n) => `${n}=${payload}`).join('&')}`,
        ];
        for (const path of paths) {
          const reply = await rawGet(path);
          requests++;
          expect(reply.status, path).not.toBe(500);
          expectNoLeak(reply.body, path);
        }
      }
    }
    // Literal `../` segments too, which an HTTP client may send as they are.
    for (const path of [
      '/static/../../package.json',
      '/source/../../secret.md',
      '/static/..%2f..%2fpackage.json',
    ]) {
      const reply = await rawGet(path);
      expectNoLeak(reply.body, path);
    }
    expect(requests).toBeGreaterThan(routes.length * PAYLOADS.length);
  });
});
