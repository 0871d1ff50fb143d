/**
 * Certified-copy export (DESIGN.md §5 "Certified-copy bundle"): a committed version written as
 * the bundle folder or ZIP of protocol/certification, from the stored manifest, the stored CMS
 * signatures and the part blobs. The folder (or ZIP) appears whole or not at all.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writeBundle, writeBundleZip } from '../../../protocol/certification/index.js';
import { FsBlobStore } from '../../storage/fs-blob-store.js';
import type { DepositDeps } from './deposit-deps.js';
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
  const parts = deps.db.prepare('SELECT name, sha256, p7s FROM version_parts WHERE document_id = ? AND version = ? ORDER BY name')
    .all(documentId, version) as { name: string; sha256: string; p7s: Buffer }[];
  let scratch: string | undefined;
  try {
    const paths: { name: string; path: string }[] = [];
    for (const part of parts) {
      if (deps.blobs instanceof FsBlobStore) {
        paths.push({ name: part.name, path: deps.blobs.pathOf(part.sha256) });
      } else {
        // Another blob backend: stage the part on local disk, streamed.
        scratch ??= await mkdtemp(join(tmpdir(), 'ipex-export-'));
        const path = join(scratch, part.sha256);
        await pipeline(await deps.blobs.open(part.sha256), createWriteStream(path, { flags: 'wx' }));
        paths.push({ name: part.name, path });
      }
    }
    const spec = {
      manifestJws: row.manifest_jws,
      parts: paths,
      p7s: new Map(parts.map((p) => [p.name, p.p7s] as const)),
      chainPem: chainPemOf(deps),
    };
    if (options.zip === true) await writeBundleZip(spec, out);
    else await writeBundle(out, spec);
    return { version };
  } finally {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  }
}

function chainPemOf(deps: DepositDeps): string {
  const pem = deps.signing.certificate.toString();
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}
