/**
 * Scale-out: two `kumppani serve` processes on one PostgreSQL server, as behind a load balancer
 * (README, "Scale-out"). Slack over HTTP and Telegram in webhook mode, both against local
 * stand-ins; each replica has a data directory of its own, so whatever they share is in the
 * database. A platform's redelivery reaching the other replica gets no second answer, a
 * conversation started on one continues on the other, and a replica killed and started again
 * has lost nothing.
 *
 * Needs a server: KUMPPANI_TEST_DATABASE_URL (`eval "$(.ci/postgres.sh start)"`; `.ci/run` does it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerDatabase, describeOnServer } from '../helpers/backends.ts';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';
import {
  BOT_USER,
  blockTexts,
  sendEvent,
  SIGNING_SECRET,
  startFakeSlack,
  waitFor,
  type ApiCall,
  type FakeSlack,
} from '../slack/helpers.ts';
import { FakeTelegram, settle } from '../telegram/harness.ts';

const TOKEN = '4001:replicas';
const SECRET = 'replicas_webhook-Secret1';
/** What Telegram would post to: the load balancer. The replicas are reached directly here. */
const PUBLIC_WEBHOOK = 'https://kumppani.example.fi/telegram/webhook';

describeOnServer('two replicas on one PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createServerDatabase>>;
  let slack: FakeSlack;
  let tg: FakeTelegram;
  const dataDirs: string[] = [];
  const replicas: Record<'a' | 'b', ServeProcess | undefined> = { a: undefined, b: undefined };
  const a = () => replicas.a!;
  const b = () => replicas.b!;

  function start(name: 'a' | 'b'): Promise<ServeProcess> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kumppani-replica-${name}-`));
    dataDirs.push(dataDir);
    return startServe({
      DATABASE_URL: scratch.url,
      KUMPPANI_DATA_DIR: dataDir,
      KUMPPANI_KNOWLEDGE_DIR: 'knowledge',
      // The same for every replica, as an operator sets it (otherwise the first one's is kept in
      // the database and shared anyway).
      KUMPPANI_HMAC_KEY: 'replicas-test-key',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-replicas',
      SLACK_API_URL: slack.apiUrl,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_WEBHOOK_URL: PUBLIC_WEBHOOK,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
  }

  beforeAll(async () => {
    scratch = await createServerDatabase('replicas');
    slack = await startFakeSlack();
    tg = await FakeTelegram.start();
    // Started together, as `docker compose up --scale kumppani=2` does: both migrate and sync the
    // knowledge folder into the one database at the same time.
    [replicas.a, replicas.b] = await Promise.all([start('a'), start('b')]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([replicas.a?.stop(), replicas.b?.stop()]);
    await slack?.close();
    await tg?.close();
    await scratch?.drop();
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
  });

  /** Warnings and errors a replica logged (pino levels 40 and up), as `level msg`. */
  const problems = (r: ServeProcess) =>
    r
      .log()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.level >= 40)
      .map((l) => `${l.level} ${l.msg}`);

  // ---- Telegram, webhook mode ----------------------------------------------------------------

  let updateSeq = 7100;
  function tgUpdate(chatId: number, text: string, updateId = ++updateSeq) {
    const command = /^\/\w+/.exec(text);
    return {
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: 'Vilja' },
        from: { id: chatId, is_bot: false, first_name: 'Vilja', language_code: 'fi' },
        text,
        ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      },
    };
  }
  async function deliver(replica: ServeProcess, update: unknown): Promise<void> {
    const res = await fetch(`${replica.url}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
  }
  const botMessages = (chatId: number) => tg.botMessages(TOKEN, chatId);

  async function rows(table: 'query_log' | 'sessions'): Promise<number> {
    const c = new pg.Client({ connectionString: scratch.url });
    await c.connect();
    try {
      return Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    } finally {
      await c.end();
    }
  }

  // ---- Slack over HTTP -----------------------------------------------------------------------

  const posts = (channel: string): ApiCall[] =>
    slack.of('chat.postMessage').filter((c) => c.body.channel === channel);
  const text = (call: ApiCall) => [String(call.body.text ?? ''), ...blockTexts(call)].join('\n');

  it('both replicas registered the one public webhook and share one index', async () => {
    const registered = tg.callsOf(TOKEN, 'setWebhook').map((c) => c.payload.url);
    expect(registered).toEqual([PUBLIC_WEBHOOK, PUBLIC_WEBHOOK]);
    const [ha, hb] = await Promise.all([a(), b()].map(async (r) => (await fetch(`${r.url}/healthz`)).json()));
    expect(ha.status).toBe('ok');
    expect(ha.index.activeDocuments).toBeGreaterThan(5);
    expect(hb.index.activeDocuments).toBe(ha.index.activeDocuments);
    // Migrating and syncing the folder side by side went without a failure on either.
    for (const r of [a(), b()]) expect(problems(r)).toEqual([]);
  });

  /** Delivered in one test, again after the restart. */
  const retriedEvent = {
    type: 'app_mention',
    user: 'U1',
    text: `<@${BOT_USER}> Milloin Routasalmen kohdeavustusta haetaan?`,
    ts: '1700100000.000100',
    channel: 'CREPLICA1',
  };
  const redeliveredUpdate = tgUpdate(601, 'Milloin Routasalmen kohdeavustusta haetaan?', 7001);

  it('a Slack event retried to the other replica is answered once', { timeout: 60_000 }, async () => {
    const event = retriedEvent;
    expect((await sendEvent(a().url, event, 'EvReplicaRetry')).status).toBe(200);
    const [answer] = await waitFor(
      'the answer',
      () => posts('CREPLICA1').length > 0 && posts('CREPLICA1'),
      30_000,
    );
    expect(text(answer!)).toMatch(/31\.3\./);
    // Slack saw no timely acknowledgement and delivers the event again; the balancer sends it to B.
    const retry = await sendEvent(b().url, event, 'EvReplicaRetry', {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await settle(3000);
    expect(posts('CREPLICA1')).toHaveLength(1);
  });

  it('a Slack event delivered to both replicas at once is answered once', { timeout: 60_000 }, async () => {
    const event = {
      type: 'app_mention',
      user: 'U2',
      text: `<@${BOT_USER}> Kuka on Routasalmen järjestöyhdyshenkilö?`,
      ts: '1700100001.000100',
      channel: 'CREPLICA2',
    };
    const retry = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };
    await Promise.all([
      sendEvent(a().url, event, 'EvReplicaRace'),
      sendEvent(b().url, event, 'EvReplicaRace', retry),
    ]);
    await waitFor('the answer', () => posts('CREPLICA2').length > 0, 30_000);
    await settle(3000);
    expect(posts('CREPLICA2')).toHaveLength(1);
  });

  it(
    'a Telegram update delivered again, to the other replica, is answered once',
    { timeout: 60_000 },
    async () => {
      const update = redeliveredUpdate;
      await deliver(a(), update);
      await tg.waitForBotMessages(TOKEN, 601, 1, 30_000);
      // Telegram got no 2xx in time and posts the update again; this time it reaches B.
      await deliver(b(), update);
      await settle(3000);
      expect(botMessages(601)).toHaveLength(1);
      expect(botMessages(601)[0]!.text).toMatch(/31\.3\./);
    },
  );

  it(
    'a conversation started on A continues on B: the municipality chosen is remembered',
    { timeout: 60_000 },
    async () => {
      await deliver(a(), tgUpdate(602, '/kunta Routasalmi'));
      const [chosen] = await tg.waitForBotMessages(TOKEN, 602, 1, 30_000);
      expect(chosen!.text).toContain('Routasalmi');
      // The question names no municipality: B answers it for Routasalmi, whose contact person is
      // Mikko Halme. A chat that chose nothing gets someone else's answer to the same question.
      await deliver(b(), tgUpdate(602, 'Kuka on järjestöyhdyshenkilö?'));
      const [, answer] = await tg.waitForBotMessages(TOKEN, 602, 2, 30_000);
      expect(answer!.text).toContain('Mikko Halme');
      await deliver(b(), tgUpdate(603, 'Kuka on järjestöyhdyshenkilö?'));
      const [unchosen] = await tg.waitForBotMessages(TOKEN, 603, 1, 30_000);
      expect(unchosen!.text).not.toContain('Mikko Halme');
    },
  );

  it('a Slack thread the bot answered on A is followed up on B', { timeout: 60_000 }, async () => {
    const ts = '1700100002.000100';
    await sendEvent(a().url, {
      type: 'app_mention',
      user: 'U3',
      text: `<@${BOT_USER}> Milloin Routasalmen kohdeavustusta haetaan?`,
      ts,
      channel: 'CREPLICA3',
    });
    await waitFor('the answer', () => posts('CREPLICA3').length > 0, 30_000);
    // A reply in that thread, without a mention: for the bot only because it answered there.
    await sendEvent(b().url, {
      type: 'message',
      user: 'U3',
      text: 'Entä toiminta-avustusta?',
      ts: '1700100003.000100',
      thread_ts: ts,
      channel: 'CREPLICA3',
    });
    const [, followUp] = await waitFor(
      'the follow-up',
      () => posts('CREPLICA3').length > 1 && posts('CREPLICA3'),
      30_000,
    );
    expect(followUp!.body.thread_ts).toBe(ts);
  });

  it(
    'a replica killed and started again has lost nothing: sessions, the index, the query log',
    { timeout: 240_000 },
    async () => {
      const before = await (await fetch(`${b().url}/healthz`)).json();
      const logged = await rows('query_log');
      expect(logged).toBeGreaterThan(0);
      // No chance to flush anything: whatever it kept only in memory is gone.
      process.kill(a().pid, 'SIGKILL');
      await a().stop();
      replicas.a = await start('a');

      const after = await (await fetch(`${a().url}/healthz`)).json();
      expect(after.index).toEqual(before.index);
      expect(await rows('query_log')).toBe(logged);

      // The municipality chosen before the restart, through A.
      // (Without one, this question is answered from Sammalkoski's grant rules.)
      await deliver(a(), tgUpdate(602, 'Saako kohdeavustusta tapahtumaan?'));
      const [, , answer] = await tg.waitForBotMessages(TOKEN, 602, 3, 30_000);
      expect(answer!.text).toContain('Routasalm');
      expect(answer!.text).not.toContain('Sammalko');

      // And B, stopped the ordinary way and started again, too.
      await b().stop();
      replicas.b = await start('b');
      await deliver(b(), tgUpdate(602, 'Kuka on järjestöyhdyshenkilö?'));
      const [, , , fourth] = await tg.waitForBotMessages(TOKEN, 602, 4, 30_000);
      expect(fourth!.text).toContain('Mikko Halme');
    },
  );

  it(
    'deliveries handled before the restarts stay handled: a late redelivery gets no second answer',
    { timeout: 60_000 },
    async () => {
      const answered = { telegram: botMessages(601).length, slack: posts('CREPLICA1').length };
      await deliver(a(), redeliveredUpdate);
      await sendEvent(a().url, retriedEvent, 'EvReplicaRetry', {
        headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
      });
      await settle(3000);
      expect(botMessages(601)).toHaveLength(answered.telegram);
      expect(posts('CREPLICA1')).toHaveLength(answered.slack);
    },
  );
});
