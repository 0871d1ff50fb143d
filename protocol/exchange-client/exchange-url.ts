/**
 * Which URL a request to a node's exchange API is signed for (docs/message-signatures.md "The
 * target URI", docs/trust.md "Directory format"). Both ends form it the same way, here: the
 * `exchangeUrl` of the node's directory entry is an https origin, the API lives under
 * `/exchange/v1` on it, and the `@target-uri` of a request is that origin followed by the
 * request-target exactly as sent, serialised as RFC 9421 §2.2.2 asks (WHATWG URL parsing,
 * protocol/http-signatures/message.ts). Keeping the composition in one place is what makes the
 * signer's string and the verifier's string the same.
 */
import { IpexError } from '../errors/index.js';
import { derivedRequestComponent } from '../http-signatures/message.js';

/** Where the exchange API lives on every node's exchange origin. */
export const EXCHANGE_API_PATH = '/exchange/v1';

/**
 * Checks that `exchangeUrl` is what a directory entry may hold — `https://host[:port]`, at most a
 * final `/`, no path, query, fragment or credentials — and returns it without the final `/`.
 *
 * @throws IpexError INVALID_INPUT naming what is wrong.
 */
export function exchangeOrigin(exchangeUrl: string): string {
  let url: URL;
  try {
    url = new URL(exchangeUrl);
  } catch {
    throw new IpexError('INVALID_INPUT', `exchange URL ${JSON.stringify(exchangeUrl.slice(0, 80))} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
    throw new IpexError('INVALID_INPUT', 'an exchange URL is https:// without credentials, e.g. "https://ipex.example.org:8443"');
  }
  if (!/^https:\/\/[^/?#]+\/?$/i.test(exchangeUrl)) {
    throw new IpexError('INVALID_INPUT', `an exchange URL is an origin without path, query or fragment, e.g. "https://ipex.example.org:8443" (the API paths ${EXCHANGE_API_PATH}/… are added to it)`);
  }
  return exchangeUrl.replace(/\/$/, '');
}

/** The base of a node's exchange API: its exchange origin + `/exchange/v1`. */
export function exchangeApiBase(exchangeUrl: string): string {
  return `${exchangeUrl.replace(/\/+$/, '')}${EXCHANGE_API_PATH}`;
}

/**
 * The URL a request to the node at `exchangeUrl` addresses, from the request-target of its
 * request line (origin-form: path and query). Plain concatenation, never URL resolution: a
 * request-target such as `//elsewhere/x` must not change the host the signature is checked for.
 */
export function exchangeRequestUrl(exchangeUrl: string, requestTarget: string): string {
  return `${exchangeUrl.replace(/\/+$/, '')}${requestTarget}`;
}

/**
 * The `@target-uri` component value (RFC 9421 §2.2.2) of that request, as the signer puts it
 * in the signature base and the node recomputes it.
 *
 * @throws ComponentError (protocol/http-signatures) when the result is not an absolute http(s) URI.
 */
export function exchangeTargetUri(exchangeUrl: string, requestTarget: string): string {
  return derivedRequestComponent({ method: 'GET', url: exchangeRequestUrl(exchangeUrl, requestTarget), headers: {} }, '@target-uri');
}

/**
 * True when the request-target (path and query) is already in the form its `@target-uri`
 * serialises to — no dot segments, nothing that URL parsing would escape, no empty `?` — so that
 * the URL the signature covers is the very path the node acts on.
 */
export function isNormalRequestTarget(requestTarget: string): boolean {
  if (!requestTarget.startsWith('/')) return false;
  try {
    const url = new URL(`https://target.invalid${requestTarget}`);
    return `${url.pathname}${url.search}` === requestTarget;
  } catch {
    return false;
  }
}
