/**
 * Issue 12, "Citations": a search or examination report's citations are normalised and checked at
 * deposit (node/services/deposit/citations.ts through checkDepositRequest, the path of the office
 * API and `ipex deposit --citations`), and refused with CITATION_INVALID naming the citation and
 * the field.
 */
import { expect } from 'chai';
import { checkDepositRequest } from '../../../../node/services/deposit/bibliographic.js';
import { IpexError } from '../../../../protocol/errors/index.js';
import { SAMPLE } from '../../../protocol/st96/sample-citations.js';

const NOW = new Date('2024-05-01T09:00:00Z');
const BIB = { ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent' };

function deposit(bag: unknown, kind = 'searchReport') {
  return checkDepositRequest({ documentKind: kind, bibliographicData: { ...BIB, referenceCitationBag: bag } }, 'EP', NOW).bibliographic;
}

function refusal(bag: unknown, kind = 'searchReport'): { code: string; message: string } {
  try {
    deposit(bag, kind);
  } catch (err) {
    return { code: (err as IpexError).code, message: (err as Error).message };
  }
  throw new Error('accepted');
}

const patent = (p: Record<string, unknown>, passage: Record<string, unknown> = { citationCategoryCode: ['X'] }) =>
  ({ referenceCitation: [{ patentCitation: { ipOfficeCode: 'US', documentNumber: '5401234', patentDocumentKindCode: 'A', ...p }, citedPassage: [passage] }] });

describe('deposit: citations (issue 12)', () => {
  it('keeps a search or examination report\'s citations, normalised', () => {
    for (const kind of ['searchReport', 'examinationReport', 'writtenOpinion', 'officeAction']) {
      expect(deposit(SAMPLE, kind).referenceCitationBag, kind).to.deep.equal(SAMPLE);
    }
    const bag = deposit({ referenceCitation: [
      { patentCitation: { ipOfficeCode: 'us', documentNumber: 'US 5,401,234', patentDocumentKindCode: 'b1' }, citedPassage: [{ passageRangeText: ' page 4 ', citationCategoryCode: ['A'] }] },
      { nplCitation: { nplCitationText: 'Cafe\u0301 study', doi: 'https://doi.org/10.1234/ab.c' }, citedPassage: [{ citationCategoryCode: ['L'] }] },
    ] }).referenceCitationBag as typeof SAMPLE;
    expect(bag.referenceCitation[0]!.patentCitation).to.deep.equal({ ipOfficeCode: 'US', documentNumber: '5401234', patentDocumentKindCode: 'B1' });
    expect(bag.referenceCitation[0]!.citedPassage[0]!.passageRangeText).to.equal('page 4');
    expect(bag.referenceCitation[1]!.nplCitation).to.deep.equal({ nplCitationText: 'Caf\u00e9 study', doi: '10.1234/ab.c' });
  });

  it('refuses a bad citation with CITATION_INVALID naming the citation and the field', () => {
    const cases: [unknown, RegExp, string?][] = [
      [SAMPLE, /referenceCitationBag: a priority document carries no citations/, 'priorityDocument'],
      [patent({ ipOfficeCode: 'ZZ' }), /referenceCitation\[0\]\.patentCitation\.ipOfficeCode: .*\[OFFICE_CODE_INVALID\]/],
      [patent({ patentDocumentKindCode: 'AA' }), /referenceCitation\[0\]\.patentCitation\.patentDocumentKindCode is not an ST\.16 kind code/],
      [patent({ patentDocumentDate: '2099-01-01' }), /referenceCitation\[0\]\.patentCitation\.patentDocumentDate 2099-01-01 is in the future/],
      [patent({ patentDocumentDate: '2020-02-30' }), /patentDocumentDate is not a YYYY-MM-DD date/],
      [patent({}, { citationCategoryCode: ['Q'] }), /referenceCitation\[0\]\.citedPassage\[0\]\.citationCategoryCode\[0\] is not an ST\.14 category \(X Y A O P T E D L &\)/],
      [patent({}, { citationCategoryCode: ['X'], patentClaimRange: [{ patentClaimStartNumber: 0, patentClaimEndNumber: 2 }] }), /patentClaimRange\[0\]\.patentClaimStartNumber is not a claim number/],
      [patent({}, { citationCategoryCode: ['X'], passageRangeText: 'p. 4\u202e' }), /citedPassage\[0\]\.passageRangeText holds U\+202E/],
      [patent({ note: 1 }), /patentCitation\.note is not a member/],
      [{ referenceCitation: [SAMPLE.referenceCitation[0], { nplCitation: { nplCitationText: '' }, citedPassage: [{ citationCategoryCode: ['A'] }] }] }, /referenceCitation\[1\]\.nplCitation\.nplCitationText is not 1-4000/],
      [{ referenceCitation: [{ nplCitation: { nplCitationText: 'x', doi: 'doi:nope' }, citedPassage: [{ citationCategoryCode: ['A'] }] }] }, /referenceCitation\[0\]\.nplCitation\.doi is not a DOI/],
      [[], /referenceCitationBag is not an object/],
    ];
    for (const [bag, message, kind] of cases) {
      const r = refusal(bag, kind);
      expect(r.code, String(message)).to.equal('CITATION_INVALID');
      expect(r.message).to.match(message);
    }
  });
});
