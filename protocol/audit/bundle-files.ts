/**
 * Reads the files of an audit bundle folder (docs/design.md §7): `bundle.json`, `log.vkey`,
 * `checkpoint`, `entries.jsonl` and `certs/*.pem`. The folder is untrusted input: files must be
 * regular files (no symbolic links that could point the verifier elsewhere), small files are
 * size-bounded, and each defect becomes an AUDIT_BUNDLE_MALFORMED problem rather than an
 * exception, so that one missing file does not hide the checks of the others.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { isSt3Code } from '../st3/index.js';
import type { ReportBuilder } from './report.js';

/** The `format` value of bundle.json this verifier reads. */
export const AUDIT_BUNDLE_FORMAT = 'ipex-audit-bundle/1';

/** bundle.json: what the exporter says the bundle is (a claim, checked against the rest). */
export interface AuditBundleInfo {
  readonly format: string;
  readonly office: string;
  readonly origin: string;
  readonly size: number;
  readonly exportedAt: string;
}

const SMALL_FILE_LIMIT = 1024 * 1024;

/** Reads one file of the bundle, or reports why it cannot (missing, not a regular file, too large). */
export function readBundleFile(report: ReportBuilder, dir: string, name: string, limit = Number.POSITIVE_INFINITY): Buffer | undefined {
  const path = bundleFilePath(report, dir, name, limit);
  return path === undefined ? undefined : readFileSync(path);
}

/**
 * The path of one file of the bundle when it is a regular file of at most `limit` bytes; else
 * reports why not and returns undefined (for files too large to read whole: entries.jsonl).
 */
export function bundleFilePath(report: ReportBuilder, dir: string, name: string, limit = Number.POSITIVE_INFINITY): string | undefined {
  const path = join(dir, name);
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    report.problem('AUDIT_BUNDLE_MALFORMED', { file: name }, `${name} is missing from the bundle`);
    return undefined;
  }
  if (!stat.isFile()) {
    report.problem('AUDIT_BUNDLE_MALFORMED', { file: name }, `${name} is not a regular file (links and folders are refused)`);
    return undefined;
  }
  if (stat.size > limit) {
    report.problem('AUDIT_BUNDLE_MALFORMED', { file: name }, `${name} is ${stat.size} bytes, more than the ${limit} allowed`);
    return undefined;
  }
  return path;
}

/** Reads a small text file (bundle.json, log.vkey, checkpoint). */
export function readSmallText(report: ReportBuilder, dir: string, name: string): Buffer | undefined {
  return readBundleFile(report, dir, name, SMALL_FILE_LIMIT);
}

/** Parses and checks bundle.json; reports every deviation and returns what could be read. */
export function parseBundleInfo(report: ReportBuilder, bytes: Buffer | undefined): Partial<AuditBundleInfo> {
  if (bytes === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    report.check('bundle.json', false, 'not JSON');
    report.problem('AUDIT_BUNDLE_MALFORMED', { file: 'bundle.json' }, 'bundle.json is not JSON');
    return {};
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report.problem('AUDIT_BUNDLE_MALFORMED', { file: 'bundle.json' }, 'bundle.json is not a JSON object');
    return {};
  }
  const o = value as Record<string, unknown>;
  const wrong: string[] = [];
  if (o.format !== AUDIT_BUNDLE_FORMAT) wrong.push(`format is ${JSON.stringify(o.format)}, expected ${JSON.stringify(AUDIT_BUNDLE_FORMAT)}`);
  if (typeof o.office !== 'string' || !isSt3Code(o.office)) wrong.push('office is not an ST.3 office code');
  if (typeof o.origin !== 'string' || o.origin.length === 0) wrong.push('origin is not a non-empty string');
  if (typeof o.size !== 'number' || !Number.isSafeInteger(o.size) || o.size < 0) wrong.push('size is not a non-negative integer');
  if (typeof o.exportedAt !== 'string' || Number.isNaN(Date.parse(o.exportedAt))) wrong.push('exportedAt is not an ISO 8601 instant');
  for (const why of wrong) report.problem('AUDIT_BUNDLE_MALFORMED', { file: 'bundle.json' }, `bundle.json: ${why}`);
  report.check('bundle.json', wrong.length === 0, wrong.length === 0 ? `${String(o.format)}, office ${String(o.office)}, size ${String(o.size)}` : wrong.join('; '));
  const info: Record<string, unknown> = {};
  for (const key of ['format', 'office', 'origin', 'size', 'exportedAt'] as const) {
    if (!wrong.some((w) => w.startsWith(key))) info[key] = o[key];
  }
  return info as Partial<AuditBundleInfo>;
}

/**
 * Checks that every file in certs/ holds only PEM certificates that parse. They are context
 * for a human auditor (the office's certificates at export time), not trust: the log key is
 * trusted only when the auditor supplies it. Returns the number of certificates.
 */
export function checkCertsFolder(report: ReportBuilder, dir: string): number {
  const certsDir = join(dir, 'certs');
  let names: string[];
  try {
    if (!lstatSync(certsDir).isDirectory()) throw new Error('not a folder');
    names = readdirSync(certsDir).sort();
  } catch {
    report.check('certs/', true, 'absent (no certificates to show)');
    return 0;
  }
  let count = 0;
  let bad = 0;
  for (const name of names) {
    const bytes = readBundleFile(report, certsDir, name, SMALL_FILE_LIMIT);
    if (bytes === undefined) {
      bad += 1;
      continue;
    }
    const blocks = bytes.toString('utf8').match(/-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g) ?? [];
    try {
      if (blocks.length === 0) throw new Error('no PEM certificate');
      for (const pem of blocks) new X509Certificate(pem);
      count += blocks.length;
    } catch (err) {
      bad += 1;
      report.problem('AUDIT_BUNDLE_MALFORMED', { file: `certs/${name}` }, `certs/${name}: ${(err as Error).message}`);
    }
  }
  report.check('certs/', bad === 0, `${count} certificate(s)${bad > 0 ? `, ${bad} bad file(s)` : ''}`);
  return count;
}
