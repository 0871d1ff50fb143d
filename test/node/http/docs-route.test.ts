/**
 * `/docs` and `/openapi.yaml`: the offline operation listing and the document itself.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { createApiApp } from '../../../node/http/create-api-app.js';
import { loadSpec, renderPage } from '../../../node/http/docs-route.js';
import { renderMarkdown } from '../../../node/http/markdown.js';

const SPEC = fileURLToPath(new URL('./fixtures/tiny.yaml', import.meta.url));
const EXCHANGE = fileURLToPath(new URL('../../../openapi/exchange.yaml', import.meta.url));
const OFFICE = fileURLToPath(new URL('../../../openapi/office.yaml', import.meta.url));

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

  it('shows the base URL the page was asked on, not the example of the document (issue 10, item 19)', async () => {
    const html = await (await fetch(`${base}/docs`)).text();
    expect(html).to.include(`Base URL: <code>${base}/t/v1</code>`);
    const office = readFileSync(OFFICE, 'utf8');
    expect(office).to.include('http://127.0.0.1:8080/api/v1'); // the example the page must not show instead
    const page = renderPage(loadSpec(OFFICE), 'http://127.0.0.1:40123/api/v1');
    expect(page).to.include('Base URL: <code>http://127.0.0.1:40123/api/v1</code>');
    expect(page).not.to.include('8080');
  });

  it('renders the descriptions from Markdown, never as raw asterisks (issue 10, item 19)', () => {
    const page = renderPage(loadSpec(OFFICE), 'http://h/api/v1');
    expect(page).to.include('<strong>Authentication.</strong>');
    expect(page).not.to.include('**');
    expect(page).to.match(/<ul><li>Staff tokens carry one role: <code>clerk<\/code>/);
  });

  it('renders the Markdown subset with everything escaped and only safe links', () => {
    expect(renderMarkdown('A **b** and *c* with `<x>`.\n\n- one\n  more\n- two')).to.equal(
      '<p>A <strong>b</strong> and <em>c</em> with <code>&#60;x&#62;</code>.</p>\n<ul><li>one more</li><li>two</li></ul>');
    expect(renderMarkdown('<script>alert(1)</script>')).to.equal('<p>&#60;script&#62;alert(1)&#60;/script&#62;</p>');
    expect(renderMarkdown('[ok](errors.md) [web](https://example.org/x) [bad](javascript:alert)')).to.equal(
      '<p><a href="errors.md">ok</a> <a href="https://example.org/x">web</a> bad</p>');
    expect(renderMarkdown('## Title')).to.equal('<h4>Title</h4>');
    expect(renderMarkdown('**Lead.** text\n- a\n- b')).to.equal('<p><strong>Lead.</strong> text</p>\n<ul><li>a</li><li>b</li></ul>');
    expect(renderMarkdown('`**not bold**`')).to.equal('<p><code>**not bold**</code></p>');
  });

  it('lists every operation of the exchange document', () => {
    const html = renderPage(loadSpec(EXCHANGE), 'https://h/exchange/v1');
    for (const id of ['createRetrieval', 'getRetrievalPart', 'createReceipt', 'addWitnessCheckpoint', 'getStatus']) {
      expect(html).to.include(`<code>${id}</code>`);
    }
  });
});
