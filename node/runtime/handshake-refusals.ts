/**
 * Refusing peers at the TLS handshake of the exchange listener, and saying whom and why
 * (docs/exchange.md §0, issue 10 item 15). A peer without a client certificate, or with one that
 * is not under the network root or not valid now, never gets to send a request: its connection
 * is closed as its handshake completes, before a byte of HTTP is read.
 *
 * Node's own `rejectUnauthorized` closes such connections too, but destroys them before anything
 * can look at them: the certificate and the address are gone by the time `tlsClientError` says
 * "socket hang up". So the listener lets the handshake finish (`rejectUnauthorized: false`) and
 * this gate, standing in front of the HTTP server's connection handler, closes every connection
 * whose client certificate did not verify, after noting the remote address, the certificate's
 * subject, issuer, serial and validity (if there is one) and the reason. Handshakes that fail
 * inside TLS itself (protocol version, no common cipher, not TLS at all) are reported too; a
 * client that merely goes away is not a refusal.
 */
import { createHash, type X509Certificate } from 'node:crypto';
import type { Server as HttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { ErrorCode } from '../../protocol/errors/index.js';
import type { RefusalRecorder } from '../services/audit/refusal-recorder.js';

/** One refused handshake. */
export interface RefusedHandshake {
  readonly code: Extract<ErrorCode, 'CLIENT_CERT_REQUIRED' | 'CERT_UNTRUSTED' | 'CERT_EXPIRED' | 'CERT_NOT_YET_VALID' | 'TLS_HANDSHAKE_FAILED'>;
  /** The TLS library's reason, e.g. `CERT_HAS_EXPIRED` or `ERR_SSL_UNSUPPORTED_PROTOCOL`. */
  readonly reason: string;
  readonly remoteAddress?: string;
  /** The client certificate, when it sent one: what it claims, for the record (it is not trusted). */
  readonly certificate?: PresentedCertificate;
}

export interface PresentedCertificate {
  readonly subject: string;
  readonly issuer: string;
  /** Lowercase hex, as the directory lists serial numbers. */
  readonly serialNumber: string;
  /** Lowercase hex SHA-256 of the DER. */
  readonly sha256: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** The office its `urn:ipex:office:` name claims, if any. */
  readonly office?: string;
}

const MAX_TEXT = 512;

/**
 * Installs the gate on an exchange server created with `requestCert: true` and
 * `rejectUnauthorized: false`: only connections whose client certificate verified reach HTTP.
 * `onRefused` is told about each refused handshake and must not throw.
 */
export function refuseUnverifiedClients(server: HttpsServer, onRefused: (refusal: RefusedHandshake) => void): void {
  const httpHandlers = server.listeners('secureConnection') as ((socket: TLSSocket) => void)[];
  server.removeAllListeners('secureConnection');
  server.on('secureConnection', (socket: TLSSocket) => {
    if (socket.authorized) {
      for (const handler of httpHandlers) handler.call(server, socket);
      return;
    }
    const refusal = describeRefusal(socket);
    socket.destroy();
    report(onRefused, refusal);
  });
  server.on('tlsClientError', (err: NodeJS.ErrnoException, socket: TLSSocket) => {
    // ECONNRESET, a handshake timeout: the client went away; OpenSSL's ERR_SSL_*: TLS refused it.
    if (typeof err.code !== 'string' || !err.code.startsWith('ERR_SSL_')) return;
    report(onRefused, { code: 'TLS_HANDSHAKE_FAILED', reason: err.code, ...address(socket) });
  });
}

/**
 * Puts each refused handshake into the audit log as `exchange.tls-refused` (docs/audit-formats.md
 * §10), through the recorder's limits, counted against the remote address: nothing else about
 * the peer is established.
 */
export function handshakeRefusalLogger(recorder: RefusalRecorder): (refusal: RefusedHandshake) => void {
  return ({ code, reason, remoteAddress, certificate }) => {
    recorder.record(`address:${remoteAddress ?? 'unknown'}`, {
      type: 'exchange.tls-refused',
      actor: { kind: 'peer' },
      code,
      details: { reason, ...(remoteAddress === undefined ? {} : { remoteAddress }), ...(certificate === undefined ? {} : { certificate }) },
    });
  };
}

function describeRefusal(socket: TLSSocket): RefusedHandshake {
  // authorizationError is typed Error but holds OpenSSL's verify code as a string.
  const reason = String(socket.authorizationError ?? 'UNVERIFIED');
  const x509 = socket.getPeerX509Certificate();
  if (x509 === undefined) return { code: 'CLIENT_CERT_REQUIRED', reason: 'NO_CLIENT_CERTIFICATE', ...address(socket) };
  const code = reason === 'CERT_HAS_EXPIRED' ? 'CERT_EXPIRED' : reason === 'CERT_NOT_YET_VALID' ? 'CERT_NOT_YET_VALID' : 'CERT_UNTRUSTED';
  return { code, reason: clip(reason), ...address(socket), certificate: presented(x509) };
}

function presented(x509: X509Certificate): PresentedCertificate {
  const office = /(?:^|, )URI:urn:ipex:office:([A-Z]{2})(?:,|$)/.exec(x509.subjectAltName ?? '')?.[1];
  return {
    subject: clip(x509.subject.split('\n').join(', ')),
    issuer: clip(x509.issuer.split('\n').join(', ')),
    serialNumber: clip(x509.serialNumber.toLowerCase()),
    sha256: createHash('sha256').update(x509.raw).digest('hex'),
    notBefore: isoOf(x509.validFrom),
    notAfter: isoOf(x509.validTo),
    ...(office === undefined ? {} : { office }),
  };
}

function address(socket: TLSSocket): { remoteAddress?: string } {
  const remote = socket.remoteAddress;
  return remote === undefined ? {} : { remoteAddress: remote };
}

function isoOf(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? clip(text) : new Date(time).toISOString();
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

function report(onRefused: (refusal: RefusedHandshake) => void, refusal: RefusedHandshake): void {
  try {
    onRefused(refusal);
  } catch {
    // Recording a refusal must never disturb the listener; the recorder names its own failures.
  }
}
