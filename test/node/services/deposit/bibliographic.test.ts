/** Checks of deposit requests (node/services/deposit/bibliographic.ts): input from the CLI never passed OpenAPI. */
import { expect } from 'chai';
import { checkDepositRequest, isCalendarDate, latestFilingDate } from '../../../../node/services/deposit/bibliographic.js';
import { newDepositId, newDocumentId } from '../../../../node/services/deposit/document-id.js';
import { IpexError } from '../../../../protocol/errors/index.js';

const BIB = { ipOfficeCode: 'EP', applicationNumberText: 'EP 23 123 456.8', filingDate: '2023-05-01', ipRightType: 'patent' };
const NOW = new Date('2024-05-01T09:00:00Z');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as IpexError).code;
  }
  return undefined;
}

describe('deposit: bibliographic data', () => {
  it('normalises the application number (ST.13) and keeps only known members', () => {
    const r = checkDepositRequest({ documentKind: 'priorityDocument', bibliographicData: { ...BIB, ipOfficeCode: 'ep', inventionTitle: 'Widget' } }, 'EP', NOW);
    expect(r.bibliographic).to.deep.equal({
      ipOfficeCode: 'EP', applicationNumberText: '23123456', applicationNumberCheckDigit: '8', filingDate: '2023-05-01', ipRightType: 'patent', inventionTitle: 'Widget',
    });
  });

  it('refuses a deposit for another office', () => {
    expect(codeOf(() => checkDepositRequest({ documentKind: 'priorityDocument', bibliographicData: { ...BIB, ipOfficeCode: 'JP' } }, 'EP', NOW))).to.equal('DEPOSIT_OFFICE_MISMATCH');
  });

  it('refuses impossible dates, unknown kinds, rights and members', () => {
    const bad = (bib: Record<string, unknown>, kind = 'priorityDocument'): string | undefined =>
      codeOf(() => checkDepositRequest({ documentKind: kind, bibliographicData: bib }, 'EP', NOW));
    expect(bad({ ...BIB, filingDate: '2023-02-29' })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ ...BIB, filingDate: '2023-5-1' })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad(BIB, 'letter')).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ ...BIB, ipRightType: 'copyright' })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ ...BIB, secret: 1 })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ ...BIB, applicantName: [{ nickname: 'x' }] })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ ...BIB, applicationNumberText: 'EP 23/12<3' })).to.equal('APPLICATION_NUMBER_INVALID');
    // Issue 15: the office's own format (EP: eight digits).
    expect(bad({ ...BIB, applicationNumberText: 'EP 23 123 45' })).to.equal('APPLICATION_NUMBER_INVALID');
    expect(() => checkDepositRequest({ documentKind: 'priorityDocument', bibliographicData: { ...BIB, applicationNumberText: '2312345' } }, 'EP', NOW))
      .to.throw(/EP numbers are yy nnnnnn/);
  });

  it('reads availableFrom as a date or a date-time, in UTC', () => {
    expect(checkDepositRequest({ documentKind: 'searchReport', bibliographicData: BIB, availableFrom: '2024-01-02' }, 'EP', NOW).availableFrom).to.equal('2024-01-02T00:00:00.000Z');
    expect(checkDepositRequest({ documentKind: 'searchReport', bibliographicData: BIB, availableFrom: '2024-01-02T01:00:00+01:00' }, 'EP', NOW).availableFrom).to.equal('2024-01-02T00:00:00.000Z');
    expect(codeOf(() => checkDepositRequest({ documentKind: 'searchReport', bibliographicData: BIB, availableFrom: 'soon' }, 'EP', NOW))).to.equal('BIBLIOGRAPHIC_INVALID');
  });

  // Issue 10, item 11: the check digit was silently dropped; it is kept and checked where known.
  it('keeps the check digit, refuses one that does not fit the number, and keeps unknown offices\' unchecked', () => {
    const bib = (b: Record<string, unknown>, office = 'EP') => checkDepositRequest({ documentKind: 'searchReport', bibliographicData: { ...BIB, ipOfficeCode: office, ...b } }, office, NOW).bibliographic;
    const bad = (b: Record<string, unknown>, office = 'EP') => codeOf(() => bib(b, office));
    expect(bad({ applicationNumberText: 'EP 23 123 456.7' })).to.equal('CHECK_DIGIT_MISMATCH');
    expect(bib({ applicationNumberText: '23123456', applicationNumberCheckDigit: '8' }).applicationNumberCheckDigit).to.equal('8');
    expect(bad({ applicationNumberText: '23123456', applicationNumberCheckDigit: '7' })).to.equal('CHECK_DIGIT_MISMATCH');
    expect(bad({ applicationNumberText: '23123456.8', applicationNumberCheckDigit: '9' })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ applicationNumberText: '23123456', applicationNumberCheckDigit: '88' })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bib({ applicationNumberText: 'CN 201710601862.3' }, 'CN').applicationNumberCheckDigit).to.equal('3');
    expect(bad({ applicationNumberText: 'CN 201710601862.4' }, 'CN')).to.equal('CHECK_DIGIT_MISMATCH');
    expect(bib({ applicationNumberText: 'DE 10 2023 123 456.7' }, 'DE').applicationNumberCheckDigit).to.equal('7');
    expect(bib({ applicationNumberText: '23123456' })).not.to.have.property('applicationNumberCheckDigit');
  });

  it('refuses a number printed with another office\'s prefix (issue 10, item 11)', () => {
    const bad = (number: string) => codeOf(() => checkDepositRequest({ documentKind: 'priorityDocument', bibliographicData: { ...BIB, applicationNumberText: number } }, 'EP', NOW));
    expect(bad('JP 2023-123456')).to.equal('APPLICATION_NUMBER_OFFICE_MISMATCH');
    expect(bad('PCT/JP2023/012345')).to.equal('APPLICATION_NUMBER_OFFICE_MISMATCH');
    expect(bad('EP 23 123 456')).to.equal(undefined);
  });

  // Issue 10, item 11: a filing date is refused only when it is after today in every time zone.
  it('refuses a filing date in the future, judged in the first time zone to reach it (UTC+14)', () => {
    const at = (filingDate: string, now: string) => codeOf(() => checkDepositRequest({ documentKind: 'priorityDocument', bibliographicData: { ...BIB, filingDate } }, 'EP', new Date(now)));
    expect(at('2024-05-01', '2024-05-01T09:00:00Z')).to.equal(undefined);
    expect(at('2024-05-02', '2024-05-01T09:59:59Z')).to.equal('BIBLIOGRAPHIC_INVALID'); // 23:59 in Kiritimati
    expect(at('2024-05-02', '2024-05-01T10:00:00Z')).to.equal(undefined); // 2 May has begun in Kiritimati
    expect(at('2030-01-01', '2024-05-01T10:00:00Z')).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(latestFilingDate(new Date('2024-12-31T10:00:00Z'))).to.equal('2025-01-01');
  });

  // Issue 10, item 12: titles and names are signed and printed; U+202E was accepted raw.
  it('normalises titles and names to NFC and refuses control and bidi override characters', () => {
    const check = (b: Record<string, unknown>) => checkDepositRequest({ documentKind: 'priorityDocument', bibliographicData: { ...BIB, ...b } }, 'EP', NOW).bibliographic;
    const title = check({ inventionTitle: 'Proce\u0301de\u0301', applicantName: [{ organizationName: 'Socie\u0301te\u0301', lastName: 'Mu\u0308ller' }] });
    expect(title.inventionTitle).to.equal('Procédé');
    expect(title.applicantName).to.deep.equal([{ organizationName: 'Société', lastName: 'Müller' }]);
    expect(check({ inventionTitle: 'براءة \u200f123' }).inventionTitle).to.equal('براءة \u200f123'); // RLM is allowed
    for (const bad of ['Widget\u202Eexe.pdf', 'a\u2066b\u2069', 'two\nlines', 'tab\there', 'x\u0085', 'x\u2028y', '\ufeffWidget', 'x\ud800']) {
      let message = '';
      expect(codeOf(() => {
        try { check({ inventionTitle: bad }); } catch (err) { message = (err as Error).message; throw err; }
      }), JSON.stringify(bad)).to.equal('BIBLIOGRAPHIC_INVALID');
      expect(message).to.match(/U\+[0-9A-F]{4}/);
      expect(codeOf(() => check({ applicantName: [{ firstName: bad }] })), JSON.stringify(bad)).to.equal('BIBLIOGRAPHIC_INVALID');
    }
    try {
      check({ inventionTitle: 'Widget\u202Eexe.pdf' });
    } catch (err) {
      expect((err as Error).message).to.include('U+202E (RIGHT-TO-LEFT OVERRIDE');
      expect((err as Error).message).not.to.include('\u202E');
    }
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).to.equal(true);
    expect(isCalendarDate('2023-02-29')).to.equal(false);
    expect(isCalendarDate('2023-13-01')).to.equal(false);
  });
});

describe('deposit: ids', () => {
  const random = { bytes: (n: number) => Buffer.alloc(n, 0xff) };
  it('makes readable, URL-safe document ids within the Identifier pattern', () => {
    const id = newDocumentId('EP', 'priorityDocument', 'A'.repeat(32), random);
    expect(id).to.equal(`EP-PD-${'A'.repeat(32)}-ZZZZZZZZ`);
    expect(id).to.match(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newDepositId(random)).to.match(/^D[0-9A-Z]{20}$/);
  });
});
