import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/errors.ts';
import { sourceLines } from '../../src/web/routes/source.ts';
import { CARDS, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('GET /source/:cardId', () => {
  it('renders the card’s part of the notes: its heading, its text and its code', async () => {
    const page = await server.client().get(`/source/${CARDS.rmRedis}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h3>删除本地镜像</h3>');
    expect(page.text).toContain('第 108–136 行');
    expect(page.text).toMatch(/<code class="hljs language-bash">/);
    expect(page.text).not.toContain('<h3>Dockerfile定制镜像</h3>');
  });

  it('names a one-line source as one line, not a range from a line to itself', async () => {
    const page = await server.client().get('/source/c5f6d8e0a2b4');
    expect(page.text).toContain('第 76 行');
    expect(page.text).not.toContain('第 76–76 行');
  });

  it('answers htmx with the note-source fragment', async () => {
    const reply = await server.client().partial(`/source/${CARDS.image}`);
    expect(reply.text.startsWith('<section id="note-source"')).toBe(true);
  });

  it('shows <script> and <img onerror> in a note as text, never as markup', async () => {
    const page = await server.client().get(`/source/${CARDS.untrusted}`);
    expect(page.text).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(page.text).toContain('&#x3C;img src=x onerror=alert(1)>');
    expect(page.text).not.toMatch(/<script>alert|<img src=x/);
  });

  it('answers 404 for an unknown card', async () => {
    expect((await server.client().get('/source/nope')).status).toBe(404);
  });
});

describe('card text with HTML in it', () => {
  it.each([`/review?show=${CARDS.untrusted}`, `/cards/${CARDS.untrusted}`, `/cards?q=alert`])(
    'stays text on %s',
    async (path) => {
      const page = await server.client().get(path);
      expect(page.text).toContain('&#x3C;script>alert(1)&#x3C;/script>');
      expect(page.text).not.toMatch(/<script>alert|<img src=x/);
    },
  );
});

describe('sourceLines', () => {
  it('cuts the lines asked for, clamped to the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deckhand-source-'));
    await writeFile(join(dir, 'n.md'), 'a\nb\nc\nd\n');
    expect(await sourceLines(dir, 'n.md', 2, 3)).toEqual({ text: 'b\nc', from: 2, to: 3 });
    expect(await sourceLines(dir, 'n.md', 4, 99)).toEqual({ text: 'd\n', from: 4, to: 5 });
  });

  it.each(['../etc/passwd', '/etc/passwd', 'sub/../../x.md', ''])(
    'refuses a path that leaves the notes folder: %s',
    async (file) => {
      await expect(sourceLines('test/fixtures/web/notes', file, 1, 2)).rejects.toThrow(NotFoundError);
    },
  );

  it('gives NotFoundError for a missing file', async () => {
    await expect(sourceLines('test/fixtures/web/notes', 'missing.md', 1, 2)).rejects.toThrow(NotFoundError);
  });
});
