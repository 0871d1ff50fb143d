/**
 * Messages, dates and numbers in the reader's language (docs/portal.md "Languages"). Every string
 * is an ICU MessageFormat message in a catalogue keyed by meaning (node/portal/messages/),
 * formatted with FormatJS `intl-messageformat`, so plurals and word order belong to each
 * language, never to code that glues pieces together. Dates and numbers go through `Intl`.
 * Formatters are made once per language and message and kept. The portal's pages use the
 * catalogues of node/portal/messages/; the e-mails use their own (node/services/notifications/
 * email/messages/) through the same class: one i18n mechanism in the project.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { LanguageCode } from './languages.js';
import { formatBytes } from '../common/bytes.js';
import { CATALOGUES, type MessageKey } from '../messages/index.js';

export type MessageValues = Record<string, string | number | Date>;

const formats = new Map<string, IntlMessageFormat>();

/** One catalogue per language, each with the same keys. */
export type Catalogues<K extends string> = Readonly<Record<LanguageCode, Readonly<Record<K, string>>>>;

/** A number per catalogue set, so that the formatter cache keeps sets apart. */
const catalogueIds = new WeakMap<object, number>();
let nextCatalogueId = 0;

export class Translator<K extends string = MessageKey> {
  readonly #dates: Intl.DateTimeFormat;
  readonly #days: Intl.DateTimeFormat;
  readonly #numbers: Intl.NumberFormat;
  readonly #catalogues: Catalogues<K>;
  readonly #id: number;

  constructor(readonly language: LanguageCode, catalogues: Catalogues<K> = CATALOGUES as unknown as Catalogues<K>) {
    this.#catalogues = catalogues;
    let id = catalogueIds.get(catalogues);
    if (id === undefined) {
      id = nextCatalogueId++;
      catalogueIds.set(catalogues, id);
    }
    this.#id = id;
    this.#dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    this.#days = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    this.#numbers = new Intl.NumberFormat(language);
  }

  /** The message `key` in this language, with `values` put in. */
  t(key: K, values?: MessageValues): string {
    const id = `${this.#id}\0${this.language}\0${key}`;
    let format = formats.get(id);
    if (format === undefined) {
      format = new IntlMessageFormat(this.#catalogues[this.language][key], this.language);
      formats.set(id, format);
    }
    return String(format.format(values));
  }

  /** A moment, with its time, in UTC (the node's times are UTC; the page says so). */
  dateTime(iso: string): string {
    return this.#dates.format(new Date(iso));
  }

  /** A calendar date `YYYY-MM-DD`. */
  date(day: string): string {
    return this.#days.format(new Date(`${day}T00:00:00Z`));
  }

  number(value: number): string {
    return this.#numbers.format(value);
  }

  /** A size in bytes, in the unit that reads best. */
  bytes(size: number): string {
    return formatBytes(this.language, size);
  }
}
