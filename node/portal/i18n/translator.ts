/**
 * Messages, dates and numbers in the reader's language (docs/portal.md "Languages"). Every string
 * is an ICU MessageFormat message in a catalogue keyed by meaning (node/portal/messages/),
 * formatted with FormatJS `intl-messageformat`, so plurals and word order belong to each
 * language, never to code that glues pieces together. Dates and numbers go through `Intl`.
 * Formatters are made once per language and message and kept.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { LanguageCode } from './languages.js';
import { formatBytes } from '../common/bytes.js';
import { CATALOGUES, type MessageKey } from '../messages/index.js';

export type MessageValues = Record<string, string | number | Date>;

const formats = new Map<string, IntlMessageFormat>();

export class Translator {
  readonly #dates: Intl.DateTimeFormat;
  readonly #days: Intl.DateTimeFormat;
  readonly #numbers: Intl.NumberFormat;

  constructor(readonly language: LanguageCode) {
    this.#dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    this.#days = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    this.#numbers = new Intl.NumberFormat(language);
  }

  /** The message `key` in this language, with `values` put in. */
  t(key: MessageKey, values?: MessageValues): string {
    const id = `${this.language}\0${key}`;
    let format = formats.get(id);
    if (format === undefined) {
      format = new IntlMessageFormat(CATALOGUES[this.language][key], this.language);
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
