/**
 * One request on the exchange listener (issue 14): what the listener (exchange-app.ts) learns
 * about a request as it goes — the path and query as sent, the body's bytes and their parsed
 * value, the operation it matched with its path parameters, the office that authenticated — in
 * one object that the routes, the refusal audit and the request log read. It replaces express'
 * `req`/`res.locals` on this listener: the listener is served by `node:https` directly, with the
 * operations of openapi/exchange.yaml compiled once (exchange-router.ts).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { IpexError } from '../../../protocol/errors/index.js';
import type { CompiledOperation } from '../openapi/compile-operation.js';
import type { Peer } from './peer-auth.js';

export class ExchangeCall {
  readonly method: string;
  /** The request-target as sent (express' `originalUrl`). */
  readonly target: string;
  /** Its path, still percent-encoded, without the query. */
  readonly path: string;
  /** The query string parsed as express' `simple` parser does (node:querystring). */
  readonly query: Record<string, string | string[] | undefined>;
  /** The bytes of a JSON or text body as they arrived (Content-Digest is over them). */
  rawBody: Buffer | undefined;
  /** The parsed JSON object or text of the body, when it had one of those media types. */
  body: unknown;
  /** A body that could not be read or parsed: answered after authentication. */
  bodyError: unknown;
  /** The operation the request matched, once routed. */
  operation: CompiledOperation | undefined;
  /** Path parameters, percent-decoded. */
  params: Readonly<Record<string, string>> = {};
  /** The office of a verified TLS client certificate, as soon as it is known. */
  tlsOffice: string | undefined;
  /** What peer authentication established (exchange/peer-auth.ts). */
  peer: Peer | undefined;

  constructor(readonly req: IncomingMessage, readonly res: ServerResponse) {
    this.method = req.method ?? 'GET';
    this.target = req.url ?? '/';
    const q = this.target.indexOf('?');
    this.path = targetPath(this.target, q);
    this.query = q < 0 ? {} : parseQuery(this.target.slice(q + 1));
  }

  get headers(): IncomingHttpHeaders {
    return this.req.headers;
  }

  /** A header field as one string (repeated fields joined as RFC 9110 §5.3 allows). */
  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** A path parameter of the matched operation. */
  param(name: string): string {
    return this.params[name] ?? '';
  }
}

/** What every exchange operation is: given the call, it answers it or throws (a problem). */
export type ExchangeHandler = (call: ExchangeCall) => void | Promise<void>;

/** Where the route modules put their handlers, by the operationId of openapi/exchange.yaml. */
export interface ExchangeRoutes {
  on(operationId: string, handler: ExchangeHandler): void;
}

/** The authenticated peer of a call that passed peer authentication. */
export function peerOf(call: ExchangeCall): Peer {
  if (call.peer === undefined) throw new IpexError('INTERNAL', 'route reached without peer authentication');
  return call.peer;
}

/** The office that authenticated on either layer, if any: the signer, else the TLS certificate's. */
export function authenticatedOffice(call: ExchangeCall): { office: string; keyId?: string } | undefined {
  if (call.peer !== undefined) return { office: call.peer.office.code, keyId: call.peer.keyId };
  return call.tlsOffice === undefined ? undefined : { office: call.tlsOffice };
}

/**
 * The path of a request-target: origin-form up to the query; an absolute-form target (RFC 9112
 * §3.2.2) by its URL's path, as express' parseurl reads it, so that no spelling reaches a route
 * unseen (peer authentication refuses such targets: they are not in normal form).
 */
function targetPath(target: string, q: number): string {
  if (target.startsWith('/')) return q < 0 ? target : target.slice(0, q);
  try {
    return new URL(target).pathname;
  } catch {
    return target;
  }
}
