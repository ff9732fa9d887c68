/**
 * Grant kinds as the documents name them ("toiminta-avustus", "kohdeavustus", "verksamhetsbidrag"),
 * in any inflection or compound, brought to one lower-case nominative. Ingestion stores the kinds
 * each event names with `findGrantKinds` (src/ingest/events.ts), and a reminder subscription's
 * filter ("/muistuta Routasalmi kohdeavustuksista") is read with the same function, so the two
 * spellings always meet.
 */

/** Same flags as the patterns, so that the test matches whatever they could ("ſ" is an "s" under `iu`). */
const NAMES_A_GRANT = /avustu|bidrag/iu;

/** A grant kind in any inflection, nominative lower-case: "Toiminta-avustuksen" -> "toiminta-avustus". */
export function findGrantKinds(text: string): string[] {
  // Every pattern below ends in one of these: most sentences have neither, and the patterns' lazy
  // prefixes try each word at every letter (at 10k chunks 2.8 s of an ingestion's CPU).
  if (!NAMES_A_GRANT.test(text)) return [];
  const out: string[] = [];
  const fi =
    /(?<![\p{L}-])((?:\p{L}+-)?\p{L}*?)avustu(?:s|ksen|kset|sten|ksia|ksiin|ksesta|kseen|ksien|ksissa|ksista|ksena|ksiksi|sta|kselle|ksille|ksella|ksilla|ksessa|ksiin|ksi)(?!\p{L})/giu;
  for (const m of text.matchAll(fi)) {
    const prefix = m[1]!.toLowerCase();
    if (prefix.replace(/-$/, '').length < 3) continue;
    // "Yleis-, kylätalo- ja harrastusvälineavustuksista": the hanging prefixes name kinds too.
    const before = text.slice(Math.max(0, m.index! - 80), m.index!);
    const hanging = /((?:\p{L}{3,}-(?:,\s*|\s+(?:ja|tai|sekä)\s+))+)$/iu.exec(before);
    if (hanging)
      for (const h of hanging[1]!.matchAll(/(\p{L}{3,})-/gu)) out.push(`${h[1]!.toLowerCase()}avustus`);
    out.push(`${prefix}avustus`);
  }
  // Compounds that go on: "kohdeavustushaku", "toiminta-avustushakemus".
  for (const m of text.matchAll(
    /(?<![\p{L}-])((?:\p{L}+-)?\p{L}{3,}?)avustus(?=haku|haun|hakemu|hakuaik|päätö|selvity)/giu,
  ))
    out.push(`${m[1]!.toLowerCase()}avustus`);
  for (const m of text.matchAll(/(?<!\p{L})(\p{L}{3,}?)bidrag(?:et|en|s|ets)?(?!\p{L})/giu)) {
    const before = text.slice(Math.max(0, m.index! - 80), m.index!);
    const hanging = /((?:\p{L}{3,}-(?:,\s*|\s+(?:och|eller)\s+))+)$/iu.exec(before);
    if (hanging)
      for (const h of hanging[1]!.matchAll(/(\p{L}{3,})-/gu)) out.push(`${h[1]!.toLowerCase()}bidrag`);
    out.push(`${m[1]!.toLowerCase()}bidrag`);
  }
  return [...new Set(out)];
}

/** Words between kinds ("yleis- ja kylätaloavustus", "kultur- och projektbidrag"). */
const CONNECTORS = new Set(['ja', 'tai', 'sekä', 'och', 'eller', 'and', 'or', '&']);
/** "avustus", "avustuksista", "bidrag": a grant of no particular kind, so no filter. */
const GENERIC = /^(avustu\p{L}*|bidra\p{L}*|grants?)$/iu;

/**
 * The grant kinds an argument names and what is left of it (the municipality):
 * "Routasalmi kohdeavustus" -> { rest: 'Routasalmi', kinds: ['kohdeavustus'] }.
 */
export function splitGrantKinds(arg: string): { rest: string; kinds: string[] } {
  const kinds = findGrantKinds(arg).sort();
  const rest = arg
    .split(/[\s,]+/)
    .filter(
      (w) =>
        w &&
        !(kinds.length && CONNECTORS.has(w.toLowerCase())) &&
        !(kinds.length && /^\p{L}{3,}-$/u.test(w)) &&
        !GENERIC.test(w) &&
        findGrantKinds(w).length === 0,
    )
    .join(' ');
  return { rest, kinds };
}
