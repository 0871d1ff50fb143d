/**
 * Authentication of every exchange request, both layers (docs/design.md §4), before anything else
 * looks at the request — so that every refusal, also of a body or a path, names who was refused.
 * The order is the one of docs/message-signatures.md "Verification, in order":
 *
 * 1. Transport — the mutual-TLS client certificate (already verified against the network root in
 *    the handshake, node/runtime/handshake-refusals.ts) is validated as a `tls-client`
 *    certificate of an active office listed in the directory, with the CRL (the decision is kept
 *    per certificate while the same directory and CRL are installed: node/trust/trust-service.ts).
 * 2. Message — the request-target is in normal form; the RFC 9421 signature
 *    (docs/message-signatures.md) is present, well-formed, tagged and timely; its key id names a
 *    signing certificate listed for an active office (an unknown key id is SIGNATURE_INVALID, as
 *    a wrong key is); the signature verifies; the body matches its Content-Digest; the nonce is new.
 * 3. Both layers name the same office, and that office is active.
 *
 * What it establishes is left in the call's `peer` for the routes and the audit log: the office,
 * the key id and the signed request itself (the non-repudiable record of who asked for what). The
 * office of a verified TLS certificate is left in the call's `tlsOffice` as soon as it is known,
 * so that a refusal after it can be logged against that office.
 */
import type { TLSSocket } from 'node:tls';
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import { exchangeRequestUrl, isNormalRequestTarget } from '../../../protocol/exchange-client/exchange-url.js';
import {
  IPEX_TAGS, checkRequestSignature, verifyCheckedRequest,
  type HttpRequestMessage, type ReplayCache, type SignedRequestRecord, type VerifiedSignature, type VerifyOptions,
} from '../../../protocol/http-signatures/index.js';
import type { DirectoryOffice } from '../../../protocol/directory/index.js';
import type { TrustService } from '../../trust/index.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { ExchangeCall } from './exchange-call.js';

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
}

/** Authenticates a call; it sets the call's `tlsOffice` and `peer`, or throws the refusal. */
export function peerAuth(options: PeerAuthOptions): (call: ExchangeCall) => Promise<Peer> {
  // A connection's client certificate never changes: its bytes are read once per connection.
  const socketCertificates = new WeakMap<TLSSocket, Buffer>();
  const refreshed = { refreshed: true } as const;
  const resolveKey = options.trust.signingKeyResolver();

  return async (call) => {
    const peer = await authenticate(call);
    call.peer = peer;
    return peer;
  };

  async function authenticate(call: ExchangeCall): Promise<Peer> {
    // One look at the installed directory and CRL per request, when the first decision needs
    // it (the TLS certificate, else the key id); every decision is taken from it and reused
    // while it stays installed (node/trust/trust-service.ts).
    if (options.mutualTls) await options.trust.refresh();
    const tlsOffice = options.mutualTls ? await tlsPeerOffice(call.req.socket as TLSSocket) : undefined;
    if (tlsOffice !== undefined) call.tlsOffice = tlsOffice;
    // What the peer signed: our exchange URL (as in the directory) + the request-target as sent,
    // which must already be in normal form, or the signed URL and the routed path could differ.
    if (!isNormalRequestTarget(call.target)) {
      const detail = 'the request-target is not in normal form (no dot segments, percent-encode what URLs escape, no empty query); see docs/message-signatures.md "The target URI"';
      throw new IpexError('INVALID_INPUT', detail, { publicDetail: detail });
    }
    const targetUri = exchangeRequestUrl(options.publicUrl, call.target);
    const message: HttpRequestMessage = { method: call.method, url: targetUri, headers: call.headers, body: call.rawBody };
    const verifying: VerifyOptions = {
      resolveKey,
      clock: options.clock,
      replayCache: options.replayCache,
      maxAgeSeconds: options.maxSkewSeconds,
      maxFutureSkewSeconds: options.maxSkewSeconds,
      expectedTag: IPEX_TAGS.exchangeRequest,
    };
    // Everything that needs no key first; only then is the key id looked up in the directory.
    const checked = checkRequestSignature(message, verifying);
    const { keyId } = checked;
    if (!options.mutualTls) await options.trust.refresh();
    const keyOffice = await signingKeyOffice(keyId);
    const verified = verifyCheckedRequest(message, checked, verifying);
    // Asked at once (same turn); a cache shared by several processes decides with its batch.
    const taken = options.replayCache.taken?.(verified.keyId, verified.nonce);
    if (taken !== undefined && !(await taken)) throw new IpexError('SIGNATURE_REPLAYED', `nonce of key ${verified.keyId} was already used`);
    if (tlsOffice !== undefined && tlsOffice !== keyOffice) {
      throw new IpexError('CERT_OFFICE_MISMATCH', `the TLS certificate is office ${tlsOffice} but the request is signed by office ${keyOffice}`);
    }
    const office = await options.trust.requireActive(keyOffice, undefined, refreshed);
    const signatureInput = call.header('signature-input');
    const signature = call.header('signature');
    const contentDigest = call.header('content-digest');
    return {
      office,
      keyId,
      signature: verified,
      request: {
        method: call.method,
        targetUri,
        signatureInput: signatureInput ?? '',
        signature: signature ?? '',
        ...(contentDigest === undefined ? {} : { contentDigest }),
      },
    };
  }

  /**
   * The office of the signing key `keyId`. A key id that is no signing certificate of the
   * directory is a signature that does not verify (SIGNATURE_INVALID, docs/message-signatures.md
   * step 5); a listed certificate of a suspended or revoked office, or one that is itself
   * revoked or expired, keeps its own code.
   */
  async function signingKeyOffice(keyId: string): Promise<string> {
    try {
      return await options.trust.ensureSigningKey(keyId, refreshed);
    } catch (err) {
      if (!isIpexError(err, 'CERT_NOT_IN_DIRECTORY')) throw err;
      throw new IpexError('SIGNATURE_INVALID', `signature verification failed: ${err.message}`, { cause: err });
    }
  }

  async function tlsPeerOffice(socket: TLSSocket): Promise<string> {
    let der = socketCertificates.get(socket);
    if (der === undefined) {
      const certificate = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(false) : undefined;
      if (certificate === undefined || certificate.raw === undefined) {
        throw new IpexError('CLIENT_CERT_REQUIRED', 'the exchange API needs the office TLS certificate as a client certificate (mutual TLS)');
      }
      der = certificate.raw;
      socketCertificates.set(socket, der);
    }
    // Validated once per certificate and directory, so a new CRL or directory applies at once.
    return options.trust.tlsClientOffice(der, refreshed);
  }
}
