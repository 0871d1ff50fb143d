/** The e-mail catalogues, one file per language (docs/notifications.md "E-mail"). */
import type { Catalogues } from '../../../../portal/i18n/translator.js';
import { ar } from './ar.js';
import { en, type EmailMessageKey } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ru } from './ru.js';
import { zh } from './zh.js';

export type { EmailCatalogue, EmailMessageKey } from './en.js';

export const EMAIL_CATALOGUES: Catalogues<EmailMessageKey> = { en, fr, es, ar, zh, ru };
