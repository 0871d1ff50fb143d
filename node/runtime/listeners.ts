/**
 * The node's two listeners (docs/design.md §2): the exchange listener for peers — TLS 1.3 only, mutual
 * TLS unless the configuration says a TLS-terminating proxy stands in front — and the office
 * listener for staff, applicants and auditors, plain HTTP on loopback by default and HTTPS (TLS 1.2
 * or 1.3, for browsers) when configured, since the portal may face the internet.
 *
 * The TLS handshake only proves that the peer holds a certificate under the network root; which
 * office it is, and whether that office may do what it asks, is decided per request from the
 * signed directory (node/trust), never by the handshake alone. A handshake without such a
 * certificate is refused by handshake-refusals.ts, which also reports it for the audit log.
 */
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { IpexError } from '../../protocol/errors/index.js';
import type { OfficeIdentity } from '../identity/office-identity.js';
import type { OfficeTlsMaterial } from './office-tls.js';
import { refuseUnverifiedClients, type RefusedHandshake } from './handshake-refusals.js';

export interface ExchangeTlsOptions {
  readonly identity: OfficeIdentity;
  /** Ask for and require a client certificate under the network root. */
  readonly mutualTls: boolean;
  /** Told about every refused handshake (for the audit log); must not throw. */
  readonly onHandshakeRefused?: (refusal: RefusedHandshake) => void;
}

/** An HTTPS server restricted to TLS 1.3, asking peers for their office TLS certificate. */
export function createExchangeServer(app: RequestListener, options: ExchangeTlsOptions): HttpsServer {
  const server = createHttpsServer(
    {
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      cert: options.identity.tls.certificatePem,
      // node:tls takes PEM, not a KeyObject; the key stays in this process's memory only.
      key: options.identity.tls.privateKey.export({ type: 'pkcs8', format: 'pem' }),
      ca: [options.identity.rootPem],
      requestCert: options.mutualTls,
      // The gate below refuses what this would, after it has seen whom it refuses.
      rejectUnauthorized: false,
    },
    app,
  );
  if (options.mutualTls) refuseUnverifiedClients(server, options.onHandshakeRefused ?? (() => undefined));
  hardenTimeouts(server);
  return server;
}

/** The office listener: plain HTTP on loopback by default, HTTPS when `officeApi.tls` is configured. */
export function createOfficeServer(app: RequestListener, tls?: OfficeTlsMaterial): HttpServer | HttpsServer {
  const server = tls === undefined
    ? createHttpServer(app)
    : createHttpsServer({ minVersion: 'TLSv1.2', cert: tls.certificatePem, key: tls.key.export({ type: 'pkcs8', format: 'pem' }) }, app);
  hardenTimeouts(server);
  return server;
}

/** Binds a server; a port already in use becomes an error that says what to change. */
export function listen(server: HttpServer | HttpsServer, host: string, port: number, what: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') {
        reject(new IpexError('PORT_IN_USE', `${what} cannot listen on ${host}:${port}: the port is in use (stop what uses it, or choose another port in ipex.json)`, { cause: err }));
      } else if (err.code === 'EACCES') {
        reject(new IpexError('PORT_IN_USE', `${what} may not listen on ${host}:${port}: ports below 1024 need privileges (choose a port above 1024)`, { cause: err }));
      } else {
        reject(err);
      }
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Closes a server, ending idle keep-alive connections so that shutdown does not hang. */
export function close(server: HttpServer | HttpsServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
  });
}

/** Slow-client limits: a request's headers must arrive promptly; streamed bodies may be long. */
function hardenTimeouts(server: HttpServer | HttpsServer): void {
  server.headersTimeout = 20_000;
  server.requestTimeout = 0; // part uploads and downloads stream for as long as they need
  server.keepAliveTimeout = 65_000;
}
