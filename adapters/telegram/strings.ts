/**
 * The adapter's way to its i18n strings: importing `t` from here guarantees the Telegram table is
 * registered, whichever adapter module is loaded first.
 */
import { registerStrings, t } from '../../src/kernel/i18n/index.ts';
import { telegram } from '../../src/kernel/i18n/telegram.ts';

registerStrings(telegram);

export { t };
