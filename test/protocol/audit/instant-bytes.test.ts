/**
 * The entry time read from bytes (issue 14) must be `Date.parse` of the same string whenever it
 * answers, and answer only for strings of the ISO_INSTANT form the exact check accepts; every
 * other string is left to the caller (undefined). Checked on generated times over the whole
 * range of years, every day number of every month, fractions of 0–10 digits and components
 * out of range, and on the forms that must be left alone.
 */
import { expect } from 'chai';
import { ISO_INSTANT } from '../../../protocol/audit/entry-lines.js';
import { instantAt } from '../../../protocol/audit/instant-bytes.js';

const json = (time: string): Buffer => Buffer.from(JSON.stringify(time), 'latin1');
const read = (time: string): number | undefined => {
  const b = json(time);
  return instantAt(b, 0, b.length);
};
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function random(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

describe('instantAt', () => {
  it('equals Date.parse on generated ISO instants, and answers only for that form (20 000 times)', () => {
    const r = random(14);
    let answered = 0;
    for (let i = 0; i < 20_000; i++) {
      const fraction = r(3) === 0 ? '' : `.${Array.from({ length: 1 + r(10) }, () => r(10)).join('')}`;
      // Mostly plain values, some out of range (month 0/13, day 0/32, hour 24, minute/second 60).
      const time = `${pad(r(10_000), 4)}-${pad(r(14), 2)}-${pad(r(33), 2)}T${pad(r(25), 2)}:${pad(r(61), 2)}:${pad(r(61), 2)}${fraction}Z`;
      const got = read(time);
      if (got === undefined) continue;
      answered += 1;
      expect(ISO_INSTANT.test(time), time).to.equal(true);
      expect(got, time).to.equal(Date.parse(time));
    }
    expect(answered).to.be.greaterThan(10_000);
  });

  it('carries days past the end of a month as Date.parse does, in leap and common years', () => {
    for (const year of [0, 1, 4, 100, 400, 1900, 1969, 1970, 2000, 2024, 2100, 9999]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const time = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T23:59:59.999Z`;
          expect(read(time), time).to.equal(Date.parse(time));
        }
      }
    }
  });

  it('leaves every other form to the caller', () => {
    const left = [
      '2026-12-03T17:10:00', '2026-12-03 17:10:00Z', '2026-12-03T17:10:00.Z', '2026-12-03T17:10:00.1234567890Z',
      '2026-12-03T24:00:00Z', '2026-12-03T17:60:00Z', '2026-12-03T17:10:60Z', '2026-00-03T17:10:00Z', '2026-13-03T17:10:00Z',
      '2026-12-00T17:10:00Z', '2026-12-32T17:10:00Z', '+02026-12-03T17:10:00Z', '2026-12-03T17:10:00+00:00', '2026-1a-03T17:10:00Z',
      '2026-12-03t17:10:00Z', '2026-12-03T17:10:00z', '',
    ];
    for (const time of left) expect(read(time), time).to.equal(undefined);
    const escaped = Buffer.from('"2026-12-03T17:10:00\\u005a"', 'latin1');
    expect(instantAt(escaped, 0, escaped.length)).to.equal(undefined);
    const notString = Buffer.from('2026-12-03T17:10:00Z1', 'latin1');
    expect(instantAt(notString, 0, notString.length)).to.equal(undefined);
    expect(instantAt(json('2026-12-03T17:10:00Z'), -1, 22)).to.equal(undefined);
  });

  it('reads the time inside a longer line at its offsets', () => {
    const line = Buffer.from('{"time":"2026-12-03T17:10:00.5Z","v":1}', 'latin1');
    const s = line.indexOf('"2026');
    expect(instantAt(line, s, s + 24)).to.equal(Date.parse('2026-12-03T17:10:00.5Z'));
  });
});
