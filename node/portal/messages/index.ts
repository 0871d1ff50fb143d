/**
 * The message catalogues, one file per language (docs/portal.md "Languages"), and the
 * administrator's pages' messages in their own file per language, merged here.
 */
import type { LanguageCode } from '../i18n/languages.js';
import { ar } from './ar.js';
import { en, type Catalogue as PagesCatalogue } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ru } from './ru.js';
import { zh } from './zh.js';
import { adminEn, type AdminCatalogue, type AdminMessageKey } from './admin-en.js';
import { adminAr } from './admin-ar.js';
import { adminEs } from './admin-es.js';
import { adminFr } from './admin-fr.js';
import { adminRu } from './admin-ru.js';
import { adminZh } from './admin-zh.js';

export type MessageKey = keyof PagesCatalogue | AdminMessageKey;
export type Catalogue = PagesCatalogue & AdminCatalogue;

// A key in both files would be overwritten by the merge below: this line stops compiling if one is.
const keysApart: [keyof PagesCatalogue & AdminMessageKey] extends [never] ? true : never = true;
void keysApart;

export const CATALOGUES: Readonly<Record<LanguageCode, Catalogue>> = {
  en: { ...en, ...adminEn }, fr: { ...fr, ...adminFr }, es: { ...es, ...adminEs }, ar: { ...ar, ...adminAr }, zh: { ...zh, ...adminZh }, ru: { ...ru, ...adminRu },
};
