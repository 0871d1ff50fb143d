/** Independent verification of ipex audit logs and audit bundles (docs/design.md §7, docs/auditing.md). */
export { verifyAuditBundle } from './verify-bundle.js';
export { checkAuditLog, verifyAuditLog, type AuditLogInput, type AuditVerifyOptions } from './verify-log.js';
export { AUDIT_BUNDLE_FORMAT, type AuditBundleInfo } from './bundle-files.js';
export { AUDIT_OUTCOMES, readEntryLines, type EntryFile, type EntryLine } from './entry-lines.js';
export { firstTimeRegression, locateFirstBadEntry, prefixRoot, type ConsistencyProofSource, type Location, type TrustedHead } from './locate-bad-entry.js';
export { PackedLeaves, type LeafHashList } from './packed-leaves.js';
export { MAX_ENTRY_PROBLEMS, ReportBuilder, type AuditCheck, type AuditProblem, type AuditReport, type AuditWhere } from './report.js';
