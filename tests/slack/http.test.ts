/**
 * The Slack channel in HTTP mode, end to end: signed requests to the real Bolt receiver over HTTP,
 * the Web API pointed at a local stand-in that records what the bot posts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/kernel/types.ts';
import { said } from '../helpers/said.ts';
import { createSlackChannel } from '../../adapters/slack/index.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import {
  BOT_USER,
  FakeAssistant,
  blockTexts,
  buttons,
  eventEnvelope,
  sendCommand,
  sendEvent,
  sendInteraction,
  sendToSlackEndpoint,
  sign,
  startFakeSlack,
  startSlackChannel,
  waitFor,
  type FakeSlack,
  type SlackHarness,
} from './helpers.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

let slack: FakeSlack;
let assistant: FakeAssistant;
let bot: SlackHarness;
let tsSeq = 1_700_000_000;
const nextTs = () => `${tsSeq++}.000100`;

/** A marker event whose answer proves that everything sent before it has been processed. */
async function settle(): Promise<void> {
  const ts = nextTs();
  const before = slack.of('chat.postMessage').length;
  await sendEvent(bot.url, {
    type: 'app_mention',
    user: 'U9',
    text: `<@${BOT_USER}> marker`,
    ts,
    channel: 'CMARK',
  });
  await waitFor('the marker answer', () => slack.of('chat.postMessage').length > before);
}

const postsIn = (channel: string) => slack.of('chat.postMessage').filter((c) => c.body.channel === channel);

beforeAll(async () => {
  slack = await startFakeSlack();
  assistant = new FakeAssistant();
  bot = await startSlackChannel(assistant, { SLACK_API_URL: slack.apiUrl });
});

afterAll(async () => {
  await bot.close();
  await slack.close();
});

beforeEach(() => {
  assistant.turns = [];
  assistant.feedbacks = [];
  assistant.reply = new FakeAssistant().reply;
});

describe('configuration', () => {
  it('is off without SLACK_BOT_TOKEN', async () => {
    const config = loadConfig({});
    expect(
      await createSlackChannel({ assistant, config, logger: silentLogger, state: new MemoryChannelState() }),
    ).toBeNull();
  });

  it('in HTTP mode mounts a router at /slack/events and checks the token with auth.test', () => {
    expect(bot.plugin.name).toBe('slack');
    expect(bot.plugin.mountPath).toBe('/slack/events');
    expect(bot.plugin.router).toBeDefined();
    expect(slack.of('auth.test')[0]?.authorization).toBe('Bearer xoxb-test');
  });

  it('answers Slack URL verification', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    const res = await sendToSlackEndpoint(bot.url, body, 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });
});

describe('@mentions in channels', () => {
  it('answers in the thread of the question with Block Kit, numbered linked sources and 👍/👎', async () => {
    assistant.reply = (): Reply => ({
      id: 'ans-regional',
      kind: 'answer',
      ...said([
        { kind: 'notice', text: 'Nimetty järjestöyhdyshenkilö on näissä kunnissa:' },
        {
          kind: 'municipalities',
          items: [
            { municipality: 'Iisalmi', parts: [{ text: 'Hanna Virtanen, vapaa-aikatoimi', cite: [1] }] },
            { municipality: 'Kuopio', parts: [{ text: 'järjestökoordinaattori', cite: [2] }] },
          ],
        },
      ]),
      answered: true,
      language: 'fi',
      citations: [
        {
          source: 'iisalmi/yhteistyo.md',
          title: 'Iisalmen järjestöyhteistyön ohje',
          section: 'Yhteyshenkilö',
          municipality: 'Iisalmi',
          date: '2024-03-01',
          url: 'https://iisalmi.example/ohje?a=1&b=2',
          score: 1,
        },
        {
          source: 'kuopio/asiakirja.md',
          title: 'Kuopion yhdistysyhteistyöasiakirja',
          municipality: 'Kuopio',
          url: 'https://kuopio.example/asiakirja',
          score: 0.9,
        },
      ],
    });
    const ts = nextTs();
    const res = await sendEvent(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: `<@${BOT_USER}> Missä kunnissa on nimetty järjestöyhdyshenkilö?`,
      ts,
      channel: 'C1',
      event_ts: ts,
    });
    expect(res.status).toBe(200);
    const post = await waitFor('the answer', () => postsIn('C1').find((c) => c.body.thread_ts === ts));

    expect(assistant.turns[0]).toMatchObject({
      channel: 'slack',
      conversationId: 'C1',
      threadId: ts,
      userId: 'U1',
      text: 'Missä kunnissa on nimetty järjestöyhdyshenkilö?',
      audience: 'public',
      isGroup: true,
    });
    expect(assistant.turns[0]?.command).toBeUndefined();

    const texts = blockTexts(post).join('\n');
    // Each municipality on its own line, in bold, with its own linked [n].
    expect(texts).toContain(
      '• *Iisalmi*: Hanna Virtanen, vapaa-aikatoimi <https://iisalmi.example/ohje?a=1&amp;b=2|[1]>',
    );
    expect(texts).toContain('• *Kuopio*: järjestökoordinaattori <https://kuopio.example/asiakirja|[2]>');
    expect(texts).toContain('*Lähteet*');
    expect(texts).toContain(
      '*[1]* <https://iisalmi.example/ohje?a=1&amp;b=2|Iisalmen järjestöyhteistyön ohje> — Yhteyshenkilö · Iisalmi · 2024-03-01',
    );
    expect(texts).toContain(
      '*[2]* <https://kuopio.example/asiakirja|Kuopion yhdistysyhteistyöasiakirja> — Kuopio',
    );
    expect(buttons(post).map((b) => [b.action_id, b.text])).toEqual([
      ['kumppani_feedback:up:ans-regional', '👍 Hyödyllinen'],
      ['kumppani_feedback:down:ans-regional', '👎 Ei auttanut'],
    ]);
    expect(String(post.body.text)).toContain('Nimetty järjestöyhdyshenkilö');
    expect(post.body.unfurl_links).toBe('false');
  });

  it('an @mention with no question gets help', async () => {
    const ts = nextTs();
    await sendEvent(bot.url, { type: 'app_mention', user: 'U1', text: `<@${BOT_USER}>`, ts, channel: 'C1' });
    await waitFor('the help answer', () => postsIn('C1').find((c) => c.body.thread_ts === ts));
    expect(assistant.turns[0]?.command).toEqual({ kind: 'help' });
  });

  it('an @mention inside an existing thread continues that thread', async () => {
    const parent = nextTs();
    const ts = nextTs();
    await sendEvent(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: `<@${BOT_USER}> entä Kuopiossa?`,
      ts,
      thread_ts: parent,
      channel: 'C1',
    });
    await waitFor('the answer', () => postsIn('C1').find((c) => c.body.thread_ts === parent));
    expect(assistant.turns[0]).toMatchObject({ threadId: parent, text: 'entä Kuopiossa?' });
  });

  it('tells the user (in all three languages) when the core fails, in the thread', async () => {
    assistant.reply = () => {
      throw new Error('database unreachable');
    };
    const ts = nextTs();
    await sendEvent(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: `<@${BOT_USER}> hakuaika?`,
      ts,
      channel: 'CERR',
    });
    const post = await waitFor('the error notice', () => postsIn('CERR')[0]);
    expect(post.body.thread_ts).toBe(ts);
    expect(String(post.body.text)).toContain('Yritä hetken kuluttua uudelleen');
    expect(String(post.body.text)).toContain('Please try again');
    expect(buttons(post)).toEqual([]);
  });
});

describe('thread follow-ups', () => {
  it('reads a plain reply in a thread the bot answered as a follow-up of that conversation', async () => {
    const ts = nextTs();
    await sendEvent(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: `<@${BOT_USER}> tilamaksut Iisalmessa?`,
      ts,
      channel: 'C2',
    });
    await waitFor('the first answer', () => postsIn('C2').length === 1);

    const reply = nextTs();
    await sendEvent(bot.url, {
      type: 'message',
      channel_type: 'channel',
      user: 'U2',
      text: 'entä Kuopiossa?',
      ts: reply,
      thread_ts: ts,
      channel: 'C2',
    });
    await waitFor('the follow-up answer', () => postsIn('C2').length === 2);
    expect(assistant.turns[1]).toMatchObject({
      conversationId: 'C2',
      threadId: ts,
      userId: 'U2',
      text: 'entä Kuopiossa?',
    });
    expect(postsIn('C2')[1]?.body.thread_ts).toBe(ts);
  });

  it('ignores replies in threads the bot has not answered, and top-level channel chatter', async () => {
    await sendEvent(bot.url, {
      type: 'message',
      channel_type: 'channel',
      user: 'U2',
      text: 'kahvia?',
      ts: nextTs(),
      thread_ts: '1600000000.000001',
      channel: 'C3',
    });
    await sendEvent(bot.url, {
      type: 'message',
      channel_type: 'channel',
      user: 'U2',
      text: 'huomenta',
      ts: nextTs(),
      channel: 'C3',
    });
    await settle();
    expect(postsIn('C3')).toEqual([]);
    expect(assistant.turns.filter((t) => t.conversationId === 'C3')).toEqual([]);
  });

  it('does not answer twice when a thread reply mentions the bot (app_mention and message both arrive)', async () => {
    const ts = nextTs();
    await sendEvent(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: `<@${BOT_USER}> avustukset?`,
      ts,
      channel: 'C4',
    });
    await waitFor('the first answer', () => postsIn('C4').length === 1);
    const reply = nextTs();
    const text = `<@${BOT_USER}> entä kohdeavustus?`;
    await sendEvent(bot.url, {
      type: 'message',
      channel_type: 'channel',
      user: 'U1',
      text,
      ts: reply,
      thread_ts: ts,
      channel: 'C4',
    });
    await sendEvent(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text,
      ts: reply,
      thread_ts: ts,
      channel: 'C4',
    });
    await waitFor('the second answer', () => postsIn('C4').length === 2);
    await settle();
    expect(postsIn('C4')).toHaveLength(2);
  });

  it("ignores the bot's own messages", async () => {
    const ts = nextTs();
    await sendEvent(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: `<@${BOT_USER}> kysymys`,
      ts,
      channel: 'C5',
    });
    await waitFor('the answer', () => postsIn('C5').length === 1);
    await sendEvent(bot.url, {
      type: 'message',
      subtype: 'bot_message',
      bot_id: 'BBOT',
      channel_type: 'channel',
      text: 'Vastaus',
      ts: nextTs(),
      thread_ts: ts,
      channel: 'C5',
    });
    await sendEvent(bot.url, {
      type: 'message',
      channel_type: 'channel',
      user: BOT_USER,
      text: 'Vastaus',
      ts: nextTs(),
      thread_ts: ts,
      channel: 'C5',
    });
    await settle();
    expect(postsIn('C5')).toHaveLength(1);
  });
});

describe('direct messages', () => {
  it('answers a DM in the DM, as a private (non-group) conversation', async () => {
    const ts = nextTs();
    await sendEvent(bot.url, {
      type: 'message',
      channel_type: 'im',
      user: 'U7',
      text: 'Milloin toiminta-avustusta haetaan?',
      ts,
      channel: 'D7',
    });
    const post = await waitFor('the DM answer', () => postsIn('D7')[0]);
    expect(post.body.thread_ts).toBeUndefined();
    expect(assistant.turns[0]).toMatchObject({
      conversationId: 'D7',
      userId: 'U7',
      isGroup: false,
      text: 'Milloin toiminta-avustusta haetaan?',
    });
    expect(assistant.turns[0]?.threadId).toBeUndefined();
    expect(blockTexts(post)[0]).toBe('Vastaus: Milloin toiminta-avustusta haetaan?');
  });
});

describe("Slack's three-second rule and redeliveries", () => {
  it('acknowledges before a slow answer, and a redelivery (X-Slack-Retry-Num) never makes a second answer', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    assistant.reply = async (turn) => {
      await gate;
      return {
        id: 'slow',
        kind: 'answer',
        ...said(`hidas: ${turn.text}`),
        answered: true,
        language: 'fi',
        citations: [],
      };
    };
    const ts = nextTs();
    const envelope = eventEnvelope(
      { type: 'app_mention', user: 'U1', text: `<@${BOT_USER}> hidas kysymys`, ts, channel: 'C6' },
      'EvRetry1',
    );

    const first = await sendToSlackEndpoint(bot.url, envelope, 'application/json');
    // Slack got its 200 while the answer is still being worked on.
    expect(first.status).toBe(200);
    expect(postsIn('C6')).toEqual([]);
    await waitFor('the question to reach the core', () => assistant.turns.length === 1);

    const retry = await sendToSlackEndpoint(bot.url, envelope, 'application/json', {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    const again = await sendToSlackEndpoint(bot.url, envelope, 'application/json', {
      headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(again.status).toBe(200);

    release();
    await waitFor('the slow answer', () => postsIn('C6').length === 1);
    assistant.reply = new FakeAssistant().reply;
    await settle();
    expect(postsIn('C6')).toHaveLength(1);
    expect(assistant.turns.filter((t) => t.conversationId === 'C6')).toHaveLength(1);
  });
});

describe('redeliveries of events the bot never saw', () => {
  it('answers a redelivery whose first delivery never arrived (e.g. the server was down)', async () => {
    const ts = nextTs();
    await sendEvent(
      bot.url,
      { type: 'app_mention', user: 'U1', text: `<@${BOT_USER}> tuliko?`, ts, channel: 'CLOST' },
      'EvLost1',
      {
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' },
      },
    );
    await waitFor('the answer', () => postsIn('CLOST')[0]);
    expect(postsIn('CLOST')).toHaveLength(1);
  });
});

describe('request signatures', () => {
  const mention = () =>
    eventEnvelope({
      type: 'app_mention',
      user: 'U1',
      text: `<@${BOT_USER}> salaa`,
      ts: nextTs(),
      channel: 'CSIG',
    });

  it('refuses a forged signature with 401 and no answer', async () => {
    const body = mention();
    const ts = Math.floor(Date.now() / 1000);
    const res = await sendToSlackEndpoint(bot.url, body, 'application/json', {
      signature: sign(body, ts, 'wrong-secret'),
    });
    expect(res.status).toBe(401);
  });

  it('refuses a missing signature with 401', async () => {
    const res = await sendToSlackEndpoint(bot.url, mention(), 'application/json', { signature: null });
    expect(res.status).toBe(401);
  });

  it('refuses a body changed after signing with 401', async () => {
    const body = mention();
    const ts = Math.floor(Date.now() / 1000);
    const res = await sendToSlackEndpoint(bot.url, body.replace('salaa', 'muutettu'), 'application/json', {
      timestamp: ts,
      signature: sign(body, ts),
    });
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed request whose timestamp is older than five minutes with 401', async () => {
    const res = await sendToSlackEndpoint(bot.url, mention(), 'application/json', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed request dated six minutes in the future with 401', async () => {
    const res = await sendToSlackEndpoint(bot.url, mention(), 'application/json', {
      timestamp: Math.floor(Date.now() / 1000) + 6 * 60,
    });
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed request dated a year in the future with 401', async () => {
    const res = await sendToSlackEndpoint(bot.url, mention(), 'application/json', {
      timestamp: Math.floor(Date.now() / 1000) + 365 * 24 * 60 * 60,
    });
    expect(res.status).toBe(401);
  });

  it('accepts a correctly signed request dated four minutes in the future (within the rule)', async () => {
    const res = await sendEvent(
      bot.url,
      {
        type: 'app_mention',
        user: 'U1',
        text: `<@${BOT_USER}> kello edellä`,
        ts: nextTs(),
        channel: 'CSKEW',
      },
      undefined,
      { timestamp: Math.floor(Date.now() / 1000) + 4 * 60 },
    );
    expect(res.status).toBe(200);
    await waitFor('the answer', () => postsIn('CSKEW').length > 0);
    expect(postsIn('CSKEW')).toHaveLength(1);
  });

  it('none of the refused requests reached the core or Slack', async () => {
    await settle();
    expect(postsIn('CSIG')).toEqual([]);
    expect(assistant.turns.filter((t) => t.conversationId === 'CSIG')).toEqual([]);
  });
});

describe('slash command /kumppani', () => {
  it('answers a question in the channel through response_url', async () => {
    const res = await sendCommand(bot.url, {
      channel_id: 'C8',
      user_id: 'U1',
      text: 'vertaa Iisalmen ja Kuopion tilamaksuja',
      response_url: `${slack.url}/respond/q1`,
    });
    expect(res.status).toBe(200);
    const call = await waitFor('the response', () =>
      slack.of('respond').find((c) => String(c.body.text).includes('tilamaksuja')),
    );
    expect(call.body.response_type).toBe('in_channel');
    expect(assistant.turns[0]).toMatchObject({
      conversationId: 'C8',
      userId: 'U1',
      text: 'vertaa Iisalmen ja Kuopion tilamaksuja',
      isGroup: true,
    });
    expect(assistant.turns[0]?.command).toBeUndefined();
    expect(buttons(call).map((b) => b.action_id)).toEqual([
      expect.stringMatching(/^kumppani_feedback:up:answer-/),
      expect.stringMatching(/^kumppani_feedback:down:answer-/),
    ]);
  });

  it('`kunta NAME` sets the channel default municipality', async () => {
    assistant.reply = () => ({
      id: 'c',
      kind: 'command',
      ...said('Kanavan oletuskunta on nyt Iisalmi.'),
      answered: false,
      language: 'fi',
      citations: [],
    });
    await sendCommand(bot.url, {
      channel_id: 'C8',
      user_id: 'U1',
      text: 'kunta Iisalmi',
      response_url: `${slack.url}/respond/k1`,
    });
    const call = await waitFor('the confirmation', () =>
      slack.of('respond').find((c) => String(c.body.text).includes('oletuskunta')),
    );
    expect(assistant.turns[0]?.command).toEqual({ kind: 'set-municipality', municipality: 'Iisalmi' });
    expect(assistant.turns[0]).toMatchObject({ conversationId: 'C8', isGroup: true });
    expect(call.body.response_type).toBe('in_channel');
    expect(buttons(call)).toEqual([]);
  });

  it('`kunta kaikki` clears it; `help` answers only the asker', async () => {
    await sendCommand(bot.url, {
      channel_id: 'C8',
      user_id: 'U1',
      text: 'kunta kaikki',
      response_url: `${slack.url}/respond/k2`,
    });
    await waitFor('the first turn', () => assistant.turns.length === 1);
    expect(assistant.turns[0]?.command).toEqual({ kind: 'set-municipality', municipality: null });

    assistant.reply = () => ({
      id: 'h',
      kind: 'notice',
      ...said('Kysy avustuksista, tiloista…'),
      answered: false,
      language: 'fi',
      citations: [],
    });
    await sendCommand(bot.url, {
      channel_id: 'C8',
      user_id: 'U1',
      text: 'help',
      response_url: `${slack.url}/respond/h1`,
    });
    const call = await waitFor('the help', () =>
      slack.of('respond').find((c) => String(c.body.text).includes('Kysy avustuksista')),
    );
    expect(assistant.turns[1]?.command).toEqual({ kind: 'help' });
    expect(call.body.response_type).toBe('ephemeral');
  });

  it('`kommun alla` and `municipality all` (the Swedish and English help) clear it as well', async () => {
    const texts = ['kommun alla', 'municipality all', 'Kunta Kaikki', 'kommun ingen'];
    for (const [i, text] of texts.entries()) {
      await sendCommand(bot.url, {
        channel_id: 'C9',
        user_id: 'U9',
        text,
        response_url: `${slack.url}/respond/all${i}`,
      });
    }
    await waitFor('every turn', () => assistant.turns.length === texts.length);
    await waitFor('every answer', () => slack.of('respond').length >= texts.length);
    expect(assistant.turns.map((t) => t.command)).toEqual(
      texts.map(() => ({ kind: 'set-municipality', municipality: null })),
    );
  });
});

describe('feedback buttons', () => {
  const press = (actionId: string, value: string, extra: Record<string, unknown> = {}) =>
    sendInteraction(bot.url, {
      type: 'block_actions',
      user: { id: 'U1', username: 'organiser', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      team: { id: 'T1', domain: 'alue' },
      channel: { id: 'C1', name: 'general' },
      container: { type: 'message', message_ts: '1700000500.000100', channel_id: 'C1', is_ephemeral: false },
      message: { type: 'message', ts: '1700000500.000100', thread_ts: '1700000400.000100', text: 'x' },
      trigger_id: 'trig',
      response_url: `${slack.url}/respond/fb`,
      actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: '1700000501.0' }],
      ...extra,
    });

  it('👍 stores feedback for the answer and thanks the user ephemerally in the answer language', async () => {
    const res = await press(
      'kumppani_feedback:up:ans-42',
      JSON.stringify({ answerId: 'ans-42', language: 'sv' }),
    );
    expect(res.status).toBe(200);
    const eph = await waitFor('the acknowledgement', () => slack.of('chat.postEphemeral').at(-1));
    expect(assistant.feedbacks).toEqual([{ answerId: 'ans-42', channel: 'slack', userId: 'U1', vote: 'up' }]);
    expect(eph.body).toMatchObject({ channel: 'C1', user: 'U1', thread_ts: '1700000400.000100' });
    expect(String(eph.body.text)).toContain('Tack för din respons');
  });

  it('👎 is stored as a down vote', async () => {
    const before = slack.of('chat.postEphemeral').length;
    await press('kumppani_feedback:down:ans-43', JSON.stringify({ answerId: 'ans-43', language: 'en' }));
    await waitFor('the acknowledgement', () => slack.of('chat.postEphemeral').length > before);
    expect(assistant.feedbacks).toEqual([
      { answerId: 'ans-43', channel: 'slack', userId: 'U1', vote: 'down' },
    ]);
    expect(String(slack.of('chat.postEphemeral').at(-1)?.body.text)).toContain('It helps us improve');
  });

  it('says so when the feedback could not be stored', async () => {
    assistant.failFeedback = true;
    const before = slack.of('chat.postEphemeral').length;
    await press('kumppani_feedback:up:ans-44', JSON.stringify({ answerId: 'ans-44', language: 'fi' }));
    await waitFor('the acknowledgement', () => slack.of('chat.postEphemeral').length > before);
    assistant.failFeedback = false;
    expect(String(slack.of('chat.postEphemeral').at(-1)?.body.text)).toContain(
      'Palautteen tallennus epäonnistui',
    );
  });

  it('a suggestion button asks that question in the same thread', async () => {
    const before = postsIn('C1').length;
    await press('kumppani_ask:0', 'Mitä liitteitä hakemukseen tarvitaan?');
    await waitFor('the answer', () => postsIn('C1').length > before);
    expect(assistant.turns[0]).toMatchObject({
      conversationId: 'C1',
      threadId: '1700000400.000100',
      text: 'Mitä liitteitä hakemukseen tarvitaan?',
    });
    const post = postsIn('C1').at(-1)!;
    expect(post.body.thread_ts).toBe('1700000400.000100');
    expect(blockTexts(post)[0]).toBe('<@U1> kysyi: Mitä liitteitä hakemukseen tarvitaan?');
  });

  it('a choice button sends its command', async () => {
    const before = postsIn('C1').length;
    await press('kumppani_choice:3', JSON.stringify({ kind: 'set-municipality', municipality: 'Kuopio' }));
    await waitFor('the answer', () => postsIn('C1').length > before);
    expect(assistant.turns[0]?.command).toEqual({ kind: 'set-municipality', municipality: 'Kuopio' });
  });

  it('a choice button whose value is not a valid command reaches nobody', async () => {
    const before = postsIn('C1').length;
    await press('kumppani_choice:4', JSON.stringify({ kind: 'drop-tables' }));
    await press('kumppani_choice:5', 'not json');
    await settle();
    expect(postsIn('C1')).toHaveLength(before);
    expect(assistant.turns.filter((t) => t.conversationId === 'C1')).toEqual([]);
  });
});

describe('rendering through the real receiver', () => {
  it('escapes mrkdwn control and formatting characters in the answer', async () => {
    assistant.reply = () => ({
      id: 'esc',
      kind: 'answer',
      ...said('<script>alert(1)</script> & <!channel> *lihavoitu* _kursiivi_'),
      answered: true,
      language: 'en',
      citations: [{ source: 'a.md', title: 'Title <b>|x', url: 'https://ex.example/a|b', score: 1 }],
    });
    const ts = nextTs();
    await sendEvent(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: `<@${BOT_USER}> x`,
      ts,
      channel: 'CESC',
    });
    const post = await waitFor('the answer', () => postsIn('CESC')[0]);
    const [answer, sources] = blockTexts(post);
    expect(answer).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt;');
    expect(answer).not.toContain('<');
    expect(answer).not.toContain('*lihavoitu*');
    expect(answer).not.toContain('_kursiivi_');
    expect(answer!.replace(/\u200B/g, '')).toContain('*lihavoitu* _kursiivi_');
    expect(sources).toContain('<https://ex.example/a%7Cb|Title &lt;b&gt;|x>');
    expect(String(post.body.text)).not.toContain('<script>');
  });

  it('splits a long answer within Slack limits, in the same thread, with the buttons last', async () => {
    const paragraphs = Array.from(
      { length: 80 },
      (_, i) => `Kappale ${i + 1}. ` + 'Avustusta haetaan keväällä. '.repeat(60),
    );
    assistant.reply = () => ({
      id: 'long',
      kind: 'answer',
      ...said(paragraphs.join('\n\n')),
      answered: true,
      language: 'fi',
      citations: [],
    });
    const ts = nextTs();
    await sendEvent(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: `<@${BOT_USER}> kaikki`,
      ts,
      channel: 'CLONG',
    });
    await waitFor('the last part', () => postsIn('CLONG').some((c) => buttons(c).length > 0));
    const posts = postsIn('CLONG');
    expect(posts.length).toBeGreaterThan(1);
    for (const p of posts) {
      expect(p.body.thread_ts).toBe(ts);
      expect((p.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
      expect(String(p.body.text).length).toBeLessThanOrEqual(40_000);
      for (const text of blockTexts(p)) expect(text.length).toBeLessThanOrEqual(3000);
    }
    expect(posts.slice(0, -1).every((p) => buttons(p).length === 0)).toBe(true);
    const all = posts.flatMap(blockTexts).join('\n');
    for (let i = 1; i <= 80; i++) expect(all).toContain(`Kappale ${i}.`);
  });
});

describe('audience', () => {
  it('comes from SLACK_AUDIENCE for the workspace', async () => {
    const staffAssistant = new FakeAssistant();
    const staffBot = await startSlackChannel(staffAssistant, {
      SLACK_API_URL: slack.apiUrl,
      SLACK_AUDIENCE: 'staff',
    });
    try {
      const ts = nextTs();
      await sendEvent(staffBot.url, {
        type: 'app_mention',
        user: 'U1',
        text: `<@${BOT_USER}> sisäinen`,
        ts,
        channel: 'CSTAFF',
      });
      await waitFor('the answer', () => postsIn('CSTAFF')[0]);
      expect(staffAssistant.turns[0]?.audience).toBe('staff');
    } finally {
      await staffBot.close();
    }
  });
});

describe('per-user rate limit (KUMPPANI_RATE_LIMIT_PER_MINUTE, as on Telegram)', () => {
  /** The limit Telegram also uses, from the validated config's default. */
  const LIMIT = loadConfig({}).rateLimitPerMinute;
  const flood = (user: string, channel: string, text: string) =>
    sendEvent(bot.url, { type: 'message', channel_type: 'im', user, text, ts: nextTs(), channel });
  it('answers the first LIMIT questions of a burst, then says once, politely, to wait', async () => {
    const burst = LIMIT + 10;
    for (let i = 0; i < burst; i++) {
      const res = await flood('UFLOOD', 'DFLOOD', `Milloin avustusta haetaan ${i}?`);
      expect(res.status).toBe(200);
    }
    // Another user's DM after the burst: answered, and its answer proves the burst was processed.
    await flood('UCALM', 'DCALM', 'Milloin avustusta haetaan?');
    await waitFor('the other user answered', () => postsIn('DCALM')[0]);
    await waitFor('the flood handled', () => postsIn('DFLOOD').length >= LIMIT + 1);
    await new Promise((r) => setTimeout(r, 100));

    const texts = postsIn('DFLOOD').map((p) => blockTexts(p).join('\n'));
    const answers = texts.filter((x) => x.startsWith('Vastaus: '));
    const notices = texts.filter((x) => !x.startsWith('Vastaus: '));
    expect(LIMIT).toBeLessThan(burst);
    expect(answers).toHaveLength(LIMIT);
    expect(notices).toHaveLength(1);
    // The Finnish notice from src/kernel/i18n/slack.ts, with the seconds left in the window (1..60).
    const [before, after] = t('fi', 'slack.rateLimited', { seconds: '#' }).split('#');
    expect(notices[0]!.startsWith(before!)).toBe(true);
    expect(notices[0]!.endsWith(after!)).toBe(true);
    const seconds = Number(notices[0]!.slice(before!.length, notices[0]!.length - after!.length));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    // The core was asked only for the allowed questions, plus the other user's.
    expect(assistant.turns.filter((x) => x.userId === 'UFLOOD')).toHaveLength(LIMIT);
    expect(assistant.turns.filter((x) => x.userId === 'UCALM')).toHaveLength(1);
    expect(blockTexts(postsIn('DCALM')[0]!)[0]).toBe('Vastaus: Milloin avustusta haetaan?');
  });
});
