/**
 * Socket Mode: with SLACK_APP_TOKEN the channel needs no public URL. `start()` asks the Web API
 * (here the local stand-in, through SLACK_API_URL) for a WebSocket URL, connects, and answers
 * what arrives over it, acknowledging each envelope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { ChannelPlugin } from '../../src/channels/channel.ts';
import { createSlackChannel } from '../../adapters/slack/index.ts';
import { BOT_USER, FakeAssistant, startFakeSlack, waitFor, type FakeSlack } from './helpers.ts';
import { acceptWebSockets, type WsPeer, type WsServer } from './ws-server.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

let slack: FakeSlack;
let ws: WsServer;
let peer: WsPeer | undefined;
let plugin: ChannelPlugin;
const assistant = new FakeAssistant();
const extra: Record<string, unknown> = {};

beforeAll(async () => {
  slack = await startFakeSlack(extra);
  extra['apps.connections.open'] = { ok: true, url: `${slack.url.replace('http', 'ws')}/link/?ticket=t1` };
  ws = acceptWebSockets(slack.server, (p) => {
    peer = p;
    p.send({
      type: 'hello',
      num_connections: 1,
      debug_info: { host: 'test' },
      connection_info: { app_id: 'A1' },
    });
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_APP_TOKEN: 'xapp-1-test',
    SLACK_API_URL: slack.apiUrl,
  });
  const created = await createSlackChannel({
    assistant,
    config,
    logger: silentLogger,
    state: new MemoryChannelState(),
  });
  if (!created) throw new Error('the Slack channel was not created');
  plugin = created;
  await plugin.start?.();
});

afterAll(async () => {
  await plugin?.stop?.();
  ws.close();
  await slack.close();
});

describe('Socket Mode', () => {
  it('has no HTTP route and connects on start with the app-level token', () => {
    expect(plugin.router).toBeUndefined();
    expect(plugin.mountPath).toBeUndefined();
    expect(slack.of('apps.connections.open')[0]?.authorization).toBe('Bearer xapp-1-test');
    expect(peer).toBeDefined();
  });

  it('acknowledges an event envelope and answers the @mention in its thread', async () => {
    const ts = '1700000000.000100';
    peer!.send({
      envelope_id: 'env-1',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: {
        type: 'event_callback',
        team_id: 'T1',
        api_app_id: 'A1',
        event_id: 'EvSock1',
        event_time: 1700000000,
        authorizations: [{ team_id: 'T1', user_id: BOT_USER, is_bot: true }],
        event: {
          type: 'app_mention',
          user: 'U1',
          text: `<@${BOT_USER}> Mitä avustuksia on?`,
          ts,
          channel: 'C1',
        },
      },
    });
    await waitFor('the acknowledgement', () =>
      peer!.received.find((m) => (m as { envelope_id?: string }).envelope_id === 'env-1'),
    );
    const post = await waitFor('the answer', () => slack.of('chat.postMessage')[0]);
    expect(post.body).toMatchObject({ channel: 'C1', thread_ts: ts });
    expect(assistant.turns[0]).toMatchObject({
      conversationId: 'C1',
      threadId: ts,
      text: 'Mitä avustuksia on?',
    });
  });

  it('acknowledges a slash command and answers through its response_url', async () => {
    peer!.send({
      envelope_id: 'env-2',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'legacy',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        command: '/kumppani',
        text: 'kunta Iisalmi',
        api_app_id: 'A1',
        response_url: `${slack.url}/respond/sock`,
        trigger_id: 'trig',
      },
    });
    await waitFor('the acknowledgement', () =>
      peer!.received.find((m) => (m as { envelope_id?: string }).envelope_id === 'env-2'),
    );
    await waitFor('the response', () => slack.of('respond')[0]);
    expect(assistant.turns.at(-1)?.command).toEqual({ kind: 'set-municipality', municipality: 'Iisalmi' });
  });
});
