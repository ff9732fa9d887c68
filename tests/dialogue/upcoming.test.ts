/**
 * "What deadlines are coming up?" through the dialogue over the demo pack's calendar (issue 16):
 * the next events in date order with their document sentence as the citation, in the asker's
 * language, for the chosen municipality or every one; a question about one grant's deadline still
 * goes to search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { createAssistant, type ClosableAssistant } from '../../src/dialogue/assistant.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { testConfig, turn, uniqueUser } from './helpers.ts';

let services: Services;
let assistant: ClosableAssistant;
const TODAY = new Date('2026-12-01T10:00:00Z');

beforeAll(async () => {
  const config = testConfig({ KUMPPANI_AUTO_INGEST: 'false' });
  services = await createServices(config, { logger: silentLogger });
  const summary = await ingestPaths(['knowledge/demo'], services.writer);
  expect(summary.failed).toEqual([]);
  assistant = await createAssistant({
    stores: services.stores,
    answerer: services.answerer,
    config,
    logger: silentLogger,
    now: () => TODAY,
    retentionJob: false,
  });
});
afterAll(async () => {
  await assistant.close();
  await services.close();
});

describe('upcoming deadlines', () => {
  it('lists the chosen municipality’s next deadlines in date order, each citing its sentence', async () => {
    const userId = uniqueUser();
    await assistant.handle(turn('/kunta Sammalkoski', { userId }));
    const r = await assistant.handle(turn('Mitä hakuaikoja on tulossa?', { userId }));
    expect(r.answered).toBe(true);
    expect(r.language).toBe('fi');
    expect(r.text).toContain(t('fi', 'dialogue.upcoming.intro'));
    // The spring period closes 15.2.2027 at 16.00, as the Sammalkoski guidelines say.
    expect(r.text).toMatch(/15\.1\.2027–15\.2\.2027 klo 16\.00 – Hakuaika: Yleisavustus.*\(Sammalkoski\)/);
    const lines = r.blocks.filter((b) => b.kind === 'answer');
    // Each line's first date (a period's opening) in order.
    const dates = lines
      .map((l) => (l.kind === 'answer' ? l.parts[0]!.text : '').match(/\d{1,2}\.\d{1,2}\.\d{4}/)![0])
      .map((d) => {
        const [dd, mm, yy] = d.split('.').map(Number);
        return yy! * 10_000 + mm! * 100 + dd!;
      });
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(dates[0]).toBeGreaterThanOrEqual(20261201);
    for (const line of lines) {
      const n = line.kind === 'answer' ? line.parts[0]!.cite[0]! : 0;
      const c = r.citations[n - 1]!;
      expect(c.municipality).toBe('Sammalkoski');
      expect(c.quote!.length).toBeGreaterThan(20);
      expect(c.title).toBeTruthy();
    }
  });

  it('answers in Swedish and English, and across municipalities when none is chosen', async () => {
    const sv = await assistant.handle(turn('Vilka ansökningstider är på gång?', { userId: uniqueUser() }));
    expect(sv.language).toBe('sv');
    expect(sv.text).toContain(t('sv', 'dialogue.upcoming.intro'));
    const en = await assistant.handle(turn('What are the upcoming deadlines?', { userId: uniqueUser() }));
    expect(en.language).toBe('en');
    expect(en.text).toContain(t('en', 'dialogue.upcoming.intro'));
    expect(new Set(en.citations.map((c) => c.municipality ?? 'region')).size).toBeGreaterThan(1);
  });

  it('still answers one grant’s deadline from its guidelines, not from the calendar', async () => {
    const r = await assistant.handle(
      turn('Mihin mennessä Sammalkosken yleisavustusta haetaan?', { userId: uniqueUser() }),
    );
    expect(r.text).not.toContain(t('fi', 'dialogue.upcoming.intro'));
    expect(r.text).toContain('15.2.2027');
  });
});
