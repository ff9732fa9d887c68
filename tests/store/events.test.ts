/**
 * Events in the store (issue 16): extracted at ingestion of the demo pack with their citations,
 * replaced when their document changes, gone when it is removed or superseded, staff-only when
 * their document is, and listed by `upcoming` in date order with yearly rules projected.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { upcoming, eventsForMunicipality } from '../../src/store/events.ts';
import { useTempIndex } from '../ingest/temp-index.ts';

const index = useTempIndex('kumppani-events-');
const NOW = new Date('2026-12-01T10:00:00Z');

function doc(front: Record<string, string>, body: string): string {
  const fm = Object.entries(front)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return `---\n${fm}\n---\n\n${body}\n`;
}

describe('events of the demo pack', () => {
  it('has the Sammalkoski application period 15.1.–15.2.2027 klo 16.00 and its käyttöselvitys 30.11.2027, cited', async () => {
    const { writer, db } = index.services();
    const summary = await ingestPaths(['knowledge/demo'], writer);
    expect(summary.failed).toEqual([]);
    const list = await upcoming(db.pool, NOW, { municipality: 'Sammalkoski', audience: 'public', limit: 50 });

    const period = list.find(
      (e) => e.kind === 'application' && e.occursEnd === '2027-02-15' && e.time === '16:00',
    );
    expect(
      period,
      JSON.stringify(list.map((e) => [e.kind, e.occursStart, e.occursEnd, e.time])),
    ).toBeDefined();
    expect(period).toMatchObject({
      occursStart: '2027-01-15',
      start: '2027-01-15',
      end: '2027-02-15',
      municipality: 'Sammalkoski',
      recurrence: 'none',
      citation: {
        title: 'Sammalkosken kunnan avustusohjeet yhdistyksille 2027',
        date: '2026-11-10',
        url: 'https://www.sammalkoski.example.fi/vapaa-aika/yhdistykset/avustusohjeet-2027.docx',
        source: 'knowledge/demo/sammalkoski/avustusohjeet-2027.docx',
        section: 'Hakuajat',
      },
    });
    expect(period!.grantKinds).toContain('yleisavustus');
    expect(period!.citation.quote).toContain('15.1.–15.2.2027');
    expect(period!.citation.quote).toContain('klo 16.00');

    const report = list.find(
      (e) => e.kind === 'report' && e.occursEnd === '2027-11-30' && e.end === '2027-11-30',
    );
    expect(report).toMatchObject({
      recurrence: 'none',
      citation: { title: 'Sammalkosken kunnan avustusohjeet yhdistyksille 2027', section: 'Käyttöselvitys' },
    });
    expect(report!.citation.quote).toContain('30.11.2027');

    // Date order, and the yearly rule of the older cooperation document projected to 2027.
    const nexts = list.map((e) => e.next);
    expect([...nexts].sort()).toEqual(nexts);
    expect(
      list.some(
        (e) =>
          e.citation.title === 'Sammalkosken kunnan järjestöyhteistyön ohje' &&
          e.kind === 'application' &&
          e.occursEnd === '2027-02-15' &&
          e.recurrence === 'yearly',
      ),
    ).toBe(true);
    expect(list.every((e) => e.next >= '2026-12-01')).toBe(true);
  });

  it("keeps staff-only documents' events staff-only", async () => {
    const { db } = index.services();
    const staffMeeting = (e: { citation: { source: string } }) => e.citation.source.includes('sisainen/');
    const forStaff = await upcoming(db.pool, new Date('2026-11-01T00:00:00Z'), {
      municipality: 'Sammalkoski',
      audience: 'staff',
    });
    expect(
      forStaff.some(
        (e) => staffMeeting(e) && e.kind === 'meeting' && e.next === '2026-12-03' && e.time === '13:00',
      ),
    ).toBe(true);
    const forPublic = await upcoming(db.pool, new Date('2026-11-01T00:00:00Z'), {
      municipality: 'Sammalkoski',
      audience: 'public',
    });
    expect(forPublic.length).toBeGreaterThan(0);
    expect(forPublic.filter(staffMeeting)).toEqual([]);
    expect((await eventsForMunicipality(db.pool, 'Sammalkoski', 'public')).filter(staffMeeting)).toEqual([]);
  });

  it('filters by kind and limits, across municipalities when none is named', async () => {
    const { db } = index.services();
    const reports = await upcoming(db.pool, NOW, { audience: 'public', kinds: ['report'], limit: 3 });
    expect(reports).toHaveLength(3);
    expect(reports.every((e) => e.kind === 'report')).toBe(true);
    expect(
      new Set((await upcoming(db.pool, NOW, { audience: 'public' })).map((e) => e.municipality)).size,
    ).toBeGreaterThan(2);
  });
});

describe('a document that changes or goes', () => {
  it('replaces its events when it changes, and removes them when it is removed', async () => {
    const { writer, db } = index.services();
    const file = join(index.root(), 'ohje.md');
    const front = {
      id: 'testila-ohje',
      title: 'Testilän avustusohje',
      municipality: 'Testilä',
      audience: 'public',
      language: 'fi',
      date: '2026-10-01',
    };
    writeFileSync(file, doc(front, '## Hakuajat\n\nToiminta-avustuksen hakuaika on 1.3.–31.3.2027.'));
    await ingestPaths([file], writer);
    const first = await upcoming(db.pool, NOW, { municipality: 'Testilä', audience: 'public' });
    expect(first.map((e) => [e.kind, e.occursStart, e.occursEnd])).toEqual([
      ['application', '2027-03-01', '2027-03-31'],
    ]);

    writeFileSync(file, doc(front, '## Hakuajat\n\nToiminta-avustuksen hakuaika on 1.4.–30.4.2027.'));
    await ingestPaths([file], writer);
    const second = await upcoming(db.pool, NOW, { municipality: 'Testilä', audience: 'public' });
    expect(second.map((e) => [e.kind, e.occursStart, e.occursEnd])).toEqual([
      ['application', '2027-04-01', '2027-04-30'],
    ]);

    await writer.remove(
      await writer
        .sources()
        .then((all) => all.filter((s) => s.endsWith('ohje.md') && !s.startsWith('knowledge/'))),
    );
    expect(await upcoming(db.pool, NOW, { municipality: 'Testilä', audience: 'public' })).toEqual([]);
  });

  it("drops an older version's events once a newer version of the document is in", async () => {
    const { writer, db } = index.services();
    const front = { id: 'pakkala-ohje', municipality: 'Pakkala', audience: 'public', language: 'fi' };
    const older = join(index.root(), 'pakkala-2025.md');
    const newer = join(index.root(), 'pakkala-2026.md');
    writeFileSync(
      older,
      doc(
        { ...front, title: 'Pakkalan ohje 2025', date: '2025-01-10' },
        'Käyttöselvitys on jätettävä vuosittain 31.5. mennessä.',
      ),
    );
    await ingestPaths([older], writer);
    expect(
      (await upcoming(db.pool, NOW, { municipality: 'Pakkala', audience: 'public' })).map((e) => e.occursEnd),
    ).toEqual(['2027-05-31']);
    writeFileSync(
      newer,
      doc(
        { ...front, title: 'Pakkalan ohje 2026', date: '2026-01-10' },
        'Käyttöselvitys on jätettävä vuosittain 30.4. mennessä.',
      ),
    );
    await ingestPaths([newer], writer);
    const now = await upcoming(db.pool, NOW, { municipality: 'Pakkala', audience: 'public' });
    expect(now.map((e) => [e.occursEnd, e.citation.title])).toEqual([['2027-04-30', 'Pakkalan ohje 2026']]);
  });
});
