// RFC 9421 Appendix B.2 test vectors, with the B.1 keys (see rfc9421-keys.ts):
// - B.2.6 (ed25519): the signature base and the signature are reproduced byte for byte,
//   Ed25519 being deterministic;
// - B.2.4 (ecdsa-p256-sha256, a response): the published signature verifies over our base;
// - B.2.1 (rsa-pss-sha512, minimal, with a nonce): the published signature passes the whole
//   verifyRequest path.
import { expect } from 'chai';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { signBase, verifyBase } from '../../../protocol/http-signatures/algorithms.js';
import { buildSignatureBase } from '../../../protocol/http-signatures/signature-base.js';
import { parseDictionary } from '../../../protocol/http-signatures/structured-fields-parse.js';
import type { InnerList } from '../../../protocol/http-signatures/structured-fields.js';
import { MemoryReplayCache, staticKeyResolver, verifyRequest } from '../../../protocol/http-signatures/index.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import {
  ECC_P256_PUBLIC,
  ED25519_PRIVATE,
  ED25519_PUBLIC,
  RSA_PSS_PUBLIC,
  TEST_REQUEST,
  TEST_RESPONSE,
} from './rfc9421-keys.js';

function inputOf(field: string, label: string): InnerList {
  const member = parseDictionary(field).get(label);
  if (member?.kind !== 'inner-list') throw new Error('not an inner list');
  return member;
}

function signatureOf(field: string, label: string): Buffer {
  const member = parseDictionary(field).get(label);
  if (member?.kind !== 'item' || member.value.type !== 'bytes') throw new Error('not bytes');
  return member.value.value;
}

describe('RFC 9421 Appendix B.2 vectors', () => {
  it('B.2.6: reproduces the ed25519 signature base and signature exactly', () => {
    const input = inputOf(
      'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      'sig-b26',
    );
    const base = buildSignatureBase(input, { kind: 'request', request: TEST_REQUEST });
    expect(base).to.equal(
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      ].join('\n'),
    );
    const signature = signBase('ed25519', ED25519_PRIVATE, Buffer.from(base));
    expect(signature.toString('base64')).to.equal(
      'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==',
    );
    expect(verifyBase('ed25519', ED25519_PUBLIC, Buffer.from(base), signature)).to.equal(true);
  });

  it('B.2.4: verifies the published ecdsa-p256-sha256 response signature (r‖s, 64 bytes)', () => {
    const input = inputOf(
      'sig-b24=("@status" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-ecc-p256"',
      'sig-b24',
    );
    const signature = signatureOf(
      'sig-b24=:wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==:',
      'sig-b24',
    );
    expect(signature).to.have.length(64);
    const base = buildSignatureBase(input, { kind: 'response', response: TEST_RESPONSE });
    expect(base.split('\n')[0]).to.equal('"@status": 200');
    expect(verifyBase('ecdsa-p256-sha256', ECC_P256_PUBLIC, Buffer.from(base), signature)).to.equal(true);
    // One changed field must break it.
    const altered = buildSignatureBase(input, {
      kind: 'response',
      response: { ...TEST_RESPONSE, headers: { ...TEST_RESPONSE.headers, 'Content-Length': '24' } },
    });
    expect(verifyBase('ecdsa-p256-sha256', ECC_P256_PUBLIC, Buffer.from(altered), signature)).to.equal(false);
  });

  describe('B.2.1: the published rsa-pss-sha512 minimal signature through verifyRequest', () => {
    const signed = {
      ...TEST_REQUEST,
      body: undefined,
      headers: {
        ...TEST_REQUEST.headers,
        'Signature-Input': 'sig-b21=();created=1618884473;keyid="test-key-rsa-pss";nonce="b3k2pp5k7z-50gnwp.yemd"',
        Signature:
          'sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:',
      },
    };
    const options = (alg: 'rsa-pss-sha512' | 'ed25519') => ({
      resolveKey: staticKeyResolver({ 'test-key-rsa-pss': { publicKey: RSA_PSS_PUBLIC, alg: alg as 'rsa-pss-sha512' } }),
      clock: new FixedClock(1618884473 * 1000),
      replayCache: new MemoryReplayCache(),
      requiredComponents: [],
    });

    it('verifies', () => {
      const result = verifyRequest(signed, options('rsa-pss-sha512'));
      expect(result).to.include({ label: 'sig-b21', keyId: 'test-key-rsa-pss', nonce: 'b3k2pp5k7z-50gnwp.yemd' });
      expect(result.created.toISOString()).to.equal('2021-04-20T02:07:53.000Z');
      expect(result.coveredComponents).to.deep.equal([]);
    });

    it('fails when the key is registered with another algorithm, whatever the message says', () => {
      try {
        verifyRequest(signed, options('ed25519'));
        expect.fail('should throw');
      } catch (err) {
        expect(isIpexError(err, 'SIGNATURE_INVALID')).to.equal(true);
      }
    });
  });
});
