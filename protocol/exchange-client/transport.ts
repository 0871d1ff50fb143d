/**
 * The transport under the exchange client (docs/design.md §4 "authentication, both layers"): one
 * keep-alive HTTPS agent per peer origin, TLS 1.3 only, our office TLS certificate for mutual
 * TLS, and only the network root as CA (rejectUnauthorized stays on). node:https is used
 * directly so that bodies stream and Range requests stay under our control.
 */
import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { redactUrl } from './peer-error.js';

/** Our side of mutual TLS. */
export interface ClientTlsOptions {
  /** Our office TLS certificate (clientAuth), PEM; intermediates may follow. */
  readonly certPem: string;
  readonly key: KeyObject;
  /** The network root CA(s), PEM: the only certificates trusted for peer servers. */
  readonly caPem: string | readonly string[];
}

/** A response whose body is still to be read. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: IncomingMessage;
}

/** Keep-alive agents by origin; `destroy` closes every pooled connection. */
export class AgentPool {
  readonly #agents = new Map<string, Agent>();
  readonly #tls: { cert: string; key: string; ca: string[] };

  constructor(tls: ClientTlsOptions) {
    // node:tls takes the key as PEM; it stays in this process's memory.
    this.#tls = {
      cert: tls.certPem,
      key: tls.key.export({ type: 'pkcs8', format: 'pem' }) as string,
      ca: typeof tls.caPem === 'string' ? [tls.caPem] : [...tls.caPem],
    };
  }

  agentFor(url: URL): Agent {
    let agent = this.#agents.get(url.origin);
    if (agent === undefined) {
      agent = new Agent({
        keepAlive: true,
        maxSockets: 8,
        minVersion: 'TLSv1.3',
        maxVersion: 'TLSv1.3',
        rejectUnauthorized: true,
        ...this.#tls,
      });
      this.#agents.set(url.origin, agent);
    }
    return agent;
  }

  destroy(): void {
    for (const agent of this.#agents.values()) agent.destroy();
    this.#agents.clear();
  }
}

export interface SendOptions {
  readonly method: string;
  readonly url: URL;
  readonly headers: OutgoingHttpHeaders;
  readonly body?: Buffer;
  readonly timeoutMs: number;
  /** Connect elsewhere than the URL's host and port (like curl --resolve); TLS still checks the URL's host. */
  readonly connect?: ConnectOverride;
}

/** Where to connect for a URL, when not to its own host and port (a proxy, a test listener); undefined: as the URL says. */
export type ConnectOverride = (url: URL) => { readonly host: string; readonly port: number } | undefined;

/**
 * Sends one request and resolves when the response head arrives. Connection failures become
 * PEER_UNREACHABLE, silence longer than `timeoutMs` (also while the body streams) PEER_TIMEOUT.
 */
export function send(pool: AgentPool, options: SendOptions): Promise<RawResponse> {
  const { url } = options;
  if (url.protocol !== 'https:') {
    return Promise.reject(new IpexError('INVALID_INPUT', `peer URL ${redactUrl(url.href)} is not https`));
  }
  const target = options.connect?.(url);
  const urlHost = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      agent: pool.agentFor(url),
      method: options.method,
      protocol: url.protocol,
      hostname: target?.host ?? urlHost,
      port: target?.port ?? (url.port === '' ? 443 : Number(url.port)),
      path: `${url.pathname}${url.search}`,
      headers: options.headers,
      // SNI carries host names only (RFC 6066 §3); an IP literal is checked against the SAN.
      ...(isIP(urlHost) === 0 ? { servername: urlHost } : {}),
      // The Host header and the certificate check follow the URL, not the connect override.
      ...(target === undefined ? {} : { headers: { ...options.headers, Host: url.host }, checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(urlHost, cert) }),
    });
    let timedOut = false;
    req.setTimeout(options.timeoutMs, () => {
      timedOut = true;
      req.destroy(new IpexError('PEER_TIMEOUT', `no answer from ${redactUrl(url.href)} within ${options.timeoutMs} ms`));
    });
    req.on('error', (err) => reject(timedOut ? err : unreachable(url.href, err)));
    req.on('response', (res) => {
      // A failure after the head (reset, timeout) surfaces as an error of the body stream.
      res.on('aborted', () => res.destroy(timedOut ? timeoutError(url.href, options.timeoutMs) : unreachable(url.href, new Error('connection closed mid-body'))));
      req.on('error', (err) => res.destroy(timedOut ? err : unreachable(url.href, err)));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
    });
    req.end(options.body);
  });
}

/** Reads a whole (small) body, refusing more than `maxBytes`. */
export async function readBody(res: RawResponse, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        res.body.destroy();
        throw new IpexError('PEER_RESPONSE_INVALID', `the answer of ${redactUrl(url)} is larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    throw asPeerFailure(err, url);
  }
  return Buffer.concat(chunks);
}

/** Maps a stream error to our codes; IpexErrors pass through. */
export function asPeerFailure(err: unknown, url: string): IpexError {
  if (err instanceof IpexError) return err;
  return unreachable(url, err);
}

function unreachable(url: string, cause: unknown): IpexError {
  const why = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
  return new IpexError('PEER_UNREACHABLE', `cannot reach ${redactUrl(url)}: ${String(why)}`, { cause });
}

function timeoutError(url: string, ms: number): IpexError {
  return new IpexError('PEER_TIMEOUT', `no answer from ${redactUrl(url)} within ${ms} ms`);
}
