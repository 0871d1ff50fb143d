import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signDigestDetached, signPartDetached, verifyPartDetached } from '../../../protocol/certification/cms.js';
import { digestFile } from '../../../protocol/certification/digest.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { makeOffice, NOW, tempDir, writePems, type Office } from './helpers.js';

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return isIpexError(err) ? err.code : `not-ipex: ${(err as Error).message}`;
  }
  return 'no error';
}

function opensslVerify(dir: string, p7s: string, content: string, root: string): number {
  const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7s, '-content', content,
    '-CAfile', root, '-purpose', 'any', '-out', join(dir, 'out.bin')], { encoding: 'utf8' });
  return r.status ?? -1;
}

describe('certification/cms (detached CMS, RFC 5652)', () => {
  let ep: Office;
  let dir: string;
  let part: string;
  let pems: { root: string; cert: string; key: string };
  before(async () => {
    ep = await makeOffice('EP');
    dir = tempDir();
    pems = writePems(dir, ep);
    part = join(dir, 'claims.pdf');
    writeFileSync(part, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 7)]));
  });

  it('signs a part that our verifier accepts, with signingTime from the clock', async () => {
    const p7s = await signPartDetached(part, { certificate: ep.certificate, privateKey: ep.privateKey, clock: new FixedClock(NOW) });
    const { sha256 } = await digestFile(part);
    const signer = await verifyPartDetached(p7s, { sha256, trustAnchors: [ep.root], at: NOW, expectedOffice: 'EP' });
    expect(signer.officeCode).to.equal('EP');
    expect(signer.signingTime?.toISOString()).to.equal(NOW.toISOString());
  });

  it('interop: openssl cms -verify accepts our signature and refuses a changed part', async () => {
    const p7s = join(dir, 'claims.pdf.p7s');
    writeFileSync(p7s, await signPartDetached(createReadStream(part), { certificate: ep.certificate, privateKey: ep.privateKey }));
    expect(opensslVerify(dir, p7s, part, pems.root)).to.equal(0);
    const changed = join(dir, 'changed.pdf');
    const bytes = readFileSync(part);
    bytes[100] ^= 1;
    writeFileSync(changed, bytes);
    expect(opensslVerify(dir, p7s, changed, pems.root)).to.not.equal(0);
  });

  it('interop: an RSA signature is accepted by openssl too', async () => {
    const rsa = await makeOffice('EP', 'RSA-2048');
    const rsaDir = tempDir();
    const rsaPems = writePems(rsaDir, rsa);
    const p7s = join(rsaDir, 'p.p7s');
    writeFileSync(p7s, await signPartDetached(part, { certificate: rsa.certificate, privateKey: rsa.privateKey }));
    expect(opensslVerify(rsaDir, p7s, part, rsaPems.root)).to.equal(0);
    const { sha256 } = await digestFile(part);
    expect((await verifyPartDetached(readFileSync(p7s), { sha256, trustAnchors: [rsa.root], at: NOW })).officeCode).to.equal('EP');
  });

  it('interop: verifies a detached signature made by openssl cms -sign', async () => {
    const p7s = join(dir, 'openssl.p7s');
    execFileSync('openssl', ['cms', '-sign', '-binary', '-outform', 'DER', '-md', 'sha256', '-signer', pems.cert,
      '-inkey', pems.key, '-in', part, '-out', p7s]);
    const { sha256 } = await digestFile(part);
    const signer = await verifyPartDetached(readFileSync(p7s), { sha256, trustAnchors: [ep.root], at: NOW });
    expect(signer.officeCode).to.equal('EP');
    const other = Buffer.from(sha256);
    other[0] ^= 1;
    expect(await failure(verifyPartDetached(readFileSync(p7s), { sha256: other, trustAnchors: [ep.root], at: NOW }))).to.equal('PART_DIGEST_MISMATCH');
  });

  it('refuses a changed part, a flipped signature bit, another root and the wrong office', async () => {
    const p7s = await signPartDetached(part, { certificate: ep.certificate, privateKey: ep.privateKey });
    const { sha256 } = await digestFile(part);
    const changed = Buffer.from(sha256);
    changed[31] ^= 0x80;
    expect(await failure(verifyPartDetached(p7s, { sha256: changed, trustAnchors: [ep.root], at: NOW }))).to.equal('PART_DIGEST_MISMATCH');
    const flipped = Buffer.from(p7s);
    flipped[flipped.length - 5] ^= 1; // inside the signature value, the last field
    expect(await failure(verifyPartDetached(flipped, { sha256, trustAnchors: [ep.root], at: NOW }))).to.equal('CMS_SIGNATURE_INVALID');
    const other = await makeOffice('EP');
    expect(await failure(verifyPartDetached(p7s, { sha256, trustAnchors: [other.root], at: NOW }))).to.be.oneOf(['CERT_UNTRUSTED', 'CERT_SIGNATURE_INVALID']);
    expect(await failure(verifyPartDetached(p7s, { sha256, trustAnchors: [ep.root], at: NOW, expectedOffice: 'JP' }))).to.equal('CERT_OFFICE_MISMATCH');
  });

  it('refuses to sign with a certificate that is not for the key', async () => {
    const other = await makeOffice('EP');
    expect(await failure(signPartDetached(part, { certificate: other.certificate, privateKey: ep.privateKey }))).to.equal('INVALID_INPUT');
  });

  it('refuses garbage, trailing bytes and an attached (non-detached) signature', async () => {
    const { sha256 } = await digestFile(part);
    const opts = { sha256, trustAnchors: [ep.root], at: NOW };
    expect(await failure(verifyPartDetached(Buffer.from('not der'), opts))).to.equal('CMS_MALFORMED');
    expect(await failure(verifyPartDetached(Buffer.alloc(0), opts))).to.equal('CMS_MALFORMED');
    const p7s = await signPartDetached(part, { certificate: ep.certificate, privateKey: ep.privateKey });
    expect(await failure(verifyPartDetached(Buffer.concat([p7s, Buffer.from([0])]), opts))).to.equal('CMS_MALFORMED');
    const attached = join(dir, 'attached.p7s');
    execFileSync('openssl', ['cms', '-sign', '-binary', '-nodetach', '-outform', 'DER', '-md', 'sha256', '-signer', pems.cert,
      '-inkey', pems.key, '-in', part, '-out', attached]);
    expect(await failure(verifyPartDetached(readFileSync(attached), opts))).to.equal('CMS_MALFORMED');
  });

  describe('signDigestDetached (issue 5: sign the digest the blob store computed)', () => {
    it('gives byte for byte the signature signPartDetached gives over the part (RSA: deterministic)', async () => {
      const rsa = await makeOffice('EP', 'RSA-2048');
      const clock = new FixedClock(NOW);
      const { sha256 } = await digestFile(part);
      const fromPart = await signPartDetached(part, { certificate: rsa.certificate, privateKey: rsa.privateKey, clock });
      const fromDigest = await signDigestDetached(sha256, { certificate: new Uint8Array(rsa.certificate.rawData), privateKey: rsa.privateKey, clock });
      expect(fromDigest.equals(fromPart)).to.equal(true);
    });

    it('interop: openssl cms -verify accepts it over the part, with a chain carried and a signingTime after 2049', async () => {
      const p7s = join(dir, 'digest.p7s');
      const { sha256 } = await digestFile(part);
      const late = new FixedClock(new Date('2051-02-03T04:05:06.789Z')); // GeneralizedTime (RFC 5652 §11.3)
      writeFileSync(p7s, await signDigestDetached(sha256, { certificate: ep.certificate, privateKey: ep.privateKey, chain: [new Uint8Array(ep.root.rawData)], clock: late }));
      expect(opensslVerify(dir, p7s, part, pems.root)).to.equal(0);
      const signer = await verifyPartDetached(readFileSync(p7s), { sha256, trustAnchors: [ep.root], at: NOW, expectedOffice: 'EP' });
      expect(signer.signingTime?.toISOString()).to.equal('2051-02-03T04:05:06.000Z');
    });

    it('refuses a digest that is not 32 bytes and a certificate that is not for the key', async () => {
      const other = await makeOffice('EP');
      expect(await failure(signDigestDetached(Buffer.alloc(31), { certificate: ep.certificate, privateKey: ep.privateKey }))).to.equal('INVALID_INPUT');
      expect(await failure(signDigestDetached(Buffer.alloc(32), { certificate: other.certificate, privateKey: ep.privateKey }))).to.equal('INVALID_INPUT');
    });
  });
});
