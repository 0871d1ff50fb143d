/**
 * The signed exchange client (docs/design.md §4, docs/message-signatures.md): every request to a
 * peer's exchange API goes out over mutual TLS 1.3 and carries an RFC 9421 message signature
 * (tag `ipex-exchange-v1`, fresh nonce, `created` from the injected clock, Content-Digest per
 * RFC 9530 with a body). Problems (RFC 9457) become a thrown PeerError; a signed response is
 * verified, bound to the request, when the caller can resolve the peer's keys.
 */
import type { KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { IpexError } from '../errors/index.js';
import {
  IPEX_TAGS, MemoryReplayCache, generateNonce, signRequest, verifyResponse,
  type HttpRequestMessage, type KeyResolver, type ReplayCache, type SignatureAlgorithm, type VerifiedSignature,
  type SignedRequestRecord,
} from '../http-signatures/index.js';
import type { Clock, RandomSource } from '../runtime/clock.js';
import { parseProblem, parseRetryAfter, PeerError, redactUrl } from './peer-error.js';
import { AgentPool, readBody, send, type ClientTlsOptions, type ConnectOverride, type RawResponse } from './transport.js';
import { downloadToFile, type DownloadOptions, type DownloadResult } from './download.js';
import type { BackoffOptions } from './backoff.js';

export interface ExchangeClientOptions {
  readonly tls: ClientTlsOptions;
  /** Our office signing key; `keyId` is the SHA-256 (hex) of its certificate, as in the directory. */
  readonly signing: { readonly keyId: string; readonly privateKey: KeyObject; readonly alg: SignatureAlgorithm };
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Idle time after which a request fails with PEER_TIMEOUT (default 30 000 ms). */
  readonly timeoutMs?: number;
  /** Keys of peers' response signatures; without it, responses are not verified. */
  readonly resolveResponseKey?: KeyResolver;
  /** Remembers response nonces (default: in memory). */
  readonly replayCache?: ReplayCache;
  /** Largest body `request` reads into memory (default 8 MiB; parts go through `download`). */
  readonly maxBodyBytes?: number;
  /** Download retries: attempts in all (default 6) and delays. */
  readonly retry?: BackoffOptions & { readonly attempts?: number };
  /** Connect elsewhere than each URL's host and port (a proxy, a test listener). */
  readonly connect?: ConnectOverride;
  /** How to wait between retries (tests pass one that does not sleep). */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Told of each request's fate: the status the peer answered with, or the code of a request
   * that got no answer (the node records its last contact with each peer from this).
   */
  readonly onContact?: (url: URL, outcome: ContactOutcome) => void;
}

export type ContactOutcome = { readonly status: number } | { readonly failure: string };

export interface ExchangeRequest {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'HEAD';
  /** Absolute https URL on the peer's exchange listener. */
  readonly url: string;
  readonly json?: unknown;
  readonly text?: string;
  readonly accept?: string;
  /** Extra header fields (not signed unless the profile covers them). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ExchangeResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Parses the body as JSON; PEER_RESPONSE_INVALID when it is not. */
  json<T = unknown>(): T;
  /** The verified response signature, when the peer signed and a key resolver was given. */
  readonly signature?: VerifiedSignature;
  /** The request as signed: what the audit log keeps of it. */
  readonly signedRequest: SignedRequestRecord;
  /** Retry-After in seconds, when present. */
  readonly retryAfterSeconds?: number;
  /**
   * Verifies the response signature later, once the peer's key is known (for example from a
   * manifest's validated x5c). SIGNATURE_MISSING when the response carries none.
   */
  verifySignature(resolve: KeyResolver): VerifiedSignature;
}

export type { SignedRequestRecord } from '../http-signatures/index.js';

/**
 * A client of peers' exchange APIs, one per office identity; keep it for the life of the
 * process (it pools keep-alive connections per peer) and `close()` it at the end.
 *
 * @example
 * const client = new ExchangeClient({ tls: { certPem, key, caPem: rootPem }, signing: { keyId, privateKey, alg: 'ecdsa-p256-sha256' }, clock: systemClock, random: systemRandom });
 * const res = await client.request({ method: 'POST', url: 'https://ipex.epo.example:8443/exchange/v1/retrievals', json: body });
 * await client.download({ url: partUrl, dest: '/tmp/a.pdf', expectedSize: 52000, expectedSha256: sha });
 */
export class ExchangeClient {
  readonly #options: ExchangeClientOptions;
  readonly #pool: AgentPool;
  readonly #replay: ReplayCache;

  constructor(options: ExchangeClientOptions) {
    this.#options = options;
    this.#pool = new AgentPool(options.tls);
    this.#replay = options.replayCache ?? new MemoryReplayCache();
  }

  get timeoutMs(): number {
    return this.#options.timeoutMs ?? 30_000;
  }

  /**
   * Sends one signed request and reads the answer. 2xx and 3xx answers are returned; a 4xx or
   * 5xx answer throws PeerError (the peer's registry code, else PEER_ERROR).
   *
   * @throws PeerError, IpexError PEER_UNREACHABLE / PEER_TIMEOUT / PEER_RESPONSE_INVALID, or a
   *   SIGNATURE_* code when a response signature does not verify.
   */
  async request(req: ExchangeRequest): Promise<ExchangeResponse> {
    const body = req.json !== undefined ? Buffer.from(JSON.stringify(req.json), 'utf8') : req.text !== undefined ? Buffer.from(req.text, 'utf8') : undefined;
    const headers: Record<string, string> = { Accept: req.accept ?? 'application/json, application/problem+json', ...req.headers };
    if (body !== undefined) headers['Content-Type'] = req.json !== undefined ? 'application/json' : 'text/plain; charset=utf-8';
    const { raw, message, record } = await this.send(req.method, req.url, headers, body);
    const responseBody = req.method === 'HEAD' ? Buffer.alloc(0) : await readBody(raw, this.#options.maxBodyBytes ?? 8 * 2 ** 20, req.url);
    const retryAfter = parseRetryAfter(raw.headers['retry-after'], this.#options.clock.now());
    if (raw.status >= 400) throw new PeerError(raw.status, parseProblem(responseBody), req.url, retryAfter, responseBody);
    const signature = this.#options.resolveResponseKey === undefined || !isSigned(raw)
      ? undefined
      : this.#verifyResponse(raw, responseBody, message, this.#options.resolveResponseKey);
    return {
      status: raw.status,
      headers: raw.headers,
      body: responseBody,
      json: <T>() => parseJson<T>(responseBody, req.url),
      signedRequest: record,
      verifySignature: (resolve: KeyResolver) => {
        if (!isSigned(raw)) throw new IpexError('SIGNATURE_MISSING', `the answer of ${redactUrl(req.url)} is not signed`);
        return signature ?? this.#verifyResponse(raw, responseBody, message, resolve);
      },
      ...(signature === undefined ? {} : { signature }),
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    };
  }

  /**
   * Downloads a part to `dest` with resume (HTTP Range), retries and a streamed SHA-256 check;
   * see download.ts.
   */
  download(options: DownloadOptions): Promise<DownloadResult> {
    return downloadToFile(this, options, {
      clock: this.#options.clock,
      random: this.#options.random,
      attempts: this.#options.retry?.attempts ?? 6,
      backoff: this.#options.retry ?? {},
      ...(this.#options.sleep === undefined ? {} : { sleep: this.#options.sleep }),
    });
  }

  /**
   * Signs and sends a request, returning the response with its body unread (for streaming).
   * Each call signs afresh: a new nonce and `created`, as a retried request must have.
   */
  async send(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<{ raw: RawResponse; message: HttpRequestMessage; record: SignedRequestRecord }> {
    let target: URL;
    try {
      target = new URL(url);
    } catch (err) {
      throw new IpexError('INVALID_INPUT', `${JSON.stringify(url.slice(0, 100))} is not an absolute URL`, { cause: err });
    }
    const { signing, clock, random } = this.#options;
    const unsigned: HttpRequestMessage = { method, url: target.href, headers, ...(body === undefined ? {} : { body }) };
    const sig = signRequest(unsigned, {
      keyId: signing.keyId, privateKey: signing.privateKey, alg: signing.alg,
      created: clock.now(), nonce: generateNonce(random), tag: IPEX_TAGS.exchangeRequest,
    });
    const signedHeaders: OutgoingHttpHeaders = { ...headers, ...sig };
    if (body !== undefined) signedHeaders['Content-Length'] = String(body.length);
    const message: HttpRequestMessage = { method, url: target.href, headers: signedHeaders as Record<string, string> };
    let raw: RawResponse;
    try {
      raw = await send(this.#pool, { method, url: target, headers: signedHeaders, timeoutMs: this.timeoutMs, ...(this.#options.connect === undefined ? {} : { connect: this.#options.connect }), ...(body === undefined ? {} : { body }) });
    } catch (err) {
      this.#options.onContact?.(target, { failure: err instanceof IpexError ? err.code : 'PEER_UNREACHABLE' });
      throw err;
    }
    this.#options.onContact?.(target, { status: raw.status });
    const record: SignedRequestRecord = {
      method, targetUri: target.href, signatureInput: sig['Signature-Input'], signature: sig.Signature,
      ...(sig['Content-Digest'] === undefined ? {} : { contentDigest: sig['Content-Digest'] }),
    };
    return { raw, message, record };
  }

  /** Closes every pooled connection. */
  close(): void {
    this.#pool.destroy();
  }

  #verifyResponse(raw: RawResponse, body: Buffer, request: HttpRequestMessage, resolve: KeyResolver): VerifiedSignature {
    return verifyResponse(
      { status: raw.status, headers: raw.headers, ...(body.length === 0 ? {} : { body }) },
      request,
      { resolveKey: resolve, clock: this.#options.clock, replayCache: this.#replay, expectedTag: IPEX_TAGS.exchangeResponse },
    );
  }
}

function isSigned(raw: RawResponse): boolean {
  return raw.headers.signature !== undefined && raw.headers['signature-input'] !== undefined;
}

function parseJson<T>(body: Buffer, url: string): T {
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch (err) {
    throw new IpexError('PEER_RESPONSE_INVALID', `the answer of ${redactUrl(url)} is not JSON`, { cause: err });
  }
}
