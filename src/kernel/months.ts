/**
 * Month names, January first: Finnish in the nominative, Swedish in lower case, English
 * capitalised as written. The analyzer spells dates out with them and the calendar extractor
 * reads them (Finnish by stem: "maalis" + -kuu, -kuun, -kuussa …).
 */
import type { Language } from './types.ts';

export const MONTH_NAMES: Record<Language, readonly string[]> = {
  fi: [
    'tammikuu',
    'helmikuu',
    'maaliskuu',
    'huhtikuu',
    'toukokuu',
    'kesäkuu',
    'heinäkuu',
    'elokuu',
    'syyskuu',
    'lokakuu',
    'marraskuu',
    'joulukuu',
  ],
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
