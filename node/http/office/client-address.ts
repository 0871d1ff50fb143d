/**
 * The remote address of an office-API request, for the sign-in rate limit and its audit entry.
 * The portal's page handlers reach the API over a private socket (node/portal/api-client.ts), so
 * on that socket the browser's address comes in the `X-Ipex-Client-Address` header; the header is
 * believed only on requests that arrived on that socket (marked by the node when it accepts
 * them), never from the network, where anyone could write it.
 */
import type { IncomingMessage } from 'node:http';

export const CLIENT_ADDRESS_HEADER = 'x-ipex-client-address';

const fromPortal = new WeakSet<IncomingMessage>();

/** Marks a request as one that arrived on the portal's private socket. */
export function markPortalRequest(req: IncomingMessage): void {
  fromPortal.add(req);
}

/** The address a request came from: the forwarded one on the private socket, else the peer's. */
export function clientAddressOf(req: IncomingMessage): string {
  if (fromPortal.has(req)) {
    const forwarded = req.headers[CLIENT_ADDRESS_HEADER];
    if (typeof forwarded === 'string' && /^[0-9A-Fa-f:.]{2,45}$/.test(forwarded)) return forwarded;
    return 'portal';
  }
  return req.socket.remoteAddress ?? 'unknown';
}
