/** The exchange operations table (node/http/exchange/exchange-router.ts): complete, or the node does not start. */
import { expect } from 'chai';
import type { ExchangeRoutes } from '../../../../node/http/exchange/exchange-call.js';
import { ExchangeRouter } from '../../../../node/http/exchange/exchange-router.js';
import { loadDocument } from '../../../../node/http/openapi/load-document.js';
import { openapiPath } from '../../../../node/http/openapi-path.js';
import { isIpexError } from '../../../../protocol/errors/index.js';

describe('node/http/exchange/exchange-router', () => {
  const doc = loadDocument(openapiPath('exchange'));
  const ids = Object.values(doc.root['paths'] as Record<string, Record<string, { operationId?: string }>>)
    .flatMap((item) => Object.values(item).map((op) => op.operationId)).filter((id): id is string => typeof id === 'string');
  const failure = (install: (routes: ExchangeRoutes) => void): string => {
    try {
      new ExchangeRouter(doc, install); // eslint-disable-line no-new
      return 'built';
    } catch (err) {
      return isIpexError(err, 'CONFIG_INVALID') ? err.message : String(err);
    }
  };

  it('is built when every operation of the document has one handler', () => {
    expect(failure((routes) => { for (const id of ids) routes.on(id, () => undefined); })).to.equal('built');
  });

  it('refuses a document operation without a handler, naming it', () => {
    expect(failure((routes) => { for (const id of ids) if (id !== 'getStatus') routes.on(id, () => undefined); })).to.match(/no handler for the operations getStatus/);
  });

  it('refuses a handler for an operation the document lacks, and two handlers for one', () => {
    expect(failure((routes) => routes.on('getNothing', () => undefined))).to.match(/has no operation getNothing/);
    expect(failure((routes) => { routes.on('getStatus', () => undefined); routes.on('getStatus', () => undefined); })).to.match(/two handlers/);
  });
});
