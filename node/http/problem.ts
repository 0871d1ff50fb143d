/**
 * Problem details (RFC 9457) for both listeners. Every failure leaves the node as
 * `application/problem+json` with a stable `code` from the error registry (docs/design.md §4):
 *
 * - an IpexError keeps its code and status; the peer sees the registry title and the error's
 *   `publicDetail`, never its internal message, unless the app opts in (office API);
 * - an OpenAPI validator error becomes INVALID_INPUT with the validator's `errors` list, or the
 *   HTTP-level code for 404/405/406/413/415 (a 415 with the accepted media types as `detail`);
 * - a body-parser error becomes INVALID_INPUT, BODY_TOO_LARGE or UNSUPPORTED_MEDIA_TYPE;
 * - a raw fault of the storage below (SQLite reporting a damaged file) gets its registry code
 *   (node/storage/storage-faults.ts);
 * - anything else is INTERNAL: logged in full, answered with no message and no stack.
 */
import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { IpexError, errorSpec, type ErrorCode } from '../../protocol/errors/index.js';
import { storageFault } from '../storage/storage-faults.js';
import { OpenApiError } from './openapi/openapi-error.js';

/** The JSON body of a problem response (`Problem` in both OpenAPI documents). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  dasStatus?: string;
  errors?: { path: string; message: string }[];
}

/** A problem with the response headers that go with it (for example `Allow` on 405). */
export interface Problem {
  readonly body: ProblemBody;
  readonly headers: Readonly<Record<string, string>>;
  /** True when the cause is a fault of the node, which must be logged. */
  readonly internal: boolean;
}

/** What the error handler tells about an error. */
export type DetailPolicy = 'public' | 'message';

/** Called with every error that maps to a 5xx, with its full detail, for the node log. */
export type ErrorLogger = (err: unknown, context: { method: string; path: string }) => void;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const MAX_ERRORS = 100;
const MAX_TEXT = 1024;

const VALIDATOR_STATUS_CODES: Readonly<Record<number, ErrorCode>> = {
  400: 'INVALID_INPUT',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

const BODY_PARSER_CODES: Readonly<Record<string, ErrorCode>> = {
  'entity.too.large': 'BODY_TOO_LARGE',
  'entity.parse.failed': 'INVALID_INPUT',
  'entity.verify.failed': 'INVALID_INPUT',
  'request.aborted': 'INVALID_INPUT',
  'request.size.invalid': 'INVALID_INPUT',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
};

/** Builds the problem body of a registered code. */
export function problemBody(code: ErrorCode, detail?: string): ProblemBody {
  const spec = errorSpec(code);
  const body: ProblemBody = { type: `urn:ipex:error:${code}`, title: spec.title, status: spec.status, code };
  if (detail !== undefined && detail !== spec.title) body.detail = clip(detail);
  if (spec.das !== undefined) body.dasStatus = spec.das;
  return body;
}

/** Maps any thrown value to the problem the node answers with. */
export function toProblem(err: unknown, policy: DetailPolicy = 'public'): Problem {
  if (err instanceof IpexError) {
    const detail = policy === 'message' ? err.message : err.publicDetail;
    return { body: problemBody(err.code, detail), headers: {}, internal: err.status >= 500 };
  }
  if (err instanceof OpenApiError) {
    const code = VALIDATOR_STATUS_CODES[err.status];
    if (code === undefined) return internalProblem();
    // A 415 says which media types the operation accepts: they are in the public OpenAPI document.
    const body = problemBody(code, code === 'UNSUPPORTED_MEDIA_TYPE' ? err.message : undefined);
    if (code === 'INVALID_INPUT' && Array.isArray(err.errors)) {
      body.errors = err.errors.slice(0, MAX_ERRORS).map((e) => ({ path: clip(String(e.path)), message: clip(String(e.message)) }));
    }
    const allow = err.headers?.Allow;
    return { body, headers: allow === undefined ? {} : { Allow: allow }, internal: false };
  }
  const parserType = bodyParserType(err);
  const parserCode = parserType === undefined ? undefined : BODY_PARSER_CODES[parserType];
  if (parserCode !== undefined) return { body: problemBody(parserCode), headers: {}, internal: false };
  const fault = storageFault(err);
  if (fault !== undefined) return toProblem(fault, policy);
  return internalProblem();
}

/**
 * Writes a problem response on either listener (express' Response is a node:http one).
 * Bypasses `res.json` so that response validation cannot loop.
 */
export function sendProblem(res: ServerResponse, problem: Problem): void {
  problemCodes.set(res, problem.body.code);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.statusCode = problem.body.status;
  res.setHeader('Content-Type', PROBLEM_MEDIA_TYPE);
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(problem.body));
}

const problemCodes = new WeakMap<ServerResponse, ErrorCode>();

/** The code of the problem a response answered with, if it did (the request log's outcome). */
export function problemCodeOf(res: ServerResponse): ErrorCode | undefined {
  return problemCodes.get(res);
}

/** The last middleware of an app: every error becomes a problem response. */
export function problemHandler(options: { detail?: DetailPolicy; log?: ErrorLogger } = {}): ErrorRequestHandler {
  const log = options.log ?? defaultLogger;
  return (err, req, res, _next) => {
    const problem = toProblem(err, options.detail);
    if (problem.internal) log(err, { method: req.method, path: req.path });
    sendProblem(res, problem);
  };
}

/** Answers 404 NOT_FOUND for anything no route matched. */
export function notFoundHandler(): RequestHandler {
  return (_req, res) => sendProblem(res, { body: problemBody('NOT_FOUND'), headers: {}, internal: false });
}

function internalProblem(): Problem {
  return { body: problemBody('INTERNAL'), headers: {}, internal: true };
}

function bodyParserType(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const type = (err as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** The full error with its stack, one entry on stderr: for faults nobody expected. */
export const defaultLogger: ErrorLogger = (err, context) => {
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`ipex http: ${context.method} ${context.path} failed: ${detail}\n`);
};
