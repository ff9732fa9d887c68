import type { Strings } from './index.ts';

/** Strings of the answer composer and the dialogue. */
export const core: Strings = {
  fi: {
    'answer.sources': 'Lähteet',
    'answer.notFound':
      'En löytänyt asiakirjoista vastausta kysymykseesi{where}. Etsin: {searched}.',
    'answer.notFoundContact': 'Kysy tarvittaessa: {contact}.',
    'answer.where': ' ({municipality})',
    'answer.basedOn': 'Asiakirjojen mukaan',
  },
  sv: {
    'answer.sources': 'Källor',
    'answer.notFound': 'Jag hittade inget svar på din fråga i dokumenten{where}. Jag sökte: {searched}.',
    'answer.notFoundContact': 'Fråga vid behov: {contact}.',
    'answer.where': ' ({municipality})',
    'answer.basedOn': 'Enligt dokumenten',
  },
  en: {
    'answer.sources': 'Sources',
    'answer.notFound': "I couldn't find an answer to your question in the documents{where}. I searched for: {searched}.",
    'answer.notFoundContact': 'If needed, ask: {contact}.',
    'answer.where': ' ({municipality})',
    'answer.basedOn': 'According to the documents',
  },
};
