/**
 * Authentication of every exchange request, both layers (docs/design.md §4):
 *
 * 1. Transport — the mutual-TLS client certificate is validated as a `tls-client` certificate
 *    of an active office listed in the directory (once per connection).
 * 2. Message — the RFC 9421 signature (docs/message-signatures.md) is verified with the signing
 *    key that the directory lists under its key id; `created` must be within the configured
 *    skew; the nonce goes into the replay cache; a body must match its Content-Digest.
 * 3. Both must name the same office.
 *
 * What it establishes is left in `res.locals.peer` for the routes and the audit log: the office,
 * the key id and the signed request itself (the non-repudiable record of who asked for what).
 */
import type { TLSSocket } from 'node:tls';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import { exchangeRequestUrl, isNormalRequestTarget } from '../../../protocol/exchange-client/exchange-url.js';
import { IPEX_TAGS, verifyRequest, type ReplayCache, type SignedRequestRecord, type VerifiedSignature } from '../../../protocol/http-signatures/index.js';
import { selectSignature } from '../../../protocol/http-signatures/signature-input.js';
import type { DirectoryOffice } from '../../../protocol/directory/index.js';
import type { TrustService } from '../../trust/index.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import { rawBodyOf } from '../create-api-app.js';

export type { SignedRequestRecord } from '../../../protocol/http-signatures/index.js';

export interface Peer {
  readonly office: DirectoryOffice;
  readonly keyId: string;
  readonly signature: VerifiedSignature;
  readonly request: SignedRequestRecord;
}

export interface PeerAuthOptions {
  readonly trust: TrustService;
  readonly clock: Clock;
  readonly replayCache: ReplayCache;
  /** The exchange URL peers address (`exchange.publicUrl`): the `@target-uri` they sign. */
  readonly publicUrl: string;
  readonly mutualTls: boolean;
  readonly maxSkewSeconds: number;
  /** Told about every refused request (for the audit log); never throws. */
  readonly onRefused?: (req: Request, err: IpexError) => void;
}

/** The authenticated peer of a request that passed {@link peerAuth}. */
export function peerOf(res: Response): Peer {
  const peer = res.locals.peer as Peer | undefined;
  if (peer === undefined) throw new IpexError('INTERNAL', 'route reached without peer authentication');
  return peer;
}

export function peerAuth(options: PeerAuthOptions): RequestHandler {
  const tlsOffices = new WeakMap<TLSSocket, { code: string; until: number }>();

  return (req: Request, res: Response, next: NextFunction): void => {
    authenticate(req).then(
      (peer) => {
        res.locals.peer = peer;
        next();
      },
      (err: unknown) => {
        if (err instanceof IpexError) options.onRefused?.(req, err);
        next(err);
      },
    );
  };

  async function authenticate(req: Request): Promise<Peer> {
    const tlsOffice = options.mutualTls ? await tlsPeerOffice(req.socket as TLSSocket) : undefined;
    const signatureInput = header(req, 'signature-input');
    const signature = header(req, 'signature');
    const { keyId } = selectSignature(signatureInput, signature, IPEX_TAGS.exchangeRequest);
    const keyOffice = await options.trust.ensureSigningKey(keyId);
    // What the peer signed: our exchange URL (as in the directory) + the request-target as sent,
    // which must already be in normal form, or the signed URL and the routed path could differ.
    if (!isNormalRequestTarget(req.originalUrl)) {
      const detail = 'the request-target is not in normal form (no dot segments, percent-encode what URLs escape, no empty query); see docs/message-signatures.md "The target URI"';
      throw new IpexError('INVALID_INPUT', detail, { publicDetail: detail });
    }
    const targetUri = exchangeRequestUrl(options.publicUrl, req.originalUrl);
    const body = rawBodyOf(req);
    const verified = verifyRequest(
      { method: req.method, url: targetUri, headers: req.headers, body },
      {
        resolveKey: options.trust.signingKeyResolver(),
        clock: options.clock,
        replayCache: options.replayCache,
        maxAgeSeconds: options.maxSkewSeconds,
        maxFutureSkewSeconds: options.maxSkewSeconds,
        expectedTag: IPEX_TAGS.exchangeRequest,
      },
    );
    if (tlsOffice !== undefined && tlsOffice !== keyOffice) {
      throw new IpexError('CERT_OFFICE_MISMATCH', `the TLS certificate is office ${tlsOffice} but the request is signed by office ${keyOffice}`);
    }
    const office = await options.trust.requireActive(keyOffice);
    const contentDigest = header(req, 'content-digest');
    return {
      office,
      keyId,
      signature: verified,
      request: {
        method: req.method,
        targetUri,
        signatureInput: signatureInput ?? '',
        signature: signature ?? '',
        ...(contentDigest === undefined ? {} : { contentDigest }),
      },
    };
  }

  async function tlsPeerOffice(socket: TLSSocket): Promise<string> {
    const cached = tlsOffices.get(socket);
    const now = options.clock.now().getTime();
    if (cached !== undefined && now < cached.until) return cached.code;
    const certificate = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(false) : undefined;
    if (certificate === undefined || certificate.raw === undefined) {
      throw new IpexError('CLIENT_CERT_REQUIRED', 'the exchange API needs the office TLS certificate as a client certificate (mutual TLS)');
    }
    const peer = await options.trust.verifyPeerCertificate(certificate.raw, { use: 'tls', purpose: 'tls-client' });
    // Re-checked at most every minute on a kept-alive connection, so revocation takes effect.
    tlsOffices.set(socket, { code: peer.office.code, until: now + 60_000 });
    return peer.office.code;
  }
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  if (Array.isArray(value)) return value.join(', ');
  return value;
}
