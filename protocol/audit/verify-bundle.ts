/**
 * Independent verifier of an ipex audit bundle (docs/design.md §7, issue 4, docs/auditing.md
 * "Verifying an audit bundle"): a folder with `bundle.json`, `log.vkey`, `checkpoint`,
 * `entries.jsonl` and `certs/`. It is written from the formats (docs/audit-formats.md), not
 * from the exporter, and reuses only the format primitives of protocol/note and
 * protocol/merkle. Checks, in order: bundle.json, the log key (against the auditor's trusted
 * key when given), the checkpoint's C2SP signature and origin, every entry line, the entry
 * count and the RFC 9162 root, consistency with kept checkpoints, and finally where the first
 * bad entry is, as far as the evidence allows (see locate-bad-entry.ts).
 *
 * @example
 * const report = await verifyAuditBundle('out/EP/audit', { trustedVkey, previousCheckpoint });
 * if (!report.ok) console.log(report.problems, report.firstBadEntry);
 */
import { lstatSync } from 'node:fs';
import { bundleFilePath, parseBundleInfo, readSmallText, checkCertsFolder } from './bundle-files.js';
import { ReportBuilder, type AuditReport } from './report.js';
import { checkAuditLog, type AuditVerifyOptions } from './verify-log.js';

export type { AuditVerifyOptions } from './verify-log.js';

/**
 * Verifies the audit bundle in folder `dir`. Never throws for a bad bundle: every defect is a
 * problem in the report, and `ok` is true only when there is none.
 */
export async function verifyAuditBundle(dir: string, options: AuditVerifyOptions = {}): Promise<AuditReport> {
  const report = new ReportBuilder();
  let isDir = false;
  try {
    isDir = lstatSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    report.problem('AUDIT_BUNDLE_MALFORMED', { file: dir }, `${dir} is not a folder (an audit bundle is a folder)`);
    return report.finish({ entries: 0 });
  }
  const info = parseBundleInfo(report, readSmallText(report, dir, 'bundle.json'));
  const vkey = readSmallText(report, dir, 'log.vkey');
  const checkpoint = readSmallText(report, dir, 'checkpoint');
  const entries = bundleFilePath(report, dir, 'entries.jsonl'); // streamed, not read whole
  checkCertsFolder(report, dir);

  const fields = await checkAuditLog(
    report,
    {
      ...(checkpoint === undefined ? {} : { checkpoint }),
      ...(entries === undefined ? {} : { entriesFile: entries }),
      ...(vkey === undefined ? {} : { vkey: vkey.toString('utf8') }),
      ...(info.office === undefined ? {} : { office: info.office }),
    },
    options,
  );
  if (info.origin !== undefined && fields.origin !== undefined && info.origin !== fields.origin) {
    report.problem('AUDIT_BUNDLE_MALFORMED', { file: 'bundle.json' }, `bundle.json names origin ${JSON.stringify(info.origin)}, the log key is ${JSON.stringify(fields.origin)}`);
  }
  if (info.size !== undefined && fields.size !== undefined && info.size !== fields.size) {
    report.problem('AUDIT_SIZE_MISMATCH', { file: 'bundle.json', size: fields.size }, `bundle.json says size ${info.size}, the signed checkpoint ${fields.size}`);
  }
  return report.finish(fields);
}
