/**
 * Checks JSON responses against the operation's declared response (OpenAPI 3.1 §4.8.16
 * Responses Object, §4.8.17 Response Object) before they leave the node. `res.json` is wrapped
 * for the request: a body that breaks the document is never sent; the request's `next` receives
 * a 500 OpenApiError instead, which problem.ts answers as INTERNAL and logs. Bodies sent with
 * `res.send`/`res.end` (binary parts, text, problems) are not checked, as before.
 */
import type { NextFunction, Response } from 'express';
import type { CompiledOperation } from './compile-operation.js';
import { OpenApiError } from './openapi-error.js';
import { issues } from './validate-request.js';

/** JSON media types, the ones a JSON body can be checked against (RFC 6839 §3.1 `+json`). */
function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || /^application\/[^/]+\+json$/.test(mediaType);
}

/** Returns the issue that makes `body` unfit for the response `status`, or undefined. */
export function responseMismatch(op: CompiledOperation, status: number, contentType: string | undefined, body: unknown): OpenApiError | undefined {
  const response = op.responseFor(status);
  const where = `${op.ref.method.toUpperCase()} ${op.ref.template} ${status}`;
  if (response === undefined) {
    return new OpenApiError(500, `${where}: no response declared for status ${status}`, [{ path: '/response', message: `no schema defined for status code '${status}'` }]);
  }
  if (response.size === 0) {
    if (body === undefined) return undefined;
    return new OpenApiError(500, `${where}: the response declares no body`, [{ path: '/response', message: 'response should NOT have a body' }]);
  }
  const mediaType = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  const declared = response.has(mediaType) ? mediaType : [...response.keys()][0]!;
  if (!isJsonMediaType(declared)) return undefined; // not a JSON response: nothing to check here
  if (body === undefined || body === null) {
    return new OpenApiError(500, `${where}: response body required`, [{ path: '/response', message: 'response body required.' }]);
  }
  const validate = response.get(declared);
  if (validate === undefined || validate(body)) return undefined;
  const list = issues('/response', validate.errors);
  return new OpenApiError(500, `${where}: the response breaks the document: ${list.map((i) => `${i.path} ${i.message}`).join('; ')}`, list);
}

/** Wraps `res.json` of one request so that its body is checked first. */
export function checkJsonResponses(op: CompiledOperation, res: Response, next: NextFunction): void {
  const json = res.json.bind(res);
  res.json = (body?: unknown): Response => {
    const header = res.getHeader('content-type');
    const mismatch = responseMismatch(op, res.statusCode, typeof header === 'string' ? header : undefined, body);
    if (mismatch !== undefined) {
      next(mismatch);
      return res;
    }
    return json(body);
  };
}
