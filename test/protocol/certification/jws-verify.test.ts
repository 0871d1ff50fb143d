import { expect } from 'chai';
import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { compactVerify, JwsVerificationError } from '../../../protocol/certification/jws-verify.js';
import type { ManifestAlg } from '../../../protocol/certification/signer.js';

const payload = Buffer.from('{"format":"ipex-manifest/1","title":"Widget é"}', 'utf8');
const keys = {
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
  ES384: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey,
  PS256: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
  RS256: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
} as const;

/** A JWS made by jose (an independent implementation) with any header. */
function joseSign(header: Record<string, unknown> & { alg: string }, key: KeyObject, body: Uint8Array = payload): Promise<string> {
  return new CompactSign(body).setProtectedHeader(header).sign(key);
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(JwsVerificationError);
    return (err as Error).message;
  }
  expect.fail('accepted');
}

/** `jws` with its header segment replaced by the base64url of `header`, signed again with `key` for `alg`. */
function withHeader(header: string, alg: 'ES256' | 'RS256', key: KeyObject): string {
  const h = Buffer.from(header).toString('base64url');
  const p = payload.toString('base64url');
  const sig = sign('sha256', Buffer.from(`${h}.${p}`), alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${h}.${p}.${sig.toString('base64url')}`;
}

describe('certification/jws-verify (compact JWS verification with node:crypto, issue 14)', () => {
  for (const alg of Object.keys(keys) as ManifestAlg[]) {
    it(`verifies what jose signs with ${alg} and refuses a changed payload or signature`, async () => {
      const key = keys[alg];
      const jws = await joseSign({ alg, typ: 'ipex-manifest+json' }, key);
      expect(compactVerify(jws, createPublicKey(key), [alg]).payload.equals(payload)).to.equal(true);
      const [h, , s] = jws.split('.');
      expect(refusal(() => compactVerify(`${h}.${Buffer.from('{"x":1}').toString('base64url')}.${s}`, createPublicKey(key), [alg]))).to.match(/does not verify/);
      const flipped = Buffer.from(s!, 'base64url');
      flipped[5]! ^= 1;
      expect(refusal(() => compactVerify(`${h}.${jws.split('.')[1]}.${flipped.toString('base64url')}`, createPublicKey(key), [alg]))).to.match(/does not verify/);
    });
  }

  it('refuses an alg outside the allowlist, one that does not fit the key, and "none"', async () => {
    const jws = await joseSign({ alg: 'ES256' }, keys.ES256);
    expect(refusal(() => compactVerify(jws, createPublicKey(keys.ES256), ['ES384']))).to.match(/not allowed/);
    expect(refusal(() => compactVerify(jws, createPublicKey(keys.ES384), ['ES256']))).to.match(/does not fit the key/);
    const rs = await joseSign({ alg: 'RS256' }, keys.RS256);
    expect(refusal(() => compactVerify(rs, createPublicKey(keys.ES256), ['RS256']))).to.match(/does not fit the key/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload.toString('base64url')}.`;
    expect(refusal(() => compactVerify(none, createPublicKey(keys.ES256), ['ES256']))).to.match(/not a compact JWS/);
    const rsaShort = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const short = withHeader('{"alg":"RS256"}', 'RS256', rsaShort);
    expect(refusal(() => compactVerify(short, createPublicKey(rsaShort), ['RS256']))).to.match(/does not fit the key/);
  });

  it('refuses crit and b64 headers, a header that is not a JSON object, and malformed segments', () => {
    const key = keys.ES256;
    const pub = createPublicKey(key);
    expect(refusal(() => compactVerify(withHeader('{"alg":"ES256","crit":["exp"],"exp":1}', 'ES256', key), pub, ['ES256']))).to.match(/critical/);
    expect(refusal(() => compactVerify(withHeader('{"alg":"ES256","b64":false,"crit":["b64"]}', 'ES256', key), pub, ['ES256']))).to.match(/critical|b64/);
    expect(refusal(() => compactVerify(withHeader('{"alg":"ES256","b64":true}', 'ES256', key), pub, ['ES256']))).to.match(/b64/);
    expect(refusal(() => compactVerify(withHeader('["ES256"]', 'ES256', key), pub, ['ES256']))).to.match(/not a JSON object/);
    expect(refusal(() => compactVerify(withHeader('{"alg":"ES256"', 'ES256', key), pub, ['ES256']))).to.match(/not UTF-8 JSON/);
    const good = withHeader('{"alg":"ES256"}', 'ES256', key);
    expect(compactVerify(good, pub, ['ES256']).payload.equals(payload)).to.equal(true);
    expect(refusal(() => compactVerify(`${good}.x`, pub, ['ES256']))).to.match(/not a compact JWS/);
    expect(refusal(() => compactVerify(good.replace('.', '.+'), pub, ['ES256']))).to.match(/not a compact JWS/);
    const [h, p, s] = good.split('.');
    expect(refusal(() => compactVerify(`${h}.${p}.${s!.slice(0, -4)}`, pub, ['ES256']))).to.match(/wrong length/);
  });
});
