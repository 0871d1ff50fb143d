/** Checks of deposit requests (node/services/deposit/bibliographic.ts): input from the CLI never passed OpenAPI. */
import { expect } from 'chai';
import { checkDepositRequest, isCalendarDate } from '../../../../node/services/deposit/bibliographic.js';
import { newDepositId, newDocumentId } from '../../../../node/services/deposit/document-id.js';
import { IpexError } from '../../../../protocol/errors/index.js';

const BIB = { ipOfficeCode: 'EP', applicationNumberText: 'EP 23 123 456.7', filingDate: '2023-05-01', ipRightType: 'patent' };

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
    const r = checkDepositRequest({ documentKind: 'priorityDocument', bibliographicData: { ...BIB, ipOfficeCode: 'ep', inventionTitle: 'Widget' } }, 'EP');
    expect(r.bibliographic).to.deep.equal({ ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent', inventionTitle: 'Widget' });
  });

  it('refuses a deposit for another office', () => {
    expect(codeOf(() => checkDepositRequest({ documentKind: 'priorityDocument', bibliographicData: { ...BIB, ipOfficeCode: 'JP' } }, 'EP'))).to.equal('DEPOSIT_OFFICE_MISMATCH');
  });

  it('refuses impossible dates, unknown kinds, rights and members', () => {
    const bad = (bib: Record<string, unknown>, kind = 'priorityDocument'): string | undefined =>
      codeOf(() => checkDepositRequest({ documentKind: kind, bibliographicData: bib }, 'EP'));
    expect(bad({ ...BIB, filingDate: '2023-02-29' })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ ...BIB, filingDate: '2023-5-1' })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad(BIB, 'letter')).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ ...BIB, ipRightType: 'copyright' })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ ...BIB, secret: 1 })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ ...BIB, applicantName: [{ nickname: 'x' }] })).to.equal('BIBLIOGRAPHIC_INVALID');
    expect(bad({ ...BIB, applicationNumberText: 'EP 23/12<3' })).to.equal('APPLICATION_NUMBER_INVALID');
  });

  it('reads availableFrom as a date or a date-time, in UTC', () => {
    expect(checkDepositRequest({ documentKind: 'searchReport', bibliographicData: BIB, availableFrom: '2024-01-02' }, 'EP').availableFrom).to.equal('2024-01-02T00:00:00.000Z');
    expect(checkDepositRequest({ documentKind: 'searchReport', bibliographicData: BIB, availableFrom: '2024-01-02T01:00:00+01:00' }, 'EP').availableFrom).to.equal('2024-01-02T00:00:00.000Z');
    expect(codeOf(() => checkDepositRequest({ documentKind: 'searchReport', bibliographicData: BIB, availableFrom: 'soon' }, 'EP'))).to.equal('BIBLIOGRAPHIC_INVALID');
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
