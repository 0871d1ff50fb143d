/**
 * Reading the body of an exchange request before peer authentication (issue 14; what
 * express.json and express.text did on this listener): JSON (`application/json`,
 * `application/*+json`) and `text/plain` bodies are read within their limits and kept as bytes
 * (Content-Digest is over them) beside their parsed value; other bodies (none today) stay an
 * unread stream. A body that cannot be read or parsed is not answered here: its error waits on
 * the call until the peer is authenticated, so that the refusal names who was refused
 * (docs/message-signatures.md "Verification, in order").
 *
 * As before: an empty JSON body is `{}`, and a JSON body must be an object or an array. Only
 * UTF-8 is read and no content coding is undone: a body whose charset is not UTF-8 or that
 * carries a Content-Encoding is 415 UNSUPPORTED_MEDIA_TYPE (docs/exchange.md §0).
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { OpenApiError } from '../openapi/openapi-error.js';
import type { ExchangeCall } from './exchange-call.js';

export interface BodyLimits {
  readonly jsonBytes: number;
  readonly textBytes: number;
}

/** Reads the call's JSON or text body, if it has one; never rejects. */
export async function readBody(call: ExchangeCall, limits: BodyLimits): Promise<void> {
  const { req } = call;
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] === undefined && (length === undefined || Number.isNaN(Number(length)))) return;
  const type = mediaTypeOf(req.headers['content-type']);
  if (type === undefined) return;
  const isJson = type.essence === 'application/json' || /^application\/[^/;]+\+json$/.test(type.essence);
  if (!isJson && type.essence !== 'text/plain') return;
  const limit = isJson ? limits.jsonBytes : limits.textBytes;
  const coding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  const charset = type.charset ?? 'utf-8';
  const refusal = coding !== 'identity'
    ? new OpenApiError(415, `Content-Encoding ${coding.slice(0, 40)} is not accepted: send the body without a content coding`)
    : charset !== 'utf-8' && charset !== 'utf8'
      ? new OpenApiError(415, `charset ${charset.slice(0, 40)} is not accepted: send the body as UTF-8`)
      : undefined;
  const declared = length === undefined ? undefined : Number(length);
  const bytes = await collect(call, refusal === undefined && (declared === undefined || declared <= limit) ? limit : -1);
  if (refusal !== undefined) {
    call.bodyError = refusal;
    return;
  }
  if (bytes === undefined) {
    call.bodyError = new IpexError('BODY_TOO_LARGE', `the body is larger than ${limit} bytes`);
    return;
  }
  if (bytes === null) {
    call.bodyError = new IpexError('INVALID_INPUT', 'the request body was cut short');
    return;
  }
  call.rawBody = bytes;
  if (!isJson) {
    call.body = bytes.toString('utf8');
    return;
  }
  try {
    call.body = parseJson(bytes.toString('utf8'));
  } catch {
    call.bodyError = new IpexError('INVALID_INPUT', 'the body is not a JSON object or array');
  }
}

/**
 * The whole body, or undefined when it grew past `limit` (-1: keep nothing), or null when the
 * request ended early. The rest of a refused body is read off, so the connection stays usable.
 */
function collect(call: ExchangeCall, limit: number): Promise<Buffer | undefined | null> {
  return new Promise((resolve) => {
    const { req } = call;
    const chunks: Buffer[] = [];
    let size = 0;
    let over = limit < 0;
    const onData = (chunk: Buffer): void => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    };
    const done = (value: Buffer | undefined | null): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', onAborted);
      req.off('close', onAborted);
      resolve(value);
    };
    const onEnd = (): void => done(over ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    const onAborted = (): void => done(null);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('aborted', onAborted);
    req.once('error', onAborted);
    req.once('close', onAborted); // a connection gone before the end: the call must not wait for ever
  });
}

/** An empty body is `{}`; anything but an object or array is refused, as express.json's strict mode did. */
function parseJson(text: string): unknown {
  if (text.length === 0) return {};
  const first = /^[\x20\x09\x0a\x0d]*(.?)/.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw new SyntaxError('not an object or array');
  return JSON.parse(text) as unknown;
}

/** The media type of a Content-Type header (lowercased, without parameters) and its charset. */
function mediaTypeOf(header: string | undefined): { essence: string; charset?: string } | undefined {
  if (header === undefined) return undefined;
  const [essence, ...params] = header.split(';');
  const type = essence!.trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return undefined;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(p);
    if (m !== null) return { essence: type, charset: m[1]!.toLowerCase() };
  }
  return { essence: type };
}
