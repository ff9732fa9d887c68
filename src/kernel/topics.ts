/**
 * What a question is about, by keywords in fi/sv/en: grants, premises, contact person,
 * cooperation forums, the annual calendar, or other. Used for the report's per-topic counts
 * (stored with each logged question, so the counts outlive the deleted texts), for follow-up
 * subjects and for suggestions.
 */

export type Topic = 'grants' | 'premises' | 'contact' | 'forums' | 'calendar' | 'other';
export const TOPICS: readonly Topic[] = ['grants', 'premises', 'contact', 'forums', 'calendar', 'other'];

/**
 * Word beginnings per topic. A word matches a stem when it starts with it, or, for stems of five
 * letters or more, contains it (Finnish compounds: "toiminta-avustus", "kokoontumistila").
 */
const STEMS: Record<Exclude<Topic, 'other'>, string[]> = {
  grants: [
    'avustu',
    'avustus',
    'apuraha',
    'tuki',
    'tuen',
    'tukea',
    'tukia',
    'rahoitu',
    'haku',
    'hakea',
    'hakee',
    'haetaan',
    'hakemu',
    'hakuaika',
    'käyttöselvity',
    'liite',
    'liitte',
    'talousarvi',
    'tilinpäätö',
    'tilintarkast',
    'toimintasuunnitelm',
    'bidrag',
    'understöd',
    'ansök',
    'ansökan',
    'söka',
    'redovisning',
    'bilag',
    'grant',
    'subsid',
    'fund',
    'apply',
    'applica',
    'attachment',
    'budget',
  ],
  premises: [
    'tila',
    'tilat',
    'tilan',
    'tiloj',
    'tiloi',
    'toimitil',
    'kokoontumistil',
    'kokoustil',
    'sali',
    'salin',
    'salia',
    'liikuntasal',
    'koulu',
    'kylätalo',
    'nuorisotalo',
    'varaus',
    'varaa',
    'varata',
    'varaami',
    'vuokra',
    'maksuton',
    'ilmai',
    'lokal',
    'möteslokal',
    'gymnastiksal',
    'skol',
    'boka',
    'hyra',
    'avgift',
    'premis',
    'room',
    'hall',
    'gym',
    'book',
    'venue',
    'rent',
  ],
  contact: [
    'yhdyshenkil',
    'yhteyshenkil',
    'yhteystie',
    'puhelin',
    'sähköpost',
    'kenelle',
    'keneen',
    'keneltä',
    'kuka',
    'kontaktperson',
    'kontakt',
    'vem',
    'e-post',
    'telefon',
    'contact',
    'phone',
    'email',
    'who',
  ],
  forums: [
    'yhdistysil',
    'järjestöil',
    'järjestöneuvottelu',
    'neuvottelukun',
    'foorumi',
    'kumppanuuspöy',
    'verkosto',
    'tapaami',
    'yhteistyöasiakirj',
    'yhteistyö',
    'föreningskväll',
    'organisationsdelegation',
    'delegation',
    'forum',
    'nätverk',
    'samarbet',
    'möte',
    'evening',
    'advisory',
    'board',
    'meeting',
    'network',
    'cooperation',
  ],
  calendar: [
    'vuosikell',
    'kalenter',
    'aikataul',
    'tapahtum',
    'määräai',
    'päivämäär',
    'hyvinvointikertom',
    'hyvinvointisuunnitelm',
    'årsklock',
    'kalender',
    'evenemang',
    'välfärdsberättel',
    'tidtabell',
    'calendar',
    'schedule',
    'event',
    'deadline',
    'welfare',
  ],
};

/** Words that begin like a topic stem but are something else ("tilaisuus" is an event, not a room). */
const NOT: Record<string, RegExp> = {
  tila: /^tila(isuu|ste|sto|nne|nte|us)/,
  haku: /^hakukon/,
  koulu: /^koulutu/,
  book: /^bookkeep/,
  hall: /^hallit/,
  room: /^roomi/,
};

const WORD = /[\p{L}]+(?:-[\p{L}]+)*/gu;

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** True when `word` belongs to the topic through one of its stems. */
function matches(word: string, stem: string): boolean {
  const parts = word.split('-');
  const hit = parts.some((p) => p.startsWith(stem) || (stem.length >= 5 && p.includes(stem)));
  if (!hit) return false;
  const not = NOT[stem];
  return !(not && parts.some((p) => not.test(p)));
}

/** The topic words of a text (words that belong to some topic), in order. */
export function topicWords(text: string): string[] {
  return words(text).filter((w) => Object.values(STEMS).some((stems) => stems.some((s) => matches(w, s))));
}

/** The most likely topic of a question; ties go to the earlier topic in `TOPICS`. */
export function classifyTopic(text: string): Topic {
  const score: Record<Topic, number> = {
    grants: 0,
    premises: 0,
    contact: 0,
    forums: 0,
    calendar: 0,
    other: 0,
  };
  for (const w of words(text)) {
    for (const [topic, stems] of Object.entries(STEMS) as Array<[Exclude<Topic, 'other'>, string[]]>) {
      if (stems.some((s) => matches(w, s))) score[topic]++;
    }
  }
  let best: Topic = 'other';
  for (const t of TOPICS) if (score[t] > score[best]) best = t;
  return best;
}
