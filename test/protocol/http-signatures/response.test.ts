// Response signatures bound to their request (RFC 9421 §2.4, the `req` parameter), and the
// derived components of RFC 9421 §2.2 with the examples given there.
import { expect } from 'chai';
import {
  IPEX_TAGS,
  MemoryReplayCache,
  generateNonce,
  signRequest,
  signResponse,
  staticKeyResolver,
  verifyResponse,
  type HttpRequestMessage,
  type HttpResponseMessage,
  type VerifyResponseOptions,
} from '../../../protocol/http-signatures/index.js';
import { derivedRequestComponent, fieldValue } from '../../../protocol/http-signatures/message.js';
import { FixedClock, systemRandom } from '../../../protocol/runtime/clock.js';
import { ECC_P256_PRIVATE, ECC_P256_PUBLIC, ED25519_PRIVATE, ED25519_PUBLIC } from './rfc9421-keys.js';
import { expectCode } from '../../helpers/error-code.js';

const NOW = Date.parse('2025-03-01T12:00:00Z');

function signedRequest(body = '{"q":1}'): HttpRequestMessage {
  const request = { method: 'POST', url: 'https://ipex.ep.example/exchange/v1/retrievals', headers: {}, body: Buffer.from(body) };
  const headers = signRequest(request, {
    keyId: 'jp-signing-1', privateKey: ED25519_PRIVATE, alg: 'ed25519',
    created: new Date(NOW), nonce: generateNonce(systemRandom), tag: IPEX_TAGS.exchangeRequest,
  });
  return { ...request, headers };
}

function signedResponse(request: HttpRequestMessage, status = 200): HttpResponseMessage {
  const response = { status, headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{"outcome":"success"}') };
  const headers = signResponse(response, request, {
    keyId: 'ep-signing-1', privateKey: ECC_P256_PRIVATE, alg: 'ecdsa-p256-sha256',
    created: new Date(NOW + 1000), nonce: generateNonce(systemRandom), tag: IPEX_TAGS.exchangeResponse,
  });
  return { ...response, headers: { ...response.headers, ...headers } };
}

function options(): VerifyResponseOptions {
  const clock = new FixedClock(NOW + 2000);
  return {
    resolveKey: staticKeyResolver({ 'ep-signing-1': { publicKey: ECC_P256_PUBLIC, alg: 'ecdsa-p256-sha256' } }),
    clock,
    replayCache: new MemoryReplayCache({ clock }),
    expectedTag: IPEX_TAGS.exchangeResponse,
  };
}

describe('protocol/http-signatures signResponse / verifyResponse', () => {
  it('binds the response to the request method, target URI and signature', () => {
    const request = signedRequest();
    const response = signedResponse(request);
    expect(String(response.headers['Signature-Input'])).to.match(
      /^ipex=\("@status" "content-digest" "@method";req "@target-uri";req "signature";req;key="ipex"\);created=/,
    );
    const result = verifyResponse(response, request, options());
    expect(result.keyId).to.equal('ep-signing-1');
    expect(result.tag).to.equal('ipex-exchange-response-v1');
  });

  it('fails for a response replayed against another request, or with a changed status', () => {
    const request = signedRequest();
    const response = signedResponse(request);
    expectCode(() => verifyResponse(response, signedRequest(), options()), 'SIGNATURE_INVALID');
    expectCode(() => verifyResponse({ ...response, status: 404 }, request, options()), 'SIGNATURE_INVALID');
    expectCode(() => verifyResponse(response, { ...request, url: `${request.url}?x` }, options()), 'SIGNATURE_INVALID');
  });

  it('requires the binding components and the body digest', () => {
    const request = signedRequest();
    const unbound = signResponse({ status: 200, headers: {}, body: Buffer.from('{}') }, request, {
      keyId: 'ep-signing-1', privateKey: ECC_P256_PRIVATE, alg: 'ecdsa-p256-sha256',
      created: new Date(NOW), nonce: generateNonce(systemRandom), tag: IPEX_TAGS.exchangeResponse,
      components: ['@status'],
    });
    expectCode(
      () => verifyResponse({ status: 200, headers: unbound, body: Buffer.from('{}') }, request, options()),
      'SIGNATURE_COMPONENTS_MISSING',
    );
    const response = signedResponse(request);
    expectCode(() => verifyResponse({ ...response, body: Buffer.from('{"outcome":"pending"}') }, request, options()), 'DIGEST_MISMATCH');
  });

  it('cannot sign a response bound to an unsigned request', () => {
    const request = { method: 'GET', url: 'https://ipex.ep.example/x', headers: {} };
    expectCode(() => signedResponse(request), 'INVALID_INPUT');
  });

  it('keeps the signer key and the verifier registration apart', () => {
    const request = signedRequest();
    const response = signedResponse(request);
    const opts = { ...options(), resolveKey: staticKeyResolver({ 'ep-signing-1': { publicKey: ED25519_PUBLIC, alg: 'ed25519' as const } }) };
    expectCode(() => verifyResponse(response, request, opts), 'SIGNATURE_INVALID');
  });
});

describe('protocol/http-signatures derived components (RFC 9421 §2.2 examples)', () => {
  const req = (url: string, method = 'GET'): HttpRequestMessage => ({ method, url, headers: {} });

  it('@target-uri, @authority, @path, @query', () => {
    const r = req('https://www.example.com/path?param=value');
    expect(derivedRequestComponent(r, '@target-uri')).to.equal('https://www.example.com/path?param=value');
    expect(derivedRequestComponent(r, '@authority')).to.equal('www.example.com');
    expect(derivedRequestComponent(r, '@path')).to.equal('/path');
    expect(derivedRequestComponent(r, '@query')).to.equal('?param=value');
    expect(derivedRequestComponent(req('https://www.example.com/path?queryString'), '@query')).to.equal('?queryString');
    expect(derivedRequestComponent(req('https://www.example.com/path'), '@query')).to.equal('?');
    expect(derivedRequestComponent(req('https://WWW.Example.com:8443'), '@authority')).to.equal('www.example.com:8443');
    expect(derivedRequestComponent(req('https://www.example.com:443/'), '@authority')).to.equal('www.example.com');
    expect(derivedRequestComponent(req('https://www.example.com'), '@path')).to.equal('/');
    expect(derivedRequestComponent(req('https://www.example.com/a#frag'), '@target-uri')).to.equal('https://www.example.com/a');
  });

  it('refuses targets that are not absolute http(s) URIs or carry user information', () => {
    for (const url of ['/relative', 'ftp://example.com/', 'https://user:pw@example.com/']) {
      expect(() => derivedRequestComponent(req(url), '@target-uri'), url).to.throw();
    }
  });

  it('joins field lines with ", " after trimming, whatever the case of the names (§2.1)', () => {
    expect(fieldValue({ 'X-Obs': ['  a ', 'b'], 'x-obs': ' c' }, 'x-obs')).to.equal('a, b, c');
    expect(fieldValue({ 'Content-Length': 18 }, 'content-length')).to.equal('18');
    expect(fieldValue({}, 'date')).to.equal(undefined);
  });
});
