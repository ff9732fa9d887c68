/**
 * The self-assessment through the web chat API over the real core (issue 17): "/pikatesti" starts
 * it, each answer button's command goes back through the API's command validation, and the last
 * answer returns the cited result; a forged answer value is refused with a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChannel } from '../../adapters/web/index.ts';
import { createServices, type Services } from '../../src/app.ts';
import { loadQuicktest } from '../../src/dialogue/quicktest.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { Choice } from '../../src/kernel/types.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { fakeIndexStats, testConfig } from '../server/fakes.ts';

const ids = {
  conversationId: '0b6f7c3e-5555-4a5b-9c9d-000000000017',
  userId: '5d2e1f00-6666-4a5b-9c9d-000000000017',
};

let services: Services;
let server: KumppaniServer;
let base: string;

async function post(path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

beforeAll(async () => {
  const config = testConfig();
  services = await createServices(config, { logger: silentLogger });
  server = await createServer({
    config,
    logger: silentLogger,
    state: services.channelState,
    assistant: services.assistant,
    indexStats: fakeIndexStats,
    channels: [createWebChannel],
  });
  base = (await server.start({ port: 0, host: '127.0.0.1' })).url;
});

afterAll(async () => {
  await server?.stop();
  await services?.close();
});

describe('the self-assessment in the web chat', () => {
  it('runs from /quicktest to the cited result through the answer buttons', async () => {
    const test = loadQuicktest('knowledge/quicktest.yml');
    let res = await post('/api/chat/turn', { ...ids, text: '/quicktest', language: 'en' });
    expect(res.status).toBe(200);
    expect(res.body.reply.text).toContain(test.questions[0]!.text.en);
    for (let i = 0; i < test.questions.length; i++) {
      const yes = (res.body.reply.choices as Choice[]).find(
        (c) => c.label === t('en', 'quicktest.answer.yes'),
      );
      expect(yes?.command).toEqual({ kind: 'quicktest-answer', value: 'yes' });
      res = await post('/api/chat/turn', { ...ids, command: yes!.command, language: 'en' });
      expect(res.status).toBe(200);
    }
    expect(res.body.reply.text).toContain(t('en', 'quicktest.result.overall', { score: 100 }));
    expect(res.body.reply.text).toContain(t('en', 'quicktest.result.allDone'));
    // All yes: no steps, but the region's figures, each cited.
    expect(res.body.reply.citations.length).toBeGreaterThan(0);
    expect(res.body.reply.citations[0].source).toBe('knowledge/demo/alue/kuntakysely-2026.md');
  });

  it('refuses a forged answer value', async () => {
    const res = await post('/api/chat/turn', {
      ...ids,
      command: { kind: 'quicktest-answer', value: 'maybe' },
    });
    expect(res.status).toBe(400);
  });
});
