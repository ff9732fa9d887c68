/**
 * Whose document is this, when its metadata does not say. A municipality's web pages dropped into
 * the knowledge folder without a `_meta.yml` still say whose they are: the title names the
 * publisher ("Avustukset – Keravan kaupunki", "Vasa stad"), the page's address is the
 * municipality's ("Lähde: https://www.hailuoto.fi/…"), its first lines speak as it ("Keravan
 * kaupunki myöntää avustuksia …"). Without the attribution such a page is region-wide: a question
 * about "Keravan avustukset" with Kerava chosen would not be scoped to it, and a question naming
 * Kerava would weigh the name as a word the passage lacks.
 *
 * Only strong signals count, and only when they point at one municipality that the text does not
 * name less often than another: a regional article that opens with one municipality's example
 * names many, and stays region-wide.
 */
import { MunicipalityRegistry, type Municipality } from '../kernel/municipalities.ts';
import { SOURCE_LINE } from '../kernel/source-line.ts';

/** How much of the text's start is read for the publisher's name. */
const OPENING_CHARS = 400;

/** The name followed by the word for the body that publishes: "Keravan kaupunki", "Vasa stad". */
const PUBLISHER_WORD =
  /^\s*(tl\.?\s+)?(kunta|kunnan|kaupunki|kaupungin|stad|stads|kommun|kommuns|town|city|municipality)\b/iu;

let registry: MunicipalityRegistry | undefined;
const knownMunicipalities = (): MunicipalityRegistry => (registry ??= new MunicipalityRegistry());

/** "Ylöjärvi" -> "ylojarvi", as in its web address. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[äå]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/[^a-z]/g, '');
}

export interface Attribution {
  municipality?: string;
  /** The Swedish name of a bilingual municipality. */
  municipalitySv?: string;
  /** The page's own address, when its first lines give one. */
  url?: string;
}

/** The address a text gives for itself in its first lines ("Lähde: https://…"). */
export function sourceUrlOf(body: string): string | undefined {
  const opening = body.split('\n').slice(0, 6).join('\n');
  return SOURCE_LINE.exec(opening)?.[1]?.replace(/[)>.,;]+$/u, '');
}

/** The municipality whose web address this is ("www.hailuoto.fi", "ylojarvi10.oncloudos.com"). */
function byAddress(url: string | undefined, all: readonly Municipality[]): Municipality | undefined {
  if (!url) return undefined;
  let labels: string[];
  try {
    labels = new URL(url).hostname.toLowerCase().split('.');
  } catch {
    return undefined;
  }
  const found = all.filter((m) =>
    // "koski.fi" is Koski Tl's: the official name's qualifier is not in the address.
    [m.name, m.sv, m.name.replace(/ Tl$/u, '')].some(
      (n) => n && labels.some((l) => l.replace(/\d+$/u, '') === slug(n)),
    ),
  );
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The municipality that publishes a document: named as the publisher in its title or opening
 * ("… – Tuusulan kunta"), or owning the address it gives; undefined when the signals are absent,
 * disagree, or the text names another municipality more often.
 */
export function attributeDocument(
  doc: { title: string; body: string; url?: string },
  known: MunicipalityRegistry = knownMunicipalities(),
): Attribution {
  const url = doc.url ?? sourceUrlOf(doc.body);
  const opening = `${doc.title}\n${doc.body.slice(0, OPENING_CHARS)}`;
  const publishers = new Set<Municipality>();
  for (const m of known.detect(opening))
    if (PUBLISHER_WORD.test(opening.slice(m.end))) publishers.add(m.municipality);
  const owner = byAddress(url, known.all);
  if (owner) publishers.add(owner);
  const out: Attribution = doc.url === undefined && url ? { url } : {};
  if (publishers.size !== 1) return out;
  const [publisher] = [...publishers] as [Municipality];
  const mentions = new Map<Municipality, number>();
  for (const m of known.detect(`${doc.title}\n${doc.body}`))
    mentions.set(m.municipality, (mentions.get(m.municipality) ?? 0) + 1);
  const own = mentions.get(publisher) ?? 0;
  if ([...mentions].some(([m, n]) => m !== publisher && n > own)) return out;
  return { ...out, municipality: publisher.name, ...(publisher.sv ? { municipalitySv: publisher.sv } : {}) };
}
