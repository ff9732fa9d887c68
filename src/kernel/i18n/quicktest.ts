import type { Strings } from './index.ts';

/** Strings of the self-assessment "Onko kuntasi järjestöystävällinen?" (issue 17). */
export const quicktest: Strings = {
  fi: {
    'dialogue.command.quicktest':
      'pikatesti: onko kuntasi järjestöystävällinen? ("lopeta" keskeyttää, "alusta" aloittaa alusta, "markdown" antaa tuloksen Markdownina)',
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
  },
  sv: {
    'dialogue.command.quicktest':
      'snabbtest: är din kommun föreningsvänlig? ("avsluta" avbryter, "börja om" börjar från början, "markdown" ger resultatet i Markdown)',
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
  },
  en: {
    'dialogue.command.quicktest':
      'quick test: is your municipality association-friendly? ("stop" abandons it, "restart" starts over, "markdown" gives the result as Markdown)',
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
  },
};
