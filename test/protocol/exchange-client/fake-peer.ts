// A fake peer exchange listener for tests: node:https on 127.0.0.1 port 0, TLS 1.3, mutual TLS
// under the fixture root, and every request's RFC 9421 signature checked with verifyRequest
// before the test's handler sees it. Requests whose signature fails are answered 401.
import { createHash, X509Certificate as NodeX509 } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FixtureCert, Fixtures } from '../../../certs/fixtures.js';
import {
  IPEX_TAGS, MemoryReplayCache, generateNonce, signResponse, staticKeyResolver, verifyRequest,
  type HttpRequestMessage, type VerifiedSignature,
} from '../../../protocol/http-signatures/index.js';
import { systemClock, systemRandom } from '../../../protocol/runtime/clock.js';
import { IpexError } from '../../../protocol/errors/index.js';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  readonly signature: VerifiedSignature;
  readonly clientOffice: string | undefined;
}

export type Handler = (req: SeenRequest, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface FakePeer {
  readonly origin: string;
  readonly seen: SeenRequest[];
  handler: Handler;
  /** Signs a JSON response bound to the request, with the server office's signing key. */
  signedJson(req: SeenRequest, res: ServerResponse, status: number, value: unknown): void;
  close(): Promise<void>;
}

export function keyIdOf(cert: FixtureCert): string {
  return createHash('sha256').update(Buffer.from(cert.certificate.rawData)).digest('hex');
}

/** Starts the fake peer: `server` is its office (TLS + signing), `client` the caller's signing cert. */
export async function startFakePeer(f: Fixtures, server: { tls: FixtureCert; signing: FixtureCert }, client: FixtureCert): Promise<FakePeer> {
  const replay = new MemoryReplayCache();
  const resolveKey = staticKeyResolver({
    [keyIdOf(client)]: { publicKey: new NodeX509(client.pem).publicKey, alg: 'ecdsa-p256-sha256' },
  });
  let origin = '';
  const peer: FakePeer = {
    origin: '',
    seen: [],
    handler: (_req, res) => { res.statusCode = 404; res.end(); },
    signedJson(req, res, status, value) {
      const body = Buffer.from(JSON.stringify(value));
      const headers = { 'Content-Type': 'application/json' };
      const request: HttpRequestMessage = { method: req.method, url: req.url, headers: req.headers };
      const sig = signResponse({ status, headers, body }, request, {
        keyId: keyIdOf(server.signing), privateKey: server.signing.privateKey, alg: 'ecdsa-p256-sha256',
        created: systemClock.now(), nonce: generateNonce(systemRandom), tag: IPEX_TAGS.exchangeResponse,
      });
      res.writeHead(status, { ...headers, ...sig });
      res.end(body);
    },
    close: async () => {
      await new Promise<void>((resolve) => { srv.close(() => resolve()); srv.closeAllConnections(); });
    },
  };
  const srv: Server = createServer({
    minVersion: 'TLSv1.3', cert: server.tls.pem, key: server.tls.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    ca: [f.root.pem], requestCert: true, rejectUnauthorized: true,
  }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = `${origin}${req.url ?? '/'}`;
      let signature: VerifiedSignature;
      try {
        signature = verifyRequest(
          { method: req.method ?? 'GET', url, headers: req.headers, ...(body.length > 0 ? { body } : {}) },
          { resolveKey, clock: systemClock, replayCache: replay, expectedTag: IPEX_TAGS.exchangeRequest },
        );
      } catch (err) {
        const code = err instanceof IpexError ? err.code : 'INTERNAL';
        res.writeHead(401, { 'Content-Type': 'application/problem+json' });
        res.end(JSON.stringify({ type: `urn:ipex:error:${code}`, title: 'x', status: 401, code }));
        return;
      }
      const cert = (req.socket as TLSSocket).getPeerCertificate();
      const san = cert.subjectaltname ?? '';
      const clientOffice = /urn:ipex:office:([A-Z]{2})/.exec(san)?.[1];
      const seen: SeenRequest = { method: req.method ?? 'GET', url, headers: req.headers, body, signature, clientOffice };
      peer.seen.push(seen);
      Promise.resolve(peer.handler(seen, res, req)).catch((err: unknown) => { res.statusCode = 500; res.end(String(err)); });
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
  origin = `https://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  (peer as { origin: string }).origin = origin;
  return peer;
}

/** Serves `data` with Range/If-Range like the exchange part endpoint (ETag = sha256 hex). */
export function servePart(data: Buffer, req: SeenRequest, res: ServerResponse, options: { cutAfter?: number } = {}): void {
  const etag = `"${createHash('sha256').update(data).digest('hex')}"`;
  const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
  const ifRange = req.headers['if-range'];
  let start = 0;
  if (range !== null && (ifRange === undefined || ifRange === etag)) {
    start = Number(range[1]);
    if (start >= data.length) {
      res.writeHead(416, { 'Content-Range': `bytes */${data.length}`, 'Content-Type': 'application/problem+json' });
      res.end('{}');
      return;
    }
    res.writeHead(206, { ETag: etag, 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${start}-${data.length - 1}/${data.length}`, 'Content-Length': data.length - start });
  } else {
    res.writeHead(200, { ETag: etag, 'Accept-Ranges': 'bytes', 'Content-Length': data.length });
  }
  const slice = data.subarray(start);
  if (options.cutAfter !== undefined && options.cutAfter < slice.length) {
    // end() sends what was written, then closes: the client sees a body shorter than Content-Length.
    res.write(slice.subarray(0, options.cutAfter), () => res.socket?.end());
    return;
  }
  res.end(slice);
}
