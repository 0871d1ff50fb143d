/**
 * The benchmark's peer client (issue 5 "the same client" for the node and for nginx): one
 * keep-alive HTTPS agent with as many sockets as requests in flight, TLS 1.3, mutual TLS with
 * JP's office TLS certificate, trusting only the network root. When a signer is given, every
 * request carries an RFC 9421 signature made by protocol/http-signatures `signRequest` exactly
 * as protocol/exchange-client does (tag ipex-exchange-v1, fresh nonce, Content-Digest).
 *
 * Why not ExchangeClient itself: its agent pool caps a peer at 8 sockets, so "64 concurrent"
 * would be 64 requests queued on 8 connections, and nginx would be measured the same way.
 * Response signatures are not verified here: that is the client's cost, not the node's.
 */
import { createHash } from 'node:crypto';
import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { OfficeIdentity } from '../../node/identity/office-identity.js';
import { signatureAlgorithmFor } from '../../node/trust/index.js';
import { IPEX_TAGS, generateNonce, signRequest } from '../../protocol/http-signatures/index.js';
import { systemClock, systemRandom } from '../../protocol/runtime/clock.js';

export interface PeerReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface PeerClientOptions {
  /** Whose TLS certificate (and, when `sign`, signing key) the client uses. */
  readonly as: OfficeIdentity;
  /** Where to connect. */
  readonly port: number;
  /** The URL base that is signed as `@target-uri` (the peer's exchange.publicUrl). */
  readonly publicUrl: string;
  readonly sign: boolean;
  readonly maxSockets: number;
}

export class PeerClient {
  readonly #options: PeerClientOptions;
  readonly #agent: Agent;

  constructor(options: PeerClientOptions) {
    this.#options = options;
    this.#agent = new Agent({
      keepAlive: true,
      maxSockets: options.maxSockets,
      minVersion: 'TLSv1.3',
      cert: options.as.tls.certificatePem,
      key: options.as.tls.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      ca: options.as.rootPem,
      rejectUnauthorized: true,
    });
  }

  #headers(method: string, path: string, body: Buffer | undefined, extra: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json, */*', ...extra };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.#options.sign) {
      const as = this.#options.as;
      const signed = signRequest({ method, url: `${this.#options.publicUrl}${path}`, headers, ...(body === undefined ? {} : { body }) }, {
        keyId: as.signing.sha256, privateKey: as.signing.privateKey, alg: signatureAlgorithmFor(as.signing.privateKey)!,
        created: systemClock.now(), nonce: generateNonce(systemRandom), tag: IPEX_TAGS.exchangeRequest,
      });
      for (const [k, v] of Object.entries(signed)) if (v !== undefined) headers[k] = v;
    }
    if (body !== undefined) headers['Content-Length'] = String(body.length);
    return headers;
  }

  /** Sends a request and resolves with the whole answer. */
  request(method: 'GET' | 'POST', path: string, json?: unknown, extra: Record<string, string> = {}): Promise<PeerReply> {
    const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
    return new Promise<PeerReply>((resolve, reject) => {
      const req = httpsRequest({ agent: this.#agent, host: '127.0.0.1', port: this.#options.port, method, path, headers: this.#headers(method, path, body, extra) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** GETs `path` and streams the body through SHA-256 (never held in memory); returns size and hex digest. */
  download(path: string): Promise<{ status: number; size: number; sha256: string }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest({ agent: this.#agent, host: '127.0.0.1', port: this.#options.port, method: 'GET', path, headers: this.#headers('GET', path, undefined, {}) }, (res) => {
        const hash = createHash('sha256');
        let size = 0;
        const sink = new Writable({ write(chunk: Buffer, _enc, done) { size += chunk.length; hash.update(chunk); done(); } });
        pipeline(res as Readable, sink).then(() => resolve({ status: res.statusCode ?? 0, size, sha256: hash.digest('hex') }), reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
