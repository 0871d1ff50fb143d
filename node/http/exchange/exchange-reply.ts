/**
 * Writing the answers of exchange operations on `node:http`'s response (issue 14). JSON answers
 * are checked against the operation's declared response first (the node never sends a body that
 * breaks openapi/exchange.yaml: a mismatch throws, and becomes a logged 500 INTERNAL), and carry
 * the same bytes and header fields as under express before: `JSON.stringify` without spacing,
 * `; charset=utf-8` on a text or JSON body sent from a string, no ETag, no X-Powered-By.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { IpexError } from '../../../protocol/errors/index.js';
import { responseMismatch } from '../openapi/validate-response.js';
import type { ExchangeCall } from './exchange-call.js';

export interface JsonReplyOptions {
  /** Default `application/json`; problems use `application/problem+json`. */
  readonly contentType?: string;
  /** More header fields. */
  readonly headers?: OutgoingHttpHeaders;
  /** The body already serialised (a signed answer's digest is over these bytes). */
  readonly bytes?: Buffer;
}

/** Answers `body` as JSON with `status`, once it fits the operation's declared response. */
export function replyJson(call: ExchangeCall, status: number, body: unknown, options: JsonReplyOptions = {}): void {
  const contentType = options.contentType ?? 'application/json';
  const operation = call.operation;
  if (operation === undefined) throw new IpexError('INTERNAL', 'a JSON answer outside an operation');
  const mismatch = responseMismatch(operation, status, contentType, body);
  if (mismatch !== undefined) throw mismatch;
  const bytes = options.bytes ?? Buffer.from(JSON.stringify(body) ?? '', 'utf8');
  write(call, status, `${contentType}; charset=utf-8`, bytes, options.headers);
}

/** Answers text (as UTF-8, `; charset=utf-8` added to its type) or bytes (the type as given). */
export function replyBody(call: ExchangeCall, status: number, contentType: string, body: string | Buffer | Uint8Array, headers?: OutgoingHttpHeaders): void {
  if (typeof body === 'string') write(call, status, withCharset(contentType), Buffer.from(body, 'utf8'), headers);
  else write(call, status, contentType, body, headers);
}

function write(call: ExchangeCall, status: number, contentType: string, bytes: Uint8Array, headers: OutgoingHttpHeaders | undefined): void {
  const { res } = call;
  res.statusCode = status;
  if (headers !== undefined) for (const name in headers) res.setHeader(name, headers[name]!);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

/** `type; charset=utf-8`, replacing a charset the type names (express' setCharset). */
function withCharset(type: string): string {
  const params = type.split(';').slice(1).filter((p) => !/^\s*charset\s*=/i.test(p)).map((p) => p.trim()).filter((p) => p !== '');
  return [type.split(';')[0]!.trim(), ...params, 'charset=utf-8'].join('; ');
}
