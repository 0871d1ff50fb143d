/**
 * The exchange listener's reference pages, as docs-route.ts serves them on the office API:
 * `/openapi.yaml` byte for byte and `/docs`, the HTML listing of the operations (GET or HEAD,
 * case-insensitive, with or without a final `/`, as express routed them before issue 14). They
 * are outside `/exchange/v1`: not exchange operations, neither authenticated nor audited.
 */
import { readFileSync } from 'node:fs';
import { loadSpec, renderPage, type SpecDocument } from '../docs-route.js';
import type { ExchangeCall } from './exchange-call.js';
import { replyBody } from './exchange-reply.js';

export interface DocsPage {
  /** Answers the call when it asks for one of the pages; false otherwise. */
  serve(call: ExchangeCall): boolean;
}

export function exchangeDocsPage(specPath: string, mount: string): DocsPage {
  let doc: SpecDocument | undefined;
  return {
    serve(call) {
      if (call.method !== 'GET' && call.method !== 'HEAD') return false;
      const path = call.path.toLowerCase().replace(/\/$/, '');
      if (path === '/openapi.yaml') {
        replyBody(call, 200, 'application/yaml', readFileSync(specPath));
        return true;
      }
      if (path !== '/docs') return false;
      doc ??= loadSpec(specPath);
      const host = call.header('host') ?? 'localhost';
      call.res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      replyBody(call, 200, 'text/html', renderPage(doc, `https://${host}${mount}`));
      return true;
    },
  };
}
