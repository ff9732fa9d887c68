/**
 * The web chat in a real browser (Debian's chromium via playwright-core): asking with the keyboard
 * only, the answer with its sources, the announcement for screen readers, feedback, municipality
 * and language choice, errors, a new conversation, the embed script, and an axe-core check.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebChannel } from '../../adapters/web/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { createFakeAssistant, fakeIndexStats, testConfig, type FakeAssistant } from '../server/fakes.ts';
import { said } from '../helpers/said.ts';
import {
  hasChromium,
  launchChromium,
  NO_CHROMIUM_MESSAGE,
  seriousViolations,
  type Chromium,
} from './chromium.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

let server: KumppaniServer;
let base: string;
let assistant: FakeAssistant;
let browser: Chromium;

async function openChat(path = '/?lang=fi', viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${base}${path}`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

async function activeId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.id || el?.dataset.vote || el?.className || el?.tagName || '';
  });
}

/** Asks a question and waits until its answer with sources is shown. */
async function askAndWait(page: Page, text: string): Promise<void> {
  const answers = page.locator('.message.bot .sources');
  const before = await answers.count();
  await page.fill('#message', text);
  await page.keyboard.press('Enter');
  await expect.poll(() => answers.count()).toBe(before + 1);
}

/** Presses Tab (or Shift+Tab) until `done` holds, at most `max` times; returns the stops on the way. */
async function tabUntil(
  page: Page,
  done: (id: string) => boolean,
  opts: { back?: boolean; max?: number } = {},
): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < (opts.max ?? 25); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const id = await activeId(page);
    seen.push(id);
    if (done(id)) return seen;
  }
  throw new Error(`focus never reached the target; it went: ${seen.join(' > ')}`);
}

describe.skipIf(!hasChromium)('the web chat in chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    assistant = createFakeAssistant();
    server = await createServer({
      config: testConfig(),
      logger: silentLogger,
      state: new MemoryChannelState(),
      assistant,
      indexStats: fakeIndexStats,
      channels: [createWebChannel],
    });
    base = (await server.start({ port: 0, host: '127.0.0.1' })).url;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(() => {
    assistant.turns.length = 0;
    assistant.votes.length = 0;
  });

  it('can be used with the keyboard only: ask, read the answer and its sources, hear it announced, vote', async () => {
    const page = await openChat();

    // The first Tab reaches the skip link, which takes the user straight to the question field.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Siirry kirjoittamaan kysymystä',
    );
    await page.keyboard.press('Enter');
    expect(await activeId(page)).toBe('message');

    await page.keyboard.type('Milloin toiminta-avustusta haetaan?');
    await page.keyboard.press('Enter');

    const answer = page.locator('.message.bot').last();
    await answer.locator('.sources').waitFor();
    expect(await answer.textContent()).toContain('Toiminta-avustusta haetaan vuosittain 31.3. mennessä');
    const source = answer.locator('.sources a').first();
    expect(await source.textContent()).toContain('Iisalmen avustusohje');
    expect(await source.getAttribute('href')).toBe('https://www.iisalmi.fi/avustukset');
    expect(await answer.locator('.sources li').count()).toBe(2);
    const marker = answer.getByRole('link', { name: 'Lähde 1: Iisalmen avustusohje' });
    expect(await marker.textContent()).toBe('[1]');
    const target = (await marker.getAttribute('href')) ?? '';
    expect(target).toMatch(/^#src-answer-\d+-1$/);
    expect(await page.locator(target).textContent()).toContain('Iisalmen avustusohje');

    // Screen readers hear the answer through the polite live region.
    const status = page.locator('#status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => status.textContent()).toContain('Kumppani vastasi: Toiminta-avustusta haetaan');

    // Focus stayed in the question field; going back reaches the 👍 button of the answer.
    expect(await activeId(page)).toBe('message');
    await tabUntil(page, (id) => id === 'up', { back: true });
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Space');
    await answer.getByText('Kiitos palautteesta!').waitFor();
    expect(assistant.votes).toEqual([
      {
        answerId: target.split('-').slice(1, 3).join('-'),
        channel: 'web',
        userId: expect.any(String),
        vote: 'up',
      },
    ]);
    expect(await answer.locator('[data-vote="up"]').getAttribute('aria-pressed')).toBe('true');

    expect(assistant.turns[0]).toMatchObject({
      channel: 'web',
      audience: 'public',
      text: 'Milloin toiminta-avustusta haetaan?',
      locale: 'fi',
    });
    await page.close();
  });

  it('has a sensible focus order through the controls', async () => {
    const page = await openChat();
    const stops = await tabUntil(page, (id) => id === 'send');
    expect(stops).toEqual(['skip-link', 'municipality', 'language', 'new-conversation', 'message', 'send']);
    await page.close();
  });

  it('has no serious or critical axe violations, on a desktop and on a phone, with an answer shown', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 375, height: 740 },
    ]) {
      const page = await openChat('/?lang=fi', viewport);
      await page.fill('#message', 'Milloin toiminta-avustusta haetaan?');
      await page.keyboard.press('Enter');
      await page.locator('.message.bot .sources').last().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    }
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await openChat('/?lang=fi', { width: 360, height: 700 });
    await page.fill('#message', 'Milloin toiminta-avustusta haetaan?');
    await page.keyboard.press('Enter');
    await page.locator('.message.bot .sources').last().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('shows an error in the question field instead of sending an empty question', async () => {
    const page = await openChat();
    await page.focus('#message');
    await page.keyboard.press('Enter');
    const error = page.locator('#message-error');
    expect(await error.isVisible()).toBe(true);
    expect(await error.textContent()).toBe('Kirjoita kysymys ennen lähettämistä.');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await page.locator('#message').getAttribute('aria-invalid')).toBe('true');
    expect(assistant.turns).toHaveLength(0);
    await page.close();
  });

  it('switches municipality and language, and follows the language everywhere on the page', async () => {
    const page = await openChat();
    expect(await page.locator('#municipality option').allTextContents()).toEqual([
      'Kaikki kunnat',
      'Iisalmi',
      'Kuopio',
      'Vaasa',
    ]);
    // "Lisää kalenteriin" appears with a municipality: its deadlines as an iCalendar feed.
    expect(await page.locator('#calendar-link').isHidden()).toBe(true);
    await page.selectOption('#municipality', 'Kuopio');
    await expect
      .poll(() => assistant.turns.map((t) => t.command))
      .toContainEqual({ kind: 'set-municipality', municipality: 'Kuopio' });
    const calendar = page.locator('#calendar-link');
    expect(await calendar.isVisible()).toBe(true);
    expect(await calendar.textContent()).toBe('Lisää kalenteriin');
    expect(await calendar.getAttribute('href')).toBe('/calendar/Kuopio.ics?lang=fi');
    // Optionally only some grant kinds, as /muistuta takes them.
    const kinds = page.locator('#calendar-kinds');
    expect(await kinds.getAttribute('aria-label')).toBe('Vain nämä avustuslajit kalenteriin (vapaaehtoinen)');
    await kinds.fill('kohdeavustus');
    expect(await calendar.getAttribute('href')).toBe('/calendar/Kuopio.ics?lang=fi&kinds=kohdeavustus');
    await kinds.fill('');

    await page.selectOption('#language', 'sv');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sv');
    expect(await page.locator('label[for="message"]').textContent()).toBe('Din fråga');
    expect(await calendar.textContent()).toBe('Lägg till i kalendern');
    expect(await calendar.getAttribute('href')).toBe('/calendar/Kuopio.ics?lang=sv');
    expect(await page.title()).toContain('Kumppani – fråga');
    await expect
      .poll(() => assistant.turns.map((t) => t.command))
      .toContainEqual({ kind: 'set-language', language: 'sv' });
    await page.close();
  });

  it('chooses the municipality given in the link quietly', async () => {
    const page = await openChat('/?municipality=Vaasa&lang=en');
    expect(await page.locator('#municipality').inputValue()).toBe('Vaasa');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(assistant.turns.map((t) => t.command)).toEqual([
      { kind: 'set-municipality', municipality: 'Vaasa' },
    ]);
    expect(await page.locator('.message').count()).toBe(0);
    await page.close();
  });

  it('starts a new conversation with a fresh id', async () => {
    const page = await openChat();
    await page.fill('#message', 'Ensimmäinen kysymys');
    await page.keyboard.press('Enter');
    await page.locator('.message.bot .sources').last().waitFor();
    await page.getByRole('button', { name: 'Uusi keskustelu' }).click();
    expect(await page.locator('.message').count()).toBe(0);
    expect(await activeId(page)).toBe('message');
    await page.keyboard.type('Toinen kysymys');
    await page.keyboard.press('Enter');
    await page.locator('.message.bot .sources').last().waitFor();
    const [first, second] = assistant.turns;
    expect(first?.conversationId).toBeTruthy();
    expect(second?.conversationId).not.toBe(first?.conversationId);
    expect(second?.userId).toBe(first?.userId);
    await page.close();
  });

  it('keeps the chosen municipality through "Uusi keskustelu": the selector and the server agree', async () => {
    const page = await openChat();
    await page.selectOption('#municipality', 'Kuopio');
    await expect
      .poll(() => assistant.turns.map((t) => t.command))
      .toContainEqual({ kind: 'set-municipality', municipality: 'Kuopio' });
    await page.locator('.message.bot').last().waitFor();
    await page.getByRole('button', { name: 'Uusi keskustelu' }).click();
    expect(await page.locator('#municipality').inputValue()).toBe('Kuopio');
    // Asked at once, before anything else has happened in the new conversation.
    await page.keyboard.type('Toinen kysymys');
    await page.keyboard.press('Enter');
    await page.locator('.message.bot .sources').last().waitFor();
    expect(await page.locator('.message').count()).toBe(2);
    const question = assistant.turns.find((t) => t.text === 'Toinen kysymys');
    expect(question).toBeDefined();
    // What the server uses for that conversation: the last choice made in it before the question.
    const before = assistant.turns.slice(0, assistant.turns.indexOf(question!));
    const choices = before.filter(
      (t) => t.conversationId === question!.conversationId && t.command?.kind === 'set-municipality',
    );
    expect(choices.at(-1)?.command).toEqual({ kind: 'set-municipality', municipality: 'Kuopio' });
    expect(await page.locator('#municipality').inputValue()).toBe('Kuopio');

    // A reload keeps this tab's conversation on the server, and the selector shows its choice again.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#municipality').inputValue()).toBe('Kuopio');

    // "All municipalities" stays all after a new conversation too, and nothing is chosen quietly.
    const chosen = assistant.turns.length;
    await page.selectOption('#municipality', '');
    // The choice reaches the server before the count is taken: a bot message already on the page
    // after the reload said nothing about it (this raced on a loaded CI machine).
    await expect
      .poll(() =>
        assistant.turns
          .slice(chosen)
          .some((t) => t.command?.kind === 'set-municipality' && t.command.municipality === null),
      )
      .toBe(true);
    const sent = assistant.turns.length;
    await page.getByRole('button', { name: 'Uusi keskustelu' }).click();
    await askAndWait(page, 'Kolmas kysymys');
    expect(assistant.turns.slice(sent).map((t) => t.command ?? t.text)).toEqual(['Kolmas kysymys']);
    expect(await page.locator('#municipality').inputValue()).toBe('');
    await page.close();
  });

  it('follows a municipality chosen with a button in an answer in the selector', async () => {
    // As the real dialogue does: "vaihda kunta" offers the municipalities as buttons, and a choice
    // made with one says which municipality the conversation now uses.
    const handle = assistant.handle;
    assistant.handle = async (turn) => {
      if (turn.text === 'vaihda kunta') return handle({ ...turn, command: { kind: 'choose-municipality' } });
      const reply = await handle(turn);
      const c = turn.command;
      return c?.kind === 'set-municipality' && c.municipality
        ? { ...reply, municipality: c.municipality }
        : reply;
    };
    try {
      const page = await openChat();
      await page.fill('#message', 'vaihda kunta');
      await page.keyboard.press('Enter');
      await page.locator('.chips').getByRole('button', { name: 'Vaasa' }).click();
      await expect.poll(() => page.locator('#municipality').inputValue()).toBe('Vaasa');
      expect(assistant.turns.at(-1)?.command).toEqual({ kind: 'set-municipality', municipality: 'Vaasa' });
      // And a new conversation then carries that choice too.
      await page.getByRole('button', { name: 'Uusi keskustelu' }).click();
      await expect
        .poll(() => assistant.turns.at(-1))
        .toMatchObject({ command: { kind: 'set-municipality', municipality: 'Vaasa' } });
      await page.close();
    } finally {
      assistant.handle = handle;
    }
  });

  it('renders the blocks: bold municipality names from the block, citation links only from cite numbers', async () => {
    const handle = assistant.handle;
    assistant.handle = async (turn) => {
      const reply = await handle(turn);
      return {
        ...reply,
        ...said([
          { kind: 'notice', text: 'Näissä kunnissa:' },
          {
            kind: 'municipalities',
            items: [
              { municipality: 'Iisalmi', parts: [{ text: 'Tilat ovat maksuttomia.', cite: [2] }] },
              {
                municipality: 'Kuopio',
                parts: [{ text: '• Huom: katso kohta [1] <b>ohjeesta</b>.', cite: [1] }],
              },
            ],
          },
        ]),
      };
    };
    try {
      const page = await openChat();
      await askAndWait(page, 'Missä kunnissa tilat ovat maksuttomia?');
      const answer = page.locator('.message.bot').last();
      const items = answer.locator('ul.municipalities > li');
      expect(await items.count()).toBe(2);
      expect(await items.locator('strong').allTextContents()).toEqual(['Iisalmi', 'Kuopio']);
      // The "[1]" and "<b>" inside the document's sentence are text: one link per cite number.
      const kuopio = items.nth(1);
      expect(await kuopio.textContent()).toBe('Kuopio: • Huom: katso kohta [1] <b>ohjeesta</b>. [1]');
      expect(await kuopio.locator('b').count()).toBe(0);
      expect(await kuopio.locator('a.cite').count()).toBe(1);
      const hrefs = await answer.locator('a.cite').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual([expect.stringMatching(/-2$/), expect.stringMatching(/-1$/)]);
      await page.close();
    } finally {
      assistant.handle = handle;
    }
  });

  it('a citation marker brings its source into view inside the conversation without moving the page', async () => {
    // A short window (a phone with the keyboard open, or an embed): the page itself can scroll.
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 375, height: 420 },
    ]) {
      const page = await openChat('/?lang=fi', viewport);
      for (const q of ['Ensimmäinen kysymys', 'Toinen kysymys', 'Kolmas kysymys']) await askAndWait(page, q);
      // Only the conversation scrolls: its visually hidden texts (the sources' "opens in a new
      // window") stay inside it instead of making the page itself taller than the window.
      expect(
        await page.evaluate(
          () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
        ),
      ).toBeLessThanOrEqual(0);
      const first = page.locator('.message.bot').first();
      // Scroll the conversation so that the first answer's marker is visible but its source is not.
      await first
        .locator('a.cite')
        .first()
        .evaluate((a) => a.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollTo(0, 0));
      const where = () =>
        page.evaluate(() => ({
          scrollY: window.scrollY,
          scrollX: window.scrollX,
          top: document.querySelector('.conversation')!.getBoundingClientRect().top,
          appTop: document.querySelector('.app')!.getBoundingClientRect().top,
          url: location.href,
        }));
      const before = await where();
      const marker = first.locator('a.cite').first();
      const href = (await marker.getAttribute('href')) ?? '';
      await marker.click();
      const source = page.locator(href);
      await expect.poll(() => source.evaluate((li) => li === document.activeElement)).toBe(true);
      expect(await where()).toEqual(before);
      expect(await source.getAttribute('class')).toContain('highlight');
      // The source is inside the conversation's visible area.
      await expect
        .poll(() =>
          source.evaluate((li) => {
            const box = li.getBoundingClientRect();
            const view = document.querySelector('.conversation')!.getBoundingClientRect();
            return box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
          }),
        )
        .toBe(true);
      await page.close();
    }
  });

  it('embeds with one script tag: a launcher that opens the chat for the municipality in an iframe', async () => {
    // The municipality's own site: another origin that only adds the script tag.
    const host = http.createServer((_req, res) => {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html lang="fi"><head><title>Iisalmen kaupunki</title></head><body><main><h1>Yhdistykset</h1></main>` +
            `<script src="${base}/embed.js" data-municipality="Iisalmi" data-lang="fi"></script></body></html>`,
        );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${(host.address() as AddressInfo).port}/`);
    const launcher = page.getByRole('button', { name: /Kysy Kumppanilta/ });
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await launcher.click();
    const frameElement = page.locator('iframe#kumppani-chat-frame');
    await frameElement.waitFor();
    expect(await frameElement.getAttribute('title')).toBe('Kumppani-keskustelu');
    expect(await frameElement.getAttribute('src')).toMatch(/\?embed=1&lang=fi&municipality=Iisalmi$/);
    const frame = page.frameLocator('iframe#kumppani-chat-frame');
    await frame.locator('body.embedded[data-ready="true"]').waitFor();
    expect(await frame.locator('#municipality').inputValue()).toBe('Iisalmi');
    await page.keyboard.press('Escape');
    // Escape may be caught inside the iframe and passed to the page by postMessage: wait for it.
    await frameElement.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await frameElement.isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await page.close();
    host.closeAllConnections();
    await new Promise((resolve) => host.close(resolve));
  });
});

// Without chromium the suite above is skipped; say why in the report.
if (!hasChromium) it.skip(NO_CHROMIUM_MESSAGE, () => {});
