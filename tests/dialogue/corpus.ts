/** A tiny corpus of two fictional municipalities and one region-wide document, written to a temp folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FILES: Record<string, string> = {
  'koivula/yhteistyo.md': `---
title: Koivulan kunnan ja yhdistysten yhteistyöohje
municipality: Koivula
date: 2026-02-01
url: https://koivula.example.fi/yhteistyo
---

# Koivulan kunnan ja yhdistysten yhteistyöohje

## Avustukset

Koivulan toiminta-avustuksen haku päättyy 15.3.2027 kello 16. Toiminta-avustusta voi hakea
rekisteröity koivulalainen yhdistys.

Hakemukseen liitetään toimintasuunnitelma, talousarvio ja edellisen vuoden tilinpäätös.

## Tilat

Koulujen liikuntasalit ovat maksuttomia avoimessa, kaikille tarkoitetussa toiminnassa. Muuten
liikuntasalin tuntimaksu on 12 euroa.

## Yhteyshenkilö

Järjestöyhdyshenkilö on vapaa-aikasihteeri Kaisa Koivisto, kaisa.koivisto@koivula.example.fi,
puhelin 040 111 2222.
`,
  'haapala/yhteistyo.md': `---
title: Haapalan kaupungin yhdistysyhteistyön ohje
municipality: Haapala
date: 2026-03-10
url: https://haapala.example.fi/yhdistykset
---

# Haapalan kaupungin yhdistysyhteistyön ohje

## Avustukset

Haapalan toiminta-avustuksen haku päättyy 30.4.2027. Avustusta haetaan sähköisellä lomakkeella.

Hakemukseen liitetään vuosikertomus ja tilintarkastajan lausunto.

## Tilat

Kaupungin kokoustiloja saa käyttää yhdistysten kokouksiin maksutta; varaukset tehdään
Timmi-järjestelmässä.

## Yhteyshenkilö

Yhdistysten yhteyshenkilö on hyvinvointikoordinaattori Heikki Haapanen, heikki.haapanen@haapala.example.fi.
`,
  'alue/suositus.md': `---
title: Järjestöneuvottelukunnan suositus kunnille
date: 2025-11-30
---

# Järjestöneuvottelukunnan suositus kunnille

## Yhdyshenkilö

Jokaisen kunnan tulisi nimetä järjestöyhdyshenkilö, jonka tehtävä on osa arjen työtä.
`,
};

/** Writes the corpus to a fresh temp folder and returns its path. */
export function writeCorpus(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-dialogue-'));
  for (const [rel, text] of Object.entries(FILES)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}
