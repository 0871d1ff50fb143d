/**
 * The exchange operations as one table (issue 14): openapi/exchange.yaml's paths (method + path
 * template, node/http/openapi/route-table.ts) each bound to its handler by operationId and to
 * its validators (compile-operation.ts), built once when the listener is made. A route module
 * that names an operation the document lacks, or a document operation without a handler, stops
 * the node at start rather than answering 404 for it later. An operation's schemas are compiled
 * by ajv on its first request and kept (start-up compiles nothing, as before).
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { compileOperation, type CompiledOperation } from '../openapi/compile-operation.js';
import type { OpenApiDocument } from '../openapi/load-document.js';
import { OpenApiError } from '../openapi/openapi-error.js';
import { RouteTable, type OperationRef } from '../openapi/route-table.js';
import { validateRequest } from '../openapi/validate-request.js';
import type { ExchangeCall, ExchangeHandler, ExchangeRoutes } from './exchange-call.js';

interface Bound {
  readonly handler: ExchangeHandler;
  compiled: CompiledOperation | undefined;
}

export class ExchangeRouter {
  readonly #doc: OpenApiDocument;
  readonly #table: RouteTable;
  readonly #bound = new Map<OperationRef, Bound>();

  /** `install` registers every handler (the route modules); the table is then complete. */
  constructor(doc: OpenApiDocument, install: (routes: ExchangeRoutes) => void) {
    this.#doc = doc;
    this.#table = new RouteTable(doc);
    const byId = new Map<string, OperationRef>();
    for (const ref of this.#table.operations()) {
      const id = ref.operation['operationId'];
      if (typeof id === 'string') byId.set(id, ref);
    }
    install({
      on: (operationId, handler) => {
        const ref = byId.get(operationId);
        if (ref === undefined) throw new IpexError('CONFIG_INVALID', `${doc.file} has no operation ${operationId}`);
        if (this.#bound.has(ref)) throw new IpexError('CONFIG_INVALID', `operation ${operationId} has two handlers`);
        this.#bound.set(ref, { handler, compiled: undefined });
      },
    });
    const missing = [...byId].filter(([, ref]) => !this.#bound.has(ref)).map(([id]) => id);
    if (missing.length > 0) throw new IpexError('CONFIG_INVALID', `no handler for the operations ${missing.join(', ')} of ${doc.file}`);
  }

  /**
   * Finds the call's operation by its path relative to the mount, checks the request against it
   * and returns its handler. Throws OpenApiError: 404 no such path, 405 (with `Allow`) no such
   * method on it, 400 malformed percent-encoding or invalid input, 415 an unaccepted media type.
   */
  route(call: ExchangeCall, relativePath: string): ExchangeHandler {
    let found;
    try {
      found = this.#table.match(call.method, relativePath);
    } catch {
      throw new OpenApiError(400, 'malformed percent-encoding in the path', [{ path: '/params', message: 'malformed URI' }]);
    }
    if (found.kind === 'none') throw new OpenApiError(404, `no operation at ${call.path}`);
    if (found.kind === 'method') throw new OpenApiError(405, `${call.method} is not allowed on ${call.path}`, [], { Allow: found.allow });
    const bound = this.#bound.get(found.op)!;
    bound.compiled ??= compileOperation(this.#doc, found.op);
    call.operation = bound.compiled;
    call.params = found.pathParams;
    validateRequest(bound.compiled, call, found.pathParams);
    return bound.handler;
  }
}
