/**
 * Which URL is signed (issue 10, item 17): the rule of docs/message-signatures.md "The target
 * URI" — its table and its worked example — computed by the code both ends use. The signer's side
 * is the exchange client's (exchangeApiBase + path, serialised as a URL); the verifier's side is the
 * node's peer authentication (its exchange URL + the request-target as received).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import {
  exchangeApiBase, exchangeOrigin, exchangeRequestUrl, exchangeTargetUri, isNormalRequestTarget,
} from '../../../protocol/exchange-client/exchange-url.js';
import { IPEX_TAGS, MemoryReplayCache, signRequest, staticKeyResolver, verifyRequest } from '../../../protocol/http-signatures/index.js';
import { buildSignatureBase } from '../../../protocol/http-signatures/signature-base.js';
import { selectSignature } from '../../../protocol/http-signatures/signature-input.js';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { ED25519_PRIVATE, ED25519_PUBLIC } from '../http-signatures/rfc9421-keys.js';

const doc = readFileSync(fileURLToPath(new URL('../../../docs/message-signatures.md', import.meta.url)), 'utf8');
const section = (title: string): string => {
  const start = doc.indexOf(`## ${title}`);
  expect(start, `docs/message-signatures.md has a section "${title}"`).to.be.greaterThan(-1);
  const end = doc.indexOf('\n## ', start + 3);
  return doc.slice(start, end === -1 ? undefined : end);
};
const fenced = (text: string): string[] => [...text.matchAll(/```[a-z]*\n([\s\S]*?)\n```/g)].map((m) => m[1]!);

describe('protocol/exchange-client exchange URL and @target-uri', () => {
  const rows = section('The target URI').split('\n')
    .filter((line) => /^\| `https:/.test(line))
    .map((line) => line.split('|').slice(1, 4).map((cell) => cell.trim().replace(/^`|`$/g, '')) as [string, string, string]);

  // issue 10, item 17
  it('forms @target-uri from the directory exchangeUrl and the request-target as the docs table says', () => {
    expect(rows.length).to.be.greaterThan(3);
    for (const [exchangeUrl, target, targetUri] of rows) {
      exchangeOrigin(exchangeUrl); // every exchangeUrl of the table is one a directory may hold
      expect(isNormalRequestTarget(target), target).to.equal(true);
      // the node's side: its exchange URL + the request-target, as the verifier derives it
      expect(exchangeTargetUri(exchangeUrl, target), `${exchangeUrl} ${target}`).to.equal(targetUri);
      // the client's side: the API base from the directory, then the URL it sends to
      const sent = new URL(`${exchangeApiBase(exchangeUrl)}${target.slice('/exchange/v1'.length)}`);
      expect(`${sent.pathname}${sent.search}`).to.equal(target);
      expect(exchangeTargetUri(exchangeUrl, `${sent.pathname}${sent.search}`)).to.equal(targetUri);
    }
  });

  // issue 10, item 17
  it('reproduces the worked example: headers, signature base and signature, and the node accepts it', () => {
    const [http, base] = fenced(section('Worked example'));
    const [head, body] = http!.split('\n\n') as [string, string];
    const [requestLine, ...fields] = head.split('\n');
    const [method, target] = requestLine!.split(' ') as [string, string];
    const headers = Object.fromEntries(fields.map((f) => [f.slice(0, f.indexOf(':')), f.slice(f.indexOf(':') + 1).trim()]));
    const bytes = Buffer.from(body, 'utf8');
    expect(bytes.length).to.equal(188);
    const url = exchangeRequestUrl('https://ipex.epo.example:8443', target);

    const selected = selectSignature(headers['Signature-Input'], headers.Signature, IPEX_TAGS.exchangeRequest);
    expect(buildSignatureBase(selected.input, { kind: 'request', request: { method, url, headers, body: bytes } })).to.equal(base);

    const signed = signRequest({ method, url: `${exchangeApiBase('https://ipex.epo.example:8443')}/retrievals`, headers: { 'Content-Type': 'application/json' }, body: bytes }, {
      keyId: selected.keyId, privateKey: ED25519_PRIVATE, alg: 'ed25519', created: selected.created, nonce: selected.nonce, tag: IPEX_TAGS.exchangeRequest,
    });
    expect(signed).to.deep.equal({ 'Signature-Input': headers['Signature-Input'], Signature: headers.Signature, 'Content-Digest': headers['Content-Digest'] });

    const clock = new FixedClock(selected.created);
    const verified = verifyRequest({ method, url, headers, body: bytes }, {
      resolveKey: staticKeyResolver({ [selected.keyId]: { publicKey: ED25519_PUBLIC, alg: 'ed25519' } }),
      clock, replayCache: new MemoryReplayCache({ clock }), expectedTag: IPEX_TAGS.exchangeRequest,
    });
    expect(verified.keyId).to.equal(selected.keyId);
  });

  // issue 10, item 17
  it('takes only an https origin as exchange URL', () => {
    expect(exchangeOrigin('https://ipex.epo.example:8443/')).to.equal('https://ipex.epo.example:8443');
    for (const bad of ['https://ipex.epo.example/exchange/v1', 'https://ipex.epo.example?x', 'https://ipex.epo.example#f', 'http://ipex.epo.example', 'https://u:p@ipex.epo.example', 'ipex.epo.example']) {
      expect(() => exchangeOrigin(bad), bad).to.throw(/exchange URL/);
    }
  });

  // issue 10, item 17
  it('calls a request-target normal only when it serialises unchanged', () => {
    for (const bad of ['/exchange/v1/./status', '/exchange/v1/x/../status', '/exchange/v1/%2e%2e/status', '/exchange/v1/a b', '/exchange/v1/status?', "/exchange/v1/x?q=a'b", 'exchange/v1/status', '*']) {
      expect(isNormalRequestTarget(bad), bad).to.equal(false);
    }
    expect(isNormalRequestTarget('//elsewhere.example/exchange/v1/status')).to.equal(true);
    // concatenated, never resolved: a request-target cannot move the signed URL to another host
    expect(exchangeTargetUri('https://ipex.epo.example:8443', '//elsewhere.example/x')).to.equal('https://ipex.epo.example:8443//elsewhere.example/x');
  });
});
