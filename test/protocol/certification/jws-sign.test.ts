import { expect } from 'chai';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import { derTime, oid } from '../../../protocol/certification/der.js';
import { compactSign } from '../../../protocol/certification/jws-sign.js';
import { makeOffice } from './helpers.js';

describe('certification/jws-sign (compact JWS with node crypto, issue 5)', () => {
  const payload = Buffer.from('{"format":"ipex-manifest/1","title":"Widget é"}', 'utf8');

  it('gives exactly the compact JWS jose gives for RS256 (deterministic)', async () => {
    const rsa = await makeOffice('EP', 'RSA-2048');
    const chain = [new Uint8Array(rsa.certificate.rawData)];
    const ours = compactSign(payload, 'RS256', 'ipex-manifest+json', chain, rsa.privateKey);
    const theirs = await new CompactSign(payload)
      .setProtectedHeader({ alg: 'RS256', typ: 'ipex-manifest+json', x5c: chain.map((d) => Buffer.from(d).toString('base64')) })
      .sign(rsa.privateKey);
    expect(ours).to.equal(theirs);
  });

  for (const [alg, key] of [
    ['ES256', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
    ['ES384', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey],
    ['PS256', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey],
  ] as const) {
    it(`signs ${alg} so that jose verifies it, and a changed payload fails`, async () => {
      const jws = compactSign(payload, alg, 'ipex-manifest+json', [Buffer.from('cert')], key);
      const { payload: got, protectedHeader } = await compactVerify(jws, createPublicKey(key), { algorithms: [alg] });
      expect(Buffer.from(got).equals(payload)).to.equal(true);
      expect(protectedHeader).to.deep.equal({ alg, typ: 'ipex-manifest+json', x5c: [Buffer.from('cert').toString('base64')] });
      const [h, , s] = jws.split('.');
      const forged = `${h}.${Buffer.from('{"x":1}').toString('base64url')}.${s}`;
      let failed = false;
      await compactVerify(forged, createPublicKey(key), { algorithms: [alg] }).catch(() => { failed = true; });
      expect(failed).to.equal(true);
    });
  }
});

describe('certification/der (the DER pieces of the CMS signer)', () => {
  it('encodes OBJECT IDENTIFIERs, including multi-byte arcs (X.690 §8.19)', () => {
    expect(oid('1.2.840.113549.1.7.2').toString('hex')).to.equal('06092a864886f70d010702');
    expect(oid('2.16.840.1.101.3.4.2.1').toString('hex')).to.equal('0609608648016503040201');
  });

  it('writes UTCTime for 1950–2049 and GeneralizedTime otherwise, in whole seconds (RFC 5652 §11.3)', () => {
    expect(derTime(new Date('2026-06-01T12:00:00.999Z')).toString('latin1')).to.equal('\x17\x0d260601120000Z');
    expect(derTime(new Date('1950-01-01T00:00:00Z')).toString('latin1')).to.equal('\x17\x0d500101000000Z');
    expect(derTime(new Date('2050-01-01T00:00:00Z')).toString('latin1')).to.equal('\x18\x0f20500101000000Z');
    expect(derTime(new Date('1949-12-31T23:59:59Z')).toString('latin1')).to.equal('\x18\x0f19491231235959Z');
  });
});
