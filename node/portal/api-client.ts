/**
 * The portal's one way to the node: the office API (docs/portal.md "One back end"). Page handlers
 * call operations of openapi/office.yaml by their operationId, over HTTP on a private socket that
 * only this process listens on (node/runtime/portal-socket.ts), so every action the portal offers
 * passes the same validation, authentication, roles, CSRF check and audit as a script's would.
 * The browser's session cookie and CSRF token are forwarded as they came; the API's Set-Cookie
 * (sign-in, sign-out) goes back to the browser. No handler reaches a service directly.
 */
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { openapiPath } from '../http/openapi-path.js';
import { CLIENT_ADDRESS_HEADER } from '../http/office/client-address.js';
import { CSRF_HEADER, SESSION_COOKIE, cookieValue } from '../http/office/session-cookie.js';
import type { components } from '../../protocol/generated/office.js';

export type Problem = components['schemas']['Problem'];

/** An answer of the office API that was a problem (RFC 9457). */
export class ApiError extends Error {
  /** @param retryAfterSeconds the answer's Retry-After (a rate limit), when it had one */
  constructor(readonly status: number, readonly problem: Problem, readonly retryAfterSeconds?: number) {
    super(`${status} ${problem.code}: ${problem.detail ?? problem.title}`);
  }
  get code(): string {
    return this.problem.code;
  }
}

export interface CallOptions {
  /** Values of the path's `{name}` parameters. */
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  /** A streamed body (a part's bytes), sent as application/octet-stream. */
  readonly stream?: Readable;
}

export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
  readonly setCookie: readonly string[];
  /** The answer's Content-Disposition (a file to save), when it has one. */
  readonly contentDisposition?: string;
}

/** Who a call is made for: the browser request's session cookie, CSRF token and address. */
export interface Caller {
  readonly sessionId?: string;
  readonly csrfToken?: string;
  readonly clientAddress: string;
}

interface Operation {
  readonly method: string;
  readonly path: string;
}

const MOUNT = '/api/v1';

export class OfficeApiClient {
  readonly #operations: ReadonlyMap<string, Operation>;

  constructor(private readonly socketPath: string) {
    this.#operations = officeOperations();
  }

  /** Calls the operation `operationId` for `caller`; a problem answer rejects with ApiError. */
  async call<T>(operationId: string, caller: Caller, options: CallOptions = {}): Promise<ApiAnswer<T>> {
    const operation = this.#operations.get(operationId);
    if (operation === undefined) throw new Error(`the office API has no operation ${operationId}`);
    let path = operation.path.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => encodeURIComponent(options.params?.[name] ?? ''));
    const query = Object.entries(options.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
    if (query.length > 0) path += `?${new URLSearchParams(query).toString()}`;
    const headers: Record<string, string> = { accept: 'application/json', [CLIENT_ADDRESS_HEADER]: caller.clientAddress };
    if (caller.sessionId !== undefined) headers.cookie = `${SESSION_COOKIE}=${caller.sessionId}`;
    if (caller.csrfToken !== undefined) headers[CSRF_HEADER] = caller.csrfToken;
    let payload: Buffer | undefined;
    if (options.stream !== undefined) headers['content-type'] = 'application/octet-stream';
    else if (options.body !== undefined) {
      payload = Buffer.from(JSON.stringify(options.body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({ socketPath: this.socketPath, method: operation.method, path: `${MOUNT}${path}`, headers }, resolve);
      req.on('error', reject);
      if (options.stream !== undefined) {
        options.stream.on('error', (err) => req.destroy(err));
        options.stream.pipe(req);
      } else req.end(payload);
    });
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const text = bytes.toString('utf8');
    const status = res.statusCode ?? 500;
    const type = res.headers['content-type'] ?? '';
    // JSON parsed, text as text, anything else (a PDF) as the bytes it is
    const body = bytes.length === 0 ? undefined : type.includes('json') ? JSON.parse(text) as unknown : type.startsWith('text/') || status >= 400 ? text : bytes;
    if (status >= 400) {
      const problem = typeof body === 'object' && body !== null && 'code' in body ? body as Problem : { type: 'about:blank', title: text.slice(0, 200), status, code: 'INTERNAL' };
      const retryAfter = Number(res.headers['retry-after']);
      throw new ApiError(status, problem, Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    }
    const setCookie = res.headers['set-cookie'] ?? [];
    const disposition = res.headers['content-disposition'];
    return { status, body: body as T, setCookie, ...(disposition === undefined ? {} : { contentDisposition: disposition }) };
  }

  /** The operationIds this client can call (for the test that ties the portal to openapi/office.yaml). */
  operationIds(): string[] {
    return [...this.#operations.keys()];
  }
}

/** The caller of a browser request, with the CSRF token of a submitted form. */
export function callerOf(req: IncomingMessage, csrfToken?: string): Caller {
  const sessionId = cookieValue(req, SESSION_COOKIE);
  return {
    clientAddress: req.socket.remoteAddress ?? 'unknown',
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(csrfToken === undefined ? {} : { csrfToken }),
  };
}

/** operationId → method and path, read from openapi/office.yaml: the one list of what the API offers. */
export function officeOperations(): Map<string, Operation> {
  const doc = yaml.load(readFileSync(openapiPath('office'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };
  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op === 'object' && op !== null && typeof op.operationId === 'string') operations.set(op.operationId, { method: method.toUpperCase(), path });
    }
  }
  return operations;
}
