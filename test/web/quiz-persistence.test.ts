import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QUIZ_DECK } from '../quiz/quiz-server.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startServer', () => {
  it('keeps quizzes on disk in DATA_DIR/quizzes when no quiz store is passed in', async () => {
    server = await startTestServer({ deckFile: QUIZ_DECK });
    const tab = server.client();
    await tab.get('/quiz');
    const reply = await tab.post('/quiz', {});
    expect(reply.status).toBe(303);
    const id = /^\/quiz\/([a-z0-9]+)$/.exec(reply.headers.get('location') ?? '')?.[1];
    expect(id).toBeDefined();
    const files = await readdir(join(server.dataDir, 'quizzes'));
    expect(files).toContain(`${id}.json`);
    const saved = JSON.parse(await readFile(join(server.dataDir, 'quizzes', `${id}.json`), 'utf8'));
    expect(JSON.stringify(saved)).toContain(id);
  });
});
