/**
 * The refusals of issue 3 between real nodes: EP refuses each bad request from JP with its own
 * code and logs every attempt — a replayed signature, a stale `created`, a tampered body, a
 * signature by another office's key than the TLS certificate's, an office the applicant did not
 * allow (OFFICE_NOT_ALLOWED, given only to a holder of the right code), repeated wrong codes (lock-out, applicant alerted), and finally a revoked office.
 */
import { expect } from 'chai';
import { createPublicKey } from 'node:crypto';
import { ExchangeClient, PeerError } from '../../protocol/exchange-client/index.js';
import { AgentPool, readBody, send } from '../../protocol/exchange-client/transport.js';
import { IPEX_TAGS, generateNonce, signRequest } from '../../protocol/http-signatures/index.js';
import { FixedClock, systemClock, systemRandom, type Clock, type RandomSource } from '../../protocol/runtime/clock.js';
import { revoke } from '../../certs/network/status.js';
import { publish } from '../../certs/network/publish.js';
import { syncDevDirectory } from '../../node/cli/dev-network.js';
import type { NodeContext } from '../../node/runtime/node-context.js';
import { signatureAlgorithmFor } from '../../node/trust/trust-service.js';
import { EP_APP, depositPriorityDocument, startTestNetwork, type TestNetwork } from './network-fixture.js';

/** A client with JP's TLS certificate, signing as `signer` (JP unless said), with the given clock and randomness. */
function clientOf(tlsOf: NodeContext, signer: NodeContext = tlsOf, clock: Clock = systemClock, random: RandomSource = systemRandom): ExchangeClient {
  const id = tlsOf.identity;
  return new ExchangeClient({
    tls: { certPem: id.tls.certificatePem, key: id.tls.privateKey, caPem: id.rootPem },
    signing: { keyId: signer.identity.signing.sha256, privateKey: signer.identity.signing.privateKey, alg: signatureAlgorithmFor(createPublicKey(signer.identity.signing.privateKey))! },
    clock, random,
  });
}

async function refusalCode(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
  } catch (err) {
    if (err instanceof PeerError) return err.problem.code ?? `HTTP ${err.peerStatus}`;
    return (err as { code?: string }).code ?? (err as Error).message;
  }
  return 'accepted';
}

describe('integration: refusals between real nodes', function () {
  this.timeout(60_000);
  let t: TestNetwork;
  let url: string;
  let body: Record<string, string>;
  let documentId: string;
  before(async () => {
    t = await startTestNetwork(['EP', 'JP', 'US']);
    const doc = await depositPriorityDocument(t.net.api('EP'), 1024);
    documentId = doc.documentId;
    url = `https://127.0.0.1:${t.net.office('EP').exchangePort}/exchange/v1/retrievals`;
    body = { ...EP_APP, accessCode: doc.accessCode!, requestId: '6f1c2a4e-1b2c-4d3e-8f90-123456789abc' };
  });
  after(async () => { await t?.close(); });

  const jp = (): NodeContext => t.net.node('JP').context;
  const refusedAtEp = async (code: string): Promise<number> => {
    const ep = t.net.node('EP').context;
    await ep.audit.flush();
    return ep.audit.entries(0, ep.audit.size()).map((b) => JSON.parse(b.toString('utf8')) as { outcome?: string; code?: string })
      .filter((e) => e.outcome === 'refused' && e.code === code).length;
  };

  it('refuses a replayed signature (same nonce)', async () => {
    const zeros: RandomSource = { bytes: (n) => Buffer.alloc(n) };
    const client = clientOf(jp(), jp(), systemClock, zeros);
    try {
      expect(await refusalCode(() => client.request({ method: 'POST', url, json: body }))).to.not.equal('SIGNATURE_REPLAYED');
      expect(await refusalCode(() => client.request({ method: 'POST', url, json: body }))).to.equal('SIGNATURE_REPLAYED');
    } finally {
      client.close();
    }
    expect(await refusedAtEp('SIGNATURE_REPLAYED')).to.be.greaterThan(0);
  });

  it('refuses a stale created', async () => {
    const client = clientOf(jp(), jp(), new FixedClock(new Date(Date.now() - 3600_000)));
    try {
      expect(await refusalCode(() => client.request({ method: 'POST', url, json: body }))).to.equal('SIGNATURE_EXPIRED');
    } finally {
      client.close();
    }
    expect(await refusedAtEp('SIGNATURE_EXPIRED')).to.be.greaterThan(0);
  });

  it('refuses a body that does not match its signed digest', async () => {
    const id = jp().identity;
    const signedBody = Buffer.from(JSON.stringify(body));
    const sentBody = Buffer.from(JSON.stringify({ ...body, applicationNumberText: '23123457' }));
    const headers = { 'Content-Type': 'application/json', Accept: 'application/problem+json' };
    const sig = signRequest({ method: 'POST', url, headers, body: signedBody }, {
      keyId: id.signing.sha256, privateKey: id.signing.privateKey, alg: signatureAlgorithmFor(createPublicKey(id.signing.privateKey))!,
      created: new Date(), nonce: generateNonce(systemRandom), tag: IPEX_TAGS.exchangeRequest,
    });
    const pool = new AgentPool({ certPem: id.tls.certificatePem, key: id.tls.privateKey, caPem: id.rootPem });
    try {
      const raw = await send(pool, { method: 'POST', url: new URL(url), headers: { ...headers, ...sig, 'Content-Length': String(sentBody.length) }, body: sentBody, timeoutMs: 10_000 });
      const problem = JSON.parse((await readBody(raw, 65536, url)).toString('utf8')) as { code?: string };
      expect(raw.status).to.be.within(400, 499);
      expect(problem.code).to.equal('DIGEST_MISMATCH');
    } finally {
      pool.destroy();
    }
    expect(await refusedAtEp('DIGEST_MISMATCH')).to.be.greaterThan(0);
  });

  it('refuses a signature by another office than the TLS certificate', async () => {
    const client = clientOf(jp(), t.net.node('US').context);
    try {
      expect(await refusalCode(() => client.request({ method: 'POST', url, json: { ...body, requestId: 'a8d0e0b2-5c1e-4f3a-9b7d-0e1f2a3b4c5d' } }))).to.equal('CERT_OFFICE_MISMATCH');
    } finally {
      client.close();
    }
  });

  it('refuses an office the applicant did not allow: its own code only with the right access code', async () => {
    const ep = t.net.api('EP');
    await ep.json('PUT', `/documents/${documentId}/access`, { allowedOffices: ['US'] });
    const api = t.net.api('JP');
    const withCode = await api.waitForJob((await api.retrieve({ ...EP_APP, accessCode: body.accessCode! })).jobId, 30_000);
    expect(withCode.state).to.equal('failed');
    expect(withCode.error?.code).to.equal('OFFICE_NOT_ALLOWED');
    // without the right code it learns nothing: the answer of an unknown application
    const guessed = await api.waitForJob((await api.retrieve({ ...EP_APP, accessCode: '0000-0000-0000-0' })).jobId, 30_000);
    expect(guessed.error?.code).to.equal('DOCUMENT_UNAVAILABLE');
    const usJob = await t.net.api('US').waitForJob((await t.net.api('US').retrieve({ ...EP_APP, accessCode: body.accessCode! })).jobId, 30_000);
    expect(usJob.state, JSON.stringify(usJob.error)).to.equal('done');
    await ep.json('PUT', `/documents/${documentId}/access`, { anyParticipatingOffice: true });
    const history = await ep.history(documentId);
    expect(history.items.filter((a) => a.office === 'JP' && a.outcome !== 'success')).to.have.length.greaterThan(0);
  });

  it('locks the document for an office after repeated wrong codes, even against the right code', async () => {
    const api = t.net.api('JP');
    for (let i = 0; i < 5; i += 1) {
      const job = await api.waitForJob((await api.retrieve({ ...EP_APP, accessCode: '0000-0000-0000-0' })).jobId, 30_000);
      expect(job.error?.code).to.equal('DOCUMENT_UNAVAILABLE');
    }
    const right = await api.waitForJob((await api.retrieve({ ...EP_APP, accessCode: body.accessCode! })).jobId, 30_000);
    expect(right.state).to.equal('failed');
    expect(right.error?.code).to.equal('DOCUMENT_UNAVAILABLE');
    const access = await t.net.api('EP').json<{ lockedOffices: { office: string }[] }>('GET', `/documents/${documentId}/access`);
    expect(access.lockedOffices.map((l) => l.office)).to.include('JP');
    // the applicant is alerted: an access.locked event about the document
    const ep = t.net.node('EP').context;
    await ep.audit.flush();
    const locked = ep.audit.entries(0, ep.audit.size()).map((b) => JSON.parse(b.toString('utf8')) as { type: string; subject?: { documentId?: string } })
      .filter((e) => e.type === 'access.locked' && e.subject?.documentId === documentId);
    expect(locked).to.have.length(1);
  });

  it('refuses a revoked office at once', async () => {
    const ctx = { dir: t.net.networkDir, now: new Date(), progress: (): void => undefined };
    await revoke(ctx, { code: 'JP' });
    await publish(ctx);
    await syncDevDirectory(t.net.office('EP').dataDir, t.net.networkDir, systemClock);
    await t.net.node('EP').context.trust.refresh();
    const client = clientOf(jp());
    try {
      const code = await refusalCode(() => client.request({ method: 'POST', url, json: { ...body, requestId: 'c1d2e3f4-0a1b-4c2d-8e3f-405162738495' } }));
      expect(code).to.be.oneOf(['OFFICE_REVOKED', 'CERT_REVOKED']);
    } finally {
      client.close();
    }
  });
});
