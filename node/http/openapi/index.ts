/**
 * Request and response validation against an OpenAPI 3.1 document, for express 5: the lean
 * replacement of express-openapi-validator (issue 5). The document is loaded once; an operation's
 * validators are compiled on its first request and kept (start-up compiles nothing); paths are
 * matched by segments (route-table.ts), not by regular expressions per request.
 *
 * For a request under the mount it:
 * - answers 404 (no path) or 405 with `Allow` (no such method on the path) as an OpenApiError;
 * - sets `req.openapi = { schema, pathParams, openApiRoute }` (staff-auth.ts reads the
 *   operation's `x-ipex-roles` from `schema`);
 * - validates parameters and body (validate-request.ts) and, when asked, JSON responses
 *   (validate-response.ts).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import { compileOperation, type CompiledOperation } from './compile-operation.js';
import { loadDocument, type JsonObject } from './load-document.js';
import { OpenApiError } from './openapi-error.js';
import { RouteTable, type OperationRef } from './route-table.js';
import { validateRequest } from './validate-request.js';
import { checkJsonResponses } from './validate-response.js';

export { OpenApiError, type OpenApiIssue } from './openapi-error.js';

export interface OpenApiValidationOptions {
  /** Path of the OpenAPI 3.1 document (YAML or JSON). */
  readonly spec: string;
  /** Base path of the API; must be the path of the document's first server URL. */
  readonly mount: string;
  readonly validateRequests: boolean;
  readonly validateResponses: boolean;
  /** Compile every operation at start instead of on its first request. Default false. */
  readonly precompile?: boolean;
}

/** What the middleware leaves on the request for the routes. */
export interface OpenApiRequestInfo {
  /** The operation object of the document, with its `x-ipex-…` extensions. */
  readonly schema: JsonObject;
  /** Path parameters, percent-decoded. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** The templated path, for example `/items/{itemId}`. */
  readonly openApiRoute: string;
}

/** The operation a request was matched to, or undefined outside the API. */
export function openapiOf(req: Request): OpenApiRequestInfo | undefined {
  return (req as Request & { openapi?: OpenApiRequestInfo }).openapi;
}

/** The express 5 middleware; install it after the body parsers and before the routes. */
export function openapiValidation(options: OpenApiValidationOptions): RequestHandler {
  const doc = loadDocument(options.spec);
  if (doc.basePath !== options.mount) {
    throw new IpexError('CONFIG_INVALID', `the OpenAPI document ${options.spec} serves ${doc.basePath || '/'}, not ${options.mount}`);
  }
  const table = new RouteTable(doc);
  const compiled = new Map<OperationRef, CompiledOperation>();
  const operationOf = (ref: OperationRef): CompiledOperation => {
    let op = compiled.get(ref);
    if (op === undefined) {
      op = compileOperation(doc, ref);
      compiled.set(ref, op);
    }
    return op;
  };
  if (options.precompile === true) {
    for (const ref of table.operations()) operationOf(ref).compileAll();
  }
  const mount = options.mount;
  // express mounts case-insensitively: `/EXCHANGE/v1/…` reaches the routes too, so it must not
  // pass by the validator; it gets no operation (paths are matched case-sensitively) and a 404.
  const mountLower = mount.toLowerCase();

  return (req: Request, res: Response, next: NextFunction): void => {
    // The path as express routes it (parseurl: also for an absolute-form request target, RFC 9112
    // §3.2.2), so that nothing reaches a route by a spelling the validator did not look at.
    const path = `${req.baseUrl}${req.path}`;
    const lower = path.toLowerCase();
    if (!(lower === mountLower || lower.startsWith(`${mountLower}/`))) return next();
    let found;
    try {
      found = path.startsWith(mount) ? table.match(req.method, path.slice(mount.length)) : ({ kind: 'none' } as const);
    } catch {
      return next(new OpenApiError(400, 'malformed percent-encoding in the path', [{ path: '/params', message: 'malformed URI' }]));
    }
    if (found.kind === 'none') return next(new OpenApiError(404, `no operation at ${path}`));
    if (found.kind === 'method') {
      return next(new OpenApiError(405, `${req.method} is not allowed on ${path}`, [], { Allow: found.allow }));
    }
    const op = operationOf(found.op);
    (req as Request & { openapi?: OpenApiRequestInfo }).openapi = {
      schema: found.op.operation,
      pathParams: found.pathParams,
      openApiRoute: found.op.template,
    };
    try {
      if (options.validateRequests) validateRequest(op, req, found.pathParams);
    } catch (err) {
      return next(err);
    }
    if (options.validateResponses) checkJsonResponses(op, res, next);
    next();
  };
}
