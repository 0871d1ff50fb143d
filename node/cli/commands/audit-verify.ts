/**
 * `ipex audit verify BUNDLE`: checks an audit bundle offline (docs/design.md §7, issue 4,
 * docs/auditing.md "Verifying an audit bundle") with the independent verifier of
 * protocol/audit — bundle layout, the log key against a trusted one, the checkpoint's C2SP
 * signature, every entry line (RFC 8785), the RFC 9162 root, consistency with checkpoints the
 * auditor kept — and names the first bad entry as far as the evidence allows. It prints every
 * check; the exit status is 0 only when all pass.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyAuditBundle, verifyAuditLog, type AuditReport, type AuditVerifyOptions } from '../../../protocol/audit/index.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { decodeBase64Strict } from '../../../protocol/note/base64.js';
import { systemClock } from '../../../protocol/runtime/clock.js';
import { resolveDataDir } from '../../config/data-dir.js';
import { normaliseSt3Code } from '../../../protocol/st3/index.js';
import { DirectoryStore } from '../../trust/directory-store.js';
import type { CliContext } from '../main.js';
import { readInputFile } from '../file-options.js';
import { auditCommand } from './audit.js';
import { fetchLiveLog, fetchNodeOffice, officeApiBase } from './audit-live.js';

interface AuditVerifyCliOptions {
  node?: string;
  office?: string;
  token?: string;
  vkey?: string;
  data?: string;
  previous: string[];
  consistencyProof?: string;
}

/**
 * The command-group entry of commands/index.ts: attaches `verify` to the shared `audit` group
 * (created by whichever of audit.ts and this module registers first).
 */
export function registerAuditVerifyCommands(program: Command, context: CliContext): void {
  registerAuditVerify(auditCommand(program), context);
}

/** Registers `verify` under the `audit` command group; does nothing when it is already there. */
export function registerAuditVerify(audit: Command, context: CliContext): void {
  if (audit.commands.some((c) => c.name() === 'verify')) return;
  audit
    .command('verify')
    .description('verify an audit bundle: signatures, entries, Merkle tree, consistency with kept checkpoints')
    .argument('[bundle]', 'audit bundle folder (from `ipex audit export`); omit with --node')
    .option('--node <url>', 'verify a live node instead: its office API URL (http://host:port[/api/v1])')
    .option('--token <token>', 'auditor or admin token of the office API for --node (or set IPEX_TOKEN)')
    .option('--office <code>', "the office whose log this is (ST.3); default: the bundle's office, or the office the --node serves")
    .option('--vkey <file|key>', 'the trusted log verifier key (a file or the key string), e.g. from the directory')
    .option('--data <dir>', 'take the trusted log key from the directory installed in this node data folder')
    .option('--previous <checkpoint>', 'a checkpoint of the same log kept from before (may be repeated)', (v: string, all: string[]) => [...all, v], [])
    .option('--consistency-proof <file>', 'RFC 9162 consistency proof between --previous and the bundle checkpoint (JSON list of base64 hashes)')
    .action(async (bundle: string | undefined, opts: AuditVerifyCliOptions) => {
      const out = context.output();
      if ((bundle === undefined) === (opts.node === undefined)) throw new IpexError('USAGE', 'give a bundle folder or --node URL (one of them)');
      const expected = opts.office === undefined ? undefined : normaliseSt3Code(opts.office);
      let report: AuditReport;
      let subject: string;
      if (opts.node !== undefined) {
        subject = officeApiBase(opts.node);
        const token = opts.token ?? process.env.IPEX_TOKEN;
        if (token === undefined || token === '') throw new IpexError('USAGE', '--node needs --token (or IPEX_TOKEN): an auditor or admin token');
        if (opts.vkey === undefined && opts.data === undefined) throw new IpexError('USAGE', '--node needs the trusted log key: --vkey FILE|KEY or --data DIR');
        // The log is the one of the office the audited node serves, whatever the data folder
        // that lends its directory: a claim of the node, which only picks the key to check with.
        const office = await liveOffice(opts.node, token, expected);
        out.progress(`fetching the checkpoint and entries of ${subject} (office ${office})`);
        const options = await verifyOptions(office, opts);
        const live = await fetchLiveLog(opts.node, token);
        if (live.gaps > 0) out.warn(`the node skipped or repeated ${live.gaps} entry index(es) while paging`);
        report = await verifyAuditLog({ checkpoint: live.checkpoint, entries: live.entries, office }, options);
      } else {
        const office = bundleOffice(bundle as string, expected, opts);
        const options = await verifyOptions(office, opts);
        subject = bundle as string;
        if (options.trustedVkey === undefined) {
          out.warn('no --vkey or --data given: the bundle is checked against its own log.vkey, which is only a claim');
        }
        out.progress(`verifying audit bundle ${subject}`);
        report = await verifyAuditBundle(subject, options);
      }
      out.result(describeAuditReport(subject, report), report);
      if (!report.ok) {
        const first = report.problems[0];
        throw new IpexError(first?.code ?? 'AUDIT_BUNDLE_MALFORMED', `${subject} did not verify: ${report.problems.length} problem(s)${firstBadText(report)}`);
      }
    });
}

/** The office a live node serves: what it says, which must be `expected` when the auditor named one. */
async function liveOffice(url: string, token: string, expected: string | undefined): Promise<string> {
  const served = await fetchNodeOffice(url, token);
  if (expected !== undefined && served !== expected) {
    throw new IpexError('AUDIT_OFFICE_MISMATCH', `${officeApiBase(url)} is the node of office ${served}, not of ${expected}`);
  }
  return served;
}

/**
 * The office of a bundle, when it is needed to find the trusted key (--data) or to hold the
 * bundle to the office the auditor named (--office): its bundle.json says which.
 */
function bundleOffice(bundle: string, expected: string | undefined, opts: AuditVerifyCliOptions): string | undefined {
  if (expected === undefined && opts.data === undefined) return undefined;
  let office: unknown;
  try {
    office = (JSON.parse(readRequired(`${bundle}/bundle.json`, 'bundle').toString('utf8')) as { office?: unknown } | null)?.office;
  } catch (cause) {
    if (cause instanceof IpexError) throw cause;
    throw new IpexError('AUDIT_BUNDLE_MALFORMED', `${bundle}/bundle.json is not JSON`, { cause });
  }
  if (expected !== undefined && office !== expected) {
    throw new IpexError('AUDIT_OFFICE_MISMATCH', `${bundle} is the audit bundle of office ${String(office)}, not of ${expected}`);
  }
  return typeof office === 'string' ? office : undefined;
}

async function verifyOptions(office: string | undefined, opts: AuditVerifyCliOptions): Promise<AuditVerifyOptions> {
  if (opts.vkey !== undefined && opts.data !== undefined) throw new IpexError('USAGE', 'give --vkey or --data, not both');
  const trustedVkey = opts.vkey !== undefined ? readVkey(opts.vkey) : opts.data !== undefined ? await vkeyFromDirectory(office, opts.data) : undefined;
  const previous = opts.previous.map((file) => readRequired(file, '--previous').toString('utf8'));
  if (opts.consistencyProof !== undefined && previous.length !== 1) {
    throw new IpexError('USAGE', '--consistency-proof needs exactly one --previous checkpoint');
  }
  return {
    ...(trustedVkey === undefined ? {} : { trustedVkey }),
    ...(previous.length === 0 ? {} : { previousCheckpoint: previous }),
    ...(opts.consistencyProof === undefined ? {} : { consistencyProof: readProof(opts.consistencyProof) }),
  };
}

function readVkey(value: string): string {
  // A key string has two '+' and no path separator after its name; anything that exists is a file.
  if (existsSync(value)) return readInputFile(value, '--vkey').toString('utf8').trim();
  if (/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/.test(value)) return value;
  throw new IpexError('FILE_NOT_FOUND', `--vkey ${JSON.stringify(value)} is neither a file nor a verifier key string`);
}

/**
 * The log key of `code` (the audited office, not the data folder's own) from the signed
 * directory installed in a data folder, verified as the node verifies it.
 */
async function vkeyFromDirectory(code: string | undefined, dataDir: string): Promise<string> {
  const dir = resolveDataDir(dataDir);
  const store = new DirectoryStore({ dataDir: dir, clock: systemClock });
  const { directory } = await store.current();
  const office = directory.offices.find((o) => o.code === code);
  if (office === undefined) throw new IpexError('NOT_FOUND', `office ${JSON.stringify(code)} is not in the installed directory`);
  return office.logKey;
}

function readProof(file: string): Uint8Array[] {
  let value: unknown;
  try {
    value = JSON.parse(readRequired(file, '--consistency-proof').toString('utf8'));
  } catch (cause) {
    if (cause instanceof IpexError) throw cause;
    throw new IpexError('INVALID_INPUT', `${file} is not JSON`, { cause });
  }
  const list = Array.isArray(value) ? value : (value as { hashes?: unknown } | null)?.hashes;
  if (!Array.isArray(list)) throw new IpexError('INVALID_INPUT', `${file}: expected a JSON list of base64 hashes or {"hashes": [...]}`);
  return list.map((h) => {
    const bytes = typeof h === 'string' ? decodeBase64Strict(h) : null;
    if (bytes === null || bytes.length !== 32) throw new IpexError('INVALID_INPUT', `${file}: every hash must be base64 of 32 bytes`);
    return bytes;
  });
}

/** A file named on the command line; a folder or a missing file is a FILE_* error naming `what`. */
const readRequired = readInputFile;

function firstBadText(report: AuditReport): string {
  if (report.firstBadEntry !== undefined) return `; first bad entry: line ${report.firstBadEntry + 1} (index ${report.firstBadEntry})`;
  if (report.suspectRange !== undefined) return `; the first bad entry is in lines ${report.suspectRange.from + 1}–${report.suspectRange.to}`;
  return '';
}

/** The human-readable report: every check, every problem with where it is, the first bad entry. */
export function describeAuditReport(bundle: string, report: AuditReport): string {
  const head = `${bundle}: audit log ${report.origin ?? '(unknown origin)'}, office ${report.office ?? '?'}, checkpoint size ${report.size ?? '?'}, ${report.entries} entries`;
  const checks = report.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.check}: ${c.detail}`);
  const problems = report.problems.map((p) => {
    const where = [p.where.file, p.where.line === undefined ? undefined : `line ${p.where.line}`, p.where.size === undefined ? undefined : `size ${p.where.size}`]
      .filter((w) => w !== undefined).join(', ');
    return `  problem [${p.code}] ${where}: ${p.message}`;
  });
  const hints = report.hints.map((h) => `  note: ${h}`);
  const bad = firstBadText(report);
  const tail = report.ok ? `VERIFIED: all ${report.checks.length} checks passed` : `NOT VERIFIED: ${report.problems.length} problem(s)${bad}`;
  return [head, ...checks, ...problems, ...hints, tail].join('\n');
}
