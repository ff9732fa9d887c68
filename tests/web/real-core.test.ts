/**
 * The web chat API over the real core (the composition root's assistant on an in-memory embedded
 * PostgreSQL with a small indexed corpus): what reaches the database, not only the adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChannel } from '../../adapters/web/index.ts';
import { createServices, type Services } from '../../src/app.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { corpus } from '../retrieval/fixtures.ts';
import { fakeIndexStats, testConfig } from '../server/fakes.ts';

const ids = {
  conversationId: '0b6f7c3e-3333-4a5b-9c9d-000000000003',
  userId: '5d2e1f00-4444-4a5b-9c9d-000000000004',
};

/** A municipality whose only document is for staff: the public chat must not name it. */
const staffOnly = {
  doc: {
    source: 'test/sisalahti/muistio.md',
    format: 'md' as const,
    meta: {
      title: 'Henkilöstön muistio',
      municipality: 'Sisälahti',
      audience: 'staff' as const,
      language: 'fi' as const,
      topics: [],
    },
    blocks: [{ headings: ['Muistio'], text: 'Sisäinen muistio tilavarauksista.' }],
    contentHash: 'test/sisalahti/muistio.md:1',
  },
  chunks: [{ ord: 0, section: 'Muistio', text: 'Sisäinen muistio tilavarauksista.' }],
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
  for (const f of [...corpus, staffOnly]) await services.writer.put(f.doc, f.chunks);
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

describe('control characters', () => {
  it('a question with NUL and other C0 characters in it is answered as the same question without them', async () => {
    const res = await post('/api/chat/turn', {
      ...ids,
      text: 'Kuka on kunnan\u0000 järjestö\u001byhdyshenkilö?\u0007',
      language: 'fi',
    });
    expect(res.status).toBe(200);
    expect(res.body.reply.text).not.toContain(t('fi', 'dialogue.error'));
    expect(res.body.reply).toMatchObject({ kind: 'answer', answered: true });
    expect(res.body.reply.text).toContain('Liisa Laine');
  });

  it('feedback whose answerId has a NUL in it gets 400, and the real answer id is still stored', async () => {
    const asked = await post('/api/chat/turn', { ...ids, text: 'Kuka on kunnan järjestöyhdyshenkilö?' });
    const answerId = asked.body.reply.id as string;
    expect(answerId).toMatch(/^[0-9a-f-]{36}$/);
    const forged = await post('/api/chat/feedback', {
      answerId: `${answerId}\u0000`,
      userId: ids.userId,
      vote: 'up',
    });
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('invalid');
    const nul = await post('/api/chat/feedback', { answerId: '\u0000', userId: ids.userId, vote: 'down' });
    expect(nul.status).toBe(400);
    const ok = await post('/api/chat/feedback', { answerId, userId: ids.userId, vote: 'up' });
    expect(ok.status).toBe(204);
  });
});

describe('GET /api/chat/municipalities (public)', () => {
  it('counts public documents only and leaves out a municipality that has only staff documents', async () => {
    const res = await fetch(`${base}/api/chat/municipalities`);
    expect(res.status).toBe(200);
    const { municipalities } = (await res.json()) as {
      municipalities: Array<{ name: string; documents: number }>;
    };
    // One public document each (Lahdenkylä's 2025 version is superseded by the 2026 one); the
    // staff-only memos of Myllymäki and Sisälahti are not counted, and Sisälahti is not named.
    expect(Object.fromEntries(municipalities.map((m) => [m.name, m.documents]))).toEqual({
      Koivula: 1,
      Lahdenkylä: 1,
      Myllymäki: 1,
    });
    expect(municipalities.map((m) => m.name)).not.toContain('Sisälahti');
    // Staff still see everything (the default audience of the core).
    const all = await services.assistant.municipalities();
    expect(Object.fromEntries(all.map((m) => [m.name, m.documents]))).toMatchObject({
      Myllymäki: 2,
      Sisälahti: 1,
    });
  });
});
