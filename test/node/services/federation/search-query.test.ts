/**
 * Issue 12, family search: what an examiner may ask (node/services/federation/search-query.ts)
 * and what a peer's answer may hold (peer-answer.ts `dossierList`): attacker-controlled both.
 */
import { expect } from 'chai';
import { dossierList } from '../../../../node/services/federation/peer-answer.js';
import { applicationKeyOf, checkSearchQuery } from '../../../../node/services/federation/search-query.js';
import { expectCode } from '../../../helpers/error-code.js';

const DOC = {
  documentId: 'US-SR-18123456-ABCDEFGH', version: 1, documentKind: 'searchReport', ipOfficeCode: 'US', applicationNumberText: '18123456',
  filingDate: '2023-12-20', ipRightType: 'patent', parts: [{ name: 'report.pdf', mediaType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) }],
};

describe('family search: the query and the peers\' answers (issue 12)', () => {
  it('reads an application or a priority as an office code and a number as printed, normalised under ST.13', () => {
    expect(applicationKeyOf('EP 23 123 456.8')).to.deep.equal({ ipOfficeCode: 'EP', applicationNumberText: '23123456' });
    expect(applicationKeyOf('us18/123,456')).to.deep.equal({ ipOfficeCode: 'US', applicationNumberText: '18123456' });
    expect(applicationKeyOf('PCT/IB2023/050123')).to.deep.equal({ ipOfficeCode: 'WO', applicationNumberText: 'IB2023050123' });
    expect(checkSearchQuery({ priority: 'JP 2023-098765' })).to.deep.equal({ priority: 'JP 2023098765', applications: [{ ipOfficeCode: 'JP', applicationNumberText: '2023098765' }], patentFamilyIds: [] });
    expect(checkSearchQuery({ family: 'FAM-1' })).to.deep.equal({ family: 'FAM-1', applications: [], patentFamilyIds: ['FAM-1'] });
  });

  it('refuses no form, two forms, a number without an office, a bad family id, and bad numbers with their own codes', () => {
    expectCode(() => checkSearchQuery({}), 'DOSSIER_QUERY_INVALID');
    expectCode(() => checkSearchQuery({ application: 'EP 1', family: 'F' }), 'DOSSIER_QUERY_INVALID');
    expectCode(() => checkSearchQuery({ application: '23123456' }), 'DOSSIER_QUERY_INVALID');
    expectCode(() => checkSearchQuery({ family: 'a b' }), 'DOSSIER_QUERY_INVALID');
    expectCode(() => checkSearchQuery({ application: 'ZZ 123' }), 'OFFICE_CODE_INVALID');
    expectCode(() => checkSearchQuery({ application: 'EP 23 123 456.7' }), 'CHECK_DIGIT_MISMATCH');
  });

  it('takes from a peer only a DossierList of its own office\'s documents', () => {
    expect(dossierList({ documents: [DOC] }, 'US')).to.deep.equal([DOC]);
    expectCode(() => dossierList({ documents: [DOC] }, 'EP'), 'PEER_RESPONSE_INVALID'); // EP may not vouch for US documents
    expectCode(() => dossierList({ documents: [{ ...DOC, documentKind: 'letter' }] }, 'US'), 'PEER_RESPONSE_INVALID');
    expectCode(() => dossierList({ documents: [{ ...DOC, priorityClaimBag: { priorityClaim: [{ ipOfficeCode: 'EP' }] } }] }, 'US'), 'PEER_RESPONSE_INVALID');
    expectCode(() => dossierList({ docs: [] }, 'US'), 'PEER_RESPONSE_INVALID');
  });
});
