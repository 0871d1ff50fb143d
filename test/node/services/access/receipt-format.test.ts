/**
 * The receipt format as docs/exchange.md §4 and openapi/exchange.yaml state it (issue 10, item 19):
 * the example receipt on the page is what the signer writes, byte for byte, and what the node's
 * verifier reads; what the page excludes is refused.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { generateFixtures } from '../../../../certs/fixtures.js';
import { readReceiptHeader, readReceiptPayload } from '../../../../node/services/access/receipt-format.js';
import { signReceipt, type ReceiptPayload } from '../../../../protocol/exchange-client/receipt.js';
import { isIpexError } from '../../../../protocol/errors/index.js';

const page = readFileSync(fileURLToPath(new URL('../../../../docs/exchange.md', import.meta.url)), 'utf8');
const section = page.slice(page.indexOf('## 4. Receipt'), page.indexOf('## 5.'));
const [docHeader, docPayload] = [...section.slice(section.indexOf('An example:')).matchAll(/```json\n(.*)\n```/g)].map((m) => m[1]!);

const b64url = (text: string | Buffer): string => Buffer.from(text).toString('base64url');
const refusedWith = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (isIpexError(err, 'RECEIPT_INVALID')) return err.message;
    throw err;
  }
  return 'accepted';
};

describe('node/services/access receipt format', () => {
  // issue 10, item 19
  it('signs the example payload of docs/exchange.md §4 to exactly its bytes, with its header', async () => {
    const f = await generateFixtures({ now: new Date() });
    const der = Buffer.from(f.goodJp.signing.certificate.rawData);
    const payload = JSON.parse(docPayload!) as ReceiptPayload;
    const jws = await signReceipt(payload, { privateKey: f.goodJp.signing.privateKey, chain: [der] });
    const [header, body] = jws.split('.') as [string, string];
    expect(Buffer.from(body, 'base64url').toString('utf8')).to.equal(docPayload);
    const expectedHeader = { ...(JSON.parse(docHeader!) as Record<string, unknown>), x5c: [der.toString('base64')] };
    expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).to.deep.equal(expectedHeader);
    expect(readReceiptHeader(jws)).to.deep.equal(expectedHeader);
  });

  // issue 10, item 19
  it('reads the example payload, and refuses what the page excludes', () => {
    const bytes = Buffer.from(docPayload!, 'utf8');
    expect(readReceiptPayload(bytes)).to.deep.equal(JSON.parse(docPayload!));
    const value = JSON.parse(docPayload!) as Record<string, unknown>;
    const refused: [string, string, RegExp][] = [
      ['not canonical (whitespace)', JSON.stringify(value, null, 1), /canonical/],
      ['not canonical (member order)', JSON.stringify({ version: 1, ...value }), /canonical/],
      ['another member', JSON.stringify({ ...value, note: 'x' }), /additional/],
      ['a time with an offset', docPayload!.replace('10:04:31.512Z', '11:04:31.512+01:00'), /receivedAt/],
      ['an upper-case digest', docPayload!.replace('29bc681c', '29BC681C'), /sha256/],
      ['no parts', docPayload!.replace(/"parts":\[.*?\],/, '"parts":[],'), /parts/],
      ['version 0', docPayload!.replace('"version":1', '"version":0'), /version/],
    ];
    for (const [what, text, why] of refused) expect(refusedWith(() => readReceiptPayload(Buffer.from(text))), what).to.match(why);
  });

  // issue 10, item 19
  it('refuses a header with another member or another typ', () => {
    const header = JSON.parse(docHeader!) as Record<string, unknown>;
    const jws = (h: unknown): string => `${b64url(JSON.stringify(h))}.${b64url(docPayload!)}.AAAA`;
    expect(refusedWith(() => readReceiptHeader(jws({ ...header, x5c: ['MIIB'] })))).to.equal('accepted');
    expect(refusedWith(() => readReceiptHeader(jws({ ...header, x5c: ['MIIB'], jku: 'https://evil.example/' })))).to.match(/additional.*jku/);
    expect(refusedWith(() => readReceiptHeader(jws({ ...header, x5c: ['MIIB'], typ: 'JWT' })))).to.match(/typ/);
    expect(refusedWith(() => readReceiptHeader(jws({ ...header, x5c: ['MIIB'], alg: 'none' })))).to.match(/alg/);
  });
});
