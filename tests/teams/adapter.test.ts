/**
 * The real botbuilder CloudAdapter behind the real server, receiving Teams activities over HTTP
 * and replying to a Bot Connector stub on 127.0.0.1.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../adapters/teams/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import {
  answerFor,
  createFakeAssistant,
  fakeIndexStats,
  testConfig,
  type FakeAssistant,
} from '../server/fakes.ts';
import { startConnectorStub, type ConnectorStub, type RecordedActivity } from './connector-stub.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';
import { said } from '../helpers/said.ts';
import { replyCard } from '../../adapters/teams/cards.ts';

const BOT = { id: '28:kumppani-bot', name: 'Kumppani' };
const USER = { id: '29:user-1', name: 'Maija Meikäläinen', aadObjectId: 'aad-user-1' };

let stub: ConnectorStub;
let server: KumppaniServer;
let base: string;
let assistant: FakeAssistant;
let seq = 0;

function activity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  return {
    type: 'message',
    id: `user-msg-${seq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: stub.url,
    from: USER,
    recipient: BOT,
    conversation: { id: 'a:personal-chat-1', conversationType: 'personal', tenantId: 'tenant-public' },
    channelData: { tenant: { id: 'tenant-public' } },
    locale: 'fi-FI',
    ...overrides,
  };
}

async function post(body: Record<string, unknown>, base_ = base) {
  const res = await fetch(`${base_}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

function cardOf(call: RecordedActivity | undefined): Record<string, unknown> {
  const attachment = call?.activity.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment!.content;
}

/** Every Action.Execute in a card, wherever it sits (card actions or ActionSets in the body). */
function actionsOf(card: unknown): Array<{ title: string; data: Record<string, unknown>; verb: string }> {
  const found: Array<{ title: string; data: Record<string, unknown>; verb: string }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') found.push(o as never);
      for (const [k, v] of Object.entries(o)) if (k !== 'fallback') walk(v);
    }
  };
  walk(card);
  return found;
}

/** Every node of a card (body, inlines, actions), depth first. */
function nodesOf(card: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      found.push(node as Record<string, unknown>);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The texts Adaptive Cards read as Markdown (TextBlock), where `[x](url)` is a link. */
const markdownOf = (card: unknown) =>
  nodesOf(card)
    .filter((n) => n.type === 'TextBlock')
    .map((n) => String(n.text));
/** The texts shown as written (TextRuns of a RichTextBlock). */
const runsOf = (card: unknown) =>
  nodesOf(card)
    .filter((n) => n.type === 'TextRun')
    .map((n) => String(n.text));
/** Every clickable link: a TextRun or element whose selectAction opens a URL. */
const linksOf = (card: unknown) =>
  nodesOf(card)
    .filter((n) => (n.selectAction as { type?: string } | undefined)?.type === 'Action.OpenUrl')
    .map((n) => ({ text: String(n.text), url: String((n.selectAction as { url: string }).url) }));

beforeAll(async () => {
  stub = await startConnectorStub();
  assistant = createFakeAssistant();
  server = await createServer({
    config: testConfig({
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      TEAMS_STAFF_TENANTS: 'tenant-staff, tenant-other-staff',
    }),
    logger: silentLogger,
    state: new MemoryChannelState(),
    assistant,
    indexStats: fakeIndexStats,
    channels: [createTeamsChannel],
  });
  base = (await server.start({ port: 0, host: '127.0.0.1' })).url;
});

afterAll(async () => {
  await server?.stop();
  await stub?.close();
});

beforeEach(() => {
  stub.reset();
  assistant.turns.length = 0;
  assistant.votes.length = 0;
});

describe('Teams over the real CloudAdapter', () => {
  it('answers a personal message with a typing indicator, then an Adaptive Card with numbered, linked sources', async () => {
    const res = await post(activity({ text: 'Milloin toiminta-avustusta haetaan?' }));
    expect(res.status).toBe(200);

    expect(assistant.turns).toHaveLength(1);
    expect(assistant.turns[0]).toMatchObject({
      channel: 'teams',
      conversationId: 'a:personal-chat-1',
      userId: 'aad-user-1',
      text: 'Milloin toiminta-avustusta haetaan?',
      audience: 'public',
      isGroup: false,
      locale: 'fi-FI',
    });

    const posted = stub.posted();
    expect(posted[0]?.activity.type).toBe('typing');
    const answer = posted.find((c) => c.activity.type === 'message');
    expect(answer?.conversationId).toBe('a:personal-chat-1');
    const card = cardOf(answer);
    const json = JSON.stringify(card);
    expect(card.version).toBe('1.5');
    expect(runsOf(card)).toEqual(
      expect.arrayContaining(['Toiminta-avustusta haetaan vuosittain 31.3. mennessä', '[1]', '[2]']),
    );
    expect(json).toContain('Lähteet');
    // [1] and the first source's title open its page; the second source has no address.
    expect(linksOf(card)).toEqual([
      { text: '[1]', url: 'https://www.iisalmi.fi/avustukset' },
      { text: 'Iisalmen avustusohje', url: 'https://www.iisalmi.fi/avustukset' },
    ]);
    expect(runsOf(card)).toEqual(expect.arrayContaining(['2. ', 'Järjestöyhteistyön ohje']));
    const titles = actionsOf(card).map((a) => a.title);
    expect(titles).toEqual(
      expect.arrayContaining(['👍', '👎', 'Valitse kunta', 'Kieli', 'Ohje', 'Unohda minut']),
    );
  });

  it('answers a channel @mention in its thread, with the mention removed from the question', async () => {
    const res = await post(
      activity({
        text: '<at>Kumppani</at> Saako seura käyttää koulun salia ilmaiseksi?',
        conversation: {
          id: '19:general@thread.tacv2;messageid=1700000000000',
          conversationType: 'channel',
          tenantId: 'tenant-public',
        },
        entities: [{ type: 'mention', text: '<at>Kumppani</at>', mentioned: BOT }],
        channelData: {
          tenant: { id: 'tenant-public' },
          channel: { id: '19:general@thread.tacv2' },
          team: { id: '19:team@thread.tacv2' },
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(assistant.turns[0]).toMatchObject({
      text: 'Saako seura käyttää koulun salia ilmaiseksi?',
      conversationId: '19:general@thread.tacv2',
      threadId: '1700000000000',
      isGroup: true,
    });
    const answer = stub.posted().find((c) => c.activity.type === 'message');
    expect(answer?.conversationId).toBe('19:general@thread.tacv2;messageid=1700000000000');
  });

  it('stays quiet in a group chat when it is not mentioned', async () => {
    const res = await post(
      activity({
        text: 'Milloin on seuraava yhdistysilta?',
        conversation: {
          id: '19:groupchat@thread.v2',
          conversationType: 'groupChat',
          tenantId: 'tenant-public',
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(assistant.turns).toHaveLength(0);
    expect(stub.calls).toHaveLength(0);
  });

  it('stores 👍 from the card (Action.Execute) and redraws the card for the voter, editing no stored message', async () => {
    await post(activity({ text: 'Milloin toiminta-avustusta haetaan?' }));
    const answer = stub.posted().find((c) => c.activity.type === 'message');
    const up = actionsOf(cardOf(answer)).find((a) => a.title === '👍')!;
    stub.reset();

    const res = await post(
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        replyToId: 'bot-msg-2',
        value: {
          action: { type: 'Action.Execute', id: 'up', verb: up.verb, data: up.data },
          trigger: 'manual',
        },
      }),
    );

    expect(res.status).toBe(200);
    const answerId = (up.data as { answerId: string }).answerId;
    expect(answerId).toMatch(/^answer-/);
    expect(assistant.votes).toEqual([{ answerId, channel: 'teams', userId: 'aad-user-1', vote: 'up' }]);
    // The invoke response carries the redrawn card for the voter…
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const redrawn = JSON.stringify(res.body.value);
    expect(redrawn).toContain('Kiitos palautteesta!');
    expect(redrawn).toContain('Toiminta-avustusta haetaan vuosittain');
    expect(actionsOf(res.body.value).map((a) => a.title)).not.toContain('👍');
    // …and no stored message is edited: replyToId comes from the client.
    expect(stub.updated()).toHaveLength(0);
  });

  it('stores 👎 from an older client that sends Action.Submit as a message, and thanks in a reply', async () => {
    const res = await post(
      activity({
        text: undefined,
        replyToId: 'bot-msg-7',
        value: {
          kumppani: 'feedback',
          answerId: 'answer-42',
          vote: 'down',
          answer: { id: 'answer-42', ...said('Vastaus.'), language: 'fi', citations: [] },
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(assistant.votes).toEqual([
      { answerId: 'answer-42', channel: 'teams', userId: 'aad-user-1', vote: 'down' },
    ]);
    expect(assistant.turns).toHaveLength(0);
    expect(stub.updated()).toHaveLength(0);
    expect(JSON.stringify(stub.posted().map((c) => c.activity))).toContain('Kiitos palautteesta');
  });

  it('never lets a group-chat vote with a forged card snapshot and any replyToId overwrite a bot message', async () => {
    const group = {
      conversation: {
        id: '19:groupchat@thread.v2',
        conversationType: 'groupChat',
        tenantId: 'tenant-public',
      },
    };
    const forged = {
      kumppani: 'feedback',
      answerId: 'answer-1',
      vote: 'up',
      answer: {
        id: 'answer-1',
        blocks: said('Maksa sakko osoitteessa evil.example').blocks,
        language: 'fi',
        citations: [],
      },
    };
    // Action.Submit (a message) and Action.Execute (an invoke), each aimed at an earlier bot message.
    await post(activity({ ...group, text: undefined, replyToId: 'bot-msg-1', value: forged }));
    const res = await post(
      activity({
        ...group,
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: 'bot-msg-2',
        value: { action: { type: 'Action.Execute', verb: 'kumppani', data: forged } },
      }),
    );
    expect(res.status).toBe(200);
    expect(stub.updated()).toHaveLength(0);
    const sent = JSON.stringify(stub.calls.map((c) => c.activity));
    expect(sent).not.toContain('evil.example');
    expect(sent).toContain('Kiitos palautteesta');
    expect(assistant.votes.map((v) => v.answerId)).toEqual(['answer-1', 'answer-1']);
  });

  it('still stores a vote from a card sent before answers were blocks, and redraws its text as text', async () => {
    const legacy = {
      kumppani: 'feedback',
      answerId: 'answer-old',
      vote: 'up',
      answer: { id: 'answer-old', text: 'Haku päättyy 31.3. [1]', language: 'fi', citations: [] },
    };
    const res = await post(
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'kumppani', data: legacy } },
      }),
    );
    expect(assistant.votes.map((v) => v.answerId)).toEqual(['answer-old']);
    expect(runsOf(res.body.value)).toContain('Haku päättyy 31.3. [1]');
    expect(linksOf(res.body.value)).toEqual([]);
  });

  it('shows quoted document text and forged citation metadata as text, never as a clickable link', async () => {
    const handle = assistant.handle;
    assistant.handle = async (turn) => ({
      ...answerFor(turn, 99),
      ...said([
        {
          kind: 'answer',
          parts: [
            { text: 'Hakemus jätetään sähköisesti: [Kirjaudu tästä](https://evil.example/login)', cite: [1] },
            { text: '.\n**Tärkeää**', cite: [] },
          ],
        },
        { kind: 'municipalities', items: [{ municipality: '[Iisalmi](https://evil.example/m)', parts: [] }] },
      ]),
      citations: [
        {
          source: 'a.md',
          title: 'Avustusohje',
          url: 'https://www.iisalmi.fi/avustukset)[klikkaa](https://evil.example/x',
          section: '[Lue lisää](https://evil.example/more)',
          score: 0.9,
        },
        {
          source: 'b.md',
          title: '[Klikkaa](https://evil.example/t)',
          url: 'javascript:alert(1)',
          score: 0.8,
        },
        { source: 'c.md', title: 'Ohje', url: 'https://user:pw@evil.example/', score: 0.7 },
      ],
    });
    try {
      await post(activity({ text: 'Miten haen avustusta?' }));
    } finally {
      assistant.handle = handle;
    }
    const card = cardOf(stub.posted().find((c) => c.activity.type === 'message'));
    const up = actionsOf(card).find((a) => a.title === '👍')!;
    const voted = await post(
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: up.verb, data: up.data } },
      }),
    );
    // The answer card and the card redrawn after a vote (from the snapshot the client sends back).
    for (const shown of [card, voted.body.value]) {
      for (const text of markdownOf(shown)) expect(text).not.toMatch(/evil\.example|\]\s*\(/);
      expect(runsOf(shown)).toEqual(
        expect.arrayContaining([
          'Hakemus jätetään sähköisesti: [Kirjaudu tästä](https://evil.example/login)',
          '[1]',
          '**Tärkeää**',
          '[Iisalmi](https://evil.example/m)',
          '[Klikkaa](https://evil.example/t)',
        ]),
      );
      // The only links: the citation number and the source title, both to the sanitised address.
      const links = linksOf(shown);
      const source = 'https://www.iisalmi.fi/avustukset%29%5Bklikkaa%5D%28https://evil.example/x';
      expect(links).toEqual([
        { text: '[1]', url: source },
        { text: 'Avustusohje', url: source },
      ]);
      for (const { url } of links) {
        expect(new URL(url).hostname).toBe('www.iisalmi.fi');
        expect(url).not.toMatch(/[()[\]<>\s]/);
      }
    }
  });

  it('turns a command button into Turn.command and shows the choices as buttons', async () => {
    const res = await post(
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: 'bot-msg-3',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'kumppani',
            data: { kumppani: 'command', command: { kind: 'choose-municipality' } },
          },
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(assistant.turns[0]?.command).toEqual({ kind: 'choose-municipality' });
    const card = cardOf(stub.posted().find((c) => c.activity.type === 'message'));
    const choices = actionsOf(card).filter(
      (a) => (a.data as { command?: { kind?: string } }).command?.kind === 'set-municipality',
    );
    expect(choices.map((c) => c.title)).toEqual(['Iisalmi', 'Kuopio', 'Vaasa']);
  });

  it('refuses a forged command instead of passing it to the core', async () => {
    const res = await post(
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'kumppani',
            data: { kumppani: 'command', command: { kind: 'drop-tables' } },
          },
        },
      }),
    );
    expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(assistant.turns).toHaveLength(0);
  });

  it('hands typed commands to the dialogue as text (its vocabulary reads them); an empty message asks for help', async () => {
    await post(activity({ text: 'kunta Routasalmi' }));
    await post(activity({ text: '<at>Kumppani</at>' }));
    expect(assistant.turns.map((t) => [t.text, t.command])).toEqual([
      ['kunta Routasalmi', undefined],
      ['', { kind: 'help' }],
    ]);
  });

  it('gives staff tenants the staff audience and everyone else the public one', async () => {
    await post(
      activity({
        text: 'Mitä sovimme tilamaksuista?',
        conversation: { id: 'a:staff-chat', conversationType: 'personal', tenantId: 'tenant-staff' },
        channelData: { tenant: { id: 'tenant-staff' } },
      }),
    );
    await post(
      activity({
        text: 'Mitä sovimme tilamaksuista?',
        conversation: { id: 'a:other-chat', conversationType: 'personal', tenantId: 'tenant-elsewhere' },
        channelData: { tenant: { id: 'tenant-elsewhere' } },
      }),
    );
    expect(assistant.turns.map((t) => t.audience)).toEqual(['staff', 'public']);
  });

  it('sends a welcome card with the command buttons when it is installed', async () => {
    const res = await post(
      activity({
        type: 'conversationUpdate',
        text: undefined,
        membersAdded: [BOT],
        locale: 'sv-FI',
        conversation: { id: 'a:new-chat', conversationType: 'personal', tenantId: 'tenant-public' },
      }),
    );
    expect(res.status).toBe(200);
    const welcome = stub.posted().find((c) => c.activity.type === 'message');
    const card = cardOf(welcome);
    expect(JSON.stringify(card)).toContain('Hej, jag är Kumppani!');
    expect(actionsOf(card).map((a) => a.title)).toEqual([
      'Välj kommun',
      'Språk',
      'Hjälp',
      'Snabbtest',
      'Glöm mig',
    ]);
    expect(assistant.turns).toHaveLength(0);
  });

  it('does not welcome again when only a person joins', async () => {
    await post(
      activity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '29:someone-else' }] }),
    );
    expect(stub.posted()).toHaveLength(0);
  });
});

describe('Teams without credentials', () => {
  it('in local-testing mode, never replies to a serviceUrl outside this machine', async () => {
    const res = await post(
      activity({ text: 'Vastaa tänne', serviceUrl: 'https://smba.attacker.example/teams/' }),
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/localhost/);
    expect(assistant.turns).toHaveLength(0);
    expect(stub.calls).toHaveLength(0);
  });

  it('refuses every request with 401 unless TEAMS_ALLOW_UNAUTHENTICATED=true, and posts nothing anywhere', async () => {
    const local = createFakeAssistant();
    const refusing = await createServer({
      config: testConfig(),
      logger: silentLogger,
      state: new MemoryChannelState(),
      assistant: local,
      indexStats: fakeIndexStats,
      channels: [createTeamsChannel],
    });
    const { url } = await refusing.start({ port: 0, host: '127.0.0.1' });
    try {
      const res = await post(activity({ text: 'Postaa tämä minne haluan' }), url);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatch(/MicrosoftAppId/);
      expect(local.turns).toHaveLength(0);
      expect(stub.calls).toHaveLength(0);
    } finally {
      await refusing.stop();
    }
  });

  it('with an app id, refuses a request that carries no Bot Framework token', async () => {
    const local = createFakeAssistant();
    const signed = await createServer({
      config: testConfig({
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-a-real-secret',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      }),
      logger: silentLogger,
      state: new MemoryChannelState(),
      assistant: local,
      indexStats: fakeIndexStats,
      channels: [createTeamsChannel],
    });
    const { url } = await signed.start({ port: 0, host: '127.0.0.1' });
    try {
      const res = await post(activity({ text: 'Hei' }), url);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatch(/not signed by the Bot Framework/);
      expect(local.turns).toHaveLength(0);
      expect(stub.calls).toHaveLength(0);
    } finally {
      await signed.stop();
    }
  });

  it('answers an activity once when Bot Framework delivers it again with the same id', async () => {
    const once = activity({ text: 'Saako koulun salia käyttää ilmaiseksi?' });
    const first = await post(once);
    const again = await post(once);
    const [third, fourth] = await Promise.all([post(once), post(once)]);
    expect([first.status, again.status, third.status, fourth.status]).toEqual([200, 200, 200, 200]);
    expect(assistant.turns).toHaveLength(1);
    expect(stub.posted().filter((c) => c.activity.type === 'message')).toHaveLength(1);
    // Another message (another id) in the same conversation is answered as usual.
    await post(activity({ text: 'Entä liikuntasali?' }));
    expect(assistant.turns.map((t) => t.text)).toEqual([
      'Saako koulun salia käyttää ilmaiseksi?',
      'Entä liikuntasali?',
    ]);
  });

  it('answers a user within the rate limit, then says once, politely, to wait; other users are unaffected', async () => {
    const local = createFakeAssistant();
    const limited = await createServer({
      config: testConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', KUMPPANI_RATE_LIMIT_PER_MINUTE: '2' }),
      logger: silentLogger,
      state: new MemoryChannelState(),
      assistant: local,
      indexStats: fakeIndexStats,
      channels: [createTeamsChannel],
    });
    const { url } = await limited.start({ port: 0, host: '127.0.0.1' });
    try {
      for (let i = 1; i <= 5; i++) await post(activity({ text: `Kysymys ${i}` }), url);
      expect(local.turns.map((t) => t.text)).toEqual(['Kysymys 1', 'Kysymys 2']);
      const texts = stub
        .posted()
        .filter((c) => c.activity.type === 'message' && !c.activity.attachments?.length)
        .map((c) => String(c.activity.text));
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatch(/Hetkinen – kysymyksiä tulee nyt nopeammin.*\d+ sekunnin/);
      const other = { id: '29:user-2', name: 'Matti', aadObjectId: 'aad-user-2' };
      await post(activity({ text: 'Toisen käyttäjän kysymys', from: other }), url);
      expect(local.turns.map((t) => t.text)).toContain('Toisen käyttäjän kysymys');
    } finally {
      await limited.stop();
    }
  });
});

describe('answer cards from blocks', () => {
  const citations = [
    { source: 'a.md', title: 'A', url: 'https://a.example/ohje', score: 1 },
    { source: 'b.md', title: 'B', url: 'https://b.example/liite', score: 0.9 },
  ];
  const body = (blocks: Parameters<typeof said>[0]) =>
    replyCard({ id: 'x', kind: 'answer', answered: true, language: 'fi', citations, ...said(blocks) }).body;

  it("bolds a comparison's municipality names from the block, each with its own source linked", () => {
    const [first, second] = nodesOf(
      body([
        {
          kind: 'municipalities',
          items: [
            { municipality: 'Iisalmi', parts: [{ text: 'Maksuton.', cite: [2] }] },
            { municipality: 'Kuopio', parts: [{ text: '10 €.', cite: [1] }] },
          ],
        },
      ]),
    ).filter((n) => n.type === 'RichTextBlock');
    for (const [line, name, url] of [
      [first, 'Iisalmi', 'https://b.example/liite'],
      [second, 'Kuopio', 'https://a.example/ohje'],
    ] as const) {
      const inlines = line!.inlines as Array<Record<string, unknown>>;
      expect(inlines[0]).toMatchObject({ text: name, weight: 'Bolder' });
      expect(inlines.at(-1)).toMatchObject({ selectAction: { type: 'Action.OpenUrl', url } });
    }
  });

  it('keeps "[2]" and "• Foo:" inside document text as text: no link, no bold', () => {
    const nodes = nodesOf(body([{ kind: 'answer', parts: [{ text: '• Liite: katso [2].', cite: [1] }] }]));
    const runs = nodes.filter((n) => n.type === 'TextRun');
    expect(runs[0]).toEqual({ type: 'TextRun', text: '• Liite: katso [2].' });
    const linked = runs.filter((n) => n.selectAction && String(n.text).startsWith('['));
    expect(linked.map((n) => n.text)).toEqual(['[1]']);
    expect(runs.some((n) => n.weight === 'Bolder')).toBe(false);
  });
});
