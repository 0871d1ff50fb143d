/**
 * A scheduled message checked again when its time comes: "your document is now available" is
 * queued at deposit for the availability date, and must not go out when the document was
 * withdrawn meanwhile or a new version moved the date (that version queued its own). Both
 * channels ask this before sending; a message that no longer applies is cancelled.
 */
import type { SqliteDatabase } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';
import { DeliveryFailure, type OutboxRow } from '../outbox/index.js';
import type { EventBody } from './events.js';

/** @throws DeliveryFailure `obsolete` when the event no longer holds. */
export function checkStillDue(db: SqliteDatabase, row: OutboxRow): void {
  if (row.eventType !== 'document.available') return;
  const data = (row.payload as EventBody).data as { documentId?: string; availableFrom?: string };
  const doc = cachedStatements(db)('SELECT available_from, withdrawn_at FROM documents WHERE document_id = ?').get(data.documentId ?? '') as
    { available_from: string | null; withdrawn_at: string | null } | undefined;
  if (doc === undefined || doc.withdrawn_at !== null) throw new DeliveryFailure('the document was withdrawn before it became available', 'obsolete');
  if (doc.available_from !== data.availableFrom) throw new DeliveryFailure('the document\'s availability date changed', 'obsolete');
}
