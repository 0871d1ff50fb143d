/** The message catalogues, one file per language (docs/portal.md "Languages"). */
import type { LanguageCode } from '../i18n/languages.js';
import { ar } from './ar.js';
import { en, type Catalogue } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ru } from './ru.js';
import { zh } from './zh.js';

export type { Catalogue, MessageKey } from './en.js';

export const CATALOGUES: Readonly<Record<LanguageCode, Catalogue>> = { en, fr, es, ar, zh, ru };
