/**
 * Exit statuses of the `ipex` command, derived from the HTTP status of the error code so that
 * the command line and the wire agree on what kind of failure happened (docs/cli.md).
 */
import type { IpexError } from '../../protocol/errors/index.js';

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  badInput: 3,
  refused: 4,
  notFound: 5,
  conflict: 6,
  /** `--timeout` passed before what the command waited for ended (WAIT_TIMEOUT). */
  timeout: 7,
} as const;

export function exitCodeFor(err: IpexError): number {
  if (err.code === 'USAGE') return EXIT.usage;
  if (err.code === 'WAIT_TIMEOUT') return EXIT.timeout;
  if (err.status === 401 || err.status === 403) return EXIT.refused;
  if (err.status === 404) return EXIT.notFound;
  if (err.status === 409) return EXIT.conflict;
  if (err.status >= 400 && err.status < 500) return EXIT.badInput;
  return EXIT.failure;
}
