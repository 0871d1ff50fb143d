/**
 * The HTTP messages that ipex signs and verifies, reduced to what RFC 9421 needs, and the
 * values of their components (§2.1 header fields, §2.2 derived components). Header maps are the
 * shapes Node and axios use — names in any case, a string, a number or a list of lines.
 */

/** A header value as Node (`IncomingHttpHeaders`, `OutgoingHttpHeaders`) or axios gives it. */
export type HeaderValue = string | number | readonly string[] | undefined;

/** Header fields by name; names are matched without regard to case. */
export type HeaderMap = Readonly<Record<string, HeaderValue>>;

/** A request as signed: `url` is the absolute target URI the client addressed. */
export interface HttpRequestMessage {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderMap;
  /** The body when held in memory; leave out for streamed bodies (see verifyContentDigest). */
  readonly body?: Uint8Array | undefined;
}

/** A response as signed. */
export interface HttpResponseMessage {
  readonly status: number;
  readonly headers: HeaderMap;
  readonly body?: Uint8Array | undefined;
}

/** Why a component could not be resolved; the signer and verifier map it to their own errors. */
export class ComponentError extends Error {
  constructor(
    readonly reason: 'absent' | 'unsupported' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'ComponentError';
  }
}

/**
 * The value of header field `name` (lower case) per RFC 9421 §2.1: every line of the field,
 * trimmed, joined with ", "; undefined when the field is absent. A value holding CR, LF or NUL
 * could forge lines of the signature base and is refused.
 */
export function fieldValue(headers: HeaderMap, name: string): string | undefined {
  const lines: string[] = [];
  // Read per covered field of every signed message: no entry arrays, and a name of another
  // length is passed over without lowercasing it.
  for (const key in headers) {
    if (key.length !== name.length || (key !== name && key.toLowerCase() !== name) || !Object.hasOwn(headers, key)) continue;
    const value = headers[key];
    if (value === undefined) continue;
    if (typeof value === 'object') for (const line of value) lines.push(String(line).trim());
    else lines.push(String(value).trim());
  }
  if (lines.length === 0) return undefined;
  const joined = lines.join(', ');
  if (/[\r\n\0]/.test(joined)) throw new ComponentError('malformed', `field ${name} contains a line break`);
  return joined;
}

/** Adds or replaces header fields, whatever the case of the existing names. */
export function withHeaders(headers: HeaderMap, added: Readonly<Record<string, string>>): Record<string, HeaderValue> {
  const names = new Set(Object.keys(added).map((n) => n.toLowerCase()));
  const out: Record<string, HeaderValue> = {};
  for (const [key, value] of Object.entries(headers)) if (!names.has(key.toLowerCase())) out[key] = value;
  return Object.assign(out, added);
}

/**
 * Parses the target URI. Only absolute http(s) URIs without user information are accepted:
 * the signature covers exactly what the peer can check.
 */
export function parseTargetUri(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ComponentError('malformed', 'the target URI is not an absolute URI');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ComponentError('malformed', 'the target URI is not http(s)');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ComponentError('malformed', 'the target URI carries user information');
  }
  return parsed;
}

/** The derived components of a request (RFC 9421 §2.2.1–§2.2.7), by name. */
export function derivedRequestComponent(request: HttpRequestMessage, name: string): string {
  const url = parseTargetUri(request.url);
  switch (name) {
    case '@method':
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(request.method)) {
        throw new ComponentError('malformed', 'the method is not a token');
      }
      return request.method;
    case '@target-uri':
      // §2.2.2: the full target URI; the fragment never reaches the server, so it is dropped.
      return `${url.protocol}//${url.host}${url.pathname}${url.search}`;
    case '@authority':
      // §2.2.3: host in lower case, port only when not the default (URL.host does both).
      return url.host;
    case '@path':
      return url.pathname === '' ? '/' : url.pathname;
    case '@query':
      // §2.2.7: an absent or empty query is "?".
      return url.search === '' ? '?' : url.search;
    default:
      throw new ComponentError('unsupported', `derived component ${name} is not supported`);
  }
}

/**
 * A signed request as both ends record it (the audit log on the receiving side, a copy's
 * provenance on the sending side): what it asked for and the signature headers that prove who.
 */
export interface SignedRequestRecord {
  readonly method: string;
  readonly targetUri: string;
  readonly signatureInput: string;
  readonly signature: string;
  readonly contentDigest?: string;
}
