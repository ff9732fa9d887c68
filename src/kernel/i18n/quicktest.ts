import type { Strings } from './index.ts';

/** Strings of the self-assessment "Onko kuntasi järjestöystävällinen?" (issue 17). */
export const quicktest: Strings = {
  fi: {
    'dialogue.command.quicktest':
      'pikatesti: onko kuntasi järjestöystävällinen? ("lopeta" keskeyttää, "alusta" aloittaa alusta, "markdown" antaa tuloksen Markdownina, "jaa" jakaa tuloksen alueen järjestötoimijoille)',
    'dialogue.command.quicktest.slack':
      'pikatesti: onko kuntasi järjestöystävällinen? (myös pelkkä "pikatesti" yksityisviestissä; "lopeta" keskeyttää, "alusta" aloittaa alusta, "markdown" antaa tuloksen Markdownina, "jaa" jakaa tuloksen, "yhteenveto" näyttää kuntien jakamat tulokset)',
    'quicktest.title': 'Onko kuntasi järjestöystävällinen? – pikatesti',
    'quicktest.intro':
      'Onko kuntasi järjestöystävällinen? Vastaa {total} kysymykseen kunnan nykytilasta; saat tuloksen teemoittain, kolme seuraavaa askelta lähteineen ja vertailun alueen kuntiin.',
    'quicktest.resume': 'Jatketaan pikatestiä siitä, mihin jäit ({done}/{total} vastattu).',
    'quicktest.progress': 'Kysymys {n}/{total} · {theme}',
    'quicktest.answer.yes': 'Kyllä',
    'quicktest.answer.partly': 'Osittain',
    'quicktest.answer.no': 'Ei',
    'quicktest.answer.unknown': 'En tiedä',
    'quicktest.button.stop': 'Lopeta testi',
    'quicktest.button.restart': 'Aloita alusta',
    'quicktest.button.markdown': 'Tulos Markdownina',
    'quicktest.stopped':
      'Pikatesti lopetettiin ja vastaukset poistettiin. Voit aloittaa uudelleen komennolla {usage}.',
    'quicktest.notRunning': 'Pikatesti ei ole käynnissä. Aloita se komennolla {usage}.',
    'dialogue.quicktest.unavailable': 'Pikatesti ei ole käytössä tässä palvelussa.',
    'quicktest.result.overall': 'Tulos: {score} / 100 pistettä.',
    'quicktest.result.theme': '{theme}: {score} / 100',
    'quicktest.result.steps': 'Kolme askelta, jotka nostaisivat tulosta eniten:',
    'quicktest.result.allDone': 'Kunta täyttää kaikki suosituksen kohdat. Hienoa!',
    'quicktest.result.region': 'Vertailu alueen kuntiin (kuntakysely 2026):',
    'quicktest.result.regionLine': '{question} Alueen kunnista {percent} %; kuntasi vastaus: {answer}.',
    'quicktest.markdown.sources': 'Lähteet',
    'quicktest.button.share': 'Jaa tulos alueen järjestötoimijoille',
    'quicktest.share.done':
      'Kunnan {municipality} tulos ({score} / 100) on jaettu alueen järjestötoimijoille {date}. Uusi jako korvaa sen; "unohda minut" poistaa sen.',
    'quicktest.share.unfinished':
      'Vastaa ensin kaikkiin kysymyksiin ({done}/{total} vastattu), sitten voit jakaa tuloksen.',
    'quicktest.share.noMunicipality':
      'Tulos jaetaan kunnan nimissä: valitse ensin kuntasi ({usage}) ja paina sitten jakopainiketta uudelleen.',
    'quicktest.share.unavailable': 'Tulosten jakaminen ei ole käytössä tässä palvelussa.',
    'quicktest.summary.title': 'Pikatestin tulokset kunnista, jotka ovat jakaneet tuloksensa ({count}):',
    'quicktest.summary.none': 'Yksikään kunta ei ole vielä jakanut pikatestin tulostaan.',
    'quicktest.summary.overall': 'Kokonaistulos – keskiarvo {average} / 100',
    'quicktest.summary.theme': '{theme} – keskiarvo {average} / 100',
    'quicktest.summary.shared': '{score} / 100 (jaettu {date})',
    'quicktest.summary.score': '{score} / 100',
    'quicktest.summary.elsewhere':
      'Kuntien jakamien tulosten yhteenveto on alueen järjestötoimijoiden Slackissa.',
    'quicktest.markdown.copy': 'Tulos Markdownina – kopioi se pöytäkirjaan tai muistioon:',
    'quicktest.notYours': 'Tämä on toisen käyttäjän pikatesti. Aloita oma: {usage}.',
    'teams.command.quicktest': 'Pikatesti: onko kuntasi järjestöystävällinen?',
    'teams.action.quicktest': 'Pikatesti',
  },
  sv: {
    'dialogue.command.quicktest':
      'snabbtest: är din kommun föreningsvänlig? ("avsluta" avbryter, "börja om" börjar från början, "markdown" ger resultatet i Markdown, "dela" delar resultatet med regionens föreningsaktörer)',
    'dialogue.command.quicktest.slack':
      'snabbtest: är din kommun föreningsvänlig? (också bara "snabbtest" i ett direktmeddelande; "avsluta" avbryter, "börja om" börjar från början, "markdown" ger resultatet i Markdown, "dela" delar resultatet, "sammanfattning" visar kommunernas delade resultat)',
    'quicktest.title': 'Är din kommun föreningsvänlig? – snabbtest',
    'quicktest.intro':
      'Är din kommun föreningsvänlig? Svara på {total} frågor om hur det är i kommunen i dag; du får resultatet per tema, tre nästa steg med källor och en jämförelse med regionens kommuner.',
    'quicktest.resume': 'Vi fortsätter snabbtestet där du slutade ({done}/{total} besvarade).',
    'quicktest.progress': 'Fråga {n}/{total} · {theme}',
    'quicktest.answer.yes': 'Ja',
    'quicktest.answer.partly': 'Delvis',
    'quicktest.answer.no': 'Nej',
    'quicktest.answer.unknown': 'Vet inte',
    'quicktest.button.stop': 'Avsluta testet',
    'quicktest.button.restart': 'Börja om',
    'quicktest.button.markdown': 'Resultatet i Markdown',
    'quicktest.stopped': 'Snabbtestet avslutades och svaren raderades. Du kan börja igen med {usage}.',
    'quicktest.notRunning': 'Inget snabbtest pågår. Börja med {usage}.',
    'dialogue.quicktest.unavailable': 'Snabbtestet är inte i bruk i den här tjänsten.',
    'quicktest.result.overall': 'Resultat: {score} / 100 poäng.',
    'quicktest.result.theme': '{theme}: {score} / 100',
    'quicktest.result.steps': 'Tre steg som skulle höja resultatet mest:',
    'quicktest.result.allDone': 'Kommunen uppfyller alla punkter i rekommendationen. Fint!',
    'quicktest.result.region': 'Jämförelse med regionens kommuner (kommunenkäten 2026):',
    'quicktest.result.regionLine':
      '{question} Av regionens kommuner {percent} %; din kommuns svar: {answer}.',
    'quicktest.markdown.sources': 'Källor',
    'quicktest.button.share': 'Dela resultatet med regionens föreningsaktörer',
    'quicktest.share.done':
      'Resultatet för {municipality} ({score} / 100) delades med regionens föreningsaktörer {date}. En ny delning ersätter det; "glöm mig" raderar det.',
    'quicktest.share.unfinished':
      'Svara först på alla frågor ({done}/{total} besvarade), sedan kan du dela resultatet.',
    'quicktest.share.noMunicipality':
      'Resultatet delas i kommunens namn: välj först din kommun ({usage}) och tryck sedan på delningsknappen igen.',
    'quicktest.share.unavailable': 'Att dela resultat är inte i bruk i den här tjänsten.',
    'quicktest.summary.title': 'Snabbtestets resultat från kommuner som har delat sitt resultat ({count}):',
    'quicktest.summary.none': 'Ingen kommun har ännu delat sitt resultat i snabbtestet.',
    'quicktest.summary.overall': 'Helhetsresultat – medeltal {average} / 100',
    'quicktest.summary.theme': '{theme} – medeltal {average} / 100',
    'quicktest.summary.shared': '{score} / 100 (delat {date})',
    'quicktest.summary.score': '{score} / 100',
    'quicktest.summary.elsewhere':
      'Sammanfattningen av kommunernas delade resultat finns i regionens föreningsaktörers Slack.',
    'quicktest.markdown.copy': 'Resultatet i Markdown – kopiera det till protokollet eller promemorian:',
    'quicktest.notYours': 'Det här är en annan användares snabbtest. Börja ditt eget: {usage}.',
    'teams.command.quicktest': 'Snabbtest: är din kommun föreningsvänlig?',
    'teams.action.quicktest': 'Snabbtest',
  },
  en: {
    'dialogue.command.quicktest':
      'quick test: is your municipality association-friendly? ("stop" abandons it, "restart" starts over, "markdown" gives the result as Markdown, "share" shares it with the regional organisers)',
    'dialogue.command.quicktest.slack':
      'quick test: is your municipality association-friendly? (also just "quicktest" in a DM; "stop" abandons it, "restart" starts over, "markdown" gives the result as Markdown, "share" shares it, "summary" shows the results municipalities have shared)',
    'quicktest.title': 'Is your municipality association-friendly? – quick test',
    'quicktest.intro':
      'Is your municipality association-friendly? Answer {total} questions about how things stand today; you get a score per theme, three next steps with their sources and a comparison with the region’s municipalities.',
    'quicktest.resume': 'Continuing the quick test where you left off ({done}/{total} answered).',
    'quicktest.progress': 'Question {n}/{total} · {theme}',
    'quicktest.answer.yes': 'Yes',
    'quicktest.answer.partly': 'Partly',
    'quicktest.answer.no': 'No',
    'quicktest.answer.unknown': 'Don’t know',
    'quicktest.button.stop': 'Stop the test',
    'quicktest.button.restart': 'Start over',
    'quicktest.button.markdown': 'Result as Markdown',
    'quicktest.stopped': 'The quick test was stopped and its answers deleted. Start again with {usage}.',
    'quicktest.notRunning': 'No quick test is running. Start one with {usage}.',
    'dialogue.quicktest.unavailable': 'The quick test is not available in this service.',
    'quicktest.result.overall': 'Score: {score} / 100 points.',
    'quicktest.result.theme': '{theme}: {score} / 100',
    'quicktest.result.steps': 'Three steps that would raise the score most:',
    'quicktest.result.allDone': 'The municipality meets every point of the recommendation. Well done!',
    'quicktest.result.region': 'Compared with the region’s municipalities (municipal survey 2026):',
    'quicktest.result.regionLine':
      '{question} Of the region’s municipalities: {percent} %; your answer: {answer}.',
    'quicktest.markdown.sources': 'Sources',
    'quicktest.button.share': 'Share the result with regional organisers',
    'quicktest.share.done':
      'The result of {municipality} ({score} / 100) was shared with the regional organisers on {date}. A new share replaces it; "forget me" deletes it.',
    'quicktest.share.unfinished':
      'Answer every question first ({done}/{total} answered), then you can share the result.',
    'quicktest.share.noMunicipality':
      'The result is shared in the municipality’s name: choose your municipality first ({usage}), then press the share button again.',
    'quicktest.share.unavailable': 'Sharing results is not available in this service.',
    'quicktest.summary.title': 'Quick test results of the municipalities that shared theirs ({count}):',
    'quicktest.summary.none': 'No municipality has shared its quick test result yet.',
    'quicktest.summary.overall': 'Overall – average {average} / 100',
    'quicktest.summary.theme': '{theme} – average {average} / 100',
    'quicktest.summary.shared': '{score} / 100 (shared {date})',
    'quicktest.summary.score': '{score} / 100',
    'quicktest.summary.elsewhere':
      'The summary of the results municipalities shared is in the regional organisers’ Slack.',
    'quicktest.markdown.copy': 'The result as Markdown – copy it into the minutes or a memo:',
    'quicktest.notYours': 'This is another user’s quick test. Start your own: {usage}.',
    'teams.command.quicktest': 'Quick test: is your municipality association-friendly?',
    'teams.action.quicktest': 'Quick test',
  },
};
