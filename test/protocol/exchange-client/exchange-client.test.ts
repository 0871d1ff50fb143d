// The signed exchange client (docs/design.md §4) against a real HTTPS server on loopback with mutual
// TLS: signatures the server can verify, resumed Range downloads, retries, problem mapping and
// response-signature verification (docs/message-signatures.md).
import { expect } from 'chai';
import { createHash, randomBytes, X509Certificate as NodeX509 } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFixtures, type Fixtures } from '../../../certs/fixtures.js';
import { ExchangeClient, PeerError } from '../../../protocol/exchange-client/index.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { staticKeyResolver } from '../../../protocol/http-signatures/index.js';
import { systemClock, systemRandom } from '../../../protocol/runtime/clock.js';
import { keyIdOf, servePart, startFakePeer, type FakePeer } from './fake-peer.js';

describe('protocol/exchange-client', () => {
  let f: Fixtures;
  let peer: FakePeer;
  let client: ExchangeClient;
  let dir: string;
  const sleeps: number[] = [];

  before(async () => {
    f = await generateFixtures({ now: new Date() });
    peer = await startFakePeer(f, f.good, f.goodJp.signing);
  });
  after(async () => {
    await peer.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipex-client-'));
    peer.seen.length = 0;
    sleeps.length = 0;
    client = new ExchangeClient({
      tls: { certPem: f.goodJp.tls.pem, key: f.goodJp.tls.privateKey, caPem: f.root.pem },
      signing: { keyId: keyIdOf(f.goodJp.signing), privateKey: f.goodJp.signing.privateKey, alg: 'ecdsa-p256-sha256' },
      clock: systemClock,
      random: systemRandom,
      resolveResponseKey: staticKeyResolver({
        [keyIdOf(f.good.signing)]: { publicKey: new NodeX509(f.good.signing.pem).publicKey, alg: 'ecdsa-p256-sha256' },
      }),
      retry: { attempts: 4, baseMs: 1 },
      sleep: async (ms) => { sleeps.push(ms); },
    });
  });
  afterEach(() => {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs a POST so that the peer verifies it, over mutual TLS as the calling office', async () => {
    peer.handler = (req, res) => peer.signedJson(req, res, 200, { outcome: 'success', echo: JSON.parse(req.body.toString()) });
    const res = await client.request({ method: 'POST', url: `${peer.origin}/exchange/v1/retrievals`, json: { requestId: 'a' } });
    expect(res.status).to.equal(200);
    expect(res.json<{ echo: unknown }>().echo).to.deep.equal({ requestId: 'a' });
    expect(peer.seen).to.have.length(1);
    expect(peer.seen[0]!.signature.keyId).to.equal(keyIdOf(f.goodJp.signing));
    expect(peer.seen[0]!.signature.coveredComponents).to.include('"content-digest"');
    expect(peer.seen[0]!.clientOffice).to.equal('JP');
    expect(res.signedRequest.targetUri).to.equal(`${peer.origin}/exchange/v1/retrievals`);
    expect(res.signedRequest.contentDigest).to.match(/^sha-256=:/);
    // the response signature was verified and is bound to our request
    expect(res.signature?.keyId).to.equal(keyIdOf(f.good.signing));
    expect(res.signature?.coveredComponents).to.include('"signature";req;key="ipex"');
  });

  it('refuses a response whose signature does not verify (body altered after signing)', async () => {
    peer.handler = (req, res) => {
      const originalEnd = res.end.bind(res);
      (res as unknown as { end: (b: Buffer) => void }).end = (b: Buffer) => originalEnd(Buffer.from(b.toString().replace('success', 'pending!')));
      peer.signedJson(req, res, 200, { outcome: 'success' });
    };
    const err = await client.request({ method: 'GET', url: `${peer.origin}/exchange/v1/status` }).catch((e: unknown) => e);
    expect(isIpexError(err, 'DIGEST_MISMATCH') || isIpexError(err, 'SIGNATURE_INVALID')).to.equal(true);
  });

  it('maps a problem+json answer to PeerError with the peer code when it is registered', async () => {
    peer.handler = (_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'urn:ipex:error:NOT_FOUND', title: 'Not found', status: 404, code: 'NOT_FOUND', detail: 'no such document' }));
    };
    const err = await client.request({ method: 'POST', url: `${peer.origin}/exchange/v1/retrievals`, json: {} }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PeerError);
    expect((err as PeerError).code).to.equal('NOT_FOUND');
    expect((err as PeerError).peerStatus).to.equal(404);
    expect((err as PeerError).message).to.contain('no such document');
  });

  it('maps an unknown peer code to PEER_ERROR', async () => {
    peer.handler = (_req, res) => {
      res.writeHead(418, { 'Content-Type': 'application/problem+json' });
      res.end(JSON.stringify({ code: 'TEAPOT_MODE', title: 'x', status: 418 }));
    };
    const err = await client.request({ method: 'GET', url: `${peer.origin}/x` }).catch((e: unknown) => e);
    expect((err as PeerError).code).to.equal('PEER_ERROR');
    expect((err as PeerError).problem.code).to.equal('TEAPOT_MODE');
  });

  it('fails with PEER_UNREACHABLE when nothing listens', async () => {
    const err = await client.request({ method: 'GET', url: 'https://127.0.0.1:1/x' }).catch((e: unknown) => e);
    expect(isIpexError(err, 'PEER_UNREACHABLE')).to.equal(true);
  });

  it('tells onContact the status of every answer, and the code of a request that got none', async () => {
    const seen: string[] = [];
    const told = new ExchangeClient({
      tls: { certPem: f.goodJp.tls.pem, key: f.goodJp.tls.privateKey, caPem: f.root.pem },
      signing: { keyId: keyIdOf(f.goodJp.signing), privateKey: f.goodJp.signing.privateKey, alg: 'ecdsa-p256-sha256' },
      clock: systemClock, random: systemRandom,
      onContact: (url, outcome) => seen.push(`${url.origin} ${'status' in outcome ? outcome.status : outcome.failure}`),
    });
    try {
      peer.handler = (_req, res) => {
        res.writeHead(404, { 'Content-Type': 'application/problem+json' });
        res.end(JSON.stringify({ code: 'NOT_FOUND', title: 'Not found', status: 404 }));
      };
      await told.request({ method: 'GET', url: `${peer.origin}/exchange/v1/status` }).catch(() => undefined);
      await told.request({ method: 'GET', url: 'https://127.0.0.1:1/x' }).catch(() => undefined);
    } finally {
      told.close();
    }
    expect(seen).to.deep.equal([`${new URL(peer.origin).origin} 404`, 'https://127.0.0.1:1 PEER_UNREACHABLE']);
  });

  it('resumes a download cut half-way with a freshly signed Range request', async () => {
    const data = randomBytes(300_000);
    const sha = createHash('sha256').update(data).digest('hex');
    let calls = 0;
    peer.handler = (req, res) => {
      calls += 1;
      servePart(data, req, res, calls === 1 ? { cutAfter: 100_000 } : {});
    };
    const dest = join(dir, 'part.pdf');
    const progress: number[] = [];
    const result = await client.download({ url: `${peer.origin}/exchange/v1/retrievals/r1/parts/a.pdf`, dest, expectedSize: data.length, expectedSha256: sha, onProgress: (n) => progress.push(n) });
    expect(readFileSync(dest).equals(data)).to.equal(true);
    expect(existsSync(`${dest}.partial`)).to.equal(false);
    expect(result.requests).to.equal(2);
    expect(peer.seen).to.have.length(2);
    const second = peer.seen[1]!;
    expect(second.headers.range).to.match(/^bytes=\d+-$/);
    const resumedAt = Number(/bytes=(\d+)-/.exec(String(second.headers.range))![1]);
    expect(resumedAt).to.be.greaterThan(0);
    expect(second.headers['if-range']).to.equal(`"${sha}"`);
    expect(second.signature.nonce).to.not.equal(peer.seen[0]!.signature.nonce);
    expect(progress.at(-1)).to.equal(data.length);
  });

  it('starts again from zero when the peer ignores the range (If-Range mismatch → 200)', async () => {
    const data = randomBytes(5000);
    const sha = createHash('sha256').update(data).digest('hex');
    const dest = join(dir, 'p.bin');
    writeFileSync(`${dest}.partial`, randomBytes(1000)); // stale bytes of another version
    peer.handler = (req, res) => {
      res.writeHead(200, { 'Content-Length': data.length });
      res.end(data);
      void req;
    };
    await client.download({ url: `${peer.origin}/p`, dest, expectedSize: data.length, expectedSha256: sha });
    expect(readFileSync(dest).equals(data)).to.equal(true);
  });

  it('retries 5xx with backoff, then succeeds', async () => {
    const data = Buffer.from('hello part');
    const sha = createHash('sha256').update(data).digest('hex');
    let calls = 0;
    peer.handler = (req, res) => {
      calls += 1;
      if (calls <= 2) {
        res.writeHead(503, { 'Content-Type': 'application/problem+json' });
        res.end(JSON.stringify({ code: 'INTERNAL', status: 503, title: 'busy' }));
        return;
      }
      servePart(data, req, res);
    };
    const dest = join(dir, 'x.txt');
    const result = await client.download({ url: `${peer.origin}/x`, dest, expectedSize: data.length, expectedSha256: sha });
    expect(result.requests).to.equal(3);
    expect(sleeps).to.have.length(2);
    expect(readFileSync(dest, 'utf8')).to.equal('hello part');
  });

  it('does not retry a 4xx', async () => {
    peer.handler = (_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/problem+json' });
      res.end(JSON.stringify({ code: 'NOT_FOUND', status: 404, title: 'no' }));
    };
    const err = await client.download({ url: `${peer.origin}/x`, dest: join(dir, 'y'), expectedSize: 3, expectedSha256: '0'.repeat(64) }).catch((e: unknown) => e);
    expect((err as PeerError).code).to.equal('NOT_FOUND');
    expect(peer.seen).to.have.length(1);
    expect(sleeps).to.have.length(0);
  });

  // issue 10, item 4: wrong bytes are final, not a download to retry
  it('refuses bytes that do not match the announced SHA-256 with PART_DIGEST_MISMATCH, at once, and keeps nothing', async () => {
    const data = Buffer.from('the real bytes');
    peer.handler = (req, res) => servePart(Buffer.from('other bytes!!!'), req, res);
    const dest = join(dir, 'z');
    const err = await client.download({ url: `${peer.origin}/z`, dest, expectedSize: data.length, expectedSha256: createHash('sha256').update(data).digest('hex') }).catch((e: unknown) => e);
    expect(isIpexError(err, 'PART_DIGEST_MISMATCH')).to.equal(true);
    expect(peer.seen).to.have.length(1);
    expect(existsSync(dest)).to.equal(false);
    expect(existsSync(`${dest}.partial`)).to.equal(false);
  });

  it('fetches a resumed download whole once more before calling its bytes a mismatch', async () => {
    const data = randomBytes(300_000);
    const sha = createHash('sha256').update(data).digest('hex');
    const dest = join(dir, 'resumed.pdf');
    writeFileSync(`${dest}.partial`, randomBytes(100_000)); // a torn piece left by an earlier attempt
    peer.handler = (req, res) => servePart(data, req, res);
    const result = await client.download({ url: `${peer.origin}/r`, dest, expectedSize: data.length, expectedSha256: sha });
    expect(readFileSync(dest).equals(data)).to.equal(true);
    expect(peer.seen.map((r) => r.headers.range)).to.deep.equal(['bytes=100000-', undefined]);
    expect(result.requests).to.equal(2);

    peer.seen.length = 0;
    const other = randomBytes(300_000);
    // a peer that sends other bytes than it announced, and resumes them too
    peer.handler = (req, res) => servePart(other, { ...req, headers: { ...req.headers, 'if-range': undefined } }, res);
    writeFileSync(`${dest}2.partial`, other.subarray(0, 100_000));
    const err = await client.download({ url: `${peer.origin}/r`, dest: `${dest}2`, expectedSize: data.length, expectedSha256: sha }).catch((e: unknown) => e);
    expect(isIpexError(err, 'PART_DIGEST_MISMATCH')).to.equal(true);
    expect(peer.seen.map((r) => r.headers.range)).to.deep.equal(['bytes=100000-', undefined]);
  });
});
