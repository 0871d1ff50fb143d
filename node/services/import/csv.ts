/**
 * A small RFC 4180 CSV reader for the archive index (issue 15, docs/importing.md "The index"):
 * fields separated by commas, records by CRLF or LF; a field in double quotes may hold commas,
 * semicolons, line breaks and doubled quotes (`""`); a UTF-8 byte-order mark at the start is
 * dropped. It reads a stream chunk by chunk, so an index of millions of rows is never held whole,
 * and tells each record's line number, which the validation report cites.
 *
 * Written here rather than taken from npm: the format is small, the project's dependency list is
 * reviewed (test/package), and the reader must report malformed quoting as a row error with its
 * line rather than throw for the whole file.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface CsvRecord {
  /** The fields, unquoted. */
  readonly fields: string[];
  /** The line the record starts on, 1-based (the header is line 1). */
  readonly line: number;
  /** Set when the quoting of the record is broken; the fields are then as far as they could be read. */
  readonly problem?: string;
}

/** Reads the records of a CSV stream (UTF-8) one at a time. */
export async function* readCsv(source: Readable): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser();
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    yield* parser.push(decoder.write(chunk as Buffer));
  }
  yield* parser.push(decoder.end());
  yield* parser.end();
}

/** Parses all of `text` (tests and small inputs). */
export function parseCsv(text: string): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

class CsvParser {
  #field = '';
  #fields: string[] = [];
  #quoted = false;
  /** Inside quotes, the previous character was a quote: the end of the quotes, or the first of "". */
  #quoteSeen = false;
  #fieldStarted = false;
  /** The field's closing quote was just read: only a comma or a line break may follow. */
  #closed = false;
  #line = 1;
  #recordLine = 1;
  #problem: string | undefined;
  #first = true;
  /** The previous chunk ended in CR: a LF at the start of this one belongs to it. */
  #pendingCr = false;

  *push(text: string): Generator<CsvRecord> {
    if (this.#first && text.length > 0) {
      this.#first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.#pendingCr) {
        this.#pendingCr = false;
        if (c === '\n') continue;
      }
      if (this.#quoted) {
        if (this.#quoteSeen) {
          this.#quoteSeen = false;
          if (c === '"') {
            this.#field += '"';
            continue;
          }
          this.#quoted = false; // the closing quote; c is handled below as after a field
          this.#closed = true;
        } else {
          if (c === '"') this.#quoteSeen = true;
          else {
            if (c === '\n') this.#line++;
            this.#field += c;
          }
          continue;
        }
      }
      if (c === ',') {
        this.#endField();
      } else if (c === '\r' || c === '\n') {
        if (c === '\r') this.#pendingCr = true;
        const record = this.#endRecord();
        this.#line++;
        this.#recordLine = this.#line;
        if (record !== undefined) yield record;
      } else if (c === '"' && !this.#fieldStarted) {
        this.#quoted = true;
        this.#fieldStarted = true;
      } else {
        if (c === '"' || this.#closed) {
          this.#problem ??= `line ${this.#line}: a quote inside an unquoted field, or text after a closing quote; quote the whole field and double the quotes in it`;
        }
        this.#field += c;
        this.#fieldStarted = true;
      }
    }
  }

  *end(): Generator<CsvRecord> {
    if (this.#quoteSeen) this.#closed = true;
    if (this.#quoted && !this.#quoteSeen) this.#problem ??= `line ${this.#recordLine}: a quoted field is not closed before the end of the file`;
    this.#quoted = false;
    this.#quoteSeen = false;
    const record = this.#endRecord();
    if (record !== undefined) yield record;
  }

  #endField(): void {
    this.#fields.push(this.#field);
    this.#field = '';
    this.#fieldStarted = false;
    this.#closed = false;
  }

  /** The record so far, or undefined for an empty line. */
  #endRecord(): CsvRecord | undefined {
    if (this.#fields.length === 0 && !this.#fieldStarted) {
      this.#problem = undefined;
      return undefined;
    }
    this.#endField();
    const record: CsvRecord = { fields: this.#fields, line: this.#recordLine, ...(this.#problem === undefined ? {} : { problem: this.#problem }) };
    this.#fields = [];
    this.#problem = undefined;
    return record;
  }
}
