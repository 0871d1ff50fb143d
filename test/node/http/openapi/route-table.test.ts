/**
 * Path matching of the OpenAPI validator (issue 5): segments, literal before templated
 * (OpenAPI 3.1 §4.8.8.2), 405 with the allowed methods, HEAD through GET, decoding.
 */
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { loadDocument } from '../../../../node/http/openapi/load-document.js';
import { RouteTable } from '../../../../node/http/openapi/route-table.js';

const SPEC = fileURLToPath(new URL('./fixtures/api.yaml', import.meta.url));

describe('node/http/openapi/route-table', () => {
  const table = new RouteTable(loadDocument(SPEC));
  const found = (method: string, path: string): { template: string; method: string; params: Record<string, string> } => {
    const m = table.match(method, path);
    if (m.kind !== 'found') throw new Error(`${method} ${path}: ${m.kind}`);
    return { template: m.op.template, method: m.op.method, params: m.pathParams };
  };

  it('matches literal paths and templated ones, with their parameters', () => {
    expect(found('GET', '/things').template).to.equal('/things');
    expect(found('GET', '/things/abc-1')).to.deep.equal({ template: '/things/{thingId}', method: 'get', params: { thingId: 'abc-1' } });
    expect(found('PUT', '/things/x/blob').params).to.deep.equal({ thingId: 'x' });
  });

  it('prefers a literal segment over a template, whatever the document order', () => {
    expect(found('GET', '/things/mine').template).to.equal('/things/mine');
  });

  it('falls back to the templated path when the literal one lacks the method', () => {
    expect(found('DELETE', '/things/mine').template).to.equal('/things/{thingId}');
  });

  it('answers 405 data with every method of the matching paths', () => {
    expect(table.match('PATCH', '/things')).to.deep.equal({ kind: 'method', allow: 'GET, POST, HEAD' });
    expect(table.match('POST', '/things/abc')).to.deep.equal({ kind: 'method', allow: 'GET, DELETE, HEAD' });
  });

  it('lets HEAD follow GET', () => {
    expect(found('HEAD', '/things/abc').method).to.equal('get');
    expect(table.match('HEAD', '/things/abc/blob').kind).to.equal('method');
  });

  it('finds nothing for unknown paths, a trailing slash, an empty segment or another case', () => {
    for (const path of ['/nothing', '/things/', '/things//blob', '/Things', '', '/things/a/b/c/d']) {
      expect(table.match('GET', path).kind, path).to.equal('none');
    }
  });

  it('percent-decodes path parameters and throws URIError for a malformed encoding', () => {
    expect(found('GET', '/things/a%20b').params).to.deep.equal({ thingId: 'a b' });
    expect(() => table.match('GET', '/things/%E0%A4%A')).to.throw(URIError);
  });
});
