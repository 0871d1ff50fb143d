// Application numbers: the examples are the forms offices print (WIPO ST.13 and the office
// answers to the WIPO 2012 survey on application numbering); docs/access-codes.md has the table.
import { expect } from 'chai';
import { normaliseApplicationNumber } from '../../../protocol/st13/index.js';
import { expectCode } from '../../helpers/error-code.js';

describe('protocol/st13 normaliseApplicationNumber', () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ['EP', 'EP 23 123 456.7', '23123456', '7'],
    ['EP', 'EP23123456.7', '23123456', '7'],
    ['EP', '23123456', '23123456', undefined],
    ['ep', ' 23 123 456 . 7 ', '23123456', '7'],
    ['US', 'US 18/123,456', '18123456', undefined],
    ['US', '18/123456', '18123456', undefined],
    ['JP', '2023-123456', '2023123456', undefined],
    ['KR', '10-2023-0012345', '1020230012345', undefined],
    ['CN', 'CN 202310123456.x', '202310123456', 'X'],
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

  it('refuses an office code that is not in ST.3', () => {
    expectCode(() => normaliseApplicationNumber('ZZ', '123'), 'OFFICE_CODE_INVALID');
  });
});
