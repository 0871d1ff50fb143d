/**
 * Signed exchange requests of a peer office for the scale tests, sent over a new mutual-TLS
 * connection each (so that a TCP balancer spreads them over its processes). The signature is
 * made apart from the sending, so that one signed request can be sent twice — to another
 * process — as a replay would be.
 */
import { request as httpsRequest } from 'node:https';
import type { OfficeIdentity } from '../../../node/identity/office-identity.js';
import { signatureAlgorithmFor } from '../../../node/trust/index.js';
import { IPEX_TAGS, generateNonce, signRequest } from '../../../protocol/http-signatures/index.js';
import { systemClock, systemRandom } from '../../../protocol/runtime/clock.js';

export interface SignedRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

export interface PeerAnswer {
  readonly status: number;
  readonly body: Buffer;
  json<T = Record<string, unknown>>(): T;
}

/** Signs `method path` (with `json` as its body) as office `as`, for the exchange URL `publicUrl`. */
export function signPeerRequest(as: OfficeIdentity, publicUrl: string, method: 'GET' | 'POST', path: string, json?: unknown): SignedRequest {
  const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
  const signed = signRequest({ method, url: `${publicUrl.replace(/\/$/, '')}${path}`, headers, ...(body === undefined ? {} : { body }) }, {
    keyId: as.signing.sha256, privateKey: as.signing.privateKey, alg: signatureAlgorithmFor(as.signing.privateKey)!,
    created: systemClock.now(), nonce: generateNonce(systemRandom), tag: IPEX_TAGS.exchangeRequest,
  });
  for (const [k, v] of Object.entries(signed)) if (v !== undefined) headers[k] = v;
  if (body !== undefined) headers['Content-Length'] = String(body.length);
  return { method, path, headers, ...(body === undefined ? {} : { body }) };
}

/** Sends a signed request to 127.0.0.1:`port` over mutual TLS as office `as`. */
export function sendPeerRequest(as: OfficeIdentity, port: number, signed: SignedRequest): Promise<PeerAnswer> {
  return new Promise<PeerAnswer>((resolve, reject) => {
    const req = httpsRequest({
      host: '127.0.0.1', port, method: signed.method, path: signed.path, headers: signed.headers, agent: false,
      cert: as.tls.certificatePem, key: as.tls.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, ca: as.rootPem,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body, json: <T>() => JSON.parse(body.toString('utf8')) as T });
      });
    });
    req.on('error', reject);
    req.end(signed.body);
  });
}
