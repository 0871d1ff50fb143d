/**
 * The part of the audit log (node/services/audit, contracts.md "Audit log") that the access
 * services use: an append inside the caller's open transaction, so that an event and the rows it
 * describes commit together or not at all.
 */
import type { AuditEvent } from '../audit/entry.js';

export type { AuditEvent };

export interface AuditAppender {
  /** Appends inside the caller's open db transaction; returns the entry index. */
  appendInTransaction(event: AuditEvent): number;
}
