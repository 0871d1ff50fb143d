// Application numbers: the examples are the forms offices print (WIPO ST.13 and the office
// answers to the WIPO 2012 survey on application numbering); docs/access-codes.md has the table.
import { expect } from 'chai';
import { expectedCheckDigit, normaliseApplicationNumber } from '../../../protocol/st13/index.js';
import { expectCode } from '../../helpers/error-code.js';

describe('protocol/st13 normaliseApplicationNumber', () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ['EP', 'EP 23 123 456.8', '23123456', '8'],
    ['EP', 'EP23123456.8', '23123456', '8'],
    ['EP', '23123456', '23123456', undefined],
    ['ep', ' 23 123 456 . 8 ', '23123456', '8'],
    ['US', 'US 18/123,456', '18123456', undefined],
    ['US', '18/123456', '18123456', undefined],
    ['JP', '2023-123456', '2023123456', undefined],
    ['KR', '10-2023-0012345', '1020230012345', undefined],
    ['CN', 'CN 202310123456.6', '202310123456', '6'],
    ['CN', 'CN 95115608.x', '95115608', 'X'],
    ['DE', 'DE 10 2023 123 456.7', '102023123456', '7'],
    ['GB', 'GB2301234.5', '2301234', '5'],
    ['WO', 'PCT/IB2023/050123', 'IB2023050123', undefined],
    ['IB', 'IB2023050123', 'IB2023050123', undefined],
    ['JP', 'PCT/JP2023/012345', 'JP2023012345', undefined],
    ['EM', '018 123 456', '018123456', undefined],
    ['FR', '1.234.567', '1234567', undefined],
  ];
  for (const [office, input, text, check] of cases) {
    it(`${office} ${JSON.stringify(input)} → ${text}${check ? `.${check}` : ''}`, () => {
      const result = normaliseApplicationNumber(office, input);
      expect(result.officeCode).to.equal(office.toUpperCase());
      expect(result.applicationNumberText).to.equal(text);
      expect(result.checkDigit).to.equal(check);
      if (check === undefined) expect(result).not.to.have.property('checkDigit');
    });
  }

  it('does not take letters that merely start like the office code for a prefix', () => {
    expect(normaliseApplicationNumber('US', 'USA123').applicationNumberText).to.equal('USA123');
  });

  it('gives the same key for every printed form of one number', () => {
    const forms = ['EP 23 123 456', 'EP23123456', '23-123-456', '23.123.456', '23/123,456'];
    const keys = new Set(forms.map((f) => normaliseApplicationNumber('EP', f).applicationNumberText));
    expect([...keys]).to.deep.equal(['23123456']);
  });

  it('refuses empty, separator-only and digit-free input', () => {
    for (const input of ['', '   ', '/-.,', 'EP', 'EP.7', 'ABC']) {
      expectCode(() => normaliseApplicationNumber('EP', input), 'APPLICATION_NUMBER_INVALID');
    }
  });

  it('refuses characters other than letters, digits and the printed separators', () => {
    for (const input of ['23_123', '23#123', '特願2023-123456', '23\u00a0123', '23\n123', '２０２３']) {
      expectCode(() => normaliseApplicationNumber('JP', input), 'APPLICATION_NUMBER_INVALID');
    }
  });

  it('refuses over-long input instead of truncating it', () => {
    expectCode(() => normaliseApplicationNumber('EP', '1'.repeat(33)), 'APPLICATION_NUMBER_INVALID');
    expectCode(() => normaliseApplicationNumber('EP', `1${' '.repeat(64)}`), 'APPLICATION_NUMBER_INVALID');
    expect(normaliseApplicationNumber('EP', '1'.repeat(32)).applicationNumberText).to.have.length(32);
  });

  // Issue 10, item 11: "JP 2023-123456" deposited at EP became EP-PD-JP2023123456.
  it('refuses a number printed with the ST.3 prefix of another office', () => {
    for (const [office, input] of [['EP', 'JP 2023-123456'], ['EP', 'JP2023123456'], ['US', 'EP 23 123 456'], ['EP', 'PCT/JP2023/012345']]) {
      expectCode(() => normaliseApplicationNumber(office!, input!), 'APPLICATION_NUMBER_OFFICE_MISMATCH');
    }
    // Letters that are no ST.3 code, or not followed by a separator or digit, are part of the number.
    expect(normaliseApplicationNumber('US', 'ZZ 123').applicationNumberText).to.equal('ZZ123');
    expect(normaliseApplicationNumber('US', 'JPA123').applicationNumberText).to.equal('JPA123');
    // At WO and IB the receiving office's code is part of every number.
    expect(normaliseApplicationNumber('WO', 'JP2023012345').applicationNumberText).to.equal('JP2023012345');
  });

  // Issue 10, item 11: the vectors are the worked examples of the sources cited in check-digits.ts.
  it('checks the check digit where the office algorithm is known, and only there', () => {
    for (const [office, input] of [['EP', '99403122.7'], ['EP', '16839078.9'], ['EP', '13748138.8'], ['CN', '97101765.4'],
      ['CN', '95115608.X'], ['CN', '201710601862.3']]) {
      expect(normaliseApplicationNumber(office!, input!).checkDigit, input).to.equal(input!.slice(-1));
    }
    for (const [office, input] of [['EP', '99403122.1'], ['EP', 'EP 23 123 456.7'], ['EP', '16839078.X'], ['CN', '97101765.5'], ['CN', '95115608.0'],
      ['CN', '201710601862.X']]) {
      expectCode(() => normaliseApplicationNumber(office!, input!), 'CHECK_DIGIT_MISMATCH');
    }
    expect(expectedCheckDigit('EP', '99403122')).to.equal('7');
    expect(expectedCheckDigit('EP', '9940312')).to.equal(undefined); // not an EP number shape: unchecked
    expect(expectedCheckDigit('DE', '102023123456')).to.equal(undefined);
    expect(normaliseApplicationNumber('DE', '102023123456.3').checkDigit).to.equal('3');
    expect(normaliseApplicationNumber('EP', '9940312.1').checkDigit).to.equal('1');
  });

  it('catches every single-digit error of an EP number with its check digit', () => {
    const number = '99403122';
    for (let i = 0; i < number.length; i++) {
      for (const d of '0123456789') {
        if (d === number[i]) continue;
        expectCode(() => normaliseApplicationNumber('EP', `${number.slice(0, i)}${d}${number.slice(i + 1)}.7`), 'CHECK_DIGIT_MISMATCH');
      }
    }
  });

  it('refuses an office code that is not in ST.3', () => {
    expectCode(() => normaliseApplicationNumber('ZZ', '123'), 'OFFICE_CODE_INVALID');
  });
});
