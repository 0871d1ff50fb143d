/**
 * A stored part found damaged or missing when a peer (or staff, for a bundle) asked for it
 * (issue 10, item 4). Its bytes were not sent (BlobStore.openVerified refused them); here the
 * fault is made known: a `part.damaged` staff alert on the blob, whose warning line (at most one
 * a minute per blob) is the log line, and, for a peer's download, a `part.damaged` audit entry
 * of the refused request, naming the document, version and part. The peer is answered 503 PART_DAMAGED with Retry-After: staff repair the
 * part from a backup, and the peer's retry then gets it (docs/operations.md, "A damaged part").
 */
import { isIpexError } from '../../../protocol/errors/index.js';
import type { NodeContext } from '../../runtime/node-context.js';
import type { DamagedPartError } from '../../storage/blob-store.js';
import { storageFault } from '../../storage/storage-faults.js';
import { staffAlertsFor } from '../staff/staff-alerts.js';
import { reportStorageFull } from '../staff/storage-full.js';

/** Seconds a peer is asked to wait before it asks for a damaged part again: time for a repair. */
export const DAMAGED_PART_RETRY_AFTER_S = 3600;

export interface DamagedPartRequest {
  readonly documentId: string;
  readonly version: number;
  readonly part: string;
  /** The grant and office of a refused download; absent when staff asked (a bundle). */
  readonly retrievalId?: string;
  readonly office?: string;
}

export function reportDamagedPart(context: NodeContext, err: DamagedPartError, about: DamagedPartRequest): void {
  const found = err.actualSha256 === undefined
    ? `is missing (${err.location})`
    : `is damaged: its bytes (${err.location}) hash to ${err.actualSha256}, not the certified ${err.sha256}`;
  staffAlertsFor(context).raise({
    kind: 'part.damaged',
    subject: err.sha256,
    detail: `stored part "${about.part}" of document ${about.documentId} version ${about.version} ${found}. It is not sent; ` +
      'peers are told to try again later. Restore the file from a backup kept on another disk ' +
      '(docs/operations.md, "A damaged part") [PART_DAMAGED]',
  });
  if (about.office === undefined || about.retrievalId === undefined) return;
  context.audit.append({
    type: 'part.damaged',
    actor: { kind: 'peer', office: about.office },
    subject: { documentId: about.documentId, version: about.version, retrievalId: about.retrievalId, office: about.office },
    outcome: 'failed',
    code: 'PART_DAMAGED',
    details: { part: about.part, sha256: err.sha256, ...(err.actualSha256 === undefined ? { missing: true } : { actualSha256: err.actualSha256 }) },
  }).catch((cause: unknown) => {
    const named = storageFault(cause) ?? cause;
    if (isIpexError(named, 'STORAGE_FULL')) reportStorageFull(context, named, 'logging a damaged part');
    else context.output.warn(`could not log the damaged part ${err.sha256}: ${(cause as Error).message}`);
  });
}
