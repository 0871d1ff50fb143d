/**
 * Codes raised by the node's audit log service (docs/design.md §7, issue 4): reading ranges of the
 * log, paging through it, the log's own integrity, and the witness endpoint (C2SP tlog-witness
 * `add-checkpoint`). The format-level codes (proofs, notes, checkpoints) are in audit-formats.ts.
 */
import { defineCodes } from '../spec.js';

export const auditLogCodes = defineCodes({
  AUDIT_EVENT_INVALID: {
    status: 500,
    title: 'An audit event cannot be recorded: its fields are not JSON-safe or its type is malformed',
  },
  AUDIT_RANGE_INVALID: {
    status: 400,
    title: 'The requested range of log entries is empty, reversed, too long or beyond the log',
  },
  AUDIT_CURSOR_INVALID: {
    status: 400,
    title: 'The paging cursor is not one this node returned',
  },
  AUDIT_ENTRY_FORBIDDEN: {
    status: 403,
    title: 'A peer may read only the log entries of its own exchanges; ask for a range of those, or use proofs',
  },
  AUDIT_LOG_CORRUPT: {
    status: 500,
    title: 'The stored audit log is inconsistent with itself; run `ipex audit verify` and restore from backup',
  },
  WITNESS_SIGNATURE_INVALID: {
    status: 403,
    title: 'The checkpoint is not signed by the calling office\'s log key from the directory',
  },
  WITNESS_SIZE_MISMATCH: {
    status: 409,
    title: 'The old size differs from the size of the last checkpoint this witness cosigned',
  },
  WITNESS_CHECKPOINT_REFUSED: {
    status: 400,
    title: 'The checkpoint is smaller than the one this witness last cosigned, or not from the caller\'s log',
  },
  WITNESS_INCONSISTENT: {
    status: 422,
    title: 'The checkpoint is not consistent with the last one this witness cosigned; both are kept as evidence',
  },
});
