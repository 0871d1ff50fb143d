/**
 * Line-level checks of entries.jsonl (docs/audit-formats.md §1): the leaf data is the exact
 * bytes of a line, and each entry must be RFC 8785 canonical JSON with v, office, time, type
 * and outcome. Each case here is one a hand-edited or forged bundle could contain.
 */
import { expect } from 'chai';
import { readEntryLines } from '../../../protocol/audit/entry-lines.js';
import { leafHash } from '../../../protocol/merkle/hash.js';
import { entry } from './helpers.js';

const one = (line: string | Buffer): string | undefined => {
  const bytes = Buffer.concat([Buffer.isBuffer(line) ? line : Buffer.from(line, 'utf8'), Buffer.from('\n')]);
  return readEntryLines(bytes, 'EP').lines[0]?.problem;
};

describe('readEntryLines', () => {
  it('accepts a canonical entry and hashes the line bytes without the newline', () => {
    const line = entry('EP', 0);
    const file = readEntryLines(Buffer.from(`${line}\n`), 'EP');
    expect(file.lines[0]?.problem).to.equal(undefined);
    expect(file.lines[0]?.leafHash.equals(leafHash(Buffer.from(line)))).to.equal(true);
    expect(file.missingFinalNewline).to.equal(false);
  });

  it('refuses duplicate keys, a byte-order mark, non-shortest numbers and escaped lone surrogates', () => {
    const base = '"index":0,"office":"EP","outcome":"ok","time":"2026-11-26T09:00:00.000Z","type":"t","v":1';
    expect(one(`{"a":1,"a":2,${base}}`)).to.match(/canonical/);
    expect(one(`\uFEFF{${base}}`)).to.match(/not JSON/);
    expect(one(`{"a":1.0,${base}}`)).to.match(/canonical/);
    expect(one(`{"a":"\\ud800",${base}}`)).to.match(/canonical/);
    expect(one(`{${base}}`)).to.equal(undefined);
  });

  it('refuses invalid UTF-8, empty lines, arrays, missing fields and unknown outcomes', () => {
    expect(one(Buffer.from([0x7b, 0xff, 0x7d]))).to.match(/UTF-8/);
    expect(one('')).to.match(/empty/);
    expect(one('[1]')).to.match(/not a JSON object/);
    expect(one('{"office":"EP","outcome":"ok","type":"t","v":1}')).to.match(/time/);
    expect(one('{"office":"EP","outcome":"maybe","time":"2026-11-26T09:00:00.000Z","type":"t","v":1}')).to.match(/outcome/);
    expect(one('{"office":"EP","outcome":"ok","time":"2026-11-26T09:00:00.000Z","v":1}')).to.match(/type/);
  });

  it('names the line that breaks the chain: a wrong index there, a wrong prev at the line before', () => {
    const lines = [entry('EP', 0)];
    lines.push(entry('EP', 1, {}, lines[0]));
    lines.push(entry('EP', 2, {}, lines[1]));
    const good = readEntryLines(Buffer.from(`${lines.join('\n')}\n`), 'EP');
    expect(good.lines.map((l) => l.problem)).to.deep.equal([undefined, undefined, undefined]);
    const changed = [lines[0], lines[1]!.replace('doc-1', 'doc-X'), lines[2]];
    const broken = readEntryLines(Buffer.from(`${changed.join('\n')}\n`), 'EP').lines[2]!;
    expect(broken.problem).to.match(/entry 1 was changed/);
    expect(broken.blame).to.equal(1);
    const moved = readEntryLines(Buffer.from(`${[lines[0], lines[2]].join('\n')}\n`), 'EP').lines[1]!;
    expect(moved.problem).to.match(/says it is index 2 but stands at index 1/);
    expect(moved.blame).to.equal(undefined);
    expect(readEntryLines(Buffer.from(`${entry('EP', 0, {}, lines[0])}\n`), 'EP').lines[0]!.problem).to.match(/first entry must not have "prev"/);
  });

  it('counts a last line without a newline as a line and flags the file', () => {
    const file = readEntryLines(Buffer.from(`${entry('EP', 0)}\n${entry('EP', 1, {}, entry('EP', 0))}`), 'EP');
    expect(file.lines).to.have.length(2);
    expect(file.missingFinalNewline).to.equal(true);
  });
});
