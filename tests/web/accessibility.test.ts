/**
 * The accessibility statement (saavutettavuusseloste) Finnish law asks of a public service: served
 * at /accessibility in fi, sv and en from KUMPPANI_ACCESSIBILITY_*, with the compliance status,
 * non-accessible content, the feedback route with its 14 days, and the supervising authority; the
 * chat page links to it, and axe-core finds nothing serious on it in a real browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChannel } from '../../adapters/web/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { createFakeAssistant, fakeIndexStats, testConfig } from '../server/fakes.ts';
import { hasChromium, launchChromium, seriousViolations, type Chromium } from './chromium.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

const CONFIGURED = {
  KUMPPANI_ACCESSIBILITY_PROVIDER: 'Routasalmen kaupunki',
  KUMPPANI_ACCESSIBILITY_EMAIL: 'saavutettavuus@routasalmi.example.fi',
  KUMPPANI_ACCESSIBILITY_STATUS: 'partial',
  KUMPPANI_ACCESSIBILITY_DATE: '2026-11-30',
  KUMPPANI_ACCESSIBILITY_ASSESSED: '2026-11-15',
  KUMPPANI_ACCESSIBILITY_ISSUES: 'Lähdeasiakirjojen PDF-tiedostot eivät ole saavutettavia.\n\nToinen puute.',
  KUMPPANI_ACCESSIBILITY_ISSUES_SV: 'PDF-filerna är inte tillgängliga.',
};

async function start(env: Record<string, string>): Promise<{ server: KumppaniServer; base: string }> {
  const server = await createServer({
    config: testConfig(env),
    logger: silentLogger,
    state: new MemoryChannelState(),
    assistant: createFakeAssistant(),
    indexStats: fakeIndexStats,
    channels: [createWebChannel],
  });
  return { server, base: (await server.start({ port: 0, host: '127.0.0.1' })).url };
}

async function page(url: string): Promise<{ status: number; html: string; language: string | null }> {
  const res = await fetch(url);
  return { status: res.status, html: await res.text(), language: res.headers.get('content-language') };
}

/** The page's text without tags, entities and line breaks, for reading like a user. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/\s+/g, ' ');
}

describe('the accessibility statement', () => {
  let running: { server: KumppaniServer; base: string };
  beforeAll(async () => {
    running = await start(CONFIGURED);
  });
  afterAll(() => running.server.stop());

  it('is in Finnish, filled from the configuration, with every part the law asks for', async () => {
    const { status, html, language } = await page(`${running.base}/accessibility?lang=fi`);
    expect(status).toBe(200);
    expect(language).toBe('fi');
    expect(html).toContain('<html lang="fi">');
    const words = text(html);
    expect(words).toContain('Saavutettavuusseloste');
    expect(words).toContain('Routasalmen kaupunki pyrkii takaamaan');
    expect(words).toContain('(306/2019)');
    expect(words).toContain('Seloste on laadittu 30.11.2026');
    expect(words).toContain('arvioitu viimeksi 15.11.2026');
    expect(words).toContain('täyttää osittain WCAG 2.1');
    expect(html).toContain('<p>Lähdeasiakirjojen PDF-tiedostot eivät ole saavutettavia.</p>');
    expect(html).toContain('<p>Toinen puute.</p>');
    expect(html).toContain('href="mailto:saavutettavuus@routasalmi.example.fi"');
    expect(words).toContain('Vastaamme 14 päivän kuluessa');
    for (const part of [
      'Etelä-Suomen aluehallintovirasto',
      'Saavutettavuusvaatimusten valvonta',
      'www.saavutettavuusvaatimukset.fi',
      'saavutettavuus@avi.fi',
      'puhelinnumero vaihde 0295 016 000',
    ])
      expect(words).toContain(part);
  });

  it('is in Swedish, with its own free text', async () => {
    const { html, language } = await page(`${running.base}/accessibility?lang=sv`);
    expect(language).toBe('sv');
    const words = text(html);
    expect(words).toContain('Tillgänglighetsutlåtande');
    expect(words).toContain('Routasalmen kaupunki strävar efter');
    expect(words).toContain('uppfyller delvis');
    expect(words).toContain('PDF-filerna är inte tillgängliga.');
    expect(words).toContain('Vi svarar inom 14 dagar');
    expect(words).toContain('Regionförvaltningsverket i Södra Finland');
    expect(words).toContain('saavutettavuus@avi.fi');
    expect(words).toContain('0295 016 000');
  });

  it('is in English, falling back to the Finnish free text', async () => {
    const { html } = await page(`${running.base}/accessibility?lang=en`);
    const words = text(html);
    expect(words).toContain('Accessibility statement');
    expect(words).toContain('drawn up on 30 November 2026');
    expect(words).toContain('Lähdeasiakirjojen PDF-tiedostot');
    expect(words).toContain('We answer within 14 days');
    expect(words).toContain('Regional State Administrative Agency for Southern Finland');
    expect(words).toContain('telephone switchboard 0295 016 000');
  });

  it('is linked from the chat page in the visitor’s language', async () => {
    const { html } = await page(`${running.base}/?lang=sv`);
    expect(html).toMatch(
      /<a id="accessibility-link"\s+href="\/accessibility\?lang=sv"[^>]*>\s*Tillgänglighetsutlåtande\s*<\/a\s*>/,
    );
  });
});

describe('the accessibility statement without configuration', () => {
  let running: { server: KumppaniServer; base: string };
  beforeAll(async () => {
    running = await start({});
  });
  afterAll(() => running.server.stop());

  it('still says what is known and where feedback goes, in plain words', async () => {
    const words = text((await page(`${running.base}/accessibility?lang=fi`)).html);
    expect(words).toContain('Palvelun tarjoaja pyrkii');
    expect(words).toContain('Seloste on laadittu (ei ilmoitettu)');
    expect(words).toContain('automaattisella työkalulla (axe-core)');
    expect(words).toContain('Ota yhteyttä palvelun tarjoajaan');
    expect(words).not.toMatch(/undefined|\{\w+\}|a11y\./);
  });
});

describe.skipIf(!hasChromium)('the accessibility statement in chromium', { timeout: 120_000 }, () => {
  let running: { server: KumppaniServer; base: string };
  let browser: Chromium;
  beforeAll(async () => {
    running = await start(CONFIGURED);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.server.stop();
  });

  it('is reached from the chat after a language switch, and axe finds nothing serious', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(`${running.base}/?lang=fi`);
    await tab.waitForSelector('body[data-ready="true"]');
    await tab.selectOption('#language', 'en');
    await tab.waitForFunction(() => document.documentElement.lang === 'en');
    await tab.getByRole('link', { name: 'Accessibility statement' }).click();
    await tab.waitForURL(/\/accessibility\?lang=en$/);
    expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe('Accessibility statement');
    expect(await seriousViolations(tab)).toEqual([]);
    await tab.close();
  });
});
