/**
 * The depositing office's retrieval decision over the real exchange listener (issue 3,
 * "Security behaviour"): a JP node's signed requests over mutual TLS to an EP node.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { staticKeyResolver, verifyResponse, MemoryReplayCache, IPEX_TAGS } from '../../../protocol/http-signatures/index.js';
import { signatureAlgorithmFor } from '../../../node/trust/index.js';
import { normaliseApplicationNumber } from '../../../protocol/st13/index.js';
import { applicantAlerts } from '../../../node/services/access/index.js';
import { checkJobRequest } from '../../../node/services/retrieval/job-request.js';
import { formatAccessCode, hashAccessCode } from '../../../protocol/access-code/index.js';
import { crockfordCheckSymbol, crockfordEncode } from '../../../protocol/access-code/crockford.js';
import { auditEntries, startExchangeNetwork, type ExchangeNetwork } from './exchange-peer-fixture.js';

function request(accessCode: string, application = 'EP 23 123 456.8', requestId = randomUUID()) {
  // The wire carries the normalised number (openapi ApplicationNumberText); the deposit took the printed one.
  const { applicationNumberText } = normaliseApplicationNumber('EP', application);
  return { ipOfficeCode: 'EP', applicationNumberText, filingDate: '2023-05-01', ipRightType: 'patent', accessCode, requestId };
}

/** A well-formed Crockford code that is not the document's (flip one data symbol, fix the check). */
const WRONG_CODE = '0000-0000-0000-0';

describe('exchange API: POST /retrievals (OFF side)', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;

  before(async () => {
    net = await startExchangeNetwork();
  });
  after(async () => {
    await net?.close();
  });

  it('grants a document for the right code, signs the decision bound to the request, and logs the signed request', async () => {
    const { documentId, accessCode } = await net.depositPriority({ application: 'EP 23 100 001.9' });
    const body = request(accessCode, 'EP 23 100 001.9');
    const res = await net.send('POST', '/exchange/v1/retrievals', { json: body });
    expect(res.status).to.equal(200);
    const decision = res.json();
    expect(decision.outcome).to.equal('success');
    expect(decision.document.documentId).to.equal(documentId);
    expect(decision.document.parts[0].url).to.equal(`${net.publicUrl}/exchange/v1/retrievals/${decision.retrievalId}/parts/application.pdf`);

    const ep = net.ep.context.identity.signing;
    const sent = net.lastRequest!;
    const verified = verifyResponse(
      { status: res.status, headers: res.headers as Record<string, string>, body: res.body },
      { method: 'POST', url: `${net.publicUrl}${sent.path}`, headers: sent.headers },
      { resolveKey: staticKeyResolver({ [ep.sha256]: { publicKey: ep.certificate.publicKey, alg: signatureAlgorithmFor(ep.privateKey)! } }),
        clock: net.clock, replayCache: new MemoryReplayCache({ clock: net.clock }), expectedTag: IPEX_TAGS.exchangeResponse },
    ).keyId;
    expect(verified).to.equal(ep.sha256);

    const entry = auditEntries(net).find((e) => e.idx === decision.logEntry.index)!;
    expect(entry.type).to.equal('retrieval.attempt');
    expect(entry.outcome).to.equal('ok');
    expect(entry.entry.actor.office).to.equal('JP');
    expect(entry.entry.subject.documentId).to.equal(documentId);
    expect(entry.entry.details.request.signature).to.match(/^ipex=:/);
    expect(entry.entry.details.request.contentDigest).to.match(/^sha-256=:/);
  });

  it('returns the same grant for a repeated requestId, and 409 when the requestId is reused for another request', async () => {
    const { accessCode } = await net.depositPriority({ application: 'EP 23 100 002.7' });
    const body = request(accessCode, 'EP 23 100 002.7');
    const first = (await net.send('POST', '/exchange/v1/retrievals', { json: body })).json();
    const second = (await net.send('POST', '/exchange/v1/retrievals', { json: body })).json();
    expect(second.retrievalId).to.equal(first.retrievalId);
    expect(second.logEntry.index).to.be.greaterThan(first.logEntry.index);
    const count = net.ep.context.db.prepare('SELECT COUNT(*) AS n FROM retrieval_grants WHERE request_id = ?').get(body.requestId) as { n: number };
    expect(count.n).to.equal(1);
    const reused = await net.send('POST', '/exchange/v1/retrievals', { json: { ...body, applicationNumberText: '23100003' } });
    expect(reused.status).to.equal(409);
    expect(reused.json().code).to.equal('REQUEST_ID_REUSED');
  });

  it('answers an unknown document and a wrong code with the same status and the same bytes, and logs both', async () => {
    await net.depositPriority({ application: 'EP 23 100 004.3' });
    const before = auditEntries(net).length;
    const wrong = await net.send('POST', '/exchange/v1/retrievals', { json: request(WRONG_CODE, 'EP 23 100 004.3') });
    const unknown = await net.send('POST', '/exchange/v1/retrievals', { json: request(WRONG_CODE, 'EP 99 999 999.8') });
    expect(wrong.status).to.equal(404);
    expect(unknown.status).to.equal(404);
    expect(wrong.body.equals(unknown.body)).to.equal(true);
    expect(wrong.json().code).to.equal('DOCUMENT_UNAVAILABLE');
    expect(wrong.headers['content-type']).to.equal(unknown.headers['content-type']);
    expect(wrong.headers.signature).to.be.a('string');
    const refused = auditEntries(net).slice(before).filter((e) => e.type === 'retrieval.attempt' && e.outcome === 'refused');
    expect(refused.map((e) => e.entry.details.reason)).to.deep.equal(['wrong-code', 'unknown-document']);
    expect(refused.every((e) => e.entry.code === 'DOCUMENT_UNAVAILABLE')).to.equal(true);
  });

  it('refuses a mistyped code with ACCESS_CODE_MALFORMED (it says nothing about documents) and logs it', async () => {
    const res = await net.send('POST', '/exchange/v1/retrievals', { json: request('ABCD-EFGH-JKMN-X', 'EP 23 100 005.0') });
    expect(res.status).to.equal(400);
    expect(res.json().code).to.equal('ACCESS_CODE_MALFORMED');
    const last = auditEntries(net).at(-1)!;
    expect([last.type, last.outcome, last.entry.code]).to.deep.equal(['retrieval.attempt', 'refused', 'ACCESS_CODE_MALFORMED']);
  });

  it('locks the document for the office after maxFailures, alerts the applicant, and unlocks after lockMinutes', async () => {
    const { documentId, accessCode } = await net.depositPriority({ application: 'EP 23 100 006.8' });
    const { maxFailures, lockMinutes } = net.ep.context.config.access;
    for (let i = 0; i < maxFailures; i += 1) {
      expect((await net.send('POST', '/exchange/v1/retrievals', { json: request(WRONG_CODE, 'EP 23 100 006.8') })).status).to.equal(404);
    }
    const locked = await net.send('POST', '/exchange/v1/retrievals', { json: request(accessCode, 'EP 23 100 006.8') });
    const unknown = await net.send('POST', '/exchange/v1/retrievals', { json: request(WRONG_CODE, 'EP 99 999 998.0') });
    expect(locked.status).to.equal(404);
    expect(locked.body.equals(unknown.body)).to.equal(true);
    const alerts = applicantAlerts(net.ep.context.db, documentId).map((a) => ({ office: a.office, kind: a.kind }));
    expect(alerts).to.deep.equal([{ office: 'JP', kind: 'access-locked' }]);
    expect(auditEntries(net).filter((e) => e.type === 'access.locked' && e.entry.subject.documentId === documentId)).to.have.length(1);
    expect(net.deposits.accessState(documentId).lockedOffices.map((l) => l.office)).to.deep.equal(['JP']);

    net.clock.advance(lockMinutes * 60_000 + 1000);
    await net.ep.context.trust.refresh();
    const after = await net.send('POST', '/exchange/v1/retrievals', { json: request(accessCode, 'EP 23 100 006.8') });
    net.clock.advance(-(lockMinutes * 60_000 + 1000));
    expect(after.status).to.equal(200);
  });

  it('tells an office the applicant did not allow, with the right code only, and counts no failure', async () => {
    // Issue 3: a disallowed office is refused with its own code. Only a holder of the right
    // access code learns it; with a wrong code the answer is the one for an unknown document.
    const { documentId, accessCode } = await net.depositPriority({ application: 'EP 23 100 007.6' });
    await net.deposits.setAccess(documentId, { allowedOffices: ['KR'] }, { kind: 'cli' });
    const refused = await net.send('POST', '/exchange/v1/retrievals', { json: request(accessCode, 'EP 23 100 007.6') });
    expect(refused.status).to.equal(403);
    expect(refused.json().code).to.equal('OFFICE_NOT_ALLOWED');
    const guessed = await net.send('POST', '/exchange/v1/retrievals', { json: request(WRONG_CODE, 'EP 23 100 007.6') });
    const unknown = await net.send('POST', '/exchange/v1/retrievals', { json: request(WRONG_CODE, 'EP 99 999 997.2') });
    expect(guessed.status).to.equal(404);
    expect(guessed.body.equals(unknown.body)).to.equal(true);
    const failures = net.ep.context.db.prepare('SELECT failures FROM access_failures WHERE document_id = ?').get(documentId) as { failures: number } | undefined;
    expect(failures?.failures).to.equal(1); // the guess counts, the refusal of the right code does not
    await net.deposits.setAccess(documentId, { allowedOffices: ['JP'] }, { kind: 'cli' });
    expect((await net.send('POST', '/exchange/v1/retrievals', { json: request(accessCode, 'EP 23 100 007.6') })).status).to.equal(200);
  });

  it('answers 202 pending with Retry-After before availableFrom, and grants the same retrieval afterwards', async () => {
    const availableFrom = new Date(net.clock.now().getTime() + 3_600_000).toISOString();
    const { accessCode } = await net.depositPriority({ application: 'EP 23 100 008.4', availableFrom });
    const body = request(accessCode, 'EP 23 100 008.4');
    const pending = await net.send('POST', '/exchange/v1/retrievals', { json: body });
    expect(pending.status).to.equal(202);
    expect(pending.headers['retry-after']).to.equal('3600');
    expect(pending.json()).to.include({ outcome: 'pending', availableFrom, retryAfterSeconds: 3600 });
    const grantId = pending.json().retrievalId;
    expect((await net.send('GET', `/exchange/v1/retrievals/${grantId}/manifest`)).status).to.equal(404);

    net.clock.advance(3_600_000);
    const granted = await net.send('POST', '/exchange/v1/retrievals', { json: body });
    net.clock.advance(-3_600_000);
    expect(granted.status).to.equal(200);
    expect(granted.json().retrievalId).to.equal(grantId);
  });

  it('refuses a replayed nonce, a stale created and a tampered body with their own codes, each logged', async () => {
    const { accessCode } = await net.depositPriority({ application: 'EP 23 100 009.2' });
    const body = request(accessCode, 'EP 23 100 009.2');
    expect((await net.send('POST', '/exchange/v1/retrievals', { json: body })).status).to.equal(200);
    const { nonce, created } = net.lastRequest!.options;
    const replay = await net.send('POST', '/exchange/v1/retrievals', { json: body, nonce, created });
    expect(replay.status).to.equal(401);
    expect(replay.json().code).to.equal('SIGNATURE_REPLAYED');

    const stale = await net.send('POST', '/exchange/v1/retrievals', { json: body, created: new Date(net.clock.now().getTime() - 3_600_000) });
    expect(stale.status).to.equal(401);
    expect(stale.json().code).to.equal('SIGNATURE_EXPIRED');

    const tampered = await net.send('POST', '/exchange/v1/retrievals', {
      json: body, tamperBody: Buffer.from(JSON.stringify({ ...body, applicationNumberText: '23100010' })),
    });
    expect(tampered.status).to.equal(400);
    expect(tampered.json().code).to.equal('DIGEST_MISMATCH');

    await new Promise((r) => setTimeout(r, 50)); // refusals are logged by group commit
    const codes = auditEntries(net).filter((e) => e.type === 'retrieval.attempt' && e.outcome === 'refused').map((e) => e.entry.code);
    expect(codes).to.include.members(['SIGNATURE_REPLAYED', 'SIGNATURE_EXPIRED', 'DIGEST_MISMATCH']);
  });

  // Issue 10, item 13: codes issued before the GF(32) check symbol (12 data symbols and
  // Crockford's mod-37 check, here the check '*') still pass the OSF's typo check and the OFF's.
  it('accepts an access code issued before issue 10 at the OSF and at the OFF', async () => {
    const { documentId } = await net.depositPriority({ application: 'EP 23 100 012.6' });
    let value = 0x3_1415_9265_3589n;
    while (crockfordCheckSymbol(value) !== '*') value += 1n;
    const legacy = formatAccessCode({ format: 'crockford', value: crockfordEncode(value, 12) + crockfordCheckSymbol(value) });
    expect(legacy).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-\*$/);
    // The row as an earlier version of ipex stored it: the keyed hash of the 13-symbol code.
    const hash = hashAccessCode({ format: 'crockford', value: legacy.replace(/-/g, '') }, net.deposits.deps.accessCodeKey());
    net.ep.context.db.prepare('UPDATE access_codes SET code_hash = ? WHERE document_id = ?').run(hash.toString('hex'), documentId);

    const asked = checkJobRequest({ ipOfficeCode: 'EP', applicationNumberText: 'EP 23 100 012.6', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: legacy.toLowerCase() }, 'JP');
    expect(asked.accessCode).to.equal(legacy.replace(/-/g, ''));
    const res = await net.send('POST', '/exchange/v1/retrievals', { json: request(legacy, 'EP 23 100 012.6') });
    expect(res.status).to.equal(200);
    expect(res.json().document.documentId).to.equal(documentId);
  });

  it('refuses a number printed with another office\'s prefix (issue 10, item 11)', async () => {
    const res = await net.send('POST', '/exchange/v1/retrievals', { json: { ...request(WRONG_CODE), applicationNumberText: 'JP2023123456' } });
    expect(res.status).to.equal(400);
    expect(res.json().code).to.equal('APPLICATION_NUMBER_OFFICE_MISMATCH');
  });

  it('refuses a request for another office\'s application with OFFICE_NOT_THIS_NODE', async () => {
    const res = await net.send('POST', '/exchange/v1/retrievals', { json: { ...request(WRONG_CODE), ipOfficeCode: 'US' } });
    expect(res.status).to.equal(400);
    expect(res.json().code).to.equal('OFFICE_NOT_THIS_NODE');
  });

  it('refuses an office without the accessing role (OFFICE_ROLE_NOT_ALLOWED) and logs the attempt', async () => {
    const { accessCode } = await net.depositPriority({ application: 'EP 23 100 011.8' });
    const res = await net.send('POST', '/exchange/v1/retrievals', { json: request(accessCode, 'EP 23 100 011.8'), as: net.kr });
    expect(res.status).to.equal(403);
    expect(res.json().code).to.equal('OFFICE_ROLE_NOT_ALLOWED');
    const last = auditEntries(net).at(-1)!;
    expect([last.type, last.outcome, last.entry.actor.office, last.entry.code]).to.deep.equal(['retrieval.attempt', 'refused', 'KR', 'OFFICE_ROLE_NOT_ALLOWED']);
    const dossiers = await net.send('GET', '/exchange/v1/dossiers?patentFamilyId=X', { as: net.kr });
    expect(dossiers.status).to.equal(403);
  });
});
