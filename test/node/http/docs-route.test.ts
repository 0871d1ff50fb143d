/**
 * `/docs` and `/openapi.yaml`: the offline operation listing and the document itself.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { createApiApp } from '../../../node/http/create-api-app.js';
import { renderPage } from '../../../node/http/docs-route.js';

const SPEC = fileURLToPath(new URL('./fixtures/tiny.yaml', import.meta.url));
const EXCHANGE = fileURLToPath(new URL('../../../openapi/exchange.yaml', import.meta.url));

describe('node/http/docs-route', () => {
  let base: string;
  let server: Server;
  before(async () => {
    server = createApiApp({ spec: SPEC, mount: '/t/v1', routes: () => undefined }).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves an offline HTML listing of every operation, with a strict CSP', async () => {
    const res = await fetch(`${base}/docs`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    expect(res.headers.get('content-security-policy')).to.equal("default-src 'none'; style-src 'unsafe-inline'");
    const html = await res.text();
    for (const id of ['createItem', 'getItem', 'putBlob', 'postNote']) expect(html).to.include(id);
    expect(html).to.include('/items/{itemId}');
    expect(html).not.to.match(/<script|https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('escapes text from the document', async () => {
    const html = await (await fetch(`${base}/docs`)).text();
    expect(html).to.include('A &#60;b&#62;tiny&#60;/b&#62; API');
    expect(html).not.to.include('<b>tiny</b>');
  });

  it('serves the document byte for byte as application/yaml', async () => {
    const res = await fetch(`${base}/openapi.yaml`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/yaml/);
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(SPEC))).to.equal(true);
  });

  it('lists every operation of the exchange document', async () => {
    const html = await renderPage(EXCHANGE);
    for (const id of ['createRetrieval', 'getRetrievalPart', 'createReceipt', 'addWitnessCheckpoint', 'getStatus']) {
      expect(html).to.include(`<code>${id}</code>`);
    }
  });
});
