/**
 * Consistency of an audit log with checkpoints the auditor kept from before (docs/design.md §7,
 * RFC 9162 §2.1.4). A log may only grow: every earlier checkpoint of the same origin must be
 * the root of a prefix of the current log. A log operator holding the key can rewrite history
 * and sign a fresh checkpoint that matches the rewritten entries; only a checkpoint kept from
 * before (by an auditor or a witness) shows that. Each kept checkpoint is verified with the
 * same trusted key and origin, then:
 *
 * - size m ≤ number of entries: the root of the first m entries must equal its root;
 * - a consistency proof between the two checkpoints, when given, must verify (this also
 *   covers m larger than the bundle, i.e. a bundle older than what the auditor has seen).
 */
import { isIpexError, type ErrorCode } from '../errors/index.js';
import { hashEquals } from '../merkle/hash.js';
import { verifyConsistency } from '../merkle/verify.js';
import { encodeBase64 } from '../note/base64.js';
import { openCheckpoint } from '../note/checkpoint.js';
import type { NoteVerifier } from '../note/signed-note.js';
import { prefixRoot, type TrustedHead } from './locate-bad-entry.js';
import type { LeafHashList } from './packed-leaves.js';
import type { ReportBuilder } from './report.js';

/** What the kept checkpoints are checked against. */
export interface KeptContext {
  readonly origin: string;
  readonly verifier: NoteVerifier;
  readonly leaves: LeafHashList;
  /** The bundle's checkpoint when it verified. */
  readonly checkpoint?: TrustedHead;
  /** Whether the bundle's entries match its checkpoint (to word the problem). */
  readonly entriesMatch: boolean;
  readonly consistencyProof?: readonly Uint8Array[];
}

/** Checks each kept checkpoint; returns the verified ones (for locating the first bad entry). */
export function checkKeptCheckpoints(report: ReportBuilder, texts: readonly (string | Uint8Array)[], ctx: KeptContext): TrustedHead[] {
  const verified: TrustedHead[] = [];
  texts.forEach((text, i) => {
    const file = texts.length === 1 ? 'previous checkpoint' : `previous checkpoint ${i + 1}`;
    let head: TrustedHead;
    try {
      const { checkpoint } = openCheckpoint(text, ctx.origin, [ctx.verifier]);
      head = { size: checkpoint.size, rootHash: checkpoint.rootHash };
    } catch (err) {
      const code: ErrorCode = isIpexError(err) ? err.code : 'CHECKPOINT_MALFORMED';
      report.check(`${file} signature`, false, (err as Error).message);
      report.problem(code, { file }, `${file}: ${(err as Error).message}`);
      return;
    }
    report.check(`${file} signature`, true, `size ${head.size}, root ${encodeBase64(head.rootHash)}`);
    verified.push(head);
    const m = head.size;
    const cp = ctx.checkpoint;
    if (ctx.consistencyProof !== undefined && cp !== undefined && m !== cp.size) {
      const ok = m < cp.size
        ? verifyConsistency(m, cp.size, ctx.consistencyProof, head.rootHash, cp.rootHash)
        : verifyConsistency(cp.size, m, ctx.consistencyProof, cp.rootHash, head.rootHash);
      report.check(`consistency proof ${Math.min(m, cp.size)} → ${Math.max(m, cp.size)}`, ok, ok ? 'verifies' : 'does not verify');
      if (!ok) report.problem('AUDIT_INCONSISTENT', { file, size: m }, `the consistency proof between sizes ${m} and ${cp.size} does not verify: the log is not an extension of the kept checkpoint`);
    }
    if (m <= ctx.leaves.length) {
      const ok = hashEquals(prefixRoot(ctx.leaves, m), head.rootHash);
      report.check(`first ${m} entries match ${file}`, ok, ok ? 'consistent' : 'the root of the first entries differs');
      if (!ok) {
        const why = ctx.entriesMatch
          ? 'the log re-signed a different history: entries it committed to earlier were changed, removed or reordered'
          : 'an entry among them was changed, removed, inserted or reordered';
        report.problem('AUDIT_INCONSISTENT', { file: 'entries.jsonl', size: m }, `the first ${m} entries do not match the kept checkpoint of size ${m}: ${why}`);
      }
    } else if (ctx.consistencyProof === undefined || cp === undefined) {
      report.check(`${file} (size ${m}) is covered`, false, `the bundle holds only ${ctx.leaves.length} entries`);
      report.problem('AUDIT_INCONSISTENT', { file, size: m }, `the kept checkpoint has size ${m} but the bundle only ${ctx.leaves.length} entries: a log never shrinks; give a consistency proof if the bundle is older than the kept checkpoint`);
    }
  });
  return verified;
}
