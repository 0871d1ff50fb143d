/**
 * Writes the offline audit bundle of docs/design.md §7 (docs/auditing.md):
 *
 *   checkpoint      the signed note (C2SP tlog-checkpoint) covering every entry
 *   entries.jsonl   one entry a line; each line's bytes without "\n" are the leaf data
 *   log.vkey        the C2SP verifier key of the log (its name is the checkpoint origin)
 *   certs/          signing.pem, tls.pem (this office), root.pem (the network root)
 *   bundle.json     { format: 'ipex-audit-bundle/1', office, origin, size, exportedAt }
 *
 * A fresh checkpoint is signed first, so the bundle covers the log as it is now; the entries
 * written are exactly the first `size` entries of that checkpoint, even if the running node
 * appends meanwhile. The folder appears whole or not at all (createDirAtomic), and entries are
 * streamed a page at a time, never held whole in memory (docs/design.md §9).
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createDirAtomic } from '../../../protocol/files/atomic-write.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { OfficeIdentity } from '../../identity/office-identity.js';
import type { AuditLog } from './audit-log.js';

/** The `format` value of bundle.json. */
export const AUDIT_BUNDLE_FORMAT = 'ipex-audit-bundle/1';

export interface AuditBundleInfo {
  readonly format: typeof AUDIT_BUNDLE_FORMAT;
  readonly office: string;
  readonly origin: string;
  readonly size: number;
  readonly exportedAt: string;
}

export interface ExportOptions {
  readonly audit: AuditLog;
  readonly identity: OfficeIdentity;
  readonly clock: Clock;
  /** The bundle folder; must not exist. */
  readonly out: string;
  /** Progress lines for the person watching. */
  readonly progress?: (message: string) => void;
}

/** Writes the audit bundle to `options.out`; returns what bundle.json says. */
export async function exportAuditBundle(options: ExportOptions): Promise<AuditBundleInfo> {
  const { audit, identity, clock } = options;
  const progress = options.progress ?? ((): void => undefined);
  await audit.flush();
  const checkpoint = audit.checkpointNow();
  progress(`signed checkpoint of ${checkpoint.size} entries (${audit.origin})`);
  const info: AuditBundleInfo = {
    format: AUDIT_BUNDLE_FORMAT,
    office: identity.code,
    origin: audit.origin,
    size: checkpoint.size,
    exportedAt: clock.now().toISOString(),
  };
  await createDirAtomic(options.out, (dir) => {
    writeFileSync(join(dir, 'checkpoint'), checkpoint.note, 'utf8');
    writeFileSync(join(dir, 'log.vkey'), `${identity.log.verifierKey}\n`, 'utf8');
    mkdirSync(join(dir, 'certs'));
    writeFileSync(join(dir, 'certs', 'signing.pem'), identity.signing.certificatePem, 'utf8');
    writeFileSync(join(dir, 'certs', 'tls.pem'), identity.tls.certificatePem, 'utf8');
    writeFileSync(join(dir, 'certs', 'root.pem'), identity.rootPem, 'utf8');
    writeEntries(audit, checkpoint.size, join(dir, 'entries.jsonl'), progress);
    writeFileSync(join(dir, 'bundle.json'), `${JSON.stringify(info, null, 2)}\n`, 'utf8');
  });
  progress(`wrote the audit bundle ${options.out}`);
  return info;
}

function writeEntries(audit: AuditLog, size: number, path: string, progress: (message: string) => void): void {
  const fd = openSync(path, 'wx', 0o644);
  const newline = Buffer.from('\n');
  try {
    let written = 0;
    for (const entry of audit.reader.iterate(size)) {
      writeAll(fd, entry);
      writeAll(fd, newline);
      written += 1;
      if (written % 100_000 === 0) progress(`wrote ${written} of ${size} entries`);
    }
    progress(`wrote ${written} entries to entries.jsonl`);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
