/**
 * A Teams personal chat as the tests drive it: a message activity posted to the server as Teams
 * posts it (typed text, or a card's Action.Submit data), the bot's reply read back from the Bot
 * Connector stub, and the texts a card shows.
 */
import { expect } from 'vitest';
import type { ConnectorStub, RecordedActivity } from './connector-stub.ts';

const BOT = { id: '28:kumppani-bot', name: 'Kumppani' };
let seq = 0;

export type Posted = RecordedActivity['activity'];

/** Sends one personal-chat message and returns the one message the bot posted in reply. */
export async function personalMessage(
  base: string,
  stub: ConnectorStub,
  conversation: string,
  locale: string,
  content: { text: string } | { value: unknown },
): Promise<Posted> {
  seq += 1;
  const before = stub.posted().filter((c) => c.activity.type === 'message').length;
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `user-msg-${seq}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: stub.url,
      from: { id: `29:${conversation}`, name: 'Maija', aadObjectId: `aad-${conversation}` },
      recipient: BOT,
      conversation: { id: `a:${conversation}`, conversationType: 'personal', tenantId: 'tenant-public' },
      channelData: { tenant: { id: 'tenant-public' } },
      locale,
      ...content,
    }),
  });
  expect(res.status).toBe(200);
  const posted = stub.posted().filter((c) => c.activity.type === 'message');
  expect(posted.length, `a reply to ${JSON.stringify(content)}`).toBe(before + 1);
  return posted.at(-1)!.activity;
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
