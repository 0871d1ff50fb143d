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

/**
 * Marks every IpexError, so that one made by another copy of this module is still recognised:
 * a module loaded with `import()` (command groups, libraries loaded on first use) is a second
 * copy when the importer was loaded as CommonJS, as tsx loads the test suite, and a plain
 * `instanceof` then says no and a coded error becomes INTERNAL.
 */
const BRAND = Symbol.for('ipex.IpexError');

export class IpexError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses keep the ordinary prototype check.
    if (this !== IpexError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly code: ErrorCode;
  readonly status: number;
  readonly publicDetail: string;

  constructor(code: ErrorCode, message: string, options: IpexErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IpexError';
    Object.defineProperty(this, BRAND, { value: true });
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
