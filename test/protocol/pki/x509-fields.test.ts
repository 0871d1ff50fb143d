import { expect } from 'chai';
import { sign, type KeyObject } from 'node:crypto';
import '../../../protocol/pki/reflect-metadata.js'; // before @peculiar/x509
import * as x509 from '@peculiar/x509';
import { generateFixtures, type Fixtures } from '../../../certs/fixtures.js';
import { oid, sequence, tlv } from '../../../protocol/certification/der.js';
import {
  basicConstraints, extendedKeyUsages, keyUsageBits, parseCertificate, sanUris,
} from '../../../protocol/pki/cert-input.js';
import { parseCrl } from '../../../protocol/pki/crl.js';
import { childrenOf } from '../../../protocol/pki/der-reader.js';
import { readSigned } from '../../../protocol/pki/der.js';
import { validatePath } from '../../../protocol/pki/path-validation.js';
import { decodeBasicConstraints, decodeKeyUsage, decodeSanUris } from '../../../protocol/pki/x509-fields.js';
import { codeOf } from '../../helpers/error-code.js';

const NOW = new Date('2026-06-01T12:00:00Z');

/** One Extension: SEQUENCE { OID, critical TRUE (when set), OCTET STRING { value } }. */
function extension(id: string, critical: boolean | 'explicit-false', value: Uint8Array): Buffer {
  const flag = critical === true ? [tlv(0x01, Buffer.from([0xff]))] : critical === 'explicit-false' ? [tlv(0x01, Buffer.from([0x00]))] : [];
  return sequence(oid(id), ...flag, tlv(0x04, value));
}

/**
 * The signed structure `der` with its tbs fields changed by `edit`, signed again by `key`
 * (ECDSA with SHA-256, as the fixture root signs): what a CA that issues a bad structure makes.
 */
function resign(der: Uint8Array, key: KeyObject, edit: (fields: Buffer[]) => Buffer[]): Uint8Array {
  const top = readSigned(der, 'test structure');
  const tbs = sequence(...edit(top.tbsFields.map((f) => Buffer.from(f.der))));
  const signature = sign('sha256', tbs, key);
  return new Uint8Array(sequence(tbs, Buffer.from(top.algorithm.der), tlv(0x03, Buffer.from([0]), signature)));
}

/** A certificate's extensions with `extra` appended (the last tbs field is [3] extensions). */
function withExtensions(der: Uint8Array, key: KeyObject, extra: Buffer[]): Uint8Array {
  return resign(der, key, (fields) => {
    const last = readSigned(der, 'c').tbsFields.at(-1)!;
    const current = childrenOf(childrenOf(last, 'ext')[0]!, 'exts').map((e) => Buffer.from(e.der));
    return [...fields.slice(0, -1), tlv(0xa3, sequence(...current, ...extra))];
  });
}

describe('protocol/pki/x509-fields (strict DER reading of certificates and CRLs)', () => {
  let f: Fixtures;
  before(async () => {
    f = await generateFixtures({ now: NOW });
  });

  it('reads the same serial, validity, usages and URIs as @peculiar/x509 does for every fixture', () => {
    const all = [f.root, f.good.tls, f.good.signing, f.good.directory, f.goodJp.signing, f.rsa2048, f.revoked, f.noKeyUsage, f.wrongEku, f.caAsLeaf];
    for (const fixture of all) {
      const ours = parseCertificate(fixture.certificate);
      const theirs = fixture.certificate;
      expect(ours.serialNumber).to.equal(theirs.serialNumber.replace(/^0+/, ''));
      expect(ours.notBefore.getTime()).to.equal(theirs.notBefore.getTime());
      expect(ours.notAfter.getTime()).to.equal(theirs.notAfter.getTime());
      const ku = theirs.getExtension(x509.KeyUsagesExtension);
      const names = ku === null ? undefined : Object.entries(x509.KeyUsageFlags).filter(([, bit]) => typeof bit === 'number' && (ku.usages & bit) !== 0).map(([n]) => n);
      expect(keyUsageBits(ours) === undefined ? undefined : [...keyUsageBits(ours)!].sort()).to.deep.equal(names?.sort());
      const bc = theirs.getExtension(x509.BasicConstraintsExtension);
      expect(basicConstraints(ours).ca).to.equal(bc?.ca ?? false);
      expect(basicConstraints(ours).pathLength).to.equal(bc?.pathLength);
      expect(extendedKeyUsages(ours)).to.deep.equal(theirs.getExtension(x509.ExtendedKeyUsageExtension)?.usages ?? undefined);
      const san = theirs.getExtension(x509.SubjectAlternativeNameExtension);
      expect(sanUris(ours)).to.deep.equal(san === null ? [] : san.names.items.filter((n) => n.type === 'url').map((n) => n.value));
    }
    expect(parseCertificate(f.good.signing.certificate).subject).to.contain('CN=');
  });

  it('refuses a certificate with an extension twice, an explicit critical FALSE, or a bad Extension shape (CERT_MALFORMED)', async () => {
    const der = new Uint8Array(f.good.signing.certificate.rawData);
    const key = f.root.privateKey;
    const eku = extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.36')));
    const twice = withExtensions(der, key, [eku]);
    const explicitFalse = withExtensions(der, key, [extension('1.2.3.4', 'explicit-false', tlv(0x05))]);
    const noValue = withExtensions(der, key, [sequence(oid('1.2.3.4'))]);
    for (const leaf of [twice, explicitFalse, noValue]) {
      expect(await codeOf(validatePath({ leaf, trustAnchors: [f.root.certificate], purpose: 'signing', at: NOW }))).to.equal('CERT_MALFORMED');
    }
  });

  it('refuses an unrecognised critical extension and accepts it when not critical', async () => {
    const der = new Uint8Array(f.good.signing.certificate.rawData);
    const critical = withExtensions(der, f.root.privateKey, [extension('1.2.3.4', true, tlv(0x05))]);
    const plain = withExtensions(der, f.root.privateKey, [extension('1.2.3.4', false, tlv(0x05))]);
    const opts = { trustAnchors: [f.root.certificate], purpose: 'signing' as const, at: NOW };
    expect(await codeOf(validatePath({ ...opts, leaf: critical }))).to.equal('CERT_MALFORMED');
    expect(await codeOf(validatePath({ ...opts, leaf: plain }))).to.equal('PASSED');
  });

  it('refuses malformed keyUsage, basicConstraints and subjectAltName values', () => {
    expect(() => decodeKeyUsage(Buffer.from([0x04, 0x00]))).to.throw(/expected tag 0x3/);
    expect([...decodeKeyUsage(Buffer.from([0x03, 0x02, 0x01, 0x86]))]).to.deep.equal(['digitalSignature', 'keyCertSign', 'cRLSign']);
    expect([...decodeKeyUsage(Buffer.from([0x03, 0x03, 0x07, 0x00, 0x80]))]).to.deep.equal(['decipherOnly']);
    expect(decodeBasicConstraints(sequence())).to.deep.equal({ ca: false });
    expect(decodeBasicConstraints(sequence(tlv(0x01, Buffer.from([0xff])), tlv(0x02, Buffer.from([1]))))).to.deep.equal({ ca: true, pathLength: 1 });
    expect(() => decodeBasicConstraints(sequence(tlv(0x01, Buffer.from([0x00]))))).to.throw(/explicit cA FALSE/);
    expect(() => decodeBasicConstraints(sequence(tlv(0x01, Buffer.from([0xff])), tlv(0x02, Buffer.from([0xff]))))).to.throw(/out of range/);
    expect(() => decodeBasicConstraints(sequence(tlv(0x02, Buffer.from([1])), tlv(0x02, Buffer.from([1]))))).to.throw(/bad basicConstraints/);
    expect(decodeSanUris(sequence(tlv(0x82, Buffer.from('localhost')), tlv(0x86, Buffer.from('urn:ipex:office:EP'))))).to.deep.equal(['urn:ipex:office:EP']);
    expect(() => decodeSanUris(sequence())).to.throw(/empty subjectAltName/);
    expect(() => decodeSanUris(sequence(tlv(0x86, Buffer.from('urn:ipex:office:EP\nx'))))).to.throw(/not printable/);
    expect(() => decodeSanUris(sequence(tlv(0x16, Buffer.from('urn:x'))))).to.throw(/not a GeneralName/);
  });

  it('parses the network CRL and refuses an unrecognised critical CRL or entry extension, and extensions in a v1 CRL', () => {
    const der = parseCrl(f.crlPem).der;
    const key = f.root.privateKey;
    const fields = readSigned(der, 'crl').tbsFields;
    const lastIsExtensions = fields.at(-1)!.tag === 0xa0;
    expect(lastIsExtensions).to.equal(true);
    const addCrlExtension = (ext: Buffer) => resign(der, key, (all) => {
      const current = childrenOf(childrenOf(fields.at(-1)!, 'x')[0]!, 'y').map((e) => Buffer.from(e.der));
      return [...all.slice(0, -1), tlv(0xa0, sequence(...current, ext))];
    });
    expect(parseCrl(addCrlExtension(extension('1.2.3.4', false, tlv(0x05)))).number).to.equal(1);
    expect(codeOfSync(() => parseCrl(addCrlExtension(extension('1.2.3.4', true, tlv(0x05)))))).to.equal('CRL_SIGNATURE_INVALID');
    // An entry with a critical extension ipex does not know (the revoked list is the field before the extensions).
    const withEntry = resign(der, key, (all) => {
      const entry = sequence(tlv(0x02, Buffer.from([0x01, 0x23])), tlv(0x17, Buffer.from('260101000000Z')),
        sequence(extension('1.2.3.4', true, tlv(0x05))));
      return [...all.slice(0, -2), sequence(entry), all.at(-1)!];
    });
    expect(codeOfSync(() => parseCrl(withEntry))).to.equal('CRL_SIGNATURE_INVALID');
    const v1 = resign(der, key, (all) => all.slice(1)); // no version, extensions kept
    expect(codeOfSync(() => parseCrl(v1))).to.equal('CRL_SIGNATURE_INVALID');
    const trailing = resign(der, key, (all) => [...all, tlv(0x05)]);
    expect(codeOfSync(() => parseCrl(trailing))).to.equal('CRL_SIGNATURE_INVALID');
  });
});

function codeOfSync(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code ?? 'NO_CODE';
  }
  return 'PASSED';
}
