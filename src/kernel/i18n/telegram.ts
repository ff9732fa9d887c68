import type { Strings } from './index.ts';

/**
 * Strings of the Telegram adapter (buttons, command menu, notices). The adapter registers this
 * table at import; answers and confirmations themselves come from the core's tables.
 */
export const telegram: Strings = {
  fi: {
    'telegram.welcome':
      'Hei! Olen Kumppani. Vastaan yhdistysten kysymyksiin kunnan avustuksista, tiloista ja yhteistyöstä kuntien omien asiakirjojen pohjalta.\n\nValitse ensin kuntasi – tai kirjoita kysymyksesi heti.',
    'telegram.help':
      'Kirjoita kysymyksesi omin sanoin, esimerkiksi: "Milloin toiminta-avustusta haetaan?"\n\n/kunta – valitse tai vaihda kunta\n/kieli – vaihda kieli\n/tietoja – asiakirjat, joista vastaan\n/uusi – aloita uusi keskustelu\n/unohda – poista tietosi\n/apua – nämä ohjeet\n\nRyhmässä vastaan, kun mainitset minut ({bot}) tai vastaat viestiini.',
    'telegram.chooseMunicipality': 'Valitse kunta:',
    'telegram.noMunicipalities':
      'Asiakirjoissa ei ole vielä yhtään kuntaa. Voit silti kysyä – etsin kaikista asiakirjoista.',
    'telegram.allMunicipalities': 'Kaikki kunnat',
    'telegram.prevPage': '◀ Edelliset',
    'telegram.nextPage': 'Seuraavat ▶',
    'telegram.chooseLanguage': 'Valitse kieli:',
    'telegram.language.fi': 'Suomi',
    'telegram.language.sv': 'Svenska',
    'telegram.language.en': 'English',
    'telegram.sources': 'Lähteet',
    'telegram.page': 's. {page}',
    'telegram.feedbackUp': '👍 Hyödyllinen',
    'telegram.feedbackDown': '👎 Ei auttanut',
    'telegram.feedbackThanks': 'Kiitos palautteesta!',
    'telegram.feedbackFailed': 'Palautteen tallennus ei onnistunut. Yritä hetken kuluttua uudelleen.',
    'telegram.offerMunicipality': '📍 Valitse kunta tarkempaa vastausta varten',
    'telegram.rateLimited':
      'Hetkinen – viestejä tulee nyt nopeammin kuin ehdin vastata. Yritä uudelleen noin {seconds} sekunnin kuluttua.',
    'telegram.error': 'Pahoittelen, vastaamisessa tapahtui virhe. Yritä hetken kuluttua uudelleen.',
    'telegram.buttonExpired': 'Tämä painike ei ole enää käytössä. Kirjoita kysymys tai komento uudelleen.',
    'telegram.textOnly': 'Ymmärrän vain tekstiviestejä. Kirjoita kysymyksesi tekstinä.',
    'telegram.cmd.start': 'Aloita ja valitse kunta',
    'telegram.cmd.municipality': 'Valitse tai vaihda kunta',
    'telegram.cmd.language': 'Vaihda kieli',
    'telegram.cmd.about': 'Asiakirjat, joista vastaan',
    'telegram.cmd.new': 'Aloita uusi keskustelu',
    'telegram.cmd.help': 'Ohjeet',
    'telegram.cmd.forget': 'Unohda minut (poista tietoni)',
  },
  sv: {
    'telegram.welcome':
      'Hej! Jag är Kumppani. Jag svarar på föreningars frågor om kommunens bidrag, lokaler och samarbete utifrån kommunernas egna dokument.\n\nVälj först din kommun – eller skriv din fråga direkt.',
    'telegram.help':
      'Skriv din fråga med egna ord, till exempel: "När kan man söka verksamhetsbidrag?"\n\n/kommun – välj eller byt kommun\n/sprak – byt språk\n/om – dokumenten jag svarar utifrån\n/ny – börja ett nytt samtal\n/glom – radera dina uppgifter\n/hjalp – den här hjälpen\n\nI en grupp svarar jag när du nämner mig ({bot}) eller svarar på mitt meddelande.',
    'telegram.chooseMunicipality': 'Välj kommun:',
    'telegram.noMunicipalities':
      'Det finns ännu inga kommuner i dokumenten. Du kan ändå fråga – jag söker i alla dokument.',
    'telegram.allMunicipalities': 'Alla kommuner',
    'telegram.prevPage': '◀ Föregående',
    'telegram.nextPage': 'Nästa ▶',
    'telegram.chooseLanguage': 'Välj språk:',
    'telegram.language.fi': 'Suomi',
    'telegram.language.sv': 'Svenska',
    'telegram.language.en': 'English',
    'telegram.sources': 'Källor',
    'telegram.page': 's. {page}',
    'telegram.feedbackUp': '👍 Till hjälp',
    'telegram.feedbackDown': '👎 Hjälpte inte',
    'telegram.feedbackThanks': 'Tack för din respons!',
    'telegram.feedbackFailed': 'Det gick inte att spara responsen. Försök igen om en stund.',
    'telegram.offerMunicipality': '📍 Välj kommun för ett exaktare svar',
    'telegram.rateLimited':
      'Ett ögonblick – meddelandena kommer nu snabbare än jag hinner svara. Försök igen om cirka {seconds} sekunder.',
    'telegram.error': 'Tyvärr uppstod ett fel när jag svarade. Försök igen om en stund.',
    'telegram.buttonExpired': 'Den här knappen används inte längre. Skriv frågan eller kommandot på nytt.',
    'telegram.textOnly': 'Jag förstår bara textmeddelanden. Skriv din fråga som text.',
    'telegram.cmd.start': 'Börja och välj kommun',
    'telegram.cmd.municipality': 'Välj eller byt kommun',
    'telegram.cmd.language': 'Byt språk',
    'telegram.cmd.about': 'Dokumenten jag svarar utifrån',
    'telegram.cmd.new': 'Börja ett nytt samtal',
    'telegram.cmd.help': 'Hjälp',
    'telegram.cmd.forget': 'Glöm mig (radera mina uppgifter)',
  },
  en: {
    'telegram.welcome':
      "Hi! I'm Kumppani. I answer associations' questions about municipal grants, premises and cooperation, from the municipalities' own documents.\n\nChoose your municipality first – or just type your question.",
    'telegram.help':
      'Type your question in your own words, for example: "When can we apply for an operating grant?"\n\n/municipality – choose or change the municipality\n/language – change the language\n/about – the documents I answer from\n/new – start a new conversation\n/forget – delete your data\n/help – this help\n\nIn a group I answer when you mention me ({bot}) or reply to my message.',
    'telegram.chooseMunicipality': 'Choose a municipality:',
    'telegram.noMunicipalities':
      'The documents do not cover any municipality yet. You can still ask – I will search all documents.',
    'telegram.allMunicipalities': 'All municipalities',
    'telegram.prevPage': '◀ Previous',
    'telegram.nextPage': 'Next ▶',
    'telegram.chooseLanguage': 'Choose a language:',
    'telegram.language.fi': 'Suomi',
    'telegram.language.sv': 'Svenska',
    'telegram.language.en': 'English',
    'telegram.sources': 'Sources',
    'telegram.page': 'p. {page}',
    'telegram.feedbackUp': '👍 Helpful',
    'telegram.feedbackDown': '👎 Not helpful',
    'telegram.feedbackThanks': 'Thank you for your feedback!',
    'telegram.feedbackFailed': 'Your feedback could not be saved. Please try again in a moment.',
    'telegram.offerMunicipality': '📍 Choose a municipality for a more precise answer',
    'telegram.rateLimited':
      'One moment – messages are arriving faster than I can answer. Please try again in about {seconds} seconds.',
    'telegram.error': 'Sorry, something went wrong while answering. Please try again in a moment.',
    'telegram.buttonExpired': 'This button is no longer in use. Please type your question or command again.',
    'telegram.textOnly': 'I can only read text messages. Please type your question.',
    'telegram.cmd.start': 'Start and choose a municipality',
    'telegram.cmd.municipality': 'Choose or change the municipality',
    'telegram.cmd.language': 'Change the language',
    'telegram.cmd.about': 'The documents I answer from',
    'telegram.cmd.new': 'Start a new conversation',
    'telegram.cmd.help': 'Help',
    'telegram.cmd.forget': 'Forget me (delete my data)',
  },
};
