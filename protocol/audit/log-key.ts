/**
 * Chooses the key that an audit log's checkpoints must be signed with (docs/design.md §7, C2SP
 * signed-note §Verifier keys). The bundle's own `log.vkey` is only a claim: whoever changed the
 * entries can re-sign a checkpoint with a key of their own and put it there. A key the auditor
 * supplies (from the trusted directory's `logKey`, or kept from before) is the trust anchor;
 * when both are present they must be the same key.
 */
import { isIpexError, type ErrorCode } from '../errors/index.js';
import { parseVerifierKey, type VerifierKey } from '../note/verifier-key.js';
import type { ReportBuilder } from './report.js';

/** The key to verify with, and whether it came from the auditor. */
export interface ChosenLogKey {
  readonly key: VerifierKey;
  readonly trusted: boolean;
}

/**
 * Parses both keys, reports malformed ones and a mismatch (AUDIT_KEY_MISMATCH), and returns the
 * key to use: the trusted one when given (even when the bundle's differs), else the bundle's.
 */
export function chooseLogKey(report: ReportBuilder, bundleVkey: string | undefined, trustedVkey: string | undefined): ChosenLogKey | undefined {
  const bundleKey = bundleVkey === undefined ? undefined : parseKey(report, bundleVkey, 'log.vkey');
  const trustedKey = trustedVkey === undefined ? undefined : parseKey(report, trustedVkey, 'trusted key');
  if (trustedKey !== undefined) {
    if (bundleKey !== undefined) {
      const same = bundleKey.name === trustedKey.name && bundleKey.rawPublicKey.equals(trustedKey.rawPublicKey);
      report.check('log key matches the trusted key', same, same ? trustedKey.name : `log.vkey is ${describeKey(bundleKey)}, trusted is ${describeKey(trustedKey)}`);
      if (!same) {
        report.problem('AUDIT_KEY_MISMATCH', { file: 'log.vkey' }, `the bundle's log key ${describeKey(bundleKey)} is not the trusted key ${describeKey(trustedKey)}`);
      }
    }
    return { key: trustedKey, trusted: true };
  }
  if (bundleKey !== undefined) {
    report.check('log key', true, `${describeKey(bundleKey)} (from the bundle only: a claim; pass the trusted key to rely on it)`);
    report.hints.push('no trusted log key was given: the bundle was checked against its own log.vkey, which anyone who rewrote the bundle could replace');
    return { key: bundleKey, trusted: false };
  }
  return undefined;
}

function parseKey(report: ReportBuilder, text: string, file: string): VerifierKey | undefined {
  try {
    return parseVerifierKey(text.trim());
  } catch (err) {
    const code: ErrorCode = isIpexError(err) ? err.code : 'VERIFIER_KEY_MALFORMED';
    report.check(`${file} parses`, false, (err as Error).message);
    report.problem(code, { file }, `${file}: ${(err as Error).message}`);
    return undefined;
  }
}

function describeKey(key: VerifierKey): string {
  return `${key.name}+${key.keyId.toString('hex')}`;
}
