import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const VALID = {
  newPerDay: '10',
  maxReviewsPerDay: '150',
  desiredRetention: '0.85',
  learningSteps: '1 5 15',
  relearningSteps: '10',
  dayStartHour: '5',
  language: '',
};

describe('/settings', () => {
  it('shows the defaults from the issue', async () => {
    const page = await server.client().get('/settings');
    expect(page.status).toBe(200);
    for (const [name, value] of [
      ['newPerDay', '20'],
      ['maxReviewsPerDay', '200'],
      ['desiredRetention', '0.90'],
      ['learningSteps', '1 10'],
      ['dayStartHour', '4'],
    ]) {
      expect(page.text).toMatch(new RegExp(`name="${name}" value="${value}"`));
    }
  });

  it('saves valid settings and keeps the ones the form does not show', async () => {
    const tab = server.client();
    await tab.get('/settings');
    const reply = await tab.post('/settings', VALID);
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/settings?saved=1');
    expect(server.store.settings()).toEqual({
      newPerDay: 10,
      maxReviewsPerDay: 150,
      desiredRetention: 0.85,
      learningSteps: [1, 5, 15],
      relearningSteps: [10],
      dayStartHour: 5,
      language: null,
      fuzz: false,
    });
    expect((await tab.get('/settings?saved=1')).text).toContain('设置已保存');
  });

  it('answers htmx with the form fragment', async () => {
    const tab = server.client();
    await tab.get('/settings');
    const reply = await tab.postPartial('/settings', VALID);
    expect(reply.status).toBe(200);
    expect(reply.text.startsWith('<form id="settings-form"')).toBe(true);
    expect(reply.text).toContain('设置已保存');
  });

  it.each([
    ['newPerDay', '-1'],
    ['desiredRetention', '1.5'],
    ['learningSteps', '1 abc'],
    ['dayStartHour', '24'],
    ['language', 'fr'],
  ])('refuses %s=%s with 400, marks the field and saves nothing', async (field, value) => {
    const tab = server.client();
    await tab.get('/settings');
    const before = server.store.settings();
    const reply = await tab.post('/settings', { ...VALID, [field]: value });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('请修改标出的字段');
    expect(reply.text).toMatch(new RegExp(`name="${field}"[^>]*aria-invalid="true"|<select name="language"`));
    expect(server.store.settings()).toEqual(before);
  });

  it('switches the interface to English, and back to the notes’ language', async () => {
    const tab = server.client();
    await tab.get('/settings');
    const partial = await tab.postPartial('/settings', { ...VALID, language: 'en' });
    // A new language redraws the whole page, not just the form.
    expect(partial.headers.get('hx-redirect')).toBe('/settings?saved=1');
    const english = await tab.get('/');
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Start review');
    await tab.post('/settings', { ...VALID, language: '' });
    expect((await tab.get('/')).text).toContain('开始复习');
  });
});
