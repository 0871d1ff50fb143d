// Checks made before a retrieval job exists (docs/design.md §6: a typo is caught before any request
// leaves the OSF) and the reading of a peer's answer, whose links must stay on the peer's origin.
import { expect } from 'chai';
import { checkJobRequest, normaliseAccessCode } from '../../../../node/services/retrieval/index.js';
import { checkPending, checkSuccess, exchangeBase, peerLink } from '../../../../node/services/retrieval/peer-links.js';
import { formatAccessCode, generateAccessCode } from '../../../../protocol/access-code/index.js';
import { isIpexError } from '../../../../protocol/errors/index.js';
import { systemRandom } from '../../../../protocol/runtime/clock.js';

const ASK = { ipOfficeCode: 'ep', applicationNumberText: 'EP 23 123 456.8', filingDate: '2023-05-01', ipRightType: 'patent' as const };

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return isIpexError(err) ? err.code : 'not an IpexError';
  }
}

describe('node/services/retrieval: job request and peer answers', () => {
  it('normalises office, application number and access code', () => {
    const printed = formatAccessCode(generateAccessCode(systemRandom));
    const checked = checkJobRequest({ ...ASK, accessCode: printed.toLowerCase().replace(/-/g, ' ') }, 'JP');
    expect(checked.ipOfficeCode).to.equal('EP');
    expect(checked.applicationNumberText).to.equal('23123456');
    expect(checked.accessCode).to.equal(printed.replace(/-/g, ''));
  });

  it('takes four hexadecimal characters as a DAS code and refuses a Crockford typo', () => {
    expect(normaliseAccessCode('a1-b2')).to.equal('A1B2');
    const printed = formatAccessCode(generateAccessCode(systemRandom));
    const last = printed.at(-1)!;
    const typo = `${printed.slice(0, -1)}${last === '0' ? '1' : '0'}`;
    expect(code(() => normaliseAccessCode(typo))).to.equal('ACCESS_CODE_MALFORMED');
  });

  // Issue 10, item 11: caught at the OSF, before any request leaves it.
  it('refuses a number of another office and a check digit that does not fit, before sending', () => {
    expect(code(() => checkJobRequest({ ...ASK, applicationNumberText: 'JP 2023-123456', accessCode: 'A1B2' }, 'US'))).to.equal('APPLICATION_NUMBER_OFFICE_MISMATCH');
    expect(code(() => checkJobRequest({ ...ASK, applicationNumberText: 'EP 23 123 456.7', accessCode: 'A1B2' }, 'JP'))).to.equal('CHECK_DIGIT_MISMATCH');
  });

  it('refuses asking its own office, impossible dates, unknown rights and a missing code', () => {
    expect(code(() => checkJobRequest({ ...ASK, accessCode: 'A1B2' }, 'EP'))).to.equal('INVALID_INPUT');
    expect(code(() => checkJobRequest({ ...ASK, filingDate: '2023-02-30', accessCode: 'A1B2' }, 'JP'))).to.equal('INVALID_INPUT');
    expect(code(() => checkJobRequest({ ...ASK, ipRightType: 'copyright' as 'patent', accessCode: 'A1B2' }, 'JP'))).to.equal('INVALID_INPUT');
    expect(code(() => checkJobRequest({ ...ASK }, 'JP'))).to.equal('ACCESS_CODE_MALFORMED');
    expect(code(() => checkJobRequest({ ...ASK, ipOfficeCode: 'ZZ', accessCode: 'A1B2' }, 'JP'))).to.equal('OFFICE_CODE_INVALID');
  });

  // Issue 12: a document a family search listed is retrieved by its id.
  it('keeps the id of a search or examination document, and refuses one for a priority document', () => {
    const asked = checkJobRequest({ ...ASK, documentKind: 'examinationReport', documentId: 'EP-ER-23999999-ABCDEFGH' }, 'JP');
    expect(asked.documentId).to.equal('EP-ER-23999999-ABCDEFGH');
    expect(code(() => checkJobRequest({ ...ASK, accessCode: 'A1B2', documentId: 'EP-PD-23999999-ABCDEFGH' }, 'JP'))).to.equal('INVALID_INPUT');
    expect(code(() => checkJobRequest({ ...ASK, documentKind: 'searchReport', documentId: '../x' }, 'JP'))).to.equal('INVALID_INPUT');
  });

  it('follows links only on the peer\'s own https origin', () => {
    const base = exchangeBase('https://ipex.epo.example:8443/');
    expect(base).to.equal('https://ipex.epo.example:8443/exchange/v1');
    expect(peerLink(base, '/exchange/v1/retrievals/r1/manifest')).to.equal('https://ipex.epo.example:8443/exchange/v1/retrievals/r1/manifest');
    expect(peerLink(base, 'receipts')).to.equal('https://ipex.epo.example:8443/exchange/v1/receipts');
    expect(code(() => peerLink(base, 'https://attacker.example/exchange/v1/x'))).to.equal('PEER_RESPONSE_INVALID');
    expect(code(() => peerLink(base, '//attacker.example/x'))).to.equal('PEER_RESPONSE_INVALID');
    expect(code(() => peerLink(base, 'http://ipex.epo.example:8443/x'))).to.equal('PEER_RESPONSE_INVALID');
  });

  it('refuses retrieval answers that lack what the job relies on', () => {
    const part = { name: 'a.pdf', mediaType: 'application/pdf', size: 3, sha256: 'a'.repeat(64), url: 'parts/a.pdf' };
    const good = { outcome: 'success', retrievalId: 'ret-12345678', logEntry: { index: 4 }, document: { documentId: 'EP-PD-1-ABCDEFGH', version: 1, documentKind: 'priorityDocument', manifestUrl: 'm', parts: [part] } };
    expect(checkSuccess(good).retrievalId).to.equal('ret-12345678');
    expect(code(() => checkSuccess({ ...good, retrievalId: '../x' }))).to.equal('PEER_RESPONSE_INVALID');
    expect(code(() => checkSuccess({ ...good, document: { ...good.document, parts: [{ ...part, sha256: 'XYZ' }] } }))).to.equal('PEER_RESPONSE_INVALID');
    expect(code(() => checkSuccess({ ...good, logEntry: {} }))).to.equal('PEER_RESPONSE_INVALID');
    expect(checkPending({ outcome: 'pending', retrievalId: 'ret-12345678', retryAfterSeconds: 60 }).retryAfterSeconds).to.equal(60);
    expect(code(() => checkPending({ outcome: 'pending', retrievalId: 'ret-12345678' }))).to.equal('PEER_RESPONSE_INVALID');
  });
});
