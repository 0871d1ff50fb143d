// signRequest / verifyRequest in the ipex profile, with a negative case for every error code.
// Keys: RFC 9421 B.1.3 (P-256) and B.1.4 (Ed25519), plus freshly generated P-384 and RSA keys.
import { expect } from 'chai';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  IPEX_TAGS,
  MemoryReplayCache,
  generateNonce,
  signRequest,
  staticKeyResolver,
  verifyRequest,
  type HttpRequestMessage,
  type SignatureAlgorithm,
  type VerifyOptions,
} from '../../../protocol/http-signatures/index.js';
import { isIpexError, type ErrorCode, type IpexError } from '../../../protocol/errors/index.js';
import { FixedClock, systemRandom } from '../../../protocol/runtime/clock.js';
import { ECC_P256_PRIVATE, ECC_P256_PUBLIC, ED25519_PRIVATE, ED25519_PUBLIC } from './rfc9421-keys.js';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

const KEYS: Record<SignatureAlgorithm, { privateKey: KeyObject; publicKey: KeyObject }> = {
  'ecdsa-p256-sha256': { privateKey: ECC_P256_PRIVATE, publicKey: ECC_P256_PUBLIC },
  'ecdsa-p384-sha384': p384,
  'rsa-pss-sha512': rsa,
  ed25519: { privateKey: ED25519_PRIVATE, publicKey: ED25519_PUBLIC },
};

const request: HttpRequestMessage = {
  method: 'POST',
  url: 'https://ipex.jpo.example/exchange/v1/retrievals?x=1',
  headers: { 'Content-Type': 'application/json', Host: 'ipex.jpo.example' },
  body: Buffer.from('{"applicationNumberText":"23123456","ipOfficeCode":"EP"}'),
};

function signed(
  message: HttpRequestMessage = request,
  overrides: Partial<Parameters<typeof signRequest>[1]> = {},
): HttpRequestMessage {
  const added = signRequest(message, {
    keyId: 'ep-signing-1',
    privateKey: ECC_P256_PRIVATE,
    alg: 'ecdsa-p256-sha256',
    created: new Date(NOW),
    nonce: generateNonce(systemRandom),
    tag: IPEX_TAGS.exchangeRequest,
    ...overrides,
  });
  return { ...message, headers: { ...message.headers, ...added } };
}

function options(overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  // The replay cache must share the verifier's clock, or it expires nonces on another time line.
  const clock = overrides.clock ?? new FixedClock(NOW);
  return {
    resolveKey: staticKeyResolver({ 'ep-signing-1': { publicKey: ECC_P256_PUBLIC, alg: 'ecdsa-p256-sha256' } }),
    clock,
    replayCache: new MemoryReplayCache({ clock }),
    expectedTag: IPEX_TAGS.exchangeRequest,
    ...overrides,
  };
}

function expectCode(fn: () => unknown, code: ErrorCode): Error {
  try {
    fn();
  } catch (err) {
    expect(isIpexError(err, code), `expected ${code}, got ${String(err)}`).to.equal(true);
    return err as Error;
  }
  return expect.fail(`expected ${code}, nothing thrown`);
}

describe('protocol/http-signatures signRequest / verifyRequest', () => {
  it('adds Signature-Input, Signature and Content-Digest in the ipex profile', () => {
    const headers = signRequest(request, {
      keyId: 'ep-signing-1',
      privateKey: ECC_P256_PRIVATE,
      alg: 'ecdsa-p256-sha256',
      created: new Date(NOW),
      nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
      tag: IPEX_TAGS.exchangeRequest,
    });
    expect(headers['Signature-Input']).to.equal(
      `ipex=("@method" "@target-uri" "content-digest");created=${NOW / 1000};keyid="ep-signing-1";nonce="AAAAAAAAAAAAAAAAAAAAAA";tag="ipex-exchange-v1"`,
    );
    expect(headers.Signature).to.match(/^ipex=:[A-Za-z0-9+/]{86}==:$/); // 64 bytes r‖s
    expect(headers['Content-Digest']).to.match(/^sha-256=:[A-Za-z0-9+/]{43}=:$/);
  });

  for (const alg of Object.keys(KEYS) as SignatureAlgorithm[]) {
    it(`signs and verifies with ${alg}`, () => {
      const message = signed(request, { alg, privateKey: KEYS[alg].privateKey });
      const result = verifyRequest(
        message,
        options({ resolveKey: staticKeyResolver({ 'ep-signing-1': { publicKey: KEYS[alg].publicKey, alg } }) }),
      );
      expect(result).to.include({ keyId: 'ep-signing-1', alg, tag: 'ipex-exchange-v1', label: 'ipex' });
      expect(result.created.getTime()).to.equal(NOW);
      expect(result.coveredComponents).to.deep.equal(['"@method"', '"@target-uri"', '"content-digest"']);
    });
  }

  it('signs a request without a body without content-digest', () => {
    const get = { method: 'GET', url: 'https://ipex.jpo.example/exchange/v1/checkpoint', headers: {} };
    const message = signed(get);
    expect(message.headers).not.to.have.property('Content-Digest');
    expect(verifyRequest(message, options()).coveredComponents).to.deep.equal(['"@method"', '"@target-uri"']);
  });

  it('refuses to sign with a key that does not fit the algorithm', () => {
    expectCode(() => signed(request, { alg: 'ed25519' }), 'INVALID_INPUT');
    expectCode(() => signed(request, { privateKey: ECC_P256_PUBLIC }), 'INVALID_INPUT');
  });

  describe('negative cases', () => {
    it('SIGNATURE_MISSING: no signature', () => {
      expectCode(() => verifyRequest(request, options()), 'SIGNATURE_MISSING');
    });

    // issue 10, item 16: a signature with another tag is not "missing"; the answer names the tag wanted.
    it('SIGNATURE_TAG_UNKNOWN: signed, but none with the expected tag; the public detail names it', () => {
      const other = signed(request, { tag: 'ipex-exchange' });
      const err = expectCode(() => verifyRequest(other, options()), 'SIGNATURE_TAG_UNKNOWN') as IpexError;
      expect(err.publicDetail).to.equal('expected tag ipex-exchange-v1; the signature carries "ipex-exchange"');
      const good = signed();
      const untagged = { ...good, headers: { ...good.headers, 'Signature-Input': String(good.headers['Signature-Input']).replace(';tag="ipex-exchange-v1"', '') } };
      expect((expectCode(() => verifyRequest(untagged, options()), 'SIGNATURE_TAG_UNKNOWN') as IpexError).publicDetail)
        .to.equal('expected tag ipex-exchange-v1; the signature carries no tag');
    });

    it('SIGNATURE_MALFORMED: bad syntax, missing profile parameters, bad types', () => {
      const good = signed();
      const withInput = (input: string) => ({ ...good, headers: { ...good.headers, 'Signature-Input': input } });
      const base = `ipex=("@method" "@target-uri" "content-digest");created=${NOW / 1000};keyid="ep-signing-1"`;
      const tag = ';tag="ipex-exchange-v1"';
      for (const input of [
        'ipex=garbage(',
        `${base};nonce="0123456789abcdef"${tag}, ipex=()`,
        `${base}${tag}`, // no nonce
        `${base};nonce="short"${tag}`,
        `ipex=("@method");keyid="ep-signing-1";nonce="0123456789abcdef"${tag}`, // no created
        `ipex=("@method");created="${NOW / 1000}";keyid="ep-signing-1";nonce="0123456789abcdef"${tag}`,
        `ipex=("@method");created=${NOW / 1000};keyid=ep;nonce="0123456789abcdef"${tag}`,
      ]) {
        expectCode(() => verifyRequest(withInput(input), options()), 'SIGNATURE_MALFORMED');
      }
      const notBytes = { ...good, headers: { ...good.headers, Signature: 'ipex="abc"' } };
      expectCode(() => verifyRequest(notBytes, options()), 'SIGNATURE_MALFORMED');
      const otherLabel = { ...good, headers: { ...good.headers, Signature: 'other=:AAAA:' } };
      expectCode(() => verifyRequest(otherLabel, options()), 'SIGNATURE_MALFORMED');
      // Components outside the profile (here @request-target) and unknown component parameters.
      expectCode(() => signed(request, { components: ['@method', '@target-uri', '@request-target'] }), 'INVALID_INPUT');
      for (const extra of ['"@request-target"', '"content-type";sf', '"@status"', '"@method";req', '"Content-Type"', '"@method" "@method"']) {
        const input = String(good.headers['Signature-Input']).replace('"content-digest")', `"content-digest" ${extra})`);
        expectCode(() => verifyRequest(withInput(input), options()), 'SIGNATURE_MALFORMED');
      }
      // A field value that would forge a line of the signature base.
      const typed = signed(request, { components: ['@method', '@target-uri', 'content-type'] });
      const forged = { ...typed, headers: { ...typed.headers, 'Content-Type': 'a\n"@method": GET' } };
      expectCode(() => verifyRequest(forged, options()), 'SIGNATURE_MALFORMED');
      const nonAscii = { ...typed, headers: { ...typed.headers, 'Content-Type': 'application/jsön' } };
      expectCode(() => verifyRequest(nonAscii, options()), 'SIGNATURE_MALFORMED');
    });

    it('SIGNATURE_INVALID: tampering, wrong or unknown key, alg mismatch — with a generic public detail', () => {
      const good = signed();
      const cases: HttpRequestMessage[] = [
        { ...good, method: 'PUT' },
        { ...good, url: 'https://ipex.jpo.example/exchange/v1/retrievals?x=2' },
        { ...good, url: 'https://evil.example/exchange/v1/retrievals?x=1' },
        { ...good, headers: { ...good.headers, 'Content-Digest': 'sha-256=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:' } },
        { ...good, headers: { ...good.headers, 'Signature-Input': String(good.headers['Signature-Input']).replace('ep-signing-1', 'jp-signing-1') } },
        { ...good, headers: { ...good.headers, 'Signature-Input': `${String(good.headers['Signature-Input'])};alg="ed25519"` } },
      ];
      for (const message of cases) {
        const err = expectCode(() => verifyRequest(message, options()), 'SIGNATURE_INVALID') as Error & { publicDetail: string };
        expect(err.publicDetail).to.equal('Signature verification failed');
      }
      // The key is registered for another algorithm: the message cannot choose.
      const wrongAlg = staticKeyResolver({ 'ep-signing-1': { publicKey: ED25519_PUBLIC, alg: 'ed25519' } });
      expectCode(() => verifyRequest(good, options({ resolveKey: wrongAlg })), 'SIGNATURE_INVALID');
      // A covered field removed.
      const withoutDigest = { ...good, body: undefined, headers: { ...good.headers, 'Content-Digest': undefined } };
      expectCode(() => verifyRequest(withoutDigest, options()), 'SIGNATURE_INVALID');
    });

    it('SIGNATURE_EXPIRED: too old, too far in the future, or past expires', () => {
      const message = signed();
      expectCode(() => verifyRequest(message, options({ clock: new FixedClock(NOW + 301_000) })), 'SIGNATURE_EXPIRED');
      expectCode(() => verifyRequest(message, options({ clock: new FixedClock(NOW - 61_000) })), 'SIGNATURE_EXPIRED');
      verifyRequest(message, options({ clock: new FixedClock(NOW + 300_000) }));
      verifyRequest(signed(), options({ clock: new FixedClock(NOW - 60_000) }));
      const withExpires = {
        ...message,
        headers: { ...message.headers, 'Signature-Input': `${String(message.headers['Signature-Input'])};expires=${NOW / 1000}` },
      };
      expectCode(() => verifyRequest(withExpires, options()), 'SIGNATURE_EXPIRED');
    });

    it('SIGNATURE_REPLAYED: the same nonce twice', () => {
      const message = signed();
      const opts = options();
      verifyRequest(message, opts);
      expectCode(() => verifyRequest(message, opts), 'SIGNATURE_REPLAYED');
    });

    it('does not let a failed signature take a place in the replay cache', () => {
      const message = signed();
      const opts = options();
      expectCode(() => verifyRequest({ ...message, method: 'PUT' }, opts), 'SIGNATURE_INVALID');
      verifyRequest(message, opts);
    });

    it('SIGNATURE_COMPONENTS_MISSING: a required component not covered', () => {
      const partial = signed(request, { components: ['@method'] });
      expectCode(() => verifyRequest(partial, options()), 'SIGNATURE_COMPONENTS_MISSING');
      const noDigest = signRequest({ ...request, body: undefined }, {
        keyId: 'ep-signing-1', privateKey: ECC_P256_PRIVATE, alg: 'ecdsa-p256-sha256',
        created: new Date(NOW), nonce: generateNonce(systemRandom), tag: IPEX_TAGS.exchangeRequest,
      });
      // A body arrives that the signature does not bind: content-digest is required.
      const smuggled = { ...request, headers: { ...request.headers, ...noDigest } };
      expectCode(() => verifyRequest(smuggled, options()), 'SIGNATURE_COMPONENTS_MISSING');
      expectCode(
        () => verifyRequest(signed(), options({ requiredComponents: ['@method', 'content-type'] })),
        'SIGNATURE_COMPONENTS_MISSING',
      );
    });

    it('DIGEST_MISMATCH: the body changed under a valid signature', () => {
      const message = signed();
      expectCode(() => verifyRequest({ ...message, body: Buffer.from('{"applicationNumberText":"99999999"}') }, options()), 'DIGEST_MISMATCH');
    });
  });
});
