/**
 * A proxy for the integration tests that stands for a depositing office sending other bytes than
 * it certified (one of an older release, or a broken one): it terminates TLS with the OFF's own
 * certificate, passes every request on to the OFF with the requesting office's client
 * certificate (signatures and bodies untouched), and flips one byte of every part it passes
 * back. It counts the part downloads it served.
 */
import { createServer, request, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';
import type { OfficeIdentity } from '../../node/identity/office-identity.js';

const PART = /\/retrievals\/[^/]+\/parts\/[^/]+$/;

export class TamperingProxy {
  /** GET requests for parts (not their signatures) that passed through. */
  partRequests = 0;

  private constructor(private readonly server: Server, readonly port: number) {}

  /** Listens on loopback as `off` (its TLS identity), forwarding to `target` as `client`. */
  static async start(off: OfficeIdentity, client: OfficeIdentity, target: { host: string; port: number }): Promise<TamperingProxy> {
    let proxy: TamperingProxy | undefined;
    const server = createServer({
      cert: off.tls.certificatePem, key: off.tls.privateKey.export({ type: 'pkcs8', format: 'pem' }), minVersion: 'TLSv1.3',
      requestCert: true, rejectUnauthorized: false,
    }, (req, res) => {
      const part = req.method === 'GET' && PART.test((req.url ?? '').split('?')[0]!);
      if (part) proxy!.partRequests += 1;
      const upstream = request({
        host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers as IncomingHttpHeaders, agent: false,
        cert: client.tls.certificatePem, key: client.tls.privateKey.export({ type: 'pkcs8', format: 'pem' }), ca: client.rootPem,
      }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        let flipped = !part || (answer.statusCode !== 200 && answer.statusCode !== 206);
        answer.pipe(new Transform({
          transform(chunk: Buffer, _enc, done) {
            if (!flipped && chunk.length > 0) {
              chunk[0] ^= 0x01;
              flipped = true;
            }
            done(null, chunk);
          },
        })).pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new TamperingProxy(server, (server.address() as AddressInfo).port);
    return proxy;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
