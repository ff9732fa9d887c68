/**
 * The benchmark's questions: a realistic mix of (a) the evaluation set's questions with the demo
 * municipalities swapped for generated ones, inflected as the sentence needs, and (b) questions
 * made from templates about generated municipalities, whose expected answer the generator knows.
 */
import { readFileSync } from 'node:fs';
import type { Language } from '../src/kernel/types.ts';
import { Rng } from './rng.ts';
import type { Town } from './towns.ts';
import { makeTown, thousands } from './towns.ts';

export interface BenchQuery {
  text: string;
  /** The municipality the user has chosen (search filter); null = every municipality. */
  municipality: string | null;
  language: Language;
  origin: 'eval' | 'generated';
  /** For generated questions: strings one of which a right answer contains. */
  expectAny?: string[];
}

interface EvalLine {
  question: string;
  municipality?: string;
  lang?: string;
  audience?: string;
  expect_unanswered?: boolean;
}

/** Demo municipalities of the eval set: the stem their inflected forms share. */
const DEMO = [
  { stem: /\b(Routasalm|routasalm)(\p{L}*)/gu, name: 'Routasalmi' },
  { stem: /\b(Sammalkosk|sammalkosk)(\p{L}*)/gu, name: 'Sammalkoski' },
  { stem: /\b(Kaislaniem|kaislaniem)(\p{L}*)/gu, name: 'Kaislaniemi' },
];

/**
 * The town's form that plays the same part as the demo name's ending `rest` (what follows
 * "Routasalm": i, en, ella, esta, elaisille…).
 */
function inflect(town: Town, rest: string, lowerFirst: boolean): string {
  let out: string;
  if (/^el[aä]i/.test(rest)) {
    out = rest.endsWith('sille') ? town.adjPlAll : rest.endsWith('nen') ? town.adj : town.adjPlGen;
  } else if (rest === 'en') out = town.gen;
  else if (/^e(ll|ss)/.test(rest)) out = town.loc;
  else if (/^e(lt|st)/.test(rest)) out = town.from;
  else out = town.name;
  return lowerFirst ? out.charAt(0).toLowerCase() + out.slice(1) : out;
}

/** Replaces the demo municipalities in `text` with `pick(demoName)`'s forms. */
export function swapMunicipalities(text: string, pick: (demoName: string) => Town): string {
  let out = text;
  for (const d of DEMO) {
    out = out.replace(d.stem, (_m, stem: string, rest: string) =>
      inflect(pick(d.name), rest, stem[0] === stem[0]!.toLowerCase()),
    );
  }
  return out.replace(/\bVassnäs\b/g, () => {
    const t = pick('Kaislaniemi');
    return t.swedishName ?? t.name;
  });
}

/** The eval set's questions, swapped onto the corpus's municipalities (spread over all of them). */
export function evalQueries(file: string, towns: Town[], seed: number): BenchQuery[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalLine);
  const rng = Rng.derive(seed, 'eval-swap');
  const out: BenchQuery[] = [];
  for (const q of lines) {
    if (q.audience === 'staff') continue;
    const chosen = new Map<string, Town>();
    const pick = (demo: string): Town => {
      let t = chosen.get(demo);
      if (!t) {
        t = rng.pick(towns);
        chosen.set(demo, t);
      }
      return t;
    };
    const text = swapMunicipalities(q.question, pick);
    out.push({
      text,
      municipality: q.municipality ? pick(q.municipality).name : null,
      language: q.lang === 'sv' || q.lang === 'en' ? q.lang : 'fi',
      origin: 'eval',
    });
  }
  return out;
}

type Template = (t: Town) => { text: string; expectAny: string[]; language?: Language; named?: boolean };

/** Questions a volunteer would ask, in Finnish (colloquial and formal), Swedish and English. */
const TEMPLATES: Template[] = [
  (t) => ({
    text: `Milloin ${t.gen} ${t.operatingName}haku päättyy?`,
    expectAny: [t.operatingEnd],
    named: true,
  }),
  (t) => ({
    text: `mihin mennessä pitää hakea ${t.opStem}sta ${t.loc}`,
    expectAny: [t.operatingEnd],
    named: true,
  }),
  (t) => ({
    text: `Kuka on ${t.gen} yhteyshenkilö yhdistyksille?`,
    expectAny: [t.coordinator.name.split(' ')[1]!],
    named: true,
  }),
  (t) => ({ text: `kenelle soitan avustusasioissa`, expectAny: [t.coordinator.name.split(' ')[1]!] }),
  (t) => ({
    text: `Paljonko tapahtuma-avustus voi ${t.loc} olla enintään?`,
    expectAny: [`${t.eventMax} euroa`],
    named: true,
  }),
  (t) => ({ text: `paljonko tapahtumaan saa avustusta maksimissaan`, expectAny: [`${t.eventMax} euroa`] }),
  (t) => ({ text: `mitä aikuisten salivuoro maksaa koululla tunnilta`, expectAny: [`${t.gymPrice} €/h`] }),
  (t) => ({
    text: `kauanko etukäteen vuoro pitää perua ettei tule laskua ${t.loc}?`,
    expectAny: [`${t.cancelDays} vuorokautta`],
    named: true,
  }),
  (t) => ({ text: `mitä joutuu maksamaan jos sali jää siivoamatta`, expectAny: [`${t.cleaningFee} euron`] }),
  (t) => ({
    text: `Milloin ${t.loc} pidetään yhdistysiltoja?`,
    expectAny: [t.eveningMonths[0]],
    named: true,
  }),
  (t) => ({ text: `mihin mennessä käyttöselvitys pitää jättää`, expectAny: [t.reportDeadline] }),
  (t) => ({
    text: `kuinka iso kohdeavustus voi olla ${t.loc}`,
    expectAny: [`${thousands(t.projectMax)} euroa`],
    named: true,
  }),
  (t) => ({ text: `paljonko kulkutunnisteen pantti on`, expectAny: [`${t.keyDeposit} euron`] }),
  (t) => ({
    text: `Missä järjestelmässä ${t.gen} tiloja varataan?`,
    expectAny: [t.bookingSystem],
    named: true,
  }),
  (t) => ({
    text: `milloin voin tulla kysymään avustuksista ilman ajanvarausta`,
    expectAny: [t.officeHours.split(' ')[0]!],
  }),
  (t) => ({ text: `koska avustusrahat tulee tilille?`, expectAny: [t.paymentMonth] }),
  (t) => ({
    text: `How much is the event grant in ${t.name}?`,
    expectAny: [`${t.eventMax}`],
    language: 'en',
    named: true,
  }),
  (t) => ({
    text: `Who is the contact person for associations in ${t.name}?`,
    expectAny: [t.coordinator.name.split(' ')[1]!],
    language: 'en',
    named: true,
  }),
  (t) => ({
    text: `När ska man söka verksamhetsbidrag i ${t.swedishName ?? t.name}?`,
    expectAny: [t.operatingEnd],
    language: 'sv',
    named: true,
  }),
  (t) => ({
    text: `Hur mycket kostar en gymnastiksal per timme?`,
    expectAny: [`${t.gymPrice} €/h`],
    language: 'sv',
  }),
];

/** `count` template questions about randomly chosen towns; a town is the user's choice unless named. */
export function generatedQueries(towns: Town[], count: number, seed: number): BenchQuery[] {
  const rng = Rng.derive(seed, 'generated-queries');
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const town = rng.pick(towns);
    const q = rng.pick(TEMPLATES)(town);
    out.push({
      text: q.text,
      // A question that names its municipality is also asked with no choice made half the time.
      municipality: q.named && rng.chance(0.5) ? null : town.name,
      language: q.language ?? 'fi',
      origin: 'generated',
      expectAny: q.expectAny,
    });
  }
  return out;
}

/**
 * The mix: every eval question (swapped) plus as many generated ones, shuffled together, so that
 * queries spread over the corpus and hardly repeat.
 */
export function buildQueries(opts: {
  evalFile: string;
  towns: Town[];
  seed: number;
  generated: number;
}): BenchQuery[] {
  const rng = Rng.derive(opts.seed, 'mix');
  return rng.shuffle([
    ...evalQueries(opts.evalFile, opts.towns, opts.seed),
    ...generatedQueries(opts.towns, opts.generated, opts.seed),
  ]);
}

/**
 * The probes' question mix for an index kept by `--keep`: the towns the corpus generated (one per
 * municipality in the index, corpus seed 1) and the mix of `seed` (8 in the probes, not the run's 1).
 */
export async function queriesForIndex(
  db: { query: (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }> },
  opts: { evalFile: string; seed: number; generated: number },
): Promise<BenchQuery[]> {
  const r = await db.query('SELECT count(DISTINCT municipality) AS n FROM documents');
  const towns = Number(r.rows[0]!.n);
  return buildQueries({ ...opts, towns: Array.from({ length: towns }, (_, i) => makeTown(1, i)) });
}
