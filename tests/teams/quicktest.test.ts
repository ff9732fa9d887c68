/**
 * The self-assessment in Teams (issue 17) over the real core, the real server and botbuilder's
 * CloudAdapter, replying to the Bot Connector stub: the typed word or the cards' button starts
 * it, each question is an Adaptive Card whose answers are Action.Submit buttons (sent back as a
 * message carrying the button's data), the result cites the demo pack, the Markdown comes as a
 * message holding a code block, and sharing stores the result under the chosen municipality.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandActions } from '../../adapters/teams/cards.ts';
import type { Services } from '../../src/app.ts';
import { loadQuicktest } from '../../src/dialogue/quicktest.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import type { Language } from '../../src/kernel/types.ts';
import type { ConnectorStub } from './connector-stub.ts';
import { cardText, personalMessage, startTeams, type Posted } from './chat.ts';

const test = loadQuicktest('knowledge/quicktest.yml');
const TOTAL = test.questions.length;

let services: Services;
let stub: ConnectorStub;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ services, stub, base, close } = await startTeams());
});

afterAll(async () => {
  await close?.();
});

/** Sends a personal-chat message (typed text, or a card's Action.Submit data); returns the bot's reply. */
const send = (conversation: string, locale: string, content: { text: string } | { value: unknown }) =>
  personalMessage(base, stub, conversation, locale, content);

const cardOf = (a: Posted) => a.attachments?.[0]?.content as Record<string, unknown> | undefined;
const textOf = (a: Posted) => cardText(cardOf(a));

/** The Action.Submit buttons in the card's body: title and the data they send. */
function submits(a: Posted): Array<{ title: string; data: unknown }> {
  const body = (cardOf(a)?.body ?? []) as Array<{ type: string; actions?: Array<Record<string, unknown>> }>;
  return body
    .filter((b) => b.type === 'ActionSet')
    .flatMap((b) => b.actions ?? [])
    .filter((x) => x.type === 'Action.Submit')
    .map((x) => ({ title: String(x.title), data: x.data }));
}

async function press(conversation: string, locale: string, card: Posted, title: string): Promise<Posted> {
  const button = submits(card).find((b) => b.title === title);
  expect(button, `a button "${title}"`).toBeDefined();
  return send(conversation, locale, { value: button!.data });
}

const LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-US' };
const WORD: Record<Language, string> = { fi: 'pikatesti', sv: 'snabbtest', en: 'quicktest' };

describe('the self-assessment in Teams', () => {
  it.each(['fi', 'sv', 'en'] as Language[])(
    'the typed word runs every question as a card of Action.Submit buttons to a cited result (%s)',
    async (language) => {
      const conversation = `qt-${language}`;
      const locale = LOCALE[language];
      let card = await send(conversation, locale, { text: WORD[language] });
      expect(textOf(card)).toContain(t(language, 'quicktest.intro', { total: TOTAL }));
      for (const [i, q] of test.questions.entries()) {
        expect(textOf(card)).toContain(q.text[language]);
        expect(textOf(card)).toContain(`${i + 1}/${TOTAL}`);
        const titles = submits(card).map((b) => b.title);
        for (const v of ['yes', 'partly', 'no', 'unknown'])
          expect(titles).toContain(t(language, `quicktest.answer.${v}`));
        expect(titles).toContain(t(language, 'quicktest.button.stop'));
        const value = q.id === 'contact-person' ? 'yes' : 'no';
        card = await press(conversation, locale, card, t(language, `quicktest.answer.${value}`));
      }
      const result = textOf(card);
      expect(result).toContain(t(language, 'quicktest.result.steps'));
      expect(result).toMatch(/23 %/);
      // The sources the steps cite, listed on the card.
      expect(result).toContain(t(language, 'teams.sources'));
      expect(result).toMatch(/\[1\]/);
      const titles = submits(card).map((b) => b.title);
      expect(titles).toContain(t(language, 'quicktest.button.share'));

      // The Markdown as a message: one code block to copy into a board memo.
      const md = await press(conversation, locale, card, t(language, 'quicktest.button.markdown'));
      expect(md.attachments ?? []).toEqual([]);
      const text = String(md.text);
      expect(text.startsWith(t(language, 'quicktest.markdown.copy'))).toBe(true);
      const code = /```\n([\s\S]*)\n```$/.exec(text)?.[1];
      expect(code?.startsWith(`# ${t(language, 'quicktest.title')}\n`)).toBe(true);
      expect(code).toMatch(/\[\^1\]: .*knowledge\/demo\/alue\//);
    },
  );

  it("starts from the cards' standing button, and resumes from the typed word", async () => {
    const start = commandActions('fi', true).find(
      (a) => (a as { title: string }).title === t('fi', 'teams.action.quicktest'),
    ) as { fallback: { data: unknown } } | undefined;
    expect(start).toBeDefined();
    let card = await send('qt-button', 'fi-FI', { value: start!.fallback.data });
    expect(textOf(card)).toContain(test.questions[0]!.text.fi);
    card = await press('qt-button', 'fi-FI', card, t('fi', 'quicktest.answer.partly'));
    card = await send('qt-button', 'fi-FI', { text: 'pikatesti' });
    expect(textOf(card)).toContain(t('fi', 'quicktest.resume', { done: 1, total: TOTAL }));
    expect(textOf(card)).toContain(test.questions[1]!.text.fi);
  });

  it('shares the result under the chosen municipality only when the user presses "share"', async () => {
    const c = 'qt-share';
    await send(c, 'fi-FI', { text: 'kunta Kaislaniemi' });
    let card = await send(c, 'fi-FI', { text: 'pikatesti' });
    for (let i = 0; i < TOTAL; i++) card = await press(c, 'fi-FI', card, t('fi', 'quicktest.answer.yes'));
    expect(await services.stores.quicktestShared!.list()).toEqual([]);
    const shared = await press(c, 'fi-FI', card, t('fi', 'quicktest.button.share'));
    const today = new Date().toISOString().slice(0, 10);
    expect(textOf(shared)).toContain(
      t('fi', 'quicktest.share.done', { municipality: 'Kaislaniemi', score: 100, date: today }),
    );
    const rows = await services.stores.quicktestShared!.list();
    expect(rows.map((r) => [r.municipality, r.overall])).toEqual([['Kaislaniemi', 100]]);
    // The user's id is stored pseudonymised, like everything else.
    expect(rows[0]!.userKey).not.toContain('aad-qt-share');
    // The summary is for the regional organisers in Slack.
    const summary = await send(c, 'fi-FI', { text: 'pikatesti yhteenveto' });
    expect(textOf(summary)).toContain(t('fi', 'quicktest.summary.elsewhere'));
  });
});
