// The archive index reader (node/services/import/csv.ts): RFC 4180 quoting, line breaks in
// quotes, CRLF, a BOM, chunk boundaries anywhere, and broken quoting reported with its line.
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { parseCsv, readCsv, type CsvRecord } from '../../../../node/services/import/csv.js';

async function streamed(text: string, chunkSize: number): Promise<CsvRecord[]> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: CsvRecord[] = [];
  for await (const r of readCsv(Readable.from(chunks))) out.push(r);
  return out;
}

const SAMPLE = '\ufeffkind,title,applicants\r\n' +
  'priorityDocument,"Widget, improved","ACME; Müller ""&"" Söhne"\r\n' +
  'searchReport,"two\nlines",\n' +
  '\n' +
  'officeAction,plain,"a;b"';

describe('import: CSV reader', () => {
  it('reads quotes, embedded commas and semicolons, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    const records = parseCsv(SAMPLE);
    expect(records.map((r) => r.fields)).to.deep.equal([
      ['kind', 'title', 'applicants'],
      ['priorityDocument', 'Widget, improved', 'ACME; Müller "&" Söhne'],
      ['searchReport', 'two\nlines', ''],
      ['officeAction', 'plain', 'a;b'],
    ]);
    expect(records.map((r) => r.line)).to.deep.equal([1, 2, 3, 6]);
    expect(records.every((r) => r.problem === undefined)).to.equal(true);
  });

  it('gives the same records whatever the chunk boundaries (multi-byte characters and CRLF split)', async () => {
    const whole = parseCsv(SAMPLE);
    for (const size of [1, 2, 3, 5, 7, 64]) expect(await streamed(SAMPLE, size), `chunks of ${size}`).to.deep.equal(whole);
  });

  it('reports broken quoting with its line, and goes on with the next record', () => {
    const records = parseCsv('a,b\nx,"open"junk\ny,ok"quote\nz,fine\n');
    expect(records[1]!.problem).to.match(/^line 2: .*text after a closing quote/);
    expect(records[2]!.problem).to.match(/^line 3: a quote inside an unquoted field/);
    expect(records[3]).to.deep.equal({ fields: ['z', 'fine'], line: 4 });
    const unclosed = parseCsv('a,b\nx,"never closed\n');
    expect(unclosed[1]!.problem).to.match(/^line 2: a quoted field is not closed/);
  });

  it('keeps empty fields, a quoted empty field and a last line without a line break', () => {
    expect(parseCsv('a,,c\n"",x,\nlast,"",').map((r) => r.fields)).to.deep.equal([['a', '', 'c'], ['', 'x', ''], ['last', '', '']]);
  });
});
