/** A tiny corpus written as LoadedDocuments, so retrieval tests do not depend on file parsing. */
import type { LoadedDocument } from '../../src/ingest/types.ts';
import type { ChunkDraft } from '../../src/ingest/types.ts';

export interface FixtureDoc {
  doc: LoadedDocument;
  chunks: ChunkDraft[];
}

function doc(
  source: string,
  meta: Partial<LoadedDocument['meta']> & { title: string },
  sections: Array<[string, string]>,
): FixtureDoc {
  return {
    doc: {
      source,
      format: 'md',
      meta: { audience: 'public', language: 'fi', topics: [], ...meta },
      blocks: sections.map(([h, text]) => ({ headings: h.split(' › '), text })),
      contentHash: `${source}:${meta.date ?? ''}:${sections.length}`,
    },
    chunks: sections.map(([section, text], ord) => ({ ord, section, text })),
  };
}

export const corpus: FixtureDoc[] = [
  doc(
    'test/lahdenkylä/yhteistyo.md',
    {
      id: 'lk-yhteistyo',
      title: 'Järjestöyhteistyön ohje',
      municipality: 'Lahdenkylä',
      date: '2026-01-15',
      url: 'https://lahdenkyla.example.fi/ohje',
    },
    [
      [
        'Avustukset › Toiminta-avustus',
        'Toiminta-avustusta haetaan vuosittain 31.3.2026 mennessä kunnan sähköisellä lomakkeella. Avustus on enintään 2 000 euroa yhdistystä kohden.',
      ],
      [
        'Avustukset › Käyttöselvitys',
        'Käyttöselvitys myönnetyn avustuksen käytöstä toimitetaan 31.1. mennessä seuraavana vuonna. Selvitykseen liitetään tilinpäätös.',
      ],
      [
        'Tilat',
        'Koulujen liikuntasalit ovat yhdistysten käytössä maksutta, kun toiminta on avointa ja yleishyödyllistä. Muuten tuntihinta on 15 euroa. Vuorot varataan Timmi-järjestelmästä.',
      ],
      [
        'Yhteyshenkilö',
        'Kunnan järjestöyhdyshenkilö on hyvinvointikoordinaattori Liisa Laine, liisa.laine@lahdenkyla.example.fi, puh. 040 123 4567.',
      ],
    ],
  ),
  doc(
    'test/lahdenkylä/arkisto/yhteistyo-2025.md',
    { id: 'lk-yhteistyo', title: 'Järjestöyhteistyön ohje', municipality: 'Lahdenkylä', date: '2025-01-10' },
    [
      [
        'Avustukset › Toiminta-avustus',
        'Toiminta-avustusta haetaan vuosittain 15.4.2025 mennessä paperilomakkeella.',
      ],
    ],
  ),
  doc(
    'test/myllymäki/ohje.md',
    { title: 'Yhdistysyhteistyöasiakirja', municipality: 'Myllymäki', date: '2026-02-01' },
    [
      [
        'Avustukset',
        'Myllymäen toiminta-avustusten hakuaika päättyy 28.2.2026. Kohdeavustuksia voi hakea jatkuvasti.',
      ],
      [
        'Tilat',
        'Kunnan kokoustiloista peritään 10 euron tuntimaksu. Tilat varataan kirjaston asiakaspalvelusta.',
      ],
    ],
  ),
  doc(
    'test/myllymäki/muistio.md',
    {
      title: 'Henkilöstön muistio tilamaksuista',
      municipality: 'Myllymäki',
      audience: 'staff',
      date: '2026-03-01',
    },
    [
      [
        'Päätökset',
        'Sovimme, että tilamaksuista luovutaan vuoden 2027 alusta kaikilta nuorisoyhdistyksiltä.',
      ],
    ],
  ),
  doc(
    'test/koivula/ohje.md',
    { title: 'Yhdistysopas', municipality: 'Koivula', municipalitySv: 'Björkby', date: '2026-02-01' },
    [
      [
        'Lomat',
        'Kesällä kunnantalo on kiinni. Lomien aikana yhdistysasioita hoitaa vapaa-aikapäällikkö Pekka Ranta.',
      ],
      ['Kokoushuone', 'Kunnantalon kokoushuone maksaa yhdistyksille 12 €/h.'],
    ],
  ),
  doc('test/alue/suositus.md', { title: 'Alueellinen suositus', date: '2025-11-01' }, [
    ['Kysely', 'Alueen 12 kunnasta 9 maksaa yhdistyksille toiminta-avustusta ja 5 tarjoaa tilat maksutta.'],
  ]),
  doc('test/alue/linjaus.md', { title: 'Alueellinen linjaus', date: '2025-12-01' }, [
    ['Avustukset', 'Jokainen kunta maksaa yhdistyksille toiminta-avustusta.'],
  ]),
  doc('test/alue/kysely.md', { title: 'Kuntakysely', date: '2026-05-01' }, [
    [
      'Tulokset',
      'Kyselyyn vastasi keväällä 12 kuntaa. Tilat tarjoaa maksutta 5/12 kuntaa. Toiminta-avustusta yhdistyksille maksaa 9/12 kuntaa. Järjestöyhdyshenkilö on nimetty 7/12 kunnassa.',
    ],
  ]),
];
