/**
 * The base error of ipex. Every failure that a user, a peer or a script may see carries a
 * stable `code` from the registry; the HTTP `status` follows from the code. `message` is for
 * people and may hold detail; `publicDetail` is what may be told to a peer (for example
 * "signature verification failed" without saying why), and defaults to the registry title.
 */
import { errorSpec, type ErrorCode } from './registry.js';

export interface IpexErrorOptions {
  /** The underlying error, kept for the node log, never sent to a peer. */
  readonly cause?: unknown;
  /** A sentence that is safe to send to a peer. Defaults to the registry title. */
  readonly publicDetail?: string;
}

export class IpexError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly publicDetail: string;

  constructor(code: ErrorCode, message: string, options: IpexErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IpexError';
    this.code = code;
    const spec = errorSpec(code);
    this.status = spec.status;
    this.publicDetail = options.publicDetail ?? spec.title;
  }
}

/** True when `err` is an IpexError, optionally with the given code. */
export function isIpexError(err: unknown, code?: ErrorCode): err is IpexError {
  return err instanceof IpexError && (code === undefined || err.code === code);
}
