/**
 * A Teams personal chat as the tests drive it: a message activity posted to the server as Teams
 * posts it (typed text, or a card's Action.Submit data), the bot's reply read back from the Bot
 * Connector stub, and the texts a card shows.
 */
import { expect } from 'vitest';
import { createTeamsChannel } from '../../adapters/teams/index.ts';
import { createServices, type Services } from '../../src/app.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { fakeIndexStats, testConfig } from '../server/fakes.ts';
import { startConnectorStub, type ConnectorStub, type RecordedActivity } from './connector-stub.ts';

const BOT = { id: '28:kumppani-bot', name: 'Kumppani' };
let seq = 0;

export type Posted = RecordedActivity['activity'];

/** A personal-chat activity from `conversation`'s user, as Teams posts it; `extra` gives its type and content. */
export function teamsActivity(
  stub: ConnectorStub,
  conversation: string,
  locale: string,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  seq += 1;
  return {
    id: `user-msg-${seq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: stub.url,
    from: { id: `29:${conversation}`, name: 'Maija', aadObjectId: `aad-${conversation}` },
    recipient: BOT,
    conversation: { id: `a:${conversation}`, conversationType: 'personal', tenantId: 'tenant-public' },
    channelData: { tenant: { id: 'tenant-public' } },
    locale,
    ...extra,
  };
}

/** Posts an activity to the server's Teams endpoint; Teams expects 200. */
export async function postActivity(base: string, body: unknown): Promise<void> {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

/** Sends one personal-chat message and returns the one message the bot posted in reply. */
export async function personalMessage(
  base: string,
  stub: ConnectorStub,
  conversation: string,
  locale: string,
  content: { text: string } | { value: unknown },
): Promise<Posted> {
  const before = stub.posted().filter((c) => c.activity.type === 'message').length;
  await postActivity(base, teamsActivity(stub, conversation, locale, { type: 'message', ...content }));
  const posted = stub.posted().filter((c) => c.activity.type === 'message');
  expect(posted.length, `a reply to ${JSON.stringify(content)}`).toBe(before + 1);
  return posted.at(-1)!.activity;
}

/** The demo pack, as a user's first start indexes it. */
async function ingestDemo(services: Services): Promise<void> {
  expect((await ingestPaths(['knowledge/demo'], services.writer)).failed).toEqual([]);
}

/**
 * The real core over the documents `load` indexes (the demo pack by default) behind the real
 * server with the Teams channel, replying to a Bot Connector stub on 127.0.0.1; `close` stops
 * all three.
 */
export async function startTeams(load: (services: Services) => Promise<void> = ingestDemo): Promise<{
  services: Services;
  server: KumppaniServer;
  stub: ConnectorStub;
  base: string;
  close: () => Promise<void>;
}> {
  const stub = await startConnectorStub();
  const config = testConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
  const services = await createServices(config, { logger: silentLogger });
  await load(services);
  const server = await createServer({
    config,
    logger: silentLogger,
    assistant: services.assistant,
    state: services.channelState,
    indexStats: fakeIndexStats,
    channels: [createTeamsChannel],
    reminders: services.reminders,
  });
  const base = (await server.start({ port: 0, host: '127.0.0.1' })).url;
  return {
    services,
    server,
    stub,
    base,
    async close() {
      await server.stop();
      await stub.close();
      await services.close();
    },
  };
}

/** Every text a card shows, one per line. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return texts.join('\n');
}

/** Every Action.Execute button of a card, with the data it sends back. */
export function cardButtons(card: unknown): Array<{ title: string; data: unknown }> {
  const out: Array<{ title: string; data: unknown }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push({ title: String(o.title), data: o.data });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
