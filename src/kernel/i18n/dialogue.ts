import type { Strings } from './index.ts';

/** Strings of the dialogue: commands, municipality choice, privacy, errors, the terminal chat and the report. */
export const dialogue: Strings = {
  fi: {
    'dialogue.empty':
      'Kirjoita kysymyksesi, esimerkiksi: "Milloin toiminta-avustuksen haku päättyy?" Komennot näet kirjoittamalla /apua.',
    'dialogue.error': 'Pahoittelen, jokin meni vikaan päässäni. Yritä hetken päästä uudelleen.',
    'dialogue.welcome':
      'Hei! Olen Kumppani. Vastaan kunnan ja yhdistysten yhteistyötä koskeviin kysymyksiin (avustukset, tilat, yhdyshenkilö, yhdistysillat, vuosikello) kuntien omien asiakirjojen perusteella ja kerron, mistä tieto on.',
    'dialogue.welcome.choose': 'Valitse ensin kuntasi, tai kysy suoraan.',
    'dialogue.help':
      'Kysy vapaasti, esimerkiksi "Milloin avustushaku päättyy?" tai "Saako seura käyttää koulun salia ilmaiseksi?". Jatkokysymykset ("entä Lahdessa?", "mitä liitteitä siihen tarvitaan?") ymmärrän keskustelun perusteella.\n' +
      'Komennot:\n' +
      '/kunta NIMI – valitse kunta (/kunta kaikki poistaa valinnan, pelkkä /kunta näyttää valinnan)\n' +
      '/kieli fi|sv|en – vastauskieli\n' +
      '/tietoja – asiakirjat, joista vastaan\n' +
      '/uusi – aloita uusi keskustelu\n' +
      '/unohda – poista kaikki tietosi\n' +
      '/apua – tämä ohje',
    'dialogue.help.telegram':
      'Kysy vapaasti, esimerkiksi "Milloin avustushaku päättyy?" tai "Saako seura käyttää koulun salia ilmaiseksi?". Jatkokysymykset ("entä Lahdessa?", "mitä liitteitä siihen tarvitaan?") ymmärrän keskustelun perusteella.\n' +
      'Komennot:\n' +
      '/kunta NIMI – valitse kunta (/kunta kaikki poistaa valinnan, pelkkä /kunta näyttää kuntalistan)\n' +
      '/kieli fi|sv|en – vastauskieli\n' +
      '/tietoja – asiakirjat, joista vastaan\n' +
      '/uusi – aloita uusi keskustelu\n' +
      '/unohda – poista kaikki tietosi\n' +
      '/apua – tämä ohje\n' +
      'Ryhmässä vastaan, kun mainitset minut tai vastaat viestiini.',
    'dialogue.help.slack':
      'Kysy vapaasti: mainitse minut kanavalla, kirjoita minulle yksityisviesti tai käytä komentoa /kumppani KYSYMYS. Ketjussa ymmärrän jatkokysymykset ("entä Lahdessa?").\n' +
      'Komennot:\n' +
      '/kumppani kunta NIMI – valitse kanavan kunta (/kumppani kunta kaikki poistaa valinnan, pelkkä /kumppani kunta näyttää valinnan)\n' +
      '/kumppani apua – tämä ohje\n' +
      'Yksityisviestissä tai mainitessasi minut: "vaihda kieli sv" (vastauskieli fi, sv tai en), "uusi keskustelu" (aloita alusta), "unohda minut" (poista kaikki tietosi).',
    'dialogue.smalltalk.greeting': 'Hei!',
    'dialogue.smalltalk.thanks': 'Ole hyvä! Kysy lisää milloin vain.',
    'dialogue.smalltalk.capabilities':
      'Olen Kumppani: vastaan yhdistysten kysymyksiin kunnan avustuksista, tiloista, yhdyshenkilöistä, yhdistysilloista ja vuosikellosta kuntien omien asiakirjojen perusteella ja kerron, mistä tieto on.',
    'dialogue.smalltalk.municipality':
      'Kunnan valitset komennolla /kunta NIMI (esimerkiksi /kunta Routasalmi) tai mainitsemalla kunnan kysymyksessä. Kaikki komennot: /apua.',
    'dialogue.smalltalk.municipality.telegram':
      'Kunnan valitset komennolla /kunta NIMI (esimerkiksi /kunta Routasalmi) tai mainitsemalla kunnan kysymyksessä. Kaikki komennot: /apua.',
    'dialogue.smalltalk.municipality.slack':
      'Kanavan kunnan valitset komennolla /kumppani kunta NIMI tai mainitsemalla kunnan kysymyksessä. Kaikki komennot: /kumppani apua.',
    'dialogue.municipality.set':
      'Selvä, vastaan nyt kunnan {municipality} asiakirjoista ja alueellisista asiakirjoista.',
    'dialogue.municipality.setNoDocs':
      'Selvä: {municipality}. Kunnan omia asiakirjoja ei ole vielä hakemistossa, joten vastaan alueellisista asiakirjoista.',
    'dialogue.municipality.cleared': 'Selvä, kuntavalinta poistettu: etsin kaikkien kuntien asiakirjoista.',
    'dialogue.municipality.current': 'Valittu kunta: {municipality}.',
    'dialogue.municipality.none': 'Kuntaa ei ole valittu: etsin kaikkien kuntien asiakirjoista.',
    'dialogue.municipality.groupScope': 'Valinta koskee koko tätä keskustelua.',
    'dialogue.municipality.choose': 'Valitse kunta:',
    'dialogue.municipality.unknown': 'En tunnista kuntaa "{name}".',
    'dialogue.municipality.didYouMean': 'Tarkoititko jotain näistä?',
    'dialogue.choice.more': 'Lisää ›',
    'dialogue.choice.previous': '‹ Edelliset',
    'dialogue.choice.all': 'Kaikki kunnat',
    'dialogue.language.set': 'Selvä, vastaan tästä lähtien suomeksi.',
    'dialogue.language.name.fi': 'Suomi',
    'dialogue.language.name.sv': 'Svenska',
    'dialogue.language.name.en': 'English',
    'dialogue.language.choose': 'Valitse kieli:',
    'dialogue.language.unknown': 'En tunne kieltä "{name}". Vaihtoehdot: fi, sv, en.',
    'dialogue.forget.done':
      'Olen poistanut kaikki sinuun liittyvät tiedot: keskustelut, kysymykset ja palautteet ({count} tietuetta).',
    'dialogue.new.done': 'Aloitetaan alusta: aiemmat kysymykset eivät enää vaikuta vastauksiin.',
    'dialogue.about.header': 'Vastaan näiden asiakirjojen perusteella ({count}):',
    'dialogue.about.line': '• {title} – {municipality}, {date}',
    'dialogue.about.regionWide': 'alueellinen',
    'dialogue.about.noDate': 'ei päiväystä',
    'dialogue.about.more': '…ja {count} muuta.',
    'dialogue.about.empty': 'Hakemistossa ei ole vielä asiakirjoja.',
    'dialogue.answer.municipality': 'Kunta: {municipality}',
    'dialogue.answer.noDocuments':
      'Kunnan {municipality} omia asiakirjoja ei ole vielä hakemistossa; vastaus perustuu alueellisiin asiakirjoihin.',
    'dialogue.feedback.thanks': 'Kiitos palautteesta!',
    'suggest.grants.1': 'Mitä liitteitä avustushakemukseen tarvitaan?',
    'suggest.grants.2': 'Miten avustuksen käytöstä raportoidaan?',
    'suggest.premises.1': 'Miten tilan voi varata?',
    'suggest.premises.2': 'Paljonko tilan käyttö maksaa?',
    'suggest.contact.1': 'Milloin on seuraava yhdistysilta?',
    'suggest.contact.2': 'Milloin avustushaku päättyy?',
    'suggest.forums.1': 'Kuka on kunnan järjestöyhdyshenkilö?',
    'suggest.forums.2': 'Mitä vuosikelloon kuuluu?',
    'suggest.calendar.1': 'Milloin avustushaku päättyy?',
    'suggest.calendar.2': 'Milloin on seuraava yhdistysilta?',
    'suggest.other.1': 'Kuka on kunnan järjestöyhdyshenkilö?',
    'suggest.other.2': 'Milloin avustushaku päättyy?',
    'topic.grants': 'Avustukset',
    'topic.premises': 'Tilat',
    'topic.contact': 'Yhdyshenkilö ja yhteystiedot',
    'topic.forums': 'Yhteistyöfoorumit',
    'topic.calendar': 'Vuosikello ja aikataulut',
    'topic.other': 'Muut',
    'chat.intro':
      'Kumppani – kysy kunnan avustuksista, tiloista ja yhteistyöstä. Komennot: /apua. Palaute viimeiseen vastaukseen: + tai - (ja halutessasi kommentti). Lopeta: Ctrl+D.',
    'chat.prompt': 'kysymys> ',
    'chat.sources': 'Lähteet:',
    'chat.choices': 'Vaihtoehdot:',
    'chat.suggestions': 'Voit myös kysyä:',
    'chat.feedbackSaved': 'Palaute tallennettu.',
    'chat.noAnswerYet': 'Ei vielä vastausta, jota arvioida.',
    'chat.notAnswered': '(ei vastausta asiakirjoista)',
    'report.title': 'Kumppani-raportti {period}{municipality}',
    'report.allTime': 'koko ajalta',
    'report.questions': 'Kysymyksiä: {total}, vastattu: {answered}, ilman vastausta: {unanswered}',
    'report.byTopic': 'Kysymykset aiheittain',
    'report.topicLine': '  {topic}: {count} (vastattu {answered})',
    'report.gaps': 'Kysymykset ilman vastausta ryhmiteltyinä (puutteet asiakirjoissa)',
    'report.gapLine': '  {count} × "{example}"',
    'report.gapMember': '      – {question}',
    'report.noGaps': '  Ei vastaamattomia kysymyksiä.',
    'report.feedback': 'Palaute: 👍 {up}, 👎 {down}',
    'report.comment': '  {vote} "{comment}" (kysymys: {question})',
    'report.expired': '(kysymys poistettu säilytysajan jälkeen)',
    'report.textsExpired':
      '{count} kysymyksen teksti on poistettu säilytysajan ({days} pv) jälkeen; ne ovat mukana luvuissa.',
  },
  sv: {
    'dialogue.empty':
      'Skriv din fråga, till exempel: "När går ansökningstiden för verksamhetsbidrag ut?" Kommandona ser du med /hjälp.',
    'dialogue.error': 'Förlåt, något gick fel hos mig. Försök igen om en stund.',
    'dialogue.welcome':
      'Hej! Jag är Kumppani. Jag svarar på frågor om samarbetet mellan kommunen och föreningar (bidrag, lokaler, kontaktperson, föreningskvällar, årsklocka) utgående från kommunernas egna dokument och berättar varifrån uppgiften kommer.',
    'dialogue.welcome.choose': 'Välj först din kommun, eller fråga direkt.',
    'dialogue.help':
      'Fråga fritt, till exempel "När går ansökningstiden för bidrag ut?" eller "Får föreningen använda skolans gymnastiksal gratis?". Följdfrågor ("och i Närpes?", "vilka bilagor behövs?") förstår jag utifrån samtalet.\n' +
      'Kommandon:\n' +
      '/kommun NAMN – välj kommun (/kommun alla tar bort valet, bara /kommun visar valet)\n' +
      '/språk fi|sv|en – svarsspråk\n' +
      '/om – dokumenten jag svarar utifrån\n' +
      '/ny – börja ett nytt samtal\n' +
      '/glöm – radera alla dina uppgifter\n' +
      '/hjälp – den här hjälpen',
    'dialogue.help.telegram':
      'Fråga fritt, till exempel "När går ansökningstiden för bidrag ut?" eller "Får föreningen använda skolans gymnastiksal gratis?". Följdfrågor ("och i Närpes?", "vilka bilagor behövs?") förstår jag utifrån samtalet.\n' +
      'Kommandon:\n' +
      '/kommun NAMN – välj kommun (/kommun alla tar bort valet, bara /kommun visar kommunlistan)\n' +
      '/sprak fi|sv|en – svarsspråk\n' +
      '/om – dokumenten jag svarar utifrån\n' +
      '/ny – börja ett nytt samtal\n' +
      '/glom – radera alla dina uppgifter\n' +
      '/hjalp – den här hjälpen\n' +
      'I en grupp svarar jag när du nämner mig eller svarar på mitt meddelande.',
    'dialogue.help.slack':
      'Fråga fritt: nämn mig i en kanal, skicka ett direktmeddelande eller använd /kumppani FRÅGA. I en tråd förstår jag följdfrågor ("och i Närpes?").\n' +
      'Kommandon:\n' +
      '/kumppani kommun NAMN – välj kanalens kommun (/kumppani kommun alla tar bort valet, bara /kumppani kommun visar valet)\n' +
      '/kumppani hjälp – den här hjälpen\n' +
      'I ett direktmeddelande eller när du nämner mig: "byt språk till fi" (svarsspråk fi, sv eller en), "nytt samtal" (börja om), "glöm mig" (radera alla dina uppgifter).',
    'dialogue.smalltalk.greeting': 'Hej!',
    'dialogue.smalltalk.thanks': 'Varsågod! Fråga gärna mer när som helst.',
    'dialogue.smalltalk.capabilities':
      'Jag är Kumppani: jag svarar på föreningars frågor om kommunens bidrag, lokaler, kontaktpersoner, föreningskvällar och årsklocka utgående från kommunernas egna dokument och berättar varifrån uppgiften kommer.',
    'dialogue.smalltalk.municipality':
      'Kommunen väljer du med /kommun NAMN (till exempel /kommun Vassnäs) eller genom att nämna kommunen i frågan. Alla kommandon: /hjälp.',
    'dialogue.smalltalk.municipality.telegram':
      'Kommunen väljer du med /kommun NAMN (till exempel /kommun Vassnäs) eller genom att nämna kommunen i frågan. Alla kommandon: /hjalp.',
    'dialogue.smalltalk.municipality.slack':
      'Kanalens kommun väljer du med /kumppani kommun NAMN eller genom att nämna kommunen i frågan. Alla kommandon: /kumppani hjälp.',
    'dialogue.municipality.set':
      'Okej, nu svarar jag utifrån dokumenten för {municipality} och regionala dokument.',
    'dialogue.municipality.setNoDocs':
      'Okej: {municipality}. Kommunens egna dokument finns ännu inte i registret, så jag svarar utifrån regionala dokument.',
    'dialogue.municipality.cleared': 'Okej, kommunvalet är borttaget: jag söker i alla kommuners dokument.',
    'dialogue.municipality.current': 'Vald kommun: {municipality}.',
    'dialogue.municipality.none': 'Ingen kommun är vald: jag söker i alla kommuners dokument.',
    'dialogue.municipality.groupScope': 'Valet gäller hela det här samtalet.',
    'dialogue.municipality.choose': 'Välj kommun:',
    'dialogue.municipality.unknown': 'Jag känner inte igen kommunen "{name}".',
    'dialogue.municipality.didYouMean': 'Menade du någon av dessa?',
    'dialogue.choice.more': 'Fler ›',
    'dialogue.choice.previous': '‹ Föregående',
    'dialogue.choice.all': 'Alla kommuner',
    'dialogue.language.set': 'Okej, från och med nu svarar jag på svenska.',
    'dialogue.language.name.fi': 'Suomi',
    'dialogue.language.name.sv': 'Svenska',
    'dialogue.language.name.en': 'English',
    'dialogue.language.choose': 'Välj språk:',
    'dialogue.language.unknown': 'Jag känner inte till språket "{name}". Alternativ: fi, sv, en.',
    'dialogue.forget.done':
      'Jag har raderat alla uppgifter om dig: samtal, frågor och respons ({count} poster).',
    'dialogue.new.done': 'Vi börjar om: tidigare frågor påverkar inte längre svaren.',
    'dialogue.about.header': 'Jag svarar utifrån de här dokumenten ({count}):',
    'dialogue.about.line': '• {title} – {municipality}, {date}',
    'dialogue.about.regionWide': 'regionalt',
    'dialogue.about.noDate': 'odaterat',
    'dialogue.about.more': '…och {count} till.',
    'dialogue.about.empty': 'Det finns ännu inga dokument i registret.',
    'dialogue.answer.municipality': 'Kommun: {municipality}',
    'dialogue.answer.noDocuments':
      'Dokument för {municipality} finns ännu inte i registret; svaret bygger på regionala dokument.',
    'dialogue.feedback.thanks': 'Tack för responsen!',
    'suggest.grants.1': 'Vilka bilagor behövs till bidragsansökan?',
    'suggest.grants.2': 'Hur redovisar man användningen av bidraget?',
    'suggest.premises.1': 'Hur bokar man en lokal?',
    'suggest.premises.2': 'Vad kostar det att använda lokalen?',
    'suggest.contact.1': 'När är nästa föreningskväll?',
    'suggest.contact.2': 'När går ansökningstiden för bidrag ut?',
    'suggest.forums.1': 'Vem är kommunens kontaktperson för föreningar?',
    'suggest.forums.2': 'Vad ingår i årsklockan?',
    'suggest.calendar.1': 'När går ansökningstiden för bidrag ut?',
    'suggest.calendar.2': 'När är nästa föreningskväll?',
    'suggest.other.1': 'Vem är kommunens kontaktperson för föreningar?',
    'suggest.other.2': 'När går ansökningstiden för bidrag ut?',
    'topic.grants': 'Bidrag',
    'topic.premises': 'Lokaler',
    'topic.contact': 'Kontaktperson och kontaktuppgifter',
    'topic.forums': 'Samarbetsforum',
    'topic.calendar': 'Årsklocka och tidtabeller',
    'topic.other': 'Övrigt',
    'chat.intro':
      'Kumppani – fråga om kommunens bidrag, lokaler och samarbete. Kommandon: /hjälp. Respons på senaste svaret: + eller - (och gärna en kommentar). Avsluta: Ctrl+D.',
    'chat.prompt': 'fråga> ',
    'chat.sources': 'Källor:',
    'chat.choices': 'Alternativ:',
    'chat.suggestions': 'Du kan också fråga:',
    'chat.feedbackSaved': 'Responsen sparad.',
    'chat.noAnswerYet': 'Inget svar att bedöma ännu.',
    'chat.notAnswered': '(inget svar i dokumenten)',
    'report.title': 'Kumppani-rapport {period}{municipality}',
    'report.allTime': 'hela tiden',
    'report.questions': 'Frågor: {total}, besvarade: {answered}, obesvarade: {unanswered}',
    'report.byTopic': 'Frågor per ämne',
    'report.topicLine': '  {topic}: {count} (besvarade {answered})',
    'report.gaps': 'Obesvarade frågor i grupper (luckor i dokumenten)',
    'report.gapLine': '  {count} × "{example}"',
    'report.gapMember': '      – {question}',
    'report.noGaps': '  Inga obesvarade frågor.',
    'report.feedback': 'Respons: 👍 {up}, 👎 {down}',
    'report.comment': '  {vote} "{comment}" (fråga: {question})',
    'report.expired': '(frågan raderad efter lagringstiden)',
    'report.textsExpired':
      'Texten i {count} frågor har raderats efter lagringstiden ({days} d); de ingår i siffrorna.',
  },
  en: {
    'dialogue.empty':
      'Type your question, for example: "When does the operating grant application period end?" Type /help for the commands.',
    'dialogue.error': 'Sorry, something went wrong on my side. Please try again in a moment.',
    'dialogue.welcome':
      "Hi! I'm Kumppani. I answer questions about cooperation between the municipality and associations (grants, premises, contact person, association evenings, annual calendar) from the municipalities' own documents, and I tell you where the answer comes from.",
    'dialogue.welcome.choose': 'Choose your municipality first, or just ask.',
    'dialogue.help':
      'Ask freely, for example "When does the grant application period end?" or "Can our club use the school gym for free?". I understand follow-up questions ("what about Espoo?", "which attachments does it need?") from the conversation.\n' +
      'Commands:\n' +
      '/municipality NAME – choose a municipality (/municipality all clears the choice, /municipality alone shows it)\n' +
      '/language fi|sv|en – reply language\n' +
      '/about – the documents I answer from\n' +
      '/new – start a new conversation\n' +
      '/forget – delete all your data\n' +
      '/help – this help',
    'dialogue.help.telegram':
      'Ask freely, for example "When does the grant application period end?" or "Can our club use the school gym for free?". I understand follow-up questions ("what about Espoo?", "which attachments does it need?") from the conversation.\n' +
      'Commands:\n' +
      '/municipality NAME – choose a municipality (/municipality all clears the choice, /municipality alone shows the list)\n' +
      '/language fi|sv|en – reply language\n' +
      '/about – the documents I answer from\n' +
      '/new – start a new conversation\n' +
      '/forget – delete all your data\n' +
      '/help – this help\n' +
      'In a group I answer when you mention me or reply to my message.',
    'dialogue.help.slack':
      'Ask freely: mention me in a channel, send me a direct message, or use /kumppani QUESTION. In a thread I understand follow-up questions ("what about Espoo?").\n' +
      'Commands:\n' +
      "/kumppani municipality NAME – choose the channel's municipality (/kumppani municipality all clears the choice, /kumppani municipality alone shows it)\n" +
      '/kumppani help – this help\n' +
      'In a direct message or when you mention me: "change language to sv" (reply language fi, sv or en), "new conversation" (start over), "forget me" (delete all your data).',
    'dialogue.smalltalk.greeting': 'Hi!',
    'dialogue.smalltalk.thanks': "You're welcome! Ask again any time.",
    'dialogue.smalltalk.capabilities':
      "I'm Kumppani: I answer associations' questions about municipal grants, premises, contact persons, association evenings and the annual calendar from the municipalities' own documents, and I tell you where the answer comes from.",
    'dialogue.smalltalk.municipality':
      'Choose a municipality with /municipality NAME (for example /municipality Routasalmi), or name the municipality in your question. All commands: /help.',
    'dialogue.smalltalk.municipality.telegram':
      'Choose a municipality with /municipality NAME (for example /municipality Routasalmi), or name the municipality in your question. All commands: /help.',
    'dialogue.smalltalk.municipality.slack':
      "Choose the channel's municipality with /kumppani municipality NAME, or name the municipality in your question. All commands: /kumppani help.",
    'dialogue.municipality.set':
      "OK, I'll now answer from {municipality}'s documents and region-wide documents.",
    'dialogue.municipality.setNoDocs':
      "OK: {municipality}. Its own documents are not in the index yet, so I'll answer from region-wide documents.",
    'dialogue.municipality.cleared': "OK, municipality cleared: I'll search every municipality's documents.",
    'dialogue.municipality.current': 'Chosen municipality: {municipality}.',
    'dialogue.municipality.none': "No municipality chosen: I'll search every municipality's documents.",
    'dialogue.municipality.groupScope': 'The choice applies to this whole conversation.',
    'dialogue.municipality.choose': 'Choose a municipality:',
    'dialogue.municipality.unknown': 'I don\'t recognise the municipality "{name}".',
    'dialogue.municipality.didYouMean': 'Did you mean one of these?',
    'dialogue.choice.more': 'More ›',
    'dialogue.choice.previous': '‹ Previous',
    'dialogue.choice.all': 'All municipalities',
    'dialogue.language.set': "OK, I'll answer in English from now on.",
    'dialogue.language.name.fi': 'Suomi',
    'dialogue.language.name.sv': 'Svenska',
    'dialogue.language.name.en': 'English',
    'dialogue.language.choose': 'Choose a language:',
    'dialogue.language.unknown': 'I don\'t know the language "{name}". Options: fi, sv, en.',
    'dialogue.forget.done':
      'I have deleted all data about you: conversations, questions and feedback ({count} records).',
    'dialogue.new.done': "Let's start over: earlier questions no longer affect the answers.",
    'dialogue.about.header': 'I answer from these documents ({count}):',
    'dialogue.about.line': '• {title} – {municipality}, {date}',
    'dialogue.about.regionWide': 'region-wide',
    'dialogue.about.noDate': 'undated',
    'dialogue.about.more': '…and {count} more.',
    'dialogue.about.empty': 'The index has no documents yet.',
    'dialogue.answer.municipality': 'Municipality: {municipality}',
    'dialogue.answer.noDocuments':
      "{municipality}'s own documents are not in the index yet; the answer is based on region-wide documents.",
    'dialogue.feedback.thanks': 'Thanks for the feedback!',
    'suggest.grants.1': 'Which attachments does a grant application need?',
    'suggest.grants.2': 'How is the use of a grant reported?',
    'suggest.premises.1': 'How do I book a room?',
    'suggest.premises.2': 'How much does using the premises cost?',
    'suggest.contact.1': 'When is the next association evening?',
    'suggest.contact.2': 'When does the grant application period end?',
    'suggest.forums.1': "Who is the municipality's association contact person?",
    'suggest.forums.2': 'What is in the annual calendar?',
    'suggest.calendar.1': 'When does the grant application period end?',
    'suggest.calendar.2': 'When is the next association evening?',
    'suggest.other.1': "Who is the municipality's association contact person?",
    'suggest.other.2': 'When does the grant application period end?',
    'topic.grants': 'Grants',
    'topic.premises': 'Premises',
    'topic.contact': 'Contact person and contact details',
    'topic.forums': 'Cooperation forums',
    'topic.calendar': 'Annual calendar and schedules',
    'topic.other': 'Other',
    'chat.intro':
      'Kumppani – ask about municipal grants, premises and cooperation. Commands: /help. Feedback on the last answer: + or - (and a comment if you like). Quit: Ctrl+D.',
    'chat.prompt': 'question> ',
    'chat.sources': 'Sources:',
    'chat.choices': 'Options:',
    'chat.suggestions': 'You could also ask:',
    'chat.feedbackSaved': 'Feedback saved.',
    'chat.noAnswerYet': 'No answer to rate yet.',
    'chat.notAnswered': '(no answer in the documents)',
    'report.title': 'Kumppani report {period}{municipality}',
    'report.allTime': 'all time',
    'report.questions': 'Questions: {total}, answered: {answered}, unanswered: {unanswered}',
    'report.byTopic': 'Questions per topic',
    'report.topicLine': '  {topic}: {count} (answered {answered})',
    'report.gaps': 'Unanswered questions, grouped (gaps in the documents)',
    'report.gapLine': '  {count} × "{example}"',
    'report.gapMember': '      – {question}',
    'report.noGaps': '  No unanswered questions.',
    'report.feedback': 'Feedback: 👍 {up}, 👎 {down}',
    'report.comment': '  {vote} "{comment}" (question: {question})',
    'report.expired': '(question deleted after the retention period)',
    'report.textsExpired':
      'The text of {count} questions was deleted after the retention period ({days} d); they are still counted.',
  },
};
