/**
 * Every shape the detached-CMS verifier refuses (protocol/certification/cms-verify.ts), each made
 * by hand from the DER builder with the office's real key, so that exactly one thing is wrong
 * and the signature over the signed attributes is otherwise good. The verifier reads the
 * structure with the strict DER reader of path validation; these cases hold each of its checks.
 */
import { expect } from 'chai';
import { createHash, sign } from 'node:crypto';
import { verifyPartDetached } from '../../../protocol/certification/cms.js';
import { OID } from '../../../protocol/certification/cms-oids.js';
import { children, derTime, oid, sequence, set, tlv } from '../../../protocol/certification/der.js';
import { cmsSignerMaterial } from '../../../protocol/certification/signing-material.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { makeOffice, NOW, type Office } from './helpers.js';

const PART = Buffer.from('%PDF-1.7\n a part');
const SHA256 = createHash('sha256').update(PART).digest();
const attribute = (type: string, ...values: Buffer[]): Buffer => sequence(oid(type), set(...values));

/** What to change in an otherwise good signature. */
interface Recipe {
  attributes?: Buffer[];
  signedAttrsTag?: number;
  sid?: (good: Buffer) => Buffer;
  digestAlgorithm?: Buffer;
  signatureAlgorithm?: Buffer;
  certificates?: Buffer | null;
  encap?: Buffer;
  signedDataVersion?: Buffer;
  signers?: (one: Buffer) => Buffer[];
  extraSignedData?: Buffer[];
  extraSignerInfo?: Buffer[];
  contentType?: string;
  wrap?: (signedData: Buffer) => Buffer;
}

function build(office: Office, r: Recipe = {}): Buffer {
  const m = cmsSignerMaterial(office.privateKey, [new Uint8Array(office.certificate.rawData)]);
  const attrs = set(...(r.attributes ?? [
    attribute(OID.contentType, oid(OID.data)), attribute(OID.messageDigest, tlv(0x04, SHA256)), attribute(OID.signingTime, derTime(NOW)),
  ]).sort(Buffer.compare));
  const signature = sign(m.signatureHash, attrs, office.privateKey);
  attrs[0] = r.signedAttrsTag ?? 0xa0;
  const one = sequence(Buffer.from([2, 1, 1]), r.sid?.(m.sid) ?? m.sid, r.digestAlgorithm ?? m.digestAlgorithm, attrs,
    r.signatureAlgorithm ?? m.signatureAlgorithm, tlv(0x04, signature), ...(r.extraSignerInfo ?? []));
  const signedData = sequence(r.signedDataVersion ?? Buffer.from([2, 1, 1]), m.digestAlgorithms, r.encap ?? m.encapContentInfo,
    ...(r.certificates === null ? [] : [r.certificates ?? m.certificates]), ...(r.extraSignedData ?? []), set(...(r.signers?.(one) ?? [one])));
  return r.wrap?.(signedData) ?? sequence(oid(r.contentType ?? OID.signedData), tlv(0xa0, signedData));
}

async function refusal(der: Buffer): Promise<string> {
  try {
    await verifyPartDetached(der, { sha256: SHA256, trustAnchors: [office.root], at: NOW });
  } catch (err) {
    return isIpexError(err) ? `${err.code}: ${err.message}` : `not-ipex: ${(err as Error).message}`;
  }
  return 'accepted';
}

let office: Office;

describe('certification/cms-verify: the shapes it refuses', () => {
  before(async () => { office = await makeOffice('EP'); });

  it('accepts the hand-made signature when nothing is changed (the recipe itself is sound)', async () => {
    const signer = await verifyPartDetached(build(office), { sha256: SHA256, trustAnchors: [office.root], at: NOW });
    expect(signer.officeCode).to.equal('EP');
    expect(signer.signingTime?.toISOString()).to.equal(NOW.toISOString());
    // Without signingTime it is still a good signature, with no time claimed.
    const untimed = build(office, { attributes: [attribute(OID.contentType, oid(OID.data)), attribute(OID.messageDigest, tlv(0x04, SHA256))] });
    expect((await verifyPartDetached(untimed, { sha256: SHA256, trustAnchors: [office.root], at: NOW })).signingTime).to.equal(undefined);
  });

  it('refuses what is not DER or not a SignedData', async () => {
    const good = build(office);
    const indefinite = Buffer.concat([Buffer.from([0x30, 0x80]), good.subarray(4), Buffer.from([0, 0])]); // BER, not DER
    expect(await refusal(indefinite)).to.match(/^CMS_MALFORMED: the part signature is not a DER CMS SignedData: indefinite length/);
    expect(await refusal(build(office, { contentType: OID.data }))).to.match(/^CMS_MALFORMED: .*content type 1\.2\.840\.113549\.1\.7\.1/);
    expect(await refusal(build(office, { wrap: (sd) => sequence(oid(OID.signedData), tlv(0xa0, sd, sd)) }))).to.match(/content \[0\] does not hold one value/);
    expect(await refusal(build(office, { wrap: (sd) => sequence(oid(OID.signedData), tlv(0xa1, sd)) }))).to.match(/not a ContentInfo/);
    expect(await refusal(build(office, { signedDataVersion: Buffer.from([2, 2, 0, 1]) }))).to.match(/non-minimal INTEGER/);
    expect(await refusal(build(office, { extraSignedData: [tlv(0xa2)] }))).to.match(/unexpected fields in SignedData/);
    expect(await refusal(build(office, { extraSignedData: [tlv(0xa1), tlv(0xa1)] }))).to.match(/unexpected fields in SignedData/);
  });

  it('refuses content that is not id-data, attached content, and a signer count other than one', async () => {
    expect(await refusal(build(office, { encap: sequence(oid(OID.signedData)) }))).to.equal('CMS_MALFORMED: the part signature does not sign id-data');
    expect(await refusal(build(office, { encap: sequence(oid(OID.data), tlv(0xa0, tlv(0x04, PART))) }))).to.equal('CMS_MALFORMED: the part signature is not detached (it carries content)');
    expect(await refusal(build(office, { signers: (one) => [one, one] }))).to.equal('CMS_MALFORMED: the part signature has 2 signers instead of one');
    expect(await refusal(build(office, { signers: () => [] }))).to.equal('CMS_MALFORMED: the part signature has 0 signers instead of one');
  });

  it('refuses a signer named by key identifier, or absent from the carried certificates', async () => {
    expect(await refusal(build(office, { sid: () => tlv(0x80, Buffer.alloc(20, 1)) }))).to.equal('CMS_MALFORMED: the part signature identifies its signer other than by issuer and serial number');
    expect(await refusal(build(office, { certificates: null }))).to.equal('CMS_MALFORMED: the part signature does not carry the signer certificate');
    expect(await refusal(build(office, { certificates: tlv(0xa0, tlv(0xa1, Buffer.alloc(3))) }))).to.equal('CMS_MALFORMED: the part signature carries a certificate format other than X.509');
    const otherSerial = (good: Buffer): Buffer => {
      const [issuer] = [good.subarray(2, 2 + 2 + good[3]!)]; // the issuer Name is short here: one-byte length
      return sequence(issuer, Buffer.from([2, 1, 0x7f]));
    };
    expect(await refusal(build(office, { sid: otherSerial }))).to.equal('CMS_MALFORMED: the part signature does not carry the signer certificate');
    expect(await refusal(build(office, { certificates: tlv(0xa0, sequence(Buffer.from([2, 1, 1]))) }))).to.equal('CMS_MALFORMED: the part signature does not carry the signer certificate');
    // A carried "certificate" with the signer's issuer and serial that is no certificate at all.
    const [issuer, serial] = children(cmsSignerMaterial(office.privateKey, [new Uint8Array(office.certificate.rawData)]).sid);
    const alg = sequence(oid(OID.ecdsaWithSha256));
    const fake = sequence(sequence(tlv(0xa0, Buffer.from([2, 1, 2])), serial!, alg, issuer!, sequence()), alg, tlv(0x03, Buffer.from([0, 1, 2])));
    expect(await refusal(build(office, { certificates: tlv(0xa0, fake) }))).to.equal('CMS_MALFORMED: a certificate carried in the part signature cannot be parsed');
  });

  it('refuses missing, empty or malformed signed attributes', async () => {
    expect(await refusal(build(office, { signedAttrsTag: 0x31 }))).to.equal('CMS_MALFORMED: the part signature has no signed attributes');
    expect(await refusal(build(office, { attributes: [] }))).to.equal('CMS_MALFORMED: the part signature has no signed attributes');
    expect(await refusal(build(office, { attributes: [sequence(oid(OID.contentType), oid(OID.data))] }))).to.match(/^CMS_MALFORMED: the part signature has malformed signed attributes: bad Attribute/);
    const digest = attribute(OID.messageDigest, tlv(0x04, SHA256));
    expect(await refusal(build(office, { attributes: [digest] }))).to.equal(`CMS_MALFORMED: the part signature does not have exactly one ${OID.contentType} attribute value`);
    expect(await refusal(build(office, { attributes: [attribute(OID.contentType, oid(OID.signedData)), digest] }))).to.equal('CMS_MALFORMED: the part signature has a contentType attribute other than id-data');
    const type = attribute(OID.contentType, oid(OID.data));
    expect(await refusal(build(office, { attributes: [type, attribute(OID.messageDigest, tlv(0x04, SHA256), tlv(0x04, SHA256))] })))
      .to.equal(`CMS_MALFORMED: the part signature does not have exactly one ${OID.messageDigest} attribute value`);
    expect(await refusal(build(office, { attributes: [type, attribute(OID.messageDigest, oid(OID.data))] }))).to.equal('CMS_MALFORMED: the part signature has a malformed messageDigest attribute');
    expect(await refusal(build(office, { attributes: [type, attribute(OID.messageDigest, tlv(0x04, SHA256.subarray(1)))] })))
      .to.match(/^PART_DIGEST_MISMATCH/);
    expect(await refusal(build(office, { attributes: [type, digest, attribute(OID.signingTime, tlv(0x17, Buffer.from('2606011200Z')))] })))
      .to.equal('CMS_MALFORMED: the part signature has a malformed signingTime attribute');
    expect(await refusal(build(office, { attributes: [type, digest, attribute(OID.signingTime, derTime(NOW), derTime(NOW))] })))
      .to.equal(`CMS_MALFORMED: the part signature does not have exactly one ${OID.signingTime} attribute value`);
  });

  it('refuses a digest other than SHA-256, a signature algorithm not allowed for the key, and attributes that were not what was signed', async () => {
    expect(await refusal(build(office, { digestAlgorithm: sequence(oid('2.16.840.1.101.3.4.2.3')) }))).to.equal('CMS_MALFORMED: the part signature does not use SHA-256 as its digest algorithm');
    expect(await refusal(build(office, { signatureAlgorithm: sequence(oid(OID.sha256WithRsa)) }))).to.equal(`CMS_SIGNATURE_INVALID: signature algorithm ${OID.sha256WithRsa} is not allowed for this key`);
    expect(await refusal(build(office, { signatureAlgorithm: sequence(oid('1.2.3.4')) }))).to.equal('CMS_SIGNATURE_INVALID: signature algorithm 1.2.3.4 is not allowed for this key');
    // A signed attribute changed after signing (the time, still a valid one) breaks the signature.
    const good = build(office);
    const time = good.indexOf(Buffer.from('260601120000Z', 'latin1'));
    expect(time).to.be.greaterThan(0);
    const changed = Buffer.from(good);
    changed[time + 1] = 0x37; // 2026 → 2027
    expect(await refusal(changed)).to.equal('CMS_SIGNATURE_INVALID: part signature verification failed');
    expect(await refusal(build(office, { extraSignerInfo: [tlv(0xa1), tlv(0xa1)] }))).to.match(/unexpected fields in SignerInfo/);
    expect(await refusal(build(office, { extraSignerInfo: [tlv(0xa2)] }))).to.match(/unexpected fields in SignerInfo/);
    expect(await verifyPartDetached(build(office, { extraSignerInfo: [tlv(0xa1, attribute('1.2.3.4', tlv(0x05)))] }), { sha256: SHA256, trustAnchors: [office.root], at: NOW }))
      .to.have.property('officeCode', 'EP'); // unsigned attributes are allowed (RFC 5652 §5.3) and ignored
  });
});
