/**
 * Shapes that real municipal pages have and the demo pack had not: found by asking questions over
 * real grant and premises pages (kept outside the repository) in the ninth session. Indented
 * headings saved from a web page, the one municipality whose official name has a qualifier
 * ("Koski Tl"), sums written the English way ("EUR 120,000"), an application sent to a role
 * rather than a named person, a "when" asked of a page that gives no date, and "haku loppuu".
 * Fictional text under real municipality names (the registry knows real names only), with the demo
 * pack beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { attributeDocument } from '../../src/ingest/attribution.ts';
import { loadText } from '../../src/ingest/loaders/text.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { factKinds } from '../../src/answer/intent.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { projectRoot } from '../../src/kernel/paths.ts';
import { testConfig } from '../dialogue/helpers.ts';

/** Indented parts, as a page's nested lists come out when saved as text. */
const KOSKI = `# Avustukset yhdistyksille – Kosken Tl kunta
Lähde: https://koski.fi/avustukset-yhdistyksille/

Hyvinvointilautakunta myöntää avustuksia kunnan alueella toimiville yhdistyksille.

Hakuajat

  Kulttuuriavustukset

  • Kulttuuriyhdistysten toiminta-avustus on haettavissa 1.-30.11.2026

  Leiriavustus

  Hakuajat 1.3.–30.4.2027 ja 1.9.–31.10.2027

Kerta-avustukset

 • haku on jatkuva
 • hakemus toimitetaan kuukausittain kuun viimeiseen päivään mennessä vapaa-aikasihteerille.

Mihin kerta-avustukset on tarkoitettu?

 • yksittäisiin tapahtumiin pitkin vuotta
`;

/** A page that speaks of the application period without giving it. */
const KAJAANI = `# Toiminta-avustukset – Kajaanin kaupunki
Lähde: https://www.kajaani.fi/avustukset/

Kajaanin kaupunki avustaa kajaanilaisia yhdistyksiä toiminta-avustuksilla.

Hakulomakkeet ovat käytettävissä hakuaikana. Toiminta-avustuksen hakemus tulee olla jätetty ennen hakuajan päättymistä.
`;

const ESPOO = `# Organisation grants for wellbeing – City of Espoo
Lähde: https://www.espoo.fi/en/organisation-grants

The organisation grant for wellbeing is intended for registered non-profit associations.

The maximum total amount awarded in the form of grants is circa EUR 120,000.
`;

const KANGASALA = `# Osallisuusavustukset – Kangasalan kaupunki
Lähde: https://www.kangasala.fi/avustukset/osallisuus/

Osallisuusavustuksia myöntää hyvinvointilautakunta rekisteröityneille yhdistyksille.

Osallisuusavustusten hakuaika on vuosittain 1.-31.3. Haku päättyy 31.3. klo 15.00 mennessä.
`;

let services: Services;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-shapes-'));
  fs.writeFileSync(path.join(dir, 'koski-avustukset.txt'), KOSKI);
  fs.writeFileSync(path.join(dir, 'kajaani-avustukset.txt'), KAJAANI);
  fs.writeFileSync(path.join(dir, 'espoo-grants.txt'), ESPOO);
  fs.writeFileSync(path.join(dir, 'kangasala-osallisuus.txt'), KANGASALA);
  services = await createServices(testConfig({ KUMPPANI_AUTO_INGEST: 'false' }), { logger: silentLogger });
  // The demo pack beside them, as a real index holds many documents: the words' weights are a real index's.
  const summary = await ingestPaths([dir, path.join(projectRoot(), 'knowledge')], services.writer, {
    cwd: dir,
  });
  expect(summary.failed).toEqual([]);
});
afterAll(async () => {
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ask = (text: string, municipality?: string) =>
  services.answerer.ask(text, { audience: 'public', ...(municipality ? { municipality } : {}) });

describe('pages as real municipal sites write them', () => {
  it('reads an indented line standing alone as the heading of what follows it', () => {
    const { blocks } = loadText(KOSKI, { path: 'koski.txt' } as never);
    const dates = blocks.find((b) => b.text.startsWith('Hakuajat 1.3.'));
    expect(dates?.headings.at(-1)).toBe('Leiriavustus');
  });

  it('answers from the part an indented heading names, and cites that part', async () => {
    const a = await ask('milloin leiriavustusta voi hakea?', 'Koski Tl');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('1.3.–30.4.2027');
    expect(a.citations[0]?.section).toMatch(/Leiriavustus$/u);
  });

  it('attributes a page to Koski Tl by its title or by its address', () => {
    expect(
      attributeDocument({ title: 'Avustukset – Kosken Tl kunta', body: 'Avustuksia myönnetään.' }),
    ).toMatchObject({ municipality: 'Koski Tl' });
    expect(
      attributeDocument({
        title: 'Avustukset',
        body: 'Lähde: https://koski.fi/avustukset\n\nAvustuksia myönnetään.',
      }),
    ).toMatchObject({ municipality: 'Koski Tl' });
  });

  it('answers "to whom" with the role an application is sent to', async () => {
    const a = await ask('kenelle se kerta-avustushakemus lähetetään?', 'Koski Tl');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('vapaa-aikasihteerille');
  });

  it('refuses "when" when the page only says "before the period ends"', async () => {
    const a = await ask('milloin kajaanin toiminta-avustusten hakuaika päättyy?');
    expect(a.answered).toBe(false);
  });

  it('reads "EUR 120,000" as a sum', async () => {
    expect(factKinds('The maximum total amount is circa EUR 120,000.').has('amount')).toBe(true);
    const a = await ask('How much money does Espoo give in total in organisation grants?');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('EUR 120,000');
  });

  it('reads "haku loppuu" as "haku päättyy", and "mihin kellonaikaan" as no word to find', async () => {
    const terms = (w: string) => services.analyzer.terms(w, 'fi');
    expect(terms('loppuu')).toEqual(terms('päättyy'));
    expect(terms('kellonaikaan')).toEqual([]);
    const a = await ask('kangasalan osallisuusavustusten haku loppuu mihin kellonaikaan?');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('klo 15.00');
  });
});
