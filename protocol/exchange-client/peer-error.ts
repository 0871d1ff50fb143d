/**
 * Errors a peer node answers with. An exchange error is `application/problem+json` (RFC 9457)
 * with a stable `code` (docs/design.md §4); the peer is attacker-controlled, so its code is taken
 * only when it is one of our registry's codes, and its text is kept as detail, never trusted.
 */
import { IpexError } from '../errors/index.js';
import { isErrorCode, type ErrorCode } from '../errors/registry.js';

/** The parts of a peer's problem document this node keeps (bounded, typed). */
export interface PeerProblem {
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly status?: number;
  readonly dasStatus?: string;
}

/**
 * A problem answered by a peer. `code` is the peer's code when the registry knows it, else
 * PEER_ERROR; `peerStatus` is the HTTP status the peer sent; `problem` what it said.
 *
 * @example
 * try { await client.request({ method: 'POST', url, json }) }
 * catch (err) { if (err instanceof PeerError && err.code === 'NOT_FOUND') … }
 */
export class PeerError extends IpexError {
  readonly peerStatus: number;
  readonly problem: PeerProblem;
  /** Seconds from a Retry-After header, when the peer sent one. */
  readonly retryAfterSeconds: number | undefined;
  /** The answer's body as received (bounded by the client's limit); attacker-controlled. */
  readonly body: Buffer;

  constructor(peerStatus: number, problem: PeerProblem, url: string, retryAfterSeconds?: number, body: Buffer = Buffer.alloc(0)) {
    const code: ErrorCode = problem.code !== undefined && isErrorCode(problem.code) ? problem.code : 'PEER_ERROR';
    const said = [problem.code, problem.detail ?? problem.title].filter((s) => s !== undefined).join(': ');
    super(code, `the peer answered ${peerStatus} to ${redactUrl(url)}${said === '' ? '' : ` (${said})`}`);
    this.name = 'PeerError';
    this.peerStatus = peerStatus;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
  }

  /** True for answers worth asking again later: 5xx, 429, and 503 with Retry-After. */
  get retryable(): boolean {
    return this.peerStatus >= 500 || this.peerStatus === 429;
  }
}

const MAX_TEXT = 1024;

/** Reads the fields we keep from a peer's problem body; anything malformed is left out. */
export function parseProblem(body: Buffer): PeerProblem {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const v = value as Record<string, unknown>;
  const text = (x: unknown): string | undefined => (typeof x === 'string' ? x.slice(0, MAX_TEXT).replace(/[\u0000-\u001f\u007f]/g, ' ') : undefined);
  const out: { -readonly [K in keyof PeerProblem]: PeerProblem[K] } = {};
  const code = text(v.code);
  if (code !== undefined && /^[A-Z][A-Z0-9_]{1,63}$/.test(code)) out.code = code;
  const title = text(v.title);
  if (title !== undefined) out.title = title;
  const detail = text(v.detail);
  if (detail !== undefined) out.detail = detail;
  if (typeof v.status === 'number' && Number.isInteger(v.status)) out.status = v.status;
  const das = text(v.dasStatus);
  if (das !== undefined) out.dasStatus = das.slice(0, 64);
  return out;
}

/** Parses Retry-After (RFC 9110 §10.2.3): seconds, or an HTTP date relative to `now`. */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  if (/^\d{1,9}$/.test(raw.trim())) return Number(raw.trim());
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** A URL for messages: no query (it may carry identifiers a log should not keep). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
