/**
 * Codes raised by the independent audit-bundle verifier (`protocol/audit/`, `ipex audit verify`,
 * docs/design.md §7, docs/auditing.md "Verifying an audit bundle"). They name what is wrong with a
 * bundle or a log as seen by an auditor; signature and checkpoint-format failures keep the
 * codes of `audit-formats.ts` (NOTE_*, CHECKPOINT_*, VERIFIER_KEY_MALFORMED).
 */
import { defineCodes } from '../spec.js';

export const auditVerifyCodes = defineCodes({
  AUDIT_BUNDLE_MALFORMED: {
    status: 400,
    title: 'The audit bundle is missing a file or a file does not follow the audit bundle format',
  },
  AUDIT_ENTRY_MALFORMED: {
    status: 422,
    title: 'An audit log entry is not a well-formed RFC 8785 canonical JSON entry of this log',
  },
  AUDIT_SIZE_MISMATCH: {
    status: 422,
    title: 'The number of audit log entries differs from the size of the signed checkpoint',
  },
  AUDIT_ROOT_MISMATCH: {
    status: 422,
    title: 'The Merkle root of the audit log entries differs from the root of the signed checkpoint',
  },
  AUDIT_INCONSISTENT: {
    status: 422,
    title: 'The audit log is not consistent with an earlier checkpoint of the same log',
  },
  AUDIT_OFFICE_MISMATCH: {
    status: 422,
    title: 'The audit log is the log of another office than the one named to audit',
  },
  AUDIT_KEY_MISMATCH: {
    status: 422,
    title: 'The audit log key of the bundle is not the trusted key of that log',
  },
});
