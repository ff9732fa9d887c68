/**
 * The web chat's page and JSON API over HTTP, with a fake Assistant (the answer's content does not
 * matter here; the real core is exercised by tests/server/serve.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebChannel } from '../../adapters/web/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { createFakeAssistant, fakeIndexStats, testConfig, type FakeAssistant } from '../server/fakes.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

const ids = {
  conversationId: '0b6f7c3e-1111-4a5b-9c9d-000000000001',
  userId: '5d2e1f00-2222-4a5b-9c9d-000000000002',
};

let server: KumppaniServer;
let base: string;
let assistant: FakeAssistant;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: res.status === 204 ? undefined : await res.json(),
  };
}

beforeAll(async () => {
  assistant = createFakeAssistant();
  server = await createServer({
    config: testConfig({ WEB_FRAME_ANCESTORS: 'https://www.iisalmi.fi https://*.kuopio.fi' }),
    logger: silentLogger,
    state: new MemoryChannelState(),
    assistant,
    indexStats: fakeIndexStats,
    channels: [createWebChannel],
  });
  base = (await server.start({ port: 0, host: '127.0.0.1' })).url;
});
afterAll(() => server.stop());
beforeEach(() => {
  assistant.turns.length = 0;
  assistant.votes.length = 0;
});

describe('the page', () => {
  it('is rendered in the chosen language, with lang set and embedding allowed only where configured', async () => {
    const res = await fetch(`${base}/?lang=sv&municipality=Iisalmi`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<label for="message" data-i18n="web.input.label">Din fråga</label>');
    expect(html).not.toMatch(/\{\{web\./);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors https://www.iisalmi.fi https://*.kuopio.fi');
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  it("follows the browser's language when none is chosen, Finnish by default", async () => {
    const en = await (
      await fetch(`${base}/`, { headers: { 'Accept-Language': 'de-DE, en-GB;q=0.8' } })
    ).text();
    expect(en).toContain('<html lang="en">');
    const fi = await (await fetch(`${base}/`, { headers: { 'Accept-Language': 'de-DE' } })).text();
    expect(fi).toContain('<html lang="fi">');
  });

  it('serves the script, the styles and the one-line embed script', async () => {
    for (const [path, type] of [
      ['/chat.js', /javascript/],
      ['/chat.css', /text\/css/],
      ['/embed.js', /javascript/],
    ] as const) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
    }
  });
});

describe('the chat API', () => {
  it('gives the page its strings and the municipalities', async () => {
    const strings = await (await fetch(`${base}/api/chat/strings?lang=en`)).json();
    expect(strings.language).toBe('en');
    expect(strings.strings['web.send']).toBe('Send');
    expect(strings.strings['web.input.hint']).toContain('1000');
    const { municipalities } = await (await fetch(`${base}/api/chat/municipalities`)).json();
    expect(municipalities.map((m: { name: string }) => m.name)).toEqual(['Iisalmi', 'Kuopio', 'Vaasa']);
  });

  it('answers a question as a public web turn with the ids the page keeps', async () => {
    const res = await post('/api/chat/turn', {
      ...ids,
      text: '  Milloin avustusta haetaan?  ',
      language: 'fi',
    });
    expect(res.status).toBe(200);
    expect(res.body.reply).toMatchObject({ kind: 'answer', answered: true });
    expect(res.body.reply.citations).toHaveLength(2);
    // The page renders the blocks: citation numbers come as data, not as markers to find in text.
    expect(res.body.reply.blocks[0]).toEqual({
      kind: 'answer',
      parts: [
        { text: 'Toiminta-avustusta haetaan vuosittain 31.3. mennessä', cite: [1] },
        { text: '. Hakemukseen liitetään toimintasuunnitelma ja talousarvio', cite: [2] },
        { text: '.', cite: [] },
      ],
    });
    expect(assistant.turns).toEqual([
      {
        channel: 'web',
        conversationId: ids.conversationId,
        userId: ids.userId,
        text: 'Milloin avustusta haetaan?',
        locale: 'fi',
        audience: 'public',
      },
    ]);
  });

  it('passes a municipality choice on as a command', async () => {
    const res = await post('/api/chat/turn', {
      ...ids,
      command: { kind: 'set-municipality', municipality: 'Kuopio' },
    });
    expect(res.status).toBe(200);
    expect(assistant.turns[0]?.command).toEqual({ kind: 'set-municipality', municipality: 'Kuopio' });
  });

  it('stores 👍/👎', async () => {
    const res = await post('/api/chat/feedback', { answerId: 'answer-9', userId: ids.userId, vote: 'up' });
    expect(res.status).toBe(204);
    expect(assistant.votes).toEqual([
      { answerId: 'answer-9', channel: 'web', userId: ids.userId, vote: 'up' },
    ]);
  });

  it('rejects an empty or too long question with a message in the user’s language', async () => {
    const empty = await post('/api/chat/turn', { ...ids, text: '   ', language: 'sv' });
    expect(empty).toMatchObject({
      status: 400,
      body: { code: 'empty', error: 'Skriv en fråga innan du skickar.' },
    });
    const long = await post('/api/chat/turn', { ...ids, text: 'a'.repeat(1001), language: 'fi' });
    expect(long).toMatchObject({ status: 400, body: { code: 'too-long' } });
    expect(long.body.error).toBe('Kysymys on liian pitkä: enintään 1000 merkkiä (nyt 1001).');
    expect(assistant.turns).toHaveLength(0);
  });

  it('rejects malformed ids, forged commands and bad votes without calling the core', async () => {
    expect(
      (await post('/api/chat/turn', { conversationId: '../../etc', userId: ids.userId, text: 'Hei' })).status,
    ).toBe(400);
    expect((await post('/api/chat/turn', { ...ids, command: { kind: 'drop-everything' } })).status).toBe(400);
    expect(
      (await post('/api/chat/feedback', { answerId: 'a', userId: ids.userId, vote: 'meh' })).status,
    ).toBe(400);
    const notJson = await fetch(`${base}/api/chat/turn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"text":',
    });
    expect(notJson.status).toBe(400);
    expect(assistant.turns).toHaveLength(0);
    expect(assistant.votes).toHaveLength(0);
  });

  it('answers 500 with a polite message when the core breaks', async () => {
    const broken = createFakeAssistant();
    broken.handle = async () => {
      throw new Error('database on fire');
    };
    const s = await createServer({
      config: testConfig(),
      logger: silentLogger,
      state: new MemoryChannelState(),
      assistant: broken,
      indexStats: fakeIndexStats,
      channels: [createWebChannel],
    });
    const { url } = await s.start({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${url}/api/chat/turn`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...ids, text: 'Hei', language: 'en' }),
      });
      expect(res.status).toBe(500);
      const body = await res.json();
      expect(body.error).toBe('Something went wrong in the service. Please try again in a moment.');
      expect(JSON.stringify(body)).not.toContain('fire');
    } finally {
      await s.stop();
    }
  });
});

describe('the per-address rate limit', () => {
  it('replies politely with 429 once an address asks too often', async () => {
    const s = await createServer({
      config: testConfig({ WEB_RATE_LIMIT_PER_MINUTE: '2' }),
      logger: silentLogger,
      state: new MemoryChannelState(),
      assistant: createFakeAssistant(),
      indexStats: fakeIndexStats,
      channels: [createWebChannel],
    });
    const { url } = await s.start({ port: 0, host: '127.0.0.1' });
    try {
      const ask = () =>
        fetch(`${url}/api/chat/turn`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...ids, text: 'Hei', language: 'fi' }),
        });
      expect((await ask()).status).toBe(200);
      expect((await ask()).status).toBe(200);
      const limited = await ask();
      expect(limited.status).toBe(429);
      expect(await limited.json()).toEqual({
        code: 'rate-limited',
        error: 'Kysymyksiä tuli juuri nyt paljon. Odota hetki ja yritä uudelleen.',
      });
      expect(limited.headers.get('ratelimit-policy')).toBeTruthy();
      // The page itself stays reachable.
      expect((await fetch(`${url}/`)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  it('counts one limit across replicas that share the channel state', async () => {
    const state = new MemoryChannelState();
    const replicas = await Promise.all(
      [0, 1].map(() =>
        createServer({
          config: testConfig({ WEB_RATE_LIMIT_PER_MINUTE: '2' }),
          logger: silentLogger,
          state,
          assistant: createFakeAssistant(),
          indexStats: fakeIndexStats,
          channels: [createWebChannel],
        }),
      ),
    );
    const urls = [];
    for (const r of replicas) urls.push((await r.start({ port: 0, host: '127.0.0.1' })).url);
    try {
      const ask = (url: string) =>
        fetch(`${url}/api/chat/turn`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...ids, text: 'Hei', language: 'fi' }),
        });
      expect((await ask(urls[0]!)).status).toBe(200);
      expect((await ask(urls[1]!)).status).toBe(200);
      // Each replica saw only one question, but the address has asked two.
      expect((await ask(urls[0]!)).status).toBe(429);
      expect((await ask(urls[1]!)).status).toBe(429);
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
  });
});
