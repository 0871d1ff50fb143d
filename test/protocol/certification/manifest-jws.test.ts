import { expect } from 'chai';
import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { createCrl } from '../../../certs/issue.js';
import { signManifest, verifyManifestJws } from '../../../protocol/certification/manifest-jws.js';
import { canonicalJson } from '../../../protocol/encoding/canonical-json.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { makeOffice, NOW, sampleManifest, type Office } from './helpers.js';

const PART = { name: 'claims.pdf', mediaType: 'application/pdf', size: 3, sha256: 'b'.repeat(64) };

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return isIpexError(err) ? err.code : `not-ipex: ${(err as Error).message}`;
  }
  return 'no error';
}

const b64u = (s: string): string => Buffer.from(s).toString('base64url');

describe('certification/manifest-jws', () => {
  let ep: Office;
  before(async () => {
    ep = await makeOffice('EP');
  });
  const trust = (): { trustAnchors: [typeof ep.root]; at: Date } => ({ trustAnchors: [ep.root], at: NOW });

  it('signs with ES256 and x5c, and verifies to the manifest and signer', async () => {
    const manifest = sampleManifest([PART]);
    const jws = await signManifest(manifest, { privateKey: ep.privateKey, chain: [new Uint8Array(ep.certificate.rawData)] });
    const header = decodeProtectedHeader(jws);
    expect(header).to.deep.equal({ alg: 'ES256', typ: 'ipex-manifest+json', x5c: [Buffer.from(ep.certificate.rawData).toString('base64')] });
    expect(Buffer.from(jws.split('.')[1]!, 'base64url').toString()).to.equal(canonicalJson(manifest));
    const result = await verifyManifestJws(`${jws}\n`, { ...trust(), expectedOffice: 'EP' });
    expect(result.manifest).to.deep.equal(manifest);
    expect(result.signer.officeCode).to.equal('EP');
    expect(result.alg).to.equal('ES256');
  });

  it('signs with PS256 for an RSA key', async () => {
    const rsa = await makeOffice('EP', 'RSA-2048');
    const jws = await signManifest(sampleManifest([PART]), { privateKey: rsa.privateKey, chain: [new Uint8Array(rsa.certificate.rawData)] });
    expect(decodeProtectedHeader(jws).alg).to.equal('PS256');
    expect((await verifyManifestJws(jws, { trustAnchors: [rsa.root], at: NOW })).alg).to.equal('PS256');
  });

  it('refuses a changed payload', async () => {
    const jws = await signManifest(sampleManifest([PART]), { privateKey: ep.privateKey, chain: [new Uint8Array(ep.certificate.rawData)] });
    const [h, , s] = jws.split('.');
    const forged = `${h}.${b64u(canonicalJson(sampleManifest([{ ...PART, size: 4 }])))}.${s}`;
    expect(await failure(verifyManifestJws(forged, trust()))).to.equal('MANIFEST_SIGNATURE_INVALID');
  });

  it('refuses a manifest whose office is not the certificate office', async () => {
    const jws = await signManifest(sampleManifest([PART], 'JP'), { privateKey: ep.privateKey, chain: [new Uint8Array(ep.certificate.rawData)] });
    expect(await failure(verifyManifestJws(jws, trust()))).to.equal('CERT_OFFICE_MISMATCH');
  });

  it('refuses a signer from another root, and the wrong expected office', async () => {
    const jws = await signManifest(sampleManifest([PART]), { privateKey: ep.privateKey, chain: [new Uint8Array(ep.certificate.rawData)] });
    const other = await makeOffice('EP');
    // Same root name, other key: refused by the issuer-signature check.
    expect(await failure(verifyManifestJws(jws, { trustAnchors: [other.root], at: NOW }))).to.be.oneOf(['CERT_UNTRUSTED', 'CERT_SIGNATURE_INVALID']);
    expect(await failure(verifyManifestJws(jws, { ...trust(), expectedOffice: 'JP' }))).to.equal('CERT_OFFICE_MISMATCH');
    expect(await failure(verifyManifestJws(jws, { trustAnchors: [ep.root], at: new Date('2030-01-01T00:00:00Z') }))).to.equal('CERT_EXPIRED');
  });

  it('refuses a signer revoked by a CRL of the root', async () => {
    const jws = await signManifest(sampleManifest([PART]), { privateKey: ep.privateKey, chain: [new Uint8Array(ep.certificate.rawData)] });
    const crl = await createCrl({
      issuer: { certificate: ep.root, privateKey: ep.rootKey },
      revoked: [{ serialNumber: ep.certificate.serialNumber, revokedAt: new Date('2026-05-01T00:00:00Z') }],
      thisUpdate: new Date('2026-05-01T00:00:00Z'), nextUpdate: new Date('2026-07-01T00:00:00Z'), crlNumber: 1,
    });
    expect(await failure(verifyManifestJws(jws, { ...trust(), crls: [crl] }))).to.equal('CERT_REVOKED');
  });

  async function handMade(header: Record<string, unknown>, payload: string, alg = 'sha256'): Promise<string> {
    const input = `${b64u(JSON.stringify(header))}.${b64u(payload)}`;
    const sig = cryptoSign(alg, Buffer.from(input), { key: createPrivateKey(ep.privateKey.export({ format: 'pem', type: 'pkcs8' })), dsaEncoding: 'ieee-p1363' });
    return `${input}.${sig.toString('base64url')}`;
  }

  it('refuses alg none, HS256 and an alg that does not fit the key', async () => {
    const x5c = [Buffer.from(ep.certificate.rawData).toString('base64')];
    const payload = canonicalJson(sampleManifest([PART]));
    for (const alg of ['none', 'HS256', 'PS256', 'ES384']) {
      const jws = await handMade({ alg, typ: 'ipex-manifest+json', x5c }, payload);
      expect(await failure(verifyManifestJws(jws, trust())), alg).to.equal('MANIFEST_SIGNATURE_INVALID');
    }
  });

  it('refuses a wrong typ, extra header members (jwk, crit) and a non-canonical payload', async () => {
    const x5c = [Buffer.from(ep.certificate.rawData).toString('base64')];
    const payload = canonicalJson(sampleManifest([PART]));
    expect(await failure(verifyManifestJws(await handMade({ alg: 'ES256', typ: 'JWT', x5c }, payload), trust()))).to.equal('MANIFEST_MALFORMED');
    expect(await failure(verifyManifestJws(await handMade({ alg: 'ES256', typ: 'ipex-manifest+json', x5c, jwk: {} }, payload), trust()))).to.equal('MANIFEST_MALFORMED');
    expect(await failure(verifyManifestJws(await handMade({ alg: 'ES256', typ: 'ipex-manifest+json', x5c }, JSON.stringify(sampleManifest([PART]), null, 1)), trust()))).to.equal('MANIFEST_MALFORMED');
    // Correctly signed by the office, but the payload is not a valid manifest.
    expect(await failure(verifyManifestJws(await handMade({ alg: 'ES256', typ: 'ipex-manifest+json', x5c }, '{"format":"x"}'), trust()))).to.equal('MANIFEST_MALFORMED');
  });

  it('refuses garbage', async () => {
    for (const jws of ['', 'a.b', 'a.b.c.d', '!!.x.y', `${b64u('{}')}.e30.`]) {
      expect(await failure(verifyManifestJws(jws, trust())), jws).to.equal('MANIFEST_MALFORMED');
    }
  });

  it('refuses to sign with a chain that is not for the key', async () => {
    const other = await makeOffice('EP');
    expect(await failure(signManifest(sampleManifest([PART]), { privateKey: ep.privateKey, chain: [new Uint8Array(other.certificate.rawData)] }))).to.equal('INVALID_INPUT');
  });
});
