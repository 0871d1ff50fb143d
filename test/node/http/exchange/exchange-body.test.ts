/**
 * Bodies on the exchange listener (node/http/exchange/exchange-body.ts, issue 14): read before
 * peer authentication, refused after it — a content coding or a charset other than UTF-8 is
 * 415, a body that is not a JSON object or array 400 — each refusal logged against the peer.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { readBody } from '../../../../node/http/exchange/exchange-body.js';
import { ExchangeCall } from '../../../../node/http/exchange/exchange-call.js';
import { auditEntries, startExchangeNetwork, type ExchangeNetwork } from '../exchange-peer-fixture.js';

const RETRIEVAL = { ipOfficeCode: 'EP', applicationNumberText: '23999001', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: '0000-0000-0000-0' };

describe('exchange API: request bodies', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;

  before(async () => { net = await startExchangeNetwork(); });
  after(async () => { await net?.close(); });
  beforeEach(() => { net.clock.advance(61_000); });

  async function post(body: Buffer, contentType: string, extra: Record<string, string> = {}): Promise<{ status: number; code: string; detail?: string; logged: string[] }> {
    const since = auditEntries(net).length;
    const res = await net.send('POST', '/exchange/v1/retrievals', { body, headers: { 'Content-Type': contentType, ...extra } });
    await net.ep.context.audit.flush();
    const logged = auditEntries(net).filter((e) => e.idx >= since && e.type === 'retrieval.attempt').map((e) => `${e.entry.code as string}:${e.entry.actor.office as string}`);
    const problem = res.json();
    return { status: res.status, code: problem.code, ...(problem.detail === undefined ? {} : { detail: problem.detail }), logged };
  }

  const json = (): Buffer => Buffer.from(JSON.stringify({ ...RETRIEVAL, requestId: randomUUID() }));

  it('refuses a body with a content coding, and one in another charset, with 415 after the signature', async () => {
    const coded = await post(json(), 'application/json', { 'Content-Encoding': 'gzip' });
    expect([coded.status, coded.code, coded.logged]).to.deep.equal([415, 'UNSUPPORTED_MEDIA_TYPE', ['UNSUPPORTED_MEDIA_TYPE:JP']]);
    expect(coded.detail).to.contain('Content-Encoding gzip');
    const latin = await post(json(), 'application/json; charset=iso-8859-1');
    expect([latin.status, latin.code]).to.deep.equal([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(latin.detail).to.contain('charset iso-8859-1');
  });

  it('reads UTF-8 named in any spelling, and refuses JSON that is no object or array', async () => {
    const named = await post(json(), 'application/json; Charset="UTF-8"');
    expect(named.code).to.equal('DOCUMENT_UNAVAILABLE'); // read, validated and decided
    for (const text of ['"a string"', '   ', '12']) {
      const r = await post(Buffer.from(text), 'application/json');
      expect([r.status, r.code, r.logged], text).to.deep.equal([400, 'INVALID_INPUT', ['INVALID_INPUT:JP']]);
    }
  });

  it('takes an empty JSON body for {} and says which fields it lacks', async () => {
    const r = await net.send('POST', '/exchange/v1/retrievals', { body: Buffer.alloc(0), headers: { 'Content-Type': 'application/json' } });
    expect([r.status, r.json().code]).to.deep.equal([400, 'INVALID_INPUT']);
    expect(r.json().errors.map((e: { path: string }) => e.path)).to.include('/body/ipOfficeCode');
  });
});

describe('node/http/exchange/exchange-body readBody', () => {
  /** A request stream as node:http gives one: headers, then data, then an end or a close. */
  function incoming(headers: Record<string, string>): PassThrough & { headers: Record<string, string>; url: string; method: string } {
    return Object.assign(new PassThrough(), { headers, url: '/exchange/v1/retrievals', method: 'POST' });
  }
  const limits = { jsonBytes: 64, textBytes: 64 };

  it('does not wait for ever for a body whose connection closed before its end', async () => {
    const req = incoming({ 'content-type': 'application/json', 'content-length': '40' });
    const call = new ExchangeCall(req as unknown as IncomingMessage, {} as ServerResponse);
    const read = readBody(call, limits);
    req.write('{"ipOfficeCode":');
    req.emit('close');
    await read;
    expect((call.bodyError as Error).message).to.equal('the request body was cut short');
    expect(call.rawBody).to.equal(undefined);
  });

  it('keeps nothing of a body over the limit but reads it to its end', async () => {
    const req = incoming({ 'content-type': 'text/plain', 'transfer-encoding': 'chunked' });
    const call = new ExchangeCall(req as unknown as IncomingMessage, {} as ServerResponse);
    const read = readBody(call, limits);
    req.end('x'.repeat(65));
    await read;
    expect([(call.bodyError as { code?: string }).code, call.rawBody, call.body]).to.deep.equal(['BODY_TOO_LARGE', undefined, undefined]);
  });
});
