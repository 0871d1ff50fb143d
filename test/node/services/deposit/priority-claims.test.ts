/**
 * Priority claims of a deposit (issue 12, "Family and dossier search across the network": deposits
 * of every kind carry priority claims, validated): node/services/deposit/priority-claims.ts
 * through checkDepositRequest, the path both the office API and `ipex deposit` take.
 */
import { expect } from 'chai';
import { checkDepositRequest } from '../../../../node/services/deposit/bibliographic.js';
import { DOCUMENT_KINDS } from '../../../../protocol/certification/index.js';
import { IpexError } from '../../../../protocol/errors/index.js';

const NOW = new Date('2024-05-01T09:00:00Z');
const BIB = { ipOfficeCode: 'US', applicationNumberText: '18/123,456', filingDate: '2024-04-01', ipRightType: 'patent' };

function check(claims: unknown, kind = 'searchReport') {
  const addressee = kind === 'searchCopy' ? { searchingAuthority: 'EP' } : {}; // issue 15: a search copy names its searching authority
  return checkDepositRequest({ documentKind: kind, bibliographicData: { ...BIB, ...addressee, priorityClaimBag: claims } }, 'US', NOW).bibliographic;
}

function refusal(claims: unknown): { code: string; message: string } {
  try {
    check(claims);
  } catch (err) {
    return { code: (err as IpexError).code, message: (err as Error).message };
  }
  throw new Error('the claims were accepted');
}

const claim = (c: Record<string, unknown>) => ({ priorityClaim: [{ ipOfficeCode: 'EP', applicationNumberText: 'EP 23 123 456.8', filingDate: '2023-05-01', ...c }] });

describe('deposit: priority claims (issue 12)', () => {
  it('normalises every claim as ST.3 and ST.13 have the application itself, on deposits of every kind', () => {
    for (const kind of DOCUMENT_KINDS) {
      const bib = check({ priorityClaim: [
        { ipOfficeCode: 'ep', applicationNumberText: 'EP 23 123 456.8', filingDate: '2023-05-01' },
        { ipOfficeCode: 'JP', applicationNumberText: '2023-098765', filingDate: '2023-06-01' },
      ] }, kind);
      expect(bib.priorityClaimBag, kind).to.deep.equal({ priorityClaim: [
        { ipOfficeCode: 'EP', applicationNumberText: '23123456', applicationNumberCheckDigit: '8', filingDate: '2023-05-01' },
        { ipOfficeCode: 'JP', applicationNumberText: '2023098765', filingDate: '2023-06-01' },
      ] });
    }
  });

  it('names the claim and the member it refuses, with PRIORITY_CLAIM_INVALID', () => {
    const cases: [unknown, RegExp][] = [
      [claim({ ipOfficeCode: 'ZZ' }), /priorityClaim\[0\]\.ipOfficeCode: .*ST\.3 \[OFFICE_CODE_INVALID\]/],
      [claim({ applicationNumberText: 'JP 2023-1' }), /priorityClaim\[0\]\.applicationNumberText: .*\[APPLICATION_NUMBER_OFFICE_MISMATCH\]/],
      [claim({ applicationNumberText: 'EP 23 123 456.7' }), /priorityClaim\[0\]\.applicationNumberText: .*\[CHECK_DIGIT_MISMATCH\]/],
      [claim({ applicationNumberText: '23<1' }), /priorityClaim\[0\]\.applicationNumberText: .*\[APPLICATION_NUMBER_INVALID\]/],
      [{ priorityClaim: [{ ipOfficeCode: 'JP', applicationNumberText: '2023-12345', filingDate: '2023-05-01' }] },
        /priorityClaim\[0\]\.applicationNumberText: .*JP numbers are yyyy-nnnnnn.*\[APPLICATION_NUMBER_INVALID\]/],
      [claim({ applicationNumberCheckDigit: '7', applicationNumberText: '23123456' }), /priorityClaim\[0\]: .*\[CHECK_DIGIT_MISMATCH\]/],
      [claim({ filingDate: '2023-02-30' }), /priorityClaim\[0\]\.filingDate must be a real date/],
      [claim({ filingDate: '2099-01-01' }), /priorityClaim\[0\]\.filingDate 2099-01-01 is in the future/],
      [claim({ filingDate: '2024-04-02' }), /priorityClaim\[0\]\.filingDate 2024-04-02 is after the filing date 2024-04-01/],
      [claim({ kind: 'A' }), /priorityClaim\[0\]\.kind is not a member/],
      [{ priorityClaim: [] }, /priorityClaim must be an array of 1-100 claims/],
      [{ priorityClaim: [{}] }, /priorityClaim\[0\]\.ipOfficeCode is required/],
      [{ claims: [] }, /priorityClaimBag\.claims is not a member/],
      [[], /priorityClaimBag must be an object/],
      [{ priorityClaim: Array.from({ length: 101 }, () => claim({}).priorityClaim[0]) }, /1-100 claims/],
      [{ priorityClaim: [claim({}).priorityClaim[0], claim({ applicationNumberText: '23123456' }).priorityClaim[0]] },
        /priorityClaim\[1\] claims EP 23123456 again \(as priorityClaim\[0\] does\)/],
      [claim({ ipOfficeCode: 'US', applicationNumberText: '18123456' }), /priorityClaim\[0\] claims the priority of this very application/],
    ];
    for (const [claims, message] of cases) {
      const r = refusal(claims);
      expect(r.code, JSON.stringify(claims).slice(0, 80)).to.equal('PRIORITY_CLAIM_INVALID');
      expect(r.message).to.match(message);
    }
  });

  it('accepts a claim dated today somewhere on Earth and one filed the same day as the application', () => {
    expect(() => check(claim({ filingDate: '2024-04-01' }))).to.not.throw();
    const early = new Date('2024-04-30T11:00:00Z'); // 2024-05-01 already in UTC+14
    const bib = checkDepositRequest({ documentKind: 'searchReport', bibliographicData: { ...BIB, filingDate: '2024-05-01', priorityClaimBag: claim({ filingDate: '2024-05-01' }) } }, 'US', early).bibliographic;
    expect((bib.priorityClaimBag as { priorityClaim: { filingDate: string }[] }).priorityClaim[0]!.filingDate).to.equal('2024-05-01');
  });
});
