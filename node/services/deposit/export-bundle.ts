/**
 * Certified-copy export (docs/design.md §5 "Certified-copy bundle"): a committed version written as
 * the bundle folder or ZIP of protocol/certification, from the stored manifest, the stored CMS
 * signatures and the part blobs. The folder (or ZIP) appears whole or not at all.
 */
import { writeBundle, writeBundleZip } from '../../../protocol/certification/index.js';
import { withBlobFiles } from '../../storage/blob-files.js';
import type { DepositDeps } from './deposit-deps.js';
import { prepared } from './deposit-deps.js';
import { loadDocumentRow, loadVersionRow } from './document-rows.js';

export interface ExportOptions {
  /** The version to export; the current one when absent. */
  readonly version?: number;
  /** Write a ZIP file at `out` instead of a folder. */
  readonly zip?: boolean;
}

/** Writes the bundle of `documentId` to `out` (which must not exist); returns the version written. */
export async function exportBundle(deps: DepositDeps, documentId: string, out: string, options: ExportOptions = {}): Promise<{ version: number }> {
  const doc = loadDocumentRow(deps.db, documentId);
  const version = options.version ?? doc.current_version;
  const row = loadVersionRow(deps.db, documentId, version);
  const parts = prepared(deps.db, 'SELECT name, sha256, p7s FROM version_parts WHERE document_id = ? AND version = ? ORDER BY name')
    .all(documentId, version) as { name: string; sha256: string; p7s: Buffer }[];
  return withBlobFiles(deps.blobs, parts, async (files) => {
    const spec = {
      manifestJws: row.manifest_jws,
      parts: files,
      p7s: new Map(parts.map((p) => [p.name, p.p7s] as const)),
      chainPem: chainPemOf(deps),
    };
    if (options.zip === true) await writeBundleZip(spec, out);
    else await writeBundle(out, spec);
    return { version };
  });
}

function chainPemOf(deps: DepositDeps): string {
  const pem = deps.signing.certificate.toString();
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}
