import { expect } from 'chai';
import { generateFixtures, type Fixtures } from '../../../certs/fixtures.js';
import { createCrl } from '../../../certs/issue.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { isRevoked, normaliseSerial, parseCrl, verifyCrl } from '../../../protocol/pki/crl.js';
import { decodeOid, toDerForTest } from './helpers.js';

const NOW = new Date('2026-06-01T12:00:00Z');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isIpexError(err)) return err.code;
    throw err;
  }
  return 'PASSED';
}

describe('protocol/pki/crl', () => {
  let f: Fixtures;
  before(async () => {
    f = await generateFixtures({ now: NOW });
  });

  it('parses PEM and DER, with number, dates and revoked serials', () => {
    const crl = parseCrl(f.crlPem);
    expect(crl.number).to.equal(1);
    expect(crl.nextUpdate?.getTime()).to.be.greaterThan(NOW.getTime());
    expect(crl.sha256).to.match(/^[0-9a-f]{64}$/);
    expect(parseCrl(crl.der).sha256).to.equal(crl.sha256);
    expect(isRevoked(crl, f.revoked.certificate.serialNumber)).to.equal(true);
    expect(isRevoked(crl, `00${f.revoked.certificate.serialNumber.toUpperCase()}`)).to.equal(true);
    expect(isRevoked(crl, f.good.signing.certificate.serialNumber)).to.equal(false);
  });

  it('verifies against the issuing root and refuses another CA', () => {
    expect(codeOf(() => verifyCrl(f.crlPem, f.root.certificate, NOW))).to.equal('PASSED');
    expect(codeOf(() => verifyCrl(f.crlPem, f.otherRoot.certificate, NOW))).to.equal('CRL_SIGNATURE_INVALID');
    // A leaf has no cRLSign and another name.
    expect(codeOf(() => verifyCrl(f.crlPem, f.good.signing.certificate, NOW))).to.equal('CRL_SIGNATURE_INVALID');
  });

  it('refuses a tampered CRL and garbage', () => {
    const der = Buffer.from(parseCrl(f.crlPem).der);
    der[der.length - 5] ^= 0x01; // inside the signature
    expect(codeOf(() => verifyCrl(new Uint8Array(der), f.root.certificate, NOW))).to.equal('CRL_SIGNATURE_INVALID');
    expect(codeOf(() => parseCrl('garbage'))).to.equal('CRL_SIGNATURE_INVALID');
  });

  it('refuses a CRL before thisUpdate and after nextUpdate', async () => {
    expect(codeOf(() => verifyCrl(f.crlPem, f.root.certificate, new Date(NOW.getTime() - 86_400_000)))).to.equal('CRL_EXPIRED');
    expect(codeOf(() => verifyCrl(f.crlPem, f.root.certificate, new Date(NOW.getTime() + 8 * 86_400_000)))).to.equal('CRL_EXPIRED');
    const stale = await createCrl({ issuer: f.root, revoked: [], thisUpdate: new Date('2026-01-01'), nextUpdate: new Date('2026-02-01'), crlNumber: 0 });
    expect(codeOf(() => verifyCrl(stale, f.root.certificate, NOW))).to.equal('CRL_EXPIRED');
  });

  it('normalises serials and decodes large OID arcs', () => {
    expect(normaliseSerial('00AbC')).to.equal('abc');
    expect(normaliseSerial('000')).to.equal('0');
    // 2.25.269320933271814110182028386430942654784: the legacy directory EKU, beyond 2^53.
    const der = toDerForTest('2.25.269320933271814110182028386430942654784');
    expect(decodeOid(der)).to.equal('2.25.269320933271814110182028386430942654784');
    expect(decodeOid(Uint8Array.from([0x2b, 0x06, 0x01]))).to.equal('1.3.6.1');
  });
});
