import type { Strings } from './index.ts';

/** Strings of the answer composer and the dialogue. */
export const core: Strings = {
  fi: {
    'answer.sources': 'Lähteet',
    'answer.notFound': 'En löytänyt asiakirjoista vastausta kysymykseesi{where}. Etsin: {searched}.',
    'answer.notFoundContact': 'Kysy tarvittaessa: {contact}.',
    'answer.where': ' ({municipality})',
    'answer.basedOn': 'Asiakirjojen mukaan',
    'answer.quotedIntro': 'Asiakirjojen mukaan:',
    'answer.documentDate': 'Asiakirjan päiväys on {date}.',
    'answer.page': 's. {page}',
    'answer.regionWide': 'koko alue',
    'answer.noMunicipalityHint': 'Valitse kunta, niin löydän myös sen yhteyshenkilön.',
    'answer.regionalIntro': 'Kunnittain asiakirjojen mukaan:',
    'answer.regionalNone': 'Näistä kunnista ei asiakirjoissa ole tietoa: {list}.',
    'answer.regionalPartial':
      'Yllä {shown} kuntaa {total}:stä, joiden asiakirjat vastaavat kysymykseen parhaiten. Valitse kunta, niin vastaan sen omista asiakirjoista.',
    'answer.regionalRegion': 'Koko alueen asiakirjoista:',
  },
  sv: {
    'answer.sources': 'Källor',
    'answer.notFound': 'Jag hittade inget svar på din fråga i dokumenten{where}. Jag sökte: {searched}.',
    'answer.notFoundContact': 'Fråga vid behov: {contact}.',
    'answer.where': ' ({municipality})',
    'answer.basedOn': 'Enligt dokumenten',
    'answer.quotedIntro': 'Enligt dokumenten (citat på originalspråket):',
    'answer.documentDate': 'Dokumentet är daterat {date}.',
    'answer.page': 's. {page}',
    'answer.regionWide': 'hela regionen',
    'answer.noMunicipalityHint': 'Välj en kommun, så hittar jag också dess kontaktperson.',
    'answer.regionalIntro': 'Per kommun enligt dokumenten:',
    'answer.regionalNone': 'Dokumenten säger inget om dessa kommuner: {list}.',
    'answer.regionalPartial':
      'Ovan {shown} av {total} kommuner vars dokument bäst svarar på frågan. Välj en kommun så svarar jag ur dess egna dokument.',
    'answer.regionalRegion': 'Ur regionens gemensamma dokument:',
  },
  en: {
    'answer.sources': 'Sources',
    'answer.notFound':
      "I couldn't find an answer to your question in the documents{where}. I searched for: {searched}.",
    'answer.notFoundContact': 'If needed, ask: {contact}.',
    'answer.where': ' ({municipality})',
    'answer.basedOn': 'According to the documents',
    'answer.quotedIntro': 'According to the documents (quoted in the original language):',
    'answer.documentDate': 'The document is dated {date}.',
    'answer.page': 'p. {page}',
    'answer.regionWide': 'whole region',
    'answer.noMunicipalityHint': 'Choose a municipality and I can also find its contact person.',
    'answer.regionalIntro': 'By municipality, according to the documents:',
    'answer.regionalNone': 'The documents say nothing about these municipalities: {list}.',
    'answer.regionalPartial':
      'Above: {shown} of {total} municipalities whose documents answer the question best. Choose a municipality and I will answer from its own documents.',
    'answer.regionalRegion': 'From the region-wide documents:',
  },
};
