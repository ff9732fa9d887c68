import type { Strings } from './index.ts';

/**
 * Strings of the Slack adapter (buttons, source list, feedback acknowledgements, errors).
 * Values are plain text: the adapter escapes them for mrkdwn, except `{user}` which it fills with
 * a Slack mention token.
 */
export const slack: Strings = {
  fi: {
    'slack.sources': 'Lähteet',
    'slack.municipality': 'Kunta: {municipality}',
    'slack.page': 's. {page}',
    'slack.feedback.up': '👍 Hyödyllinen',
    'slack.feedback.down': '👎 Ei auttanut',
    'slack.feedback.thanksUp': 'Kiitos palautteesta! Hyvä kuulla, että vastaus auttoi.',
    'slack.feedback.thanksDown': 'Kiitos palautteesta! Sen avulla vastauksia parannetaan.',
    'slack.feedback.failed': 'Palautteen tallennus epäonnistui. Yritä hetken kuluttua uudelleen.',
    'slack.suggestions': 'Voit kysyä myös',
    'slack.askedBy': '{user} kysyi: {question}',
    'slack.rateLimited':
      'Hetkinen – kysymyksiä tulee nyt nopeammin kuin ehdin vastata. Yritä uudelleen noin {seconds} sekunnin kuluttua.',
    'slack.error': 'Vastaaminen epäonnistui teknisen vian vuoksi. Yritä hetken kuluttua uudelleen.',
    'slack.continued': 'jatkuu',
  },
  sv: {
    'slack.sources': 'Källor',
    'slack.municipality': 'Kommun: {municipality}',
    'slack.page': 's. {page}',
    'slack.feedback.up': '👍 Till hjälp',
    'slack.feedback.down': '👎 Inte till hjälp',
    'slack.feedback.thanksUp': 'Tack för din respons! Fint att svaret hjälpte.',
    'slack.feedback.thanksDown': 'Tack för din respons! Den hjälper oss att förbättra svaren.',
    'slack.feedback.failed': 'Det gick inte att spara responsen. Försök igen om en stund.',
    'slack.suggestions': 'Du kan också fråga',
    'slack.askedBy': '{user} frågade: {question}',
    'slack.rateLimited':
      'Ett ögonblick – frågorna kommer nu snabbare än jag hinner svara. Försök igen om cirka {seconds} sekunder.',
    'slack.error': 'Svaret misslyckades på grund av ett tekniskt fel. Försök igen om en stund.',
    'slack.continued': 'fortsätter',
  },
  en: {
    'slack.sources': 'Sources',
    'slack.municipality': 'Municipality: {municipality}',
    'slack.page': 'p. {page}',
    'slack.feedback.up': '👍 Helpful',
    'slack.feedback.down': '👎 Not helpful',
    'slack.feedback.thanksUp': 'Thanks for the feedback! Glad the answer helped.',
    'slack.feedback.thanksDown': 'Thanks for the feedback! It helps us improve the answers.',
    'slack.feedback.failed': 'Your feedback could not be saved. Please try again in a moment.',
    'slack.suggestions': 'You could also ask',
    'slack.askedBy': '{user} asked: {question}',
    'slack.rateLimited':
      'One moment – questions are arriving faster than I can answer. Please try again in about {seconds} seconds.',
    'slack.error': 'Answering failed because of a technical fault. Please try again in a moment.',
    'slack.continued': 'continues',
  },
};
