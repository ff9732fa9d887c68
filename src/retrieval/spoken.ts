/**
 * Spoken Finnish as volunteers type it on a phone: "onks", "montaks", "pitäis", "kirjotti",
 * "vuodes", "pirkanmaal", "avustuksii", "tehä". The thesaurus lists whole words (`spoken:`); these
 * rules cover the regular patterns. They only propose standard forms: the searcher takes one only
 * when the word itself is unknown to the index and the standard form is known (or is a function
 * word), so a real word is never "corrected".
 */

/** Pattern of a spoken form and its standard replacements, both vowel harmonies where they differ. */
const RULES: ReadonlyArray<[RegExp, string[]]> = [
  // Question clitic: onks, voiks, montaks, paljonks -> onko, voiko, montako, paljonko.
  [/ks$/u, ['ko', 'kö']],
  // -oi- reduced to -o- before -tt- / -te-: kirjottaa, allekirjotettiin, rahottaa, osottaa.
  [/(?<=[^aeiouyäö])o(?=tt|te)/u, ['oi']],
  // Conditional without its final -i: pitäis, vois, olis, kannattais.
  [/is$/u, ['isi']],
  // Past participle without -t: ollu, tehny, saanu, menny.
  [/([nlrs][uy])$/u, ['$1t']],
  // Inessive, adessive and elative cut short: vuodes, kaupungis, pirkanmaal, mist; and the past
  // tense without its -i: lupas, ties -> lupasi, tiesi.
  [/s$/u, ['ssa', 'ssä', 'si']],
  [/l$/u, ['lla', 'llä']],
  [/st$/u, ['sta', 'stä']],
  // Partitive plural -ia as a long vowel: avustuksii, tiloi -> avustuksia.
  [/ii$/u, ['ia', 'iä']],
  [/ee$/u, ['ea', 'eä']],
  // d dropped: tehä, nähä -> tehdä, nähdä.
  [/h([aä])$/u, ['hd$1']],
];

/** Standard forms a spoken word may stand for, most likely first (vowel harmony decides). */
export function spokenCandidates(word: string): string[] {
  if (word.length < 3 || /\d/.test(word)) return [];
  const front = /[äöy]/u.test(word) && !/[aou]/u.test(word);
  const out: string[] = [];
  for (const [re, replacements] of RULES) {
    if (!re.test(word)) continue;
    const ordered = front ? [...replacements].reverse() : replacements;
    for (const r of ordered) {
      const candidate = word.replace(re, r);
      if (candidate !== word && !out.includes(candidate)) out.push(candidate);
    }
  }
  return out;
}
