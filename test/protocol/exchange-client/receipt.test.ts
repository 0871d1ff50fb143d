// The signed receipt of a verified retrieval (docs/design.md §4 "Receipts"): compact JWS, typ
// ipex-receipt+json, x5c = the signing certificate, canonical JSON payload with exactly the
// documented members.
import { expect } from 'chai';
import { X509Certificate as NodeX509 } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { generateFixtures, type Fixtures } from '../../../certs/fixtures.js';
import { RECEIPT_JWS_TYPE, signReceipt } from '../../../protocol/exchange-client/index.js';
import { canonicalJson } from '../../../protocol/encoding/canonical-json.js';

describe('protocol/exchange-client receipt', () => {
  let f: Fixtures;
  before(async () => {
    f = await generateFixtures({ now: new Date() });
  });

  it('signs the receipt members only, in canonical form, with the x5c of the signing certificate', async () => {
    const payload = {
      retrievalId: 'ret-12345678', documentId: 'EP-PD-23123456-ABCDEFGH', version: 2,
      parts: [{ name: 'a.pdf', sha256: 'a'.repeat(64), mediaType: 'application/pdf' }], receivedAt: '2026-01-01T00:00:00.000Z',
      extra: 'must not be signed',
    };
    const der = Buffer.from(f.goodJp.signing.certificate.rawData);
    const jws = await signReceipt(payload, { privateKey: f.goodJp.signing.privateKey, chain: [der] });
    const header = decodeProtectedHeader(jws);
    expect(header).to.deep.equal({ alg: 'ES256', typ: RECEIPT_JWS_TYPE, x5c: [der.toString('base64')] });
    const { payload: bytes } = await compactVerify(jws, new NodeX509(f.goodJp.signing.pem).publicKey, { algorithms: ['ES256'] });
    const text = Buffer.from(bytes).toString('utf8');
    const value = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(value).sort()).to.deep.equal(['documentId', 'parts', 'receivedAt', 'retrievalId', 'version']);
    expect(value.parts).to.deep.equal([{ name: 'a.pdf', sha256: 'a'.repeat(64) }]);
    expect(canonicalJson(value)).to.equal(text);
  });

  it('refuses an empty chain', async () => {
    const err = await signReceipt({ retrievalId: 'r', documentId: 'd', version: 1, parts: [], receivedAt: 'x' }, { privateKey: f.goodJp.signing.privateKey, chain: [] })
      .catch((e: unknown) => e);
    expect((err as { code?: string }).code).to.equal('INVALID_INPUT');
  });
});
