/** The audit log service (docs/design.md §7): append-only store, Merkle tree, checkpoints, proofs, witnessing. */
export { AuditLog, type AuditLogOptions } from './audit-log.js';
export { Checkpointer, type StoredCheckpoint } from './checkpointer.js';
export { AUDIT_OUTCOMES, EVENT_TYPE, prepareEntry, sealEntry, type AuditActor, type AuditEvent, type AuditOutcome, type AuditSubject, type EncodedEntry, type PreparedEntry } from './entry.js';
export { LogReader, MAX_ENTRIES_PER_CALL } from './proofs.js';
export { Witness, type AddCheckpointResult, type WitnessedPeer } from './witness.js';
export { attachCosignature, buildAddCheckpointRequest, lastCosignedSize, type AddCheckpointRequestBody } from './witness-client.js';
