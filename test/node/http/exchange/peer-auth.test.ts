/**
 * Refused exchange requests over the real listener (issue 10, items 15, 16, 17): the code on the
 * wire, the order of the checks of docs/message-signatures.md "Verification, in order" — the peer
 * is authenticated before its body or path is looked at — and one audit entry per refusal that
 * names the office whenever either layer authenticated it.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { auditEntries, startExchangeNetwork, type ExchangeNetwork, type PeerResponse } from '../exchange-peer-fixture.js';

const RETRIEVAL = { ipOfficeCode: 'EP', applicationNumberText: '23999001', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: '0000-0000-0000-0' };

describe('exchange API: refused requests, their order and their audit entries', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;

  before(async () => { net = await startExchangeNetwork(); });
  after(async () => { await net?.close(); });
  // Each case starts a fresh window of the refusal limits (10 entries per office a minute).
  beforeEach(() => { net.clock.advance(61_000); });

  /** The response and the audit entries the request added (the summary of an ended window aside). */
  async function refused(send: () => Promise<PeerResponse>): Promise<{ status: number; code: string; detail?: string; errors?: { path: string }[]; logged: any[] }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const since = auditEntries(net).length;
    const res = await send();
    await net.ep.context.audit.flush();
    const body = res.json();
    const logged = auditEntries(net).filter((e) => e.idx >= since && e.type !== 'exchange.refusals-suppressed').map((e) => e.entry);
    return { status: res.status, code: body.code, ...(body.detail === undefined ? {} : { detail: body.detail }), ...(body.errors === undefined ? {} : { errors: body.errors }), logged };
  }

  // issue 10, item 16
  it('answers a signature with another tag SIGNATURE_TAG_UNKNOWN, naming the tag, and logs it against the TLS office', async () => {
    const r = await refused(() => net.send('GET', '/exchange/v1/status', { tag: 'ipex-exchange' }));
    expect([r.status, r.code]).to.deep.equal([401, 'SIGNATURE_TAG_UNKNOWN']);
    expect(r.detail).to.equal('expected tag ipex-exchange-v1; the signature carries "ipex-exchange"');
    expect(r.logged).to.have.length(1);
    expect(r.logged[0]).to.deep.include({ type: 'exchange.refused', outcome: 'refused', code: 'SIGNATURE_TAG_UNKNOWN', actor: { kind: 'peer', office: 'JP' } });
    expect(r.logged[0].details.remoteAddress).to.match(/127\.0\.0\.1$/);
    expect(r.logged[0].details.request).to.include({ method: 'GET', targetUri: `${net.publicUrl}/exchange/v1/status` });
  });

  // issue 10, item 15
  it('answers a key id that is not a signing certificate of the directory SIGNATURE_INVALID, as the docs say', async () => {
    const r = await refused(() => net.send('GET', '/exchange/v1/status', { keyId: 'f'.repeat(64) }));
    expect([r.status, r.code]).to.deep.equal([401, 'SIGNATURE_INVALID']);
    expect(r.detail).to.equal(undefined); // only the title: "Signature verification failed"
    expect(r.logged.map((e) => [e.code, e.actor.office])).to.deep.equal([['SIGNATURE_INVALID', 'JP']]);
    expect(r.logged[0].details.reason).to.contain('is not a signing certificate listed in the directory');
  });

  // issue 10, item 15
  it('checks the time window before it looks the key id up', async () => {
    const r = await refused(() => net.send('GET', '/exchange/v1/status', { keyId: 'f'.repeat(64), created: new Date(net.clock.now().getTime() - 3600_000) }));
    expect(r.code).to.equal('SIGNATURE_EXPIRED');
  });

  // issue 10, item 15
  it('authenticates before it validates the body: unsigned is SIGNATURE_MISSING, signed is INVALID_INPUT naming the field', async () => {
    const bad = { ...RETRIEVAL, ipOfficeCode: 'ep', requestId: randomUUID() };
    const unsigned = await refused(() => net.send('POST', '/exchange/v1/retrievals', { json: bad, unsigned: true }));
    expect([unsigned.status, unsigned.code]).to.deep.equal([401, 'SIGNATURE_MISSING']);
    expect(unsigned.logged.map((e) => [e.type, e.code, e.actor.office])).to.deep.equal([['retrieval.attempt', 'SIGNATURE_MISSING', 'JP']]);

    const signed = await refused(() => net.send('POST', '/exchange/v1/retrievals', { json: bad }));
    expect([signed.status, signed.code]).to.deep.equal([400, 'INVALID_INPUT']);
    expect(signed.errors?.map((e) => e.path)).to.deep.equal(['/body/ipOfficeCode']);
    expect(signed.logged).to.have.length(1);
    expect(signed.logged[0]).to.deep.include({ type: 'retrieval.attempt', code: 'INVALID_INPUT', actor: { kind: 'peer', office: 'JP', keyId: net.jp.signing.sha256 } });
    expect(signed.logged[0].details.request.signature).to.match(/^ipex=:/);
  });

  // issue 10, item 15
  it('authenticates before it parses the body: malformed JSON and a body over the limit are refused after the signature', async () => {
    const garbage = Buffer.from('{"ipOfficeCode": ');
    const headers = { 'Content-Type': 'application/json' };
    expect((await refused(() => net.send('POST', '/exchange/v1/retrievals', { body: garbage, headers, unsigned: true }))).code).to.equal('SIGNATURE_MISSING');
    const parsed = await refused(() => net.send('POST', '/exchange/v1/retrievals', { body: garbage, headers }));
    expect([parsed.status, parsed.code]).to.deep.equal([400, 'INVALID_INPUT']);
    expect(parsed.logged.map((e) => [e.code, e.actor.keyId])).to.deep.equal([['INVALID_INPUT', net.jp.signing.sha256]]);

    const huge = Buffer.from(JSON.stringify({ ...RETRIEVAL, requestId: randomUUID(), padding: 'x'.repeat(net.ep.context.config.limits.jsonBodyBytes) }));
    expect((await refused(() => net.send('POST', '/exchange/v1/retrievals', { body: huge, headers, unsigned: true }))).code).to.equal('SIGNATURE_MISSING');
    const tooLarge = await refused(() => net.send('POST', '/exchange/v1/retrievals', { body: huge, headers }));
    expect([tooLarge.status, tooLarge.code]).to.deep.equal([413, 'BODY_TOO_LARGE']);
    expect(tooLarge.logged.map((e) => [e.code, e.actor.office])).to.deep.equal([['BODY_TOO_LARGE', 'JP']]);
  });

  // issue 10, item 15
  it('authenticates before it says that a path does not exist', async () => {
    expect((await refused(() => net.send('GET', '/exchange/v1/nowhere', { unsigned: true }))).code).to.equal('SIGNATURE_MISSING');
    const r = await refused(() => net.send('GET', '/exchange/v1/nowhere'));
    expect([r.status, r.code]).to.deep.equal([404, 'NOT_FOUND']);
    expect(r.logged.map((e) => [e.type, e.code, e.actor.office])).to.deep.equal([['exchange.refused', 'NOT_FOUND', 'JP']]);
  });

  // issue 10, item 17
  it('checks the signature against its own exchange URL and the request-target as sent', async () => {
    const elsewhere = await refused(() => net.send('GET', '/exchange/v1/status', { signUrl: 'https://ipex.elsewhere.example:8443/exchange/v1/status' }));
    expect(elsewhere.code).to.equal('SIGNATURE_INVALID');
    const dotted = await refused(() => net.send('GET', '/exchange/v1/./status'));
    expect([dotted.status, dotted.code]).to.deep.equal([400, 'INVALID_INPUT']);
    expect(dotted.detail).to.contain('normal form');
    expect(dotted.logged.map((e) => e.code)).to.deep.equal(['INVALID_INPUT']);
    expect((await net.send('GET', '/exchange/v1/status')).status).to.equal(200);
  });

  // issue 10, item 15
  it('logs a refusal of a route once, and a refusal a service logged itself not a second time', async () => {
    const unknownGrant = await refused(() => net.send('GET', '/exchange/v1/retrievals/AAAAAAAAAAAAAAAAAAAAAA/manifest'));
    expect(unknownGrant.code).to.equal('RETRIEVAL_NOT_FOUND');
    expect(unknownGrant.logged.map((e) => [e.type, e.code, e.actor.office])).to.deep.equal([['exchange.refused', 'RETRIEVAL_NOT_FOUND', 'JP']]);

    const head = await refused(async () => {
      const res = await net.send('HEAD', '/exchange/v1/retrievals/AAAAAAAAAAAAAAAAAAAAAA/parts/a.pdf');
      return { ...res, json: () => ({ code: res.status === 404 ? 'HEAD 404' : `HEAD ${res.status}` }) };
    });
    expect(head.code).to.equal('HEAD 404');
    expect(head.logged.map((e) => e.code)).to.deep.equal(['RETRIEVAL_NOT_FOUND']);

    const otherOffice = await refused(() => net.send('POST', '/exchange/v1/retrievals', { json: { ...RETRIEVAL, ipOfficeCode: 'US', requestId: randomUUID() } }));
    expect(otherOffice.code).to.equal('OFFICE_NOT_THIS_NODE');
    expect(otherOffice.logged.map((e) => [e.type, e.code])).to.deep.equal([['retrieval.attempt', 'OFFICE_NOT_THIS_NODE']]);
  });

  // issue 10, item 15
  it('does not take a request outside /exchange/v1 for an exchange request', async () => {
    const r = await refused(() => net.send('GET', '/elsewhere'));
    expect([r.status, r.code]).to.deep.equal([404, 'NOT_FOUND']);
    expect(r.logged).to.deep.equal([]);
  });

  // issue 10, item 15
  it('does not limit the refusals an operation logs as part of its decision', async () => {
    const since = auditEntries(net).length;
    for (let i = 0; i < 12; i += 1) {
      const res = await net.send('POST', '/exchange/v1/retrievals', { json: { ...RETRIEVAL, ipOfficeCode: 'US', requestId: randomUUID() } });
      expect(res.json().code).to.equal('OFFICE_NOT_THIS_NODE');
    }
    await net.ep.context.audit.flush();
    expect(auditEntries(net).filter((e) => e.idx >= since && e.entry.code === 'OFFICE_NOT_THIS_NODE')).to.have.length(12);
  });

  // issue 10, item 15
  it('keeps a flood from one office to 10 entries a minute, then sums up what it left out', async () => {
    const since = auditEntries(net).length;
    for (let i = 0; i < 14; i += 1) await net.send('GET', '/exchange/v1/status', { unsigned: true });
    await net.ep.context.audit.flush();
    expect(auditEntries(net).filter((e) => e.idx >= since && e.type === 'exchange.refused')).to.have.length(10);

    net.clock.advance(60_000);
    await net.send('GET', '/exchange/v1/status', { unsigned: true }); // the first refusal of the next window
    await net.ep.context.audit.flush();
    const after = auditEntries(net).filter((e) => e.idx >= since);
    const summary = after.find((e) => e.type === 'exchange.refusals-suppressed')!.entry;
    expect(summary.details.suppressed).to.equal(4);
    expect(summary.details.sources).to.deep.equal([{ source: 'office:JP', count: 4, codes: { SIGNATURE_MISSING: 4 } }]);
    expect(after.at(-1)!.type).to.equal('exchange.refused');
  });
});
