// C2SP verifier keys against the golang.org/x/mod sumdb/note vectors (see vectors.ts).
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import {
  SIG_TYPE_COSIGNATURE_V1,
  ed25519RawPublicKey,
  formatSignerKey,
  formatVerifierKey,
  keyIdOf,
  parseSignerKey,
  parseVerifierKey,
} from '../../../protocol/note/index.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { BAD_VKEYS, ENOCH_VKEY, PETER_SKEY, PETER_VKEY } from './vectors.js';

function expectCode(fn: () => unknown, code: 'VERIFIER_KEY_MALFORMED'): void {
  try {
    fn();
  } catch (err) {
    expect(isIpexError(err, code), String(err)).to.equal(true);
    return;
  }
  expect.fail('should throw');
}

describe('protocol/note verifier keys', () => {
  it('parses the PeterNeumann and EnochRoot keys', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    expect(peter.name).to.equal('PeterNeumann');
    expect(peter.keyId.toString('hex')).to.equal('c74f20a3');
    expect(peter.type).to.equal(1);
    expect(peter.publicKey.asymmetricKeyType).to.equal('ed25519');
    expect(parseVerifierKey(ENOCH_VKEY).keyId.toString('hex')).to.equal('af0cfe78');
  });

  it('round-trips: formatting the parsed key gives the same string', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    expect(formatVerifierKey('PeterNeumann', peter.publicKey)).to.equal(PETER_VKEY);
    expect(formatVerifierKey('PeterNeumann', peter.rawPublicKey)).to.equal(PETER_VKEY);
  });

  it('computes key IDs as SHA-256(name ‖ LF ‖ 0x01 ‖ key)[0:4]', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    expect(keyIdOf('PeterNeumann', Buffer.concat([Buffer.from([1]), peter.rawPublicKey])).toString('hex')).to.equal('c74f20a3');
  });

  it('rejects the two published bad keys', () => {
    for (const k of BAD_VKEYS) expectCode(() => parseVerifierKey(k), 'VERIFIER_KEY_MALFORMED');
  });

  it('rejects every proper substring and every one-character change of the key (as note_test.go does)', () => {
    const b = PETER_VKEY;
    for (let i = 0; i <= b.length; i++) {
      for (let j = i + 1; j <= b.length; j++) {
        if (i !== 0 || j !== b.length) expectCode(() => parseVerifierKey(b.slice(i, j)), 'VERIFIER_KEY_MALFORMED');
      }
    }
    for (let i = 0; i < b.length; i++) {
      const changed = b.slice(0, i) + String.fromCharCode(b.charCodeAt(i) + 1) + b.slice(i + 1);
      expectCode(() => parseVerifierKey(changed), 'VERIFIER_KEY_MALFORMED');
    }
  });

  it('accepts a type-0x04 cosigner key only when asked to', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const vkey = formatVerifierKey('witness.example/w1', publicKey, SIG_TYPE_COSIGNATURE_V1);
    expectCode(() => parseVerifierKey(vkey), 'VERIFIER_KEY_MALFORMED');
    const parsed = parseVerifierKey(vkey, [SIG_TYPE_COSIGNATURE_V1]);
    expect(parsed.type).to.equal(4);
    expect(parsed.rawPublicKey.equals(ed25519RawPublicKey(publicKey))).to.equal(true);
  });

  it('refuses names with a space or plus, and non-Ed25519 keys', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    expectCode(() => formatVerifierKey('a b', publicKey), 'VERIFIER_KEY_MALFORMED');
    expectCode(() => formatVerifierKey('a+b', publicKey), 'VERIFIER_KEY_MALFORMED');
    expectCode(() => formatVerifierKey('', publicKey), 'VERIFIER_KEY_MALFORMED');
    expectCode(() => formatVerifierKey('a', generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey), 'VERIFIER_KEY_MALFORMED');
    expectCode(() => formatVerifierKey('a', Buffer.alloc(31)), 'VERIFIER_KEY_MALFORMED');
  });

  it('parses the published signer key and re-formats it byte for byte', () => {
    const s = parseSignerKey(PETER_SKEY);
    expect(s.name).to.equal('PeterNeumann');
    expect(s.keyId.toString('hex')).to.equal('c74f20a3');
    expect(formatVerifierKey(s.name, s.privateKey)).to.equal(PETER_VKEY);
    expect(formatSignerKey(s.name, s.privateKey)).to.equal(PETER_SKEY);
    expectCode(() => parseSignerKey(PETER_SKEY.replace('c74f20a3', 'c74f20a4')), 'VERIFIER_KEY_MALFORMED');
    expectCode(() => parseSignerKey(PETER_VKEY), 'VERIFIER_KEY_MALFORMED');
  });
});
