import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { compactSign } from '../../../protocol/certification/jws-sign.js';
import {
  isRegistrationJws, signRegistrationCertificate, verifyRegistrationCertificate, type RegistrationCertificate,
} from '../../../protocol/certification/registration-certificate.js';
import { canonicalJsonBytes } from '../../../protocol/encoding/canonical-json.js';
import { codeOf } from '../../helpers/error-code.js';
import { derEcdsaSignature } from '../../helpers/ecdsa-der.js';
import { makeOffice, NOW, tempDir, writePems, type Office } from './helpers.js';
import { hasJwcrypto, jwcryptoVerify } from '../../helpers/jwcrypto.js';
import { toPem } from '../../../certs/issue.js';

const CERT: RegistrationCertificate = {
  format: 'ipex-registration/1', office: 'EP', documentId: 'EP-SR-23123456-7K3M9Q2X', version: 2, documentKind: 'searchReport',
  applicationNumberText: '23123456', filingDate: '2023-01-10', ipRightType: 'patent', depositedAt: '2026-05-30T09:00:00.000Z',
  issuedAt: '2026-05-30T09:00:01.000Z', manifestSha256: 'a'.repeat(64), parts: [{ name: 'report.pdf', size: 1234, sha256: 'b'.repeat(64) }],
};

describe('protocol/certification/registration-certificate (issue 12)', () => {
  let ep: Office;
  let jws: string;
  const chain = (o: Office): Uint8Array[] => [new Uint8Array(o.certificate.rawData)];
  const trust = () => ({ trustAnchors: [ep.root], at: NOW });

  before(async () => {
    ep = await makeOffice('EP');
    jws = signRegistrationCertificate(CERT, { privateKey: ep.privateKey, chain: chain(ep) });
  });

  it('signs a compact JWS {alg, typ ipex-registration+json, x5c} that verifies for its office', async () => {
    expect(decodeProtectedHeader(jws)).to.deep.include({ alg: 'ES256', typ: 'ipex-registration+json' });
    expect(isRegistrationJws(jws)).to.equal(true);
    const { certificate, signer } = await verifyRegistrationCertificate(`${jws}\n`, { ...trust(), expectedOffice: 'EP' });
    expect(certificate).to.deep.equal(CERT);
    expect(signer.officeCode).to.equal('EP');
  });

  it('refuses a changed payload, another typ, extra members, a non-canonical payload and another office', async () => {
    const [h, , s] = jws.split('.') as [string, string, string];
    const changed = `${h}.${Buffer.from(canonicalJsonBytes({ ...CERT, version: 3 })).toString('base64url')}.${s}`;
    expect(await codeOf(verifyRegistrationCertificate(changed, trust()))).to.equal('REGISTRATION_CERTIFICATE_INVALID');
    const manifestTyp = compactSign(canonicalJsonBytes(CERT), 'ES256', 'ipex-manifest+json', chain(ep), ep.privateKey);
    expect(await codeOf(verifyRegistrationCertificate(manifestTyp, trust()))).to.equal('REGISTRATION_CERTIFICATE_MALFORMED');
    const extra = compactSign(canonicalJsonBytes({ ...CERT, note: 'x' }), 'ES256', 'ipex-registration+json', chain(ep), ep.privateKey);
    expect(await codeOf(verifyRegistrationCertificate(extra, trust()))).to.equal('REGISTRATION_CERTIFICATE_MALFORMED');
    const spaced = compactSign(Buffer.from(JSON.stringify(CERT, null, 1)), 'ES256', 'ipex-registration+json', chain(ep), ep.privateKey);
    expect(await codeOf(verifyRegistrationCertificate(spaced, trust()))).to.equal('REGISTRATION_CERTIFICATE_MALFORMED');
    expect(await codeOf(verifyRegistrationCertificate(jws, { ...trust(), expectedOffice: 'JP' }))).to.not.equal('PASSED');
    const jp = await makeOffice('JP', 'P-256', { certificate: ep.root, privateKey: ep.rootKey });
    const claimsEp = signRegistrationCertificate(CERT, { privateKey: jp.privateKey, chain: chain(jp) }); // JP's key, EP's name
    expect(await codeOf(verifyRegistrationCertificate(claimsEp, trust()))).to.not.equal('PASSED');
    expect(() => signRegistrationCertificate({ ...CERT, parts: [] }, { privateKey: ep.privateKey, chain: chain(ep) })).to.throw(/parts/);
  });

  it('interoperates: python jwcrypto verifies it with the x5c certificate', function () {
    if (!hasJwcrypto()) {
      console.log('      (skipped: python3 jwcrypto is not installed)');
      this.skip();
    }
    const { payload, header } = jwcryptoVerify(jws, toPem(ep.certificate));
    expect(`${String(payload.documentId)} ${String(payload.version)} ${String(header.typ)}`).to.equal('EP-SR-23123456-7K3M9Q2X 2 ipex-registration+json');
  });

  it('interoperates: openssl checks the x5c certificate against the root and the ES256 signature with its key', function () {
    if (spawnSync('openssl', ['version']).status !== 0) this.skip();
    const dir = tempDir();
    const [h, p, s] = jws.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { x5c: string[] };
    const leaf = `-----BEGIN CERTIFICATE-----\n${header.x5c[0]!.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
    writeFileSync(join(dir, 'leaf.pem'), leaf);
    const pems = writePems(dir, ep);
    expect(execFileSync('openssl', ['verify', '-attime', String(NOW.getTime() / 1000), '-CAfile', pems.root, join(dir, 'leaf.pem')], { encoding: 'utf8' })).to.include('OK');
    writeFileSync(join(dir, 'pub.pem'), execFileSync('openssl', ['x509', '-in', join(dir, 'leaf.pem'), '-pubkey', '-noout'], { encoding: 'utf8' }));
    writeFileSync(join(dir, 'sig.der'), derEcdsaSignature(Buffer.from(s, 'base64url')));
    writeFileSync(join(dir, 'signed'), `${h}.${p}`);
    const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig.der'), join(dir, 'signed')], { encoding: 'utf8' });
    expect(out.trim()).to.equal('Verified OK');
  });
});
