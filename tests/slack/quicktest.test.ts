/**
 * The self-assessment in Slack (issue 17) over the real core and the demo pack, through bolt and
 * a stand-in for Slack's Web API and response_url: "/kumppani pikatesti" asks one question at a
 * time as Block Kit buttons that replace the question in place, ends in the cited result with the
 * Markdown as code blocks; a run typed in a DM resumes after a restart; a finished result is
 * shared only when its user presses "share", and the organisers' "/kumppani pikatesti
 * yhteenveto" lists, per theme, the municipalities that shared (and no other), in their language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { createAssistant } from '../../src/dialogue/assistant.ts';
import { loadQuicktest } from '../../src/dialogue/quicktest.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { Language } from '../../src/kernel/types.ts';
import { testConfig } from '../dialogue/helpers.ts';
import {
  blockTexts,
  buttons,
  sendCommand,
  sendEvent,
  sendInteraction,
  startFakeSlack,
  startSlackChannel,
  waitFor,
  type ApiCall,
  type FakeSlack,
  type SlackHarness,
} from './helpers.ts';

const test = loadQuicktest('knowledge/quicktest.yml');
const TOTAL = test.questions.length;

let services: Services;
let slack: FakeSlack;
let bot: SlackHarness;
let seq = 0;

beforeAll(async () => {
  services = await createServices(testConfig({ KUMPPANI_AUTO_INGEST: 'false' }), { logger: silentLogger });
  expect((await ingestPaths(['knowledge/demo'], services.writer)).failed).toEqual([]);
  slack = await startFakeSlack();
  bot = await startSlackChannel(services.assistant, { SLACK_API_URL: slack.apiUrl });
});

afterAll(async () => {
  await bot?.close();
  await slack?.close();
  await services?.close();
});

/** The Web API and response_url calls made after `from`, to where a user sees them. */
const shown = (from: number) =>
  slack.calls.slice(from).filter((c) => c.method === 'respond' || c.method === 'chat.postMessage');

/** Waits for the next message(s) to the user after `from`; returns the first. */
async function next(from: number, what: string): Promise<ApiCall> {
  return waitFor(what, () => shown(from)[0], 30_000);
}

/** Runs "/kumppani <text>" in a channel as a user; returns the first message answered. */
async function command(text: string, user: string, channel: string): Promise<ApiCall> {
  const from = slack.calls.length;
  const res = await sendCommand(bot.url, {
    text,
    user_id: user,
    channel_id: channel,
    response_url: `${slack.url}/respond/cmd-${++seq}`,
  });
  expect(res.status).toBe(200);
  return next(from, `the answer to /kumppani ${text}`);
}

/** Presses the button labelled `label` in `message` as `user`; returns the first message answered. */
async function press(message: ApiCall, label: string, user: string, channel: string): Promise<ApiCall> {
  const button = buttons(message).find((b) => b.text === label);
  expect(button, `a button "${label}"`).toBeDefined();
  const from = slack.calls.length;
  const res = await sendInteraction(bot.url, {
    type: 'block_actions',
    user: { id: user, username: 'maija', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    team: { id: 'T1', domain: 'alue' },
    channel: { id: channel, name: 'kunta' },
    container: { type: 'message', message_ts: '1700000500.000100', channel_id: channel, is_ephemeral: true },
    trigger_id: 'trig',
    response_url: `${slack.url}/respond/press-${++seq}`,
    actions: [
      {
        type: 'button',
        action_id: button!.action_id,
        block_id: 'b1',
        value: button!.value,
        action_ts: '1.0',
      },
    ],
  });
  expect(res.status).toBe(200);
  return next(from, `the answer to "${label}"`);
}

const text = (m: ApiCall) => blockTexts(m).join('\n');

/** "unohda minut" in the user's DM, answered. */
async function forgetMe(user: string, dm: string): Promise<void> {
  const from = slack.calls.length;
  await sendEvent(bot.url, {
    type: 'message',
    channel_type: 'im',
    user,
    text: 'unohda minut',
    ts: `1700009${String(++seq).padStart(3, '0')}.000100`,
    channel: dm,
  });
  await next(from, 'the confirmation of forget me');
}

/** Answers every remaining question with `answer`, checking each is asked in turn; returns the result. */
async function answerAll(
  first: ApiCall,
  language: Language,
  user: string,
  channel: string,
  answer: (id: string) => 'yes' | 'partly' | 'no' | 'unknown' = () => 'yes',
  from = 0,
): Promise<ApiCall> {
  let m = first;
  for (const [i, q] of test.questions.entries()) {
    if (i < from) continue;
    expect(text(m)).toContain(q.text[language].replace(/\s+/g, ' ').slice(0, 30));
    expect(text(m)).toContain(`${i + 1}/${TOTAL}`);
    m = await press(m, t(language, `quicktest.answer.${answer(q.id)}`), user, channel);
    // The answer replaces the question: one question at a time, in place.
    expect(m.method).toBe('respond');
    expect(m.body.replace_original).toBe(true);
  }
  return m;
}

describe('the self-assessment in Slack', () => {
  it.each([
    ['pikatesti', 'fi'],
    ['snabbtest', 'sv'],
    ['quicktest', 'en'],
  ] as Array<[string, Language]>)(
    '"/kumppani %s" runs every question as buttons and ends in the cited result and its Markdown (%s)',
    async (word, language) => {
      const user = `UQ-${language}`;
      const channel = `CQ-${language}`;
      const first = await command(word, user, channel);
      expect(first.body.response_type).toBe('ephemeral');
      expect(text(first)).toContain(t(language, 'quicktest.intro', { total: TOTAL }));
      const labels = buttons(first).map((b) => b.text);
      for (const v of ['yes', 'partly', 'no', 'unknown'])
        expect(labels).toContain(t(language, `quicktest.answer.${v}`));
      expect(labels).toContain(t(language, 'quicktest.button.stop'));
      for (const b of buttons(first)) expect(b.action_id).toMatch(/^kumppani_quicktest:\d+$/);

      const result = await answerAll(first, language, user, channel, (id) =>
        id === 'contact-person' ? 'yes' : 'no',
      );
      const all = result;
      const resultText = text(all);
      expect(resultText).toContain(t(language, 'quicktest.result.steps'));
      // The next steps cite the recommendation, the regional figure the survey, with sources listed.
      expect(resultText).toMatch(/23 %/);
      expect(resultText).toMatch(/\*\[1\]\*/);
      expect(resultText).toContain('kuntakysely');
      const resultButtons = buttons(all).map((b) => b.text);
      expect(resultButtons).toContain(t(language, 'quicktest.button.share'));

      const md = await press(all, t(language, 'quicktest.button.markdown'), user, channel);
      // Below the result, not instead of it; a code block, copied as written.
      expect(md.body.replace_original).toBe(false);
      const code = blockTexts(md).filter((s) => s.startsWith('```'));
      expect(code.length).toBeGreaterThan(0);
      const markdown = code.map((s) => s.replace(/^```\n|\n```$/g, '')).join('\n');
      expect(markdown.startsWith(`# ${t(language, 'quicktest.title')}\n`)).toBe(true);
      expect(markdown).toMatch(/\[\^1\]: .*knowledge\/demo\/alue\//);
      // Nothing was shared: sharing is the user's own act.
      expect((await services.stores.quicktestShared!.list()).map((s) => s.userKey)).toEqual([]);
    },
  );

  it('"stop" ends the run in place; a button of someone else\'s run is refused', async () => {
    const first = await command('pikatesti', 'UQ-stop', 'CQ-stop');
    const other = await press(first, t('fi', 'quicktest.answer.yes'), 'UQ-other', 'CQ-stop');
    expect(other.body.response_type).toBe('ephemeral');
    expect(text(other)).toContain(t('fi', 'quicktest.notYours', { usage: '/kumppani pikatesti' }));
    const stopped = await press(first, t('fi', 'quicktest.button.stop'), 'UQ-stop', 'CQ-stop');
    expect(stopped.body.replace_original).toBe(true);
    expect(text(stopped)).toContain(t('fi', 'quicktest.stopped', { usage: '/kumppani pikatesti' }));
  });

  it('typed "pikatesti" in a DM resumes after a restart where the user left off', async () => {
    const dm = 'DQRESUME';
    const say = async (harness: SlackHarness, words: string) => {
      const from = slack.calls.length;
      await sendEvent(harness.url, {
        type: 'message',
        channel_type: 'im',
        user: 'UQ-resume',
        text: words,
        ts: `1700003${String(++seq).padStart(3, '0')}.000100`,
        channel: dm,
      });
      return next(from, `the answer to "${words}" in the DM`);
    };
    let m = await say(bot, 'pikatesti');
    expect(m.method).toBe('chat.postMessage');
    for (const value of ['yes', 'partly', 'no'])
      m = await press(m, t('fi', `quicktest.answer.${value}`), 'UQ-resume', dm);
    expect(text(m)).toContain(test.questions[3]!.text.fi.slice(0, 30));

    // A new process: another assistant and Slack channel over the same database.
    const assistant = await createAssistant({
      stores: services.stores,
      answerer: services.answerer,
      config: testConfig({ KUMPPANI_AUTO_INGEST: 'false' }),
      logger: silentLogger,
      retentionJob: false,
    });
    const again = await startSlackChannel(assistant, { SLACK_API_URL: slack.apiUrl });
    try {
      m = await say(again, 'pikatesti');
      expect(text(m)).toContain(t('fi', 'quicktest.resume', { done: 3, total: TOTAL }));
      expect(text(m)).toContain(test.questions[3]!.text.fi.slice(0, 30));
      expect(buttons(m).map((b) => b.text)).toContain(t('fi', 'quicktest.button.restart'));
    } finally {
      await again.close();
      await assistant.close();
    }
  });
});

describe('sharing with the regional organisers', () => {
  /** A user of `municipality` finishes the test in their channel; returns the result message. */
  async function finish(user: string, channel: string, municipality: string, answer: 'yes' | 'no') {
    await command(`kunta ${municipality}`, user, channel);
    const first = await command('pikatesti', user, channel);
    return answerAll(first, 'fi', user, channel, (id) =>
      answer === 'yes' || id === 'contact-person' ? 'yes' : 'no',
    );
  }

  it('shows, per theme, only the municipalities that chose to share, with the average, dated', async () => {
    const routasalmi = await finish('UQ-routa', 'CQ-routa', 'Routasalmi', 'yes');
    const shared = await press(routasalmi, t('fi', 'quicktest.button.share'), 'UQ-routa', 'CQ-routa');
    const today = new Date().toISOString().slice(0, 10);
    expect(text(shared)).toContain(
      t('fi', 'quicktest.share.done', { municipality: 'Routasalmi', score: 100, date: today }),
    );
    const sammal = await finish('UQ-sammal', 'CQ-sammal', 'Sammalkoski', 'no');
    await press(sammal, t('fi', 'quicktest.button.share'), 'UQ-sammal', 'CQ-sammal');
    // Kaislaniemi finishes but does not share.
    await finish('UQ-kaisla', 'CQ-kaisla', 'Kaislaniemi', 'no');

    const summary = text(await command('pikatesti yhteenveto', 'UQ-organiser', 'CQ-alue'));
    expect(summary).toContain(t('fi', 'quicktest.summary.title', { count: 2 }));
    expect(summary).toContain('*Routasalmi*');
    expect(summary).toContain('*Sammalkoski*');
    expect(summary).not.toContain('Kaislaniemi');
    expect(summary).toContain(t('fi', 'quicktest.summary.shared', { score: 100, date: today }));
    // Sammalkoski answered yes only to the contact person (weight 2 of contact's 3 points).
    const contact = test.themes.find((th) => th.id === 'contact')!;
    expect(summary).toContain(t('fi', 'quicktest.summary.theme', { theme: contact.label.fi, average: 84 }));
    const premises = test.themes.find((th) => th.id === 'premises')!;
    expect(summary).toContain(t('fi', 'quicktest.summary.theme', { theme: premises.label.fi, average: 50 }));

    // In the asker's language.
    const sv = text(await command('snabbtest sammanfattning', 'UQ-organiser-sv', 'CQ-alue'));
    expect(sv).toContain(t('sv', 'quicktest.summary.title', { count: 2 }));
    expect(sv).toContain(t('sv', 'quicktest.summary.theme', { theme: contact.label.sv, average: 84 }));
    const en = text(await command('quicktest summary', 'UQ-organiser-en', 'CQ-alue'));
    expect(en).toContain(t('en', 'quicktest.summary.theme', { theme: premises.label.en, average: 50 }));
  });

  it('"forget me" takes back what the user shared', async () => {
    await forgetMe('UQ-sammal', 'DQSAMMAL');
    const summary = text(await command('pikatesti yhteenveto', 'UQ-organiser', 'CQ-alue'));
    expect(summary).toContain(t('fi', 'quicktest.summary.title', { count: 1 }));
    expect(summary).not.toContain('Sammalkoski');
    expect(summary).toContain('Routasalmi');
  });

  it('keeps the newest sharing of a municipality, and "forget me" spares what another user shared', async () => {
    const again = await finish('UQ-routa2', 'CQ-routa2', 'Routasalmi', 'no');
    await press(again, t('fi', 'quicktest.button.share'), 'UQ-routa2', 'CQ-routa2');
    let summary = text(await command('pikatesti yhteenveto', 'UQ-organiser', 'CQ-alue'));
    expect(summary).toContain(t('fi', 'quicktest.summary.title', { count: 1 }));
    expect(summary).toMatch(/\*Routasalmi\*: 11 \/ 100/);
    expect(summary).not.toMatch(/\*Routasalmi\*: 100 \/ 100/);
    // The first sharer's "forget me" no longer reaches Routasalmi's result: it is the newer one's.
    await forgetMe('UQ-routa', 'DQROUTA');
    summary = text(await command('pikatesti yhteenveto', 'UQ-organiser', 'CQ-alue'));
    expect(summary).toMatch(/\*Routasalmi\*: 11 \/ 100/);
  });

  it('asks for the municipality before sharing, and for the answers before that', async () => {
    const first = await command('pikatesti', 'UQ-nomun', 'CQ-nomun');
    const early = await command('pikatesti jaa', 'UQ-nomun', 'CQ-nomun');
    expect(text(early)).toContain(t('fi', 'quicktest.share.unfinished', { done: 0, total: TOTAL }));
    const result = await answerAll(first, 'fi', 'UQ-nomun', 'CQ-nomun');
    const refused = await press(result, t('fi', 'quicktest.button.share'), 'UQ-nomun', 'CQ-nomun');
    expect(text(refused)).toContain(
      t('fi', 'quicktest.share.noMunicipality', { usage: '/kumppani kunta NIMI' }),
    );
  });
});
