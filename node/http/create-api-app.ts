/**
 * The express frame of the office listener (`/api/v1`, openapi/office.yaml); the exchange
 * listener has the same frame on `node:https` directly since issue 14 (exchange-app.ts), built
 * from the same validator (openapi/) and problem handling (problem.ts). It validates every request and, by default,
 * every JSON response against the OpenAPI document (docs/design.md §4: "no hand-written shape
 * checks"), limits JSON and text bodies, leaves binary bodies unparsed so that routes can stream
 * them (docs/design.md §9), and turns every failure into an RFC 9457 problem (problem.ts).
 *
 * Authentication is not done here: session cookies and bearer tokens belong to middleware that
 * the office app installs in its routes, so the validator's own security checks are off.
 */
import { readFileSync } from 'node:fs';
import express, { type Express, type RequestHandler, type Router } from 'express';
import { IpexError } from '../../protocol/errors/index.js';
import { docsRouter } from './docs-route.js';
import { openapiValidation } from './openapi/index.js';
import { notFoundHandler, problemHandler, type DetailPolicy, type ErrorLogger } from './problem.js';

export interface ApiAppOptions {
  /** Path of the OpenAPI document (YAML). Its first server URL must end with `mount`. */
  readonly spec: string;
  /** Base path of the API, for example `/exchange/v1` or `/api/v1`. */
  readonly mount: string;
  /** Installs the operations on a router mounted at `mount`; paths are relative to it. */
  readonly routes: (router: Router) => void;
  /** Largest JSON body accepted, in bytes or an express size string. Default 1 MiB. */
  readonly jsonLimit?: number | string;
  /** Largest `text/plain` body accepted (witness requests). Default 64 KiB. */
  readonly textLimit?: number | string;
  /** Validate request bodies, parameters and media types. Default true. */
  readonly validateRequests?: boolean;
  /** Validate JSON response bodies; a mismatch is answered 500 INTERNAL and logged. Default true. */
  readonly validateResponses?: boolean;
  /** `message` tells callers IpexError messages (office API); `public` only publicDetail. */
  readonly errorDetail?: DetailPolicy;
  /** Receives every 5xx cause with its full detail. Default: one line on stderr. */
  readonly log?: ErrorLogger;
  /** Serve `/docs` and `/openapi.yaml` at the root. Default true. */
  readonly docs?: boolean;
  /** Runs first on every request: the request log and metrics (node/monitoring/request-telemetry.ts). */
  readonly observeRequests?: RequestHandler | undefined;
}

/** Default JSON body limit; the node config (`limits.jsonBodyBytes`) normally overrides it. */
export const DEFAULT_JSON_LIMIT = 1024 * 1024;
const DEFAULT_TEXT_LIMIT = 64 * 1024;

/**
 * Builds the express 5 app of one listener.
 *
 * @example
 * const app = createApiApp({ spec: 'openapi/exchange.yaml', mount: '/exchange/v1',
 *   routes: (r) => { r.get('/status', (_req, res) => { res.json(status()); }); } });
 */
export function createApiApp(options: ApiAppOptions): Express {
  const mount = normaliseMount(options.mount);
  checkServerBase(options.spec, mount);

  const app = express();
  app.disable('x-powered-by');
  // Parts set their own strong ETag (the SHA-256); express' weak body ETags would only confuse.
  app.disable('etag');
  // Flat query strings only: `?a[b]=1` stays the string key `a[b]`, never a nested object.
  app.set('query parser', 'simple');

  if (options.observeRequests !== undefined) app.use(options.observeRequests);
  if (options.docs ?? true) app.use(docsRouter(options.spec, mount));

  // A body the parsers refuse (too large, not JSON) goes straight to the problem handler.
  app.use(mount, express.json({ limit: options.jsonLimit ?? DEFAULT_JSON_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(mount, express.text({ limit: options.textLimit ?? DEFAULT_TEXT_LIMIT, type: 'text/plain' }));
  // Only the API's own paths (under `mount`) are checked: /docs and /openapi.yaml are not
  // operations of the document. Binary bodies stay unparsed streams for the routes.
  app.use(
    openapiValidation({
      spec: options.spec,
      mount,
      validateRequests: options.validateRequests ?? true,
      validateResponses: options.validateResponses ?? true,
    }),
  );

  const router = express.Router({ strict: true });
  options.routes(router);
  router.use(notFoundHandler());
  app.use(mount, router);

  app.use(notFoundHandler());
  const handler: { detail?: DetailPolicy; log?: ErrorLogger } = {};
  if (options.errorDetail !== undefined) handler.detail = options.errorDetail;
  if (options.log !== undefined) handler.log = options.log;
  app.use(problemHandler(handler));
  return app;
}

function normaliseMount(mount: string): string {
  if (!/^(\/[A-Za-z0-9._-]+)+$/.test(mount)) {
    throw new IpexError('CONFIG_INVALID', `the API mount "${mount}" must look like /exchange/v1 (no trailing slash)`);
  }
  return mount;
}

/** The validator matches paths by the document's server URL; a different mount would 404 everything. */
function checkServerBase(spec: string, mount: string): void {
  let text: string;
  try {
    text = readFileSync(spec, 'utf8');
  } catch (err) {
    throw new IpexError('CONFIG_INVALID', `cannot read the OpenAPI document ${spec}`, { cause: err });
  }
  const url = /^servers:\s*\n\s*-\s*url:\s*['"]?([^\s'"]+)/m.exec(text)?.[1];
  const base = url === undefined ? undefined : new URL(url, 'http://placeholder.invalid').pathname;
  if (base !== mount) {
    throw new IpexError('CONFIG_INVALID', `the OpenAPI document ${spec} serves ${base ?? 'no server URL'}, not ${mount}`);
  }
}
