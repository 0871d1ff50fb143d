/**
 * Verifies an audit log from its parts — a signed checkpoint, the entries as `entries.jsonl`
 * bytes and the log key — the same whether they come from an offline audit bundle or from a
 * live node (docs/design.md §7, docs/audit-formats.md, docs/auditing.md). Written from the formats:
 * C2SP signed note + tlog-checkpoint (verified with the trusted key and origin), RFC 8785
 * canonical entries, RFC 6962 leaf hashes and the RFC 9162 tree head. Every input is
 * attacker-controlled; the function never throws for bad input, it reports.
 */
import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { isIpexError, type ErrorCode } from '../errors/index.js';
import { hashEquals } from '../merkle/hash.js';
import { encodeBase64 } from '../note/base64.js';
import { openCheckpoint, type Checkpoint } from '../note/checkpoint.js';
import { ed25519NoteVerifier } from '../note/signed-note.js';
import { scanEntryBytes, scanEntryFile, type ScannedEntries } from './parallel-entry-scan.js';
import { checkKeptCheckpoints } from './kept-checkpoints.js';
import { firstTimeRegression, locateFirstBadEntry, prefixRoot, type ConsistencyProofSource } from './locate-bad-entry.js';
import { chooseLogKey } from './log-key.js';
import type { LeafHashList } from './packed-leaves.js';
import { ReportBuilder, type AuditReport } from './report.js';

/** The parts of a log to verify. */
export interface AuditLogInput {
  /** The signed checkpoint note. */
  readonly checkpoint?: string | Uint8Array;
  /** The `entries.jsonl` bytes. */
  readonly entries?: Uint8Array;
  /**
   * The path of an `entries.jsonl` to stream instead of `entries` (large logs: read in chunks
   * on several threads, never whole). Opened without following a symbolic link.
   */
  readonly entriesFile?: string;
  /** The log's own verifier key (a bundle's `log.vkey`): a claim unless it equals `trustedVkey`. */
  readonly vkey?: string;
  /** The office every entry must name (bundle.json); else taken from the origin `…/audit/<CODE>`. */
  readonly office?: string;
}

/** Evidence and trust anchors the auditor brings. */
export interface AuditVerifyOptions {
  /** The log's verifier key from a trusted source (the directory's `logKey`). */
  readonly trustedVkey?: string;
  /** Checkpoint(s) of the same log kept from before (signed note text). */
  readonly previousCheckpoint?: string | Uint8Array | readonly (string | Uint8Array)[];
  /** RFC 9162 consistency proof between the (single) previous checkpoint and this one. */
  readonly consistencyProof?: readonly Uint8Array[];
  /** Leaf hashes the auditor already trusts (e.g. of entries proven by inclusion proofs). */
  readonly knownEntries?: readonly { readonly index: number; readonly leafHash: Uint8Array }[];
  /** Consistency proofs from a live node against this checkpoint, to name the first bad entry. */
  readonly proofSource?: ConsistencyProofSource;
  /** Threads that check `entriesFile` (default: one per core up to 4 for files of 32 MiB or more). */
  readonly threads?: number;
}

/** Verifies a log from its parts; see the module comment. Never throws for bad input. */
export async function verifyAuditLog(input: AuditLogInput, options: AuditVerifyOptions = {}): Promise<AuditReport> {
  const report = new ReportBuilder();
  return report.finish(await checkAuditLog(report, input, options));
}

/** The checks of {@link verifyAuditLog}, adding to an existing report (the bundle verifier's). */
export async function checkAuditLog(
  report: ReportBuilder,
  input: AuditLogInput,
  options: AuditVerifyOptions,
): Promise<Omit<AuditReport, 'ok' | 'checks' | 'problems' | 'hints'>> {
  const chosen = chooseLogKey(report, input.vkey, options.trustedVkey);
  const origin = chosen?.key.name;
  const office = input.office ?? (origin === undefined ? undefined : /\/audit\/([A-Z]{2})$/.exec(origin)?.[1]);
  if (origin !== undefined && office !== undefined) {
    const ok = origin.endsWith(`/audit/${office}`);
    report.check('log origin names the office', ok, origin);
    if (!ok) report.problem('AUDIT_BUNDLE_MALFORMED', { file: 'log.vkey' }, `the log origin ${JSON.stringify(origin)} is not the audit log of office ${office} (…/audit/${office})`);
  }

  let checkpoint: Checkpoint | undefined;
  if (chosen !== undefined && origin !== undefined && input.checkpoint !== undefined) {
    try {
      const opened = openCheckpoint(input.checkpoint, origin, [ed25519NoteVerifier(chosen.key)]);
      checkpoint = opened.checkpoint;
      const others = opened.note.unknown.length;
      report.check('checkpoint signature', true, `signed by ${origin}${others > 0 ? ` (+${others} cosignature(s) not checked)` : ''}`);
    } catch (err) {
      const code: ErrorCode = isIpexError(err) ? err.code : 'NOTE_MALFORMED';
      report.check('checkpoint signature', false, (err as Error).message);
      report.problem(code, { file: 'checkpoint' }, `checkpoint: ${(err as Error).message}`);
    }
  } else if (input.checkpoint !== undefined) {
    report.check('checkpoint signature', false, 'no usable log key to verify it with');
  }

  const file = await readEntries(report, input, office, options.threads);
  const leaves = file.leaves;
  const L = file.count;
  const bad: number[] = [];
  for (const line of file.bad) {
    bad.push(line.blame ?? line.index);
    report.entryProblem('AUDIT_ENTRY_MALFORMED', line.index, line.problem);
  }
  if (file.missingFinalNewline) {
    report.entryProblem('AUDIT_ENTRY_MALFORMED', L - 1, 'the file does not end in a newline (trailing data after the last entry)');
    if (!bad.includes(L - 1)) bad.push(L - 1);
  }
  report.check('entries are canonical entries of this log', report.entryProblemCount === 0, `${L} line(s), ${report.entryProblemCount} bad`);

  let entriesMatch = false;
  if (checkpoint !== undefined) {
    const n = checkpoint.size;
    report.check('entry count equals checkpoint size', L === n, `${L} entries, checkpoint size ${n}`);
    if (L !== n) {
      const what = L < n ? `${n - L} entr${n - L === 1 ? 'y is' : 'ies are'} missing (deleted or truncated)` : `${L - n} entr${L - n === 1 ? 'y was' : 'ies were'} added (inserted, or appended after the checkpoint)`;
      report.problem('AUDIT_SIZE_MISMATCH', { file: 'entries.jsonl', size: n }, `entries.jsonl has ${L} entries but the checkpoint commits to ${n}: ${what}`);
    }
    if (L >= n) {
      entriesMatch = hashEquals(prefixRoot(leaves, n), checkpoint.rootHash);
      report.check(L === n ? 'Merkle root equals checkpoint root' : `Merkle root of the first ${n} entries equals checkpoint root`, entriesMatch, encodeBase64(checkpoint.rootHash));
    } else {
      report.check('Merkle root equals checkpoint root', false, 'cannot match: entries are missing');
    }
    if (!entriesMatch) {
      report.problem('AUDIT_ROOT_MISMATCH', { file: 'entries.jsonl', size: n }, 'the Merkle root of the entries differs from the signed checkpoint root: an entry was changed, removed, inserted or reordered');
    }
  }

  for (const known of options.knownEntries ?? []) {
    if (!Number.isSafeInteger(known.index) || known.index < 0) continue; // caller's evidence, not the bundle's: ignore nonsense
    const line = leaves.at(known.index);
    if (line !== undefined && hashEquals(line, known.leafHash)) continue;
    bad.push(known.index);
    report.problem('AUDIT_INCONSISTENT', { file: 'entries.jsonl', line: known.index + 1, index: known.index }, line === undefined ? `entry ${known.index} is missing` : `entry ${known.index} differs from the leaf hash you kept for it`);
  }

  const prev = options.previousCheckpoint;
  const texts = prev === undefined ? [] : typeof prev === 'string' || prev instanceof Uint8Array ? [prev] : prev;
  const kept = chosen === undefined || origin === undefined
    ? []
    : checkKeptCheckpoints(report, texts, {
        origin,
        verifier: ed25519NoteVerifier(chosen.key),
        leaves,
        entriesMatch,
        ...(checkpoint === undefined ? {} : { checkpoint }),
        ...(options.consistencyProof === undefined ? {} : { consistencyProof: options.consistencyProof }),
      });

  const location = await locateFirstBadEntry({
    leaves,
    kept,
    badIndexes: bad,
    ...(checkpoint === undefined ? {} : { checkpoint }),
    ...(options.proofSource === undefined ? {} : { proofSource: options.proofSource }),
  });
  if (location.suspectRange !== undefined) {
    const { from, to } = location.suspectRange;
    const back = firstTimeRegression(file.times, from, to);
    if (back !== undefined) report.hints.push(`entry times go backwards between lines ${back} and ${back + 1}: a moved, inserted or reordered entry is likely one of them`);
    const copy = firstRepeatedLine(leaves, from, to);
    if (copy !== undefined) report.hints.push(`line ${copy.line + 1} repeats line ${copy.of + 1} byte for byte: a copied entry is likely inserted there`);
    report.hints.push(`the first bad entry is at an index in [${from}, ${to}) (lines ${from + 1}–${to}); keep earlier checkpoints or query the live node to narrow it`);
  }
  return {
    entries: L,
    ...(office === undefined ? {} : { office }),
    ...(origin === undefined ? {} : { origin }),
    ...(checkpoint === undefined ? {} : { size: checkpoint.size, root: encodeBase64(checkpoint.rootHash) }),
    ...(location.firstBadEntry === undefined ? {} : { firstBadEntry: location.firstBadEntry }),
    ...(location.suspectRange === undefined ? {} : { suspectRange: location.suspectRange }),
  };
}

/**
 * Checks the entries: streamed from `entriesFile` (opened without following links, and only
 * when it is a regular file), else from the `entries` bytes.
 */
async function readEntries(report: ReportBuilder, input: AuditLogInput, office: string | undefined, threads: number | undefined): Promise<ScannedEntries> {
  if (input.entriesFile === undefined) return scanEntryBytes(input.entries ?? new Uint8Array(0), office);
  let fd: number | undefined;
  try {
    fd = openSync(input.entriesFile, constants.O_RDONLY | constants.O_NOFOLLOW);
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file');
    return await scanEntryFile(fd, stat.size, office, threads);
  } catch (err) {
    report.problem('AUDIT_BUNDLE_MALFORMED', { file: 'entries.jsonl' }, `entries.jsonl cannot be read: ${(err as Error).message}`);
    return scanEntryBytes(new Uint8Array(0), office);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The first line in [from, to) whose bytes equal an earlier line's (a clue for inserted copies). */
function firstRepeatedLine(leaves: LeafHashList, from: number, to: number): { line: number; of: number } | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < Math.min(to, leaves.length); i++) {
    const key = Buffer.from(leaves.at(i) as Uint8Array).toString('hex');
    const first = seen.get(key);
    if (first !== undefined && i >= from) return { line: i, of: first };
    if (first === undefined) seen.set(key, i);
  }
  return undefined;
}
