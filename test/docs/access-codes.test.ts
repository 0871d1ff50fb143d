/**
 * docs/access-codes.md is the specification an independent implementation follows (issue 10,
 * item 19): every vector in its tables is checked here against protocol/access-code and
 * protocol/st13, so the page cannot drift from what the code does.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { crockfordCheckOf, formatAccessCode, parseAccessCode } from '../../protocol/access-code/index.js';
import { crockfordCheckSymbol, crockfordValue } from '../../protocol/access-code/crockford.js';
import { isIpexError } from '../../protocol/errors/index.js';
import { checkOfficeFormat, expectedCheckDigit, normaliseApplicationNumber } from '../../protocol/st13/index.js';

const page = readFileSync(fileURLToPath(new URL('../../docs/access-codes.md', import.meta.url)), 'utf8');
/** The cells of every table row of the page, without the backquotes. */
const rows = page.split('\n').filter((l) => /^\| /.test(l) && !/^\| -/.test(l))
  .map((l) => l.slice(1, -1).split('|').map((c) => c.trim().replace(/`/g, '')));

describe('docs/access-codes.md', () => {
  it('holds check-symbol vectors that the code reproduces', () => {
    const vectors = rows.filter((r) => r.length === 3 && /^[0-9A-Z]{13}$/.test(r[0]!));
    expect(vectors.length).to.be.greaterThan(4);
    for (const [data, check, printed] of vectors) {
      expect(crockfordCheckOf(data!), data).to.equal(check);
      expect(formatAccessCode({ format: 'crockford', value: data! + check! })).to.equal(printed);
      expect(parseAccessCode(printed!.toLowerCase()).value).to.equal(data! + check!);
    }
  });

  it('holds vectors of codes issued before issue 10 that are still accepted', () => {
    const vectors = rows.filter((r) => r.length === 4 && /^[0-9A-Z]{12}$/.test(r[0]!));
    expect(vectors.map((v) => v[2])).to.include.members(['*', 'U']);
    for (const [data, mod, check, printed] of vectors) {
      expect(String(crockfordValue(data!)! % 37n)).to.equal(mod);
      expect(crockfordCheckSymbol(crockfordValue(data!)!)).to.equal(check);
      expect(parseAccessCode(printed!).value).to.equal(data! + check!);
    }
  });

  it('holds office-format examples that the code accepts and refuses as shown (issue 15)', () => {
    const examples = rows.filter((r) => r.length === 5 && /^[A-Z]{2}$/.test(r[0]!));
    expect(examples.map((r) => r[0])).to.include.members(['EP', 'US', 'JP', 'CN', 'KR', 'WO']);
    const certify = (office: string, printed: string): string => {
      try {
        checkOfficeFormat(office, normaliseApplicationNumber(office, printed).applicationNumberText);
        return 'PASSED';
      } catch (err) {
        return isIpexError(err) ? err.code : String(err);
      }
    };
    for (const [office, , accepted, refused] of examples) {
      expect(certify(office!, accepted!), accepted).to.equal('PASSED');
      expect(certify(office!, refused!), refused).to.equal('APPLICATION_NUMBER_INVALID');
    }
  });

  it('holds application-number examples that the code normalises as shown', () => {
    const examples = rows.filter((r) => r.length === 4 && /^[A-Z]{2}$/.test(r[0]!) && r[1] !== 'printed');
    expect(examples.length).to.be.greaterThan(8);
    for (const [office, printed, text, check] of examples) {
      const refused = /^refused: ([A-Z_]+)$/.exec(text!);
      if (refused !== null) {
        let code = 'PASSED';
        try {
          normaliseApplicationNumber(office!, printed!);
        } catch (err) {
          code = isIpexError(err) ? err.code : String(err);
        }
        expect(code, printed).to.equal(refused[1]);
        continue;
      }
      const number = normaliseApplicationNumber(office!, printed!);
      expect(number.applicationNumberText, printed).to.equal(text);
      expect(number.checkDigit ?? '—', printed).to.equal(check!.split(' ')[0]);
    }
  });

  it('holds check-digit vectors that the code reproduces', () => {
    const vectors = rows.filter((r) => r.length === 3 && /^(EP|CN)$/.test(r[0]!) && /^\d+$/.test(r[1]!));
    expect(vectors.length).to.be.greaterThan(6);
    for (const [office, number, check] of vectors) expect(expectedCheckDigit(office!, number!), number).to.equal(check);
  });
});
