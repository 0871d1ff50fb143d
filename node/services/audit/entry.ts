/**
 * Audit events and the bytes of a log entry (docs/design.md §7, docs/audit-formats.md §10).
 *
 * An entry is the RFC 8785 canonical JSON of `{ v: 1, index, prev, office, time, ...event }`:
 * the bytes are the leaf data of the Merkle tree (RFC 9162 §2.1.1), so they are fixed once
 * written and a verifier hashes them as they are, never re-serialised. `index` is the entry's
 * position and `prev` the hex leaf hash of the entry before it (absent for the first): a chain
 * beside the tree, so that a verifier holding only a bundle can name the entry that was changed,
 * removed, inserted or moved, where the tree alone could only say that something differs.
 * An event is validated when it is handed to the log (`prepareEntry`) and sealed with its index
 * and `prev` when it is written (`sealEntry`), under the write transaction. A few fields are repeated in columns
 * of `audit_entries` for auditors' filters; those columns are derived here, in one place.
 */
import { canonicalJsonBytes } from '../../../protocol/encoding/canonical-json.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { leafHash } from '../../../protocol/merkle/index.js';

/** How the event ended. `pending` is a retrieval answered "not available yet". */
export type AuditOutcome = 'ok' | 'refused' | 'failed' | 'pending';

export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['ok', 'refused', 'failed', 'pending'];

/** Who caused the event. */
export interface AuditActor {
  readonly kind: 'staff' | 'applicant' | 'peer' | 'node';
  readonly office?: string;
  readonly tokenId?: number;
  readonly keyId?: string;
}

/** What the event is about. */
export interface AuditSubject {
  readonly documentId?: string;
  readonly version?: number;
  readonly office?: string;
  readonly applicationNumber?: string;
  readonly retrievalId?: string;
}

/** One event, as services hand it to the log (contracts.md "Audit log"). */
export interface AuditEvent {
  /** Dotted lowercase name such as `deposit.committed` or `access-code.issued`. */
  readonly type: string;
  readonly actor: AuditActor;
  readonly subject?: AuditSubject;
  readonly outcome: AuditOutcome;
  /** The registry code when the outcome is `refused` or `failed`. */
  readonly code?: string;
  /** JSON-safe details; a retrieval attempt puts its SignedRequestRecord under `request`. */
  readonly details?: Record<string, unknown>;
}

/** A validated event with its time, waiting for its place in the log. */
export interface PreparedEntry {
  readonly record: Readonly<Record<string, unknown>>;
  readonly time: string;
  readonly type: string;
  readonly outcome: AuditOutcome;
  readonly office: string | null;
  readonly documentId: string | null;
}

/** An encoded entry, ready to insert. */
export interface EncodedEntry {
  /** The leaf data: canonical JSON bytes. */
  readonly bytes: Buffer;
  readonly leafHash: Buffer;
  readonly time: string;
  readonly type: string;
  readonly outcome: AuditOutcome;
  /** The other office involved (the actor's, else the subject's), for the `office` filter. */
  readonly office: string | null;
  readonly documentId: string | null;
}

/** Entry format version: the `v` field. */
export const ENTRY_VERSION = 1;

/** Event type names: dotted segments of lowercase letters, digits and hyphens (e.g. `access-code.issued`). */
export const EVENT_TYPE = /^[a-z][a-z0-9-]{0,31}(\.[a-z][a-z0-9-]{0,31}){0,3}$/;

const ACTOR_KINDS = new Set(['staff', 'applicant', 'peer', 'node']);

/**
 * Validates an event as this node's entry. `office` is this node's ST.3 code, `time` the moment
 * of the event (ISO 8601 from the injected clock). The event is serialised once here, so that
 * a value that is not JSON-safe fails now, before it can take a place in the log.
 *
 * @throws IpexError AUDIT_EVENT_INVALID when the event is not well-formed or not JSON-safe.
 */
export function prepareEntry(event: AuditEvent, office: string, time: Date): PreparedEntry {
  checkEvent(event);
  const iso = time.toISOString();
  const record = { v: ENTRY_VERSION, office, time: iso, ...event };
  try {
    canonicalJsonBytes(record);
  } catch (cause) {
    throw new IpexError('AUDIT_EVENT_INVALID', `audit event ${event.type}: ${(cause as Error).message}`, { cause });
  }
  return {
    record,
    time: iso,
    type: event.type,
    outcome: event.outcome,
    office: event.actor.office ?? event.subject?.office ?? null,
    documentId: event.subject?.documentId ?? null,
  };
}

/** The entry's bytes at position `index`, chained to the leaf hash of the entry before it. */
export function sealEntry(prepared: PreparedEntry, index: number, prev: Uint8Array | null): EncodedEntry {
  const bytes = canonicalJsonBytes({ ...prepared.record, index, ...(prev === null ? {} : { prev: Buffer.from(prev).toString('hex') }) });
  const { record: _record, ...columns } = prepared;
  return { ...columns, bytes, leafHash: leafHash(bytes) };
}

function checkEvent(event: AuditEvent): void {
  const bad = (why: string): IpexError => new IpexError('AUDIT_EVENT_INVALID', `audit event: ${why}`);
  if (event === null || typeof event !== 'object') throw bad('not an object');
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) throw bad(`type ${JSON.stringify(event.type)} is not a dotted lowercase name`);
  if (!AUDIT_OUTCOMES.includes(event.outcome)) throw bad(`outcome ${JSON.stringify(event.outcome)} is not one of ${AUDIT_OUTCOMES.join(', ')}`);
  if (event.actor === null || typeof event.actor !== 'object' || !ACTOR_KINDS.has(event.actor.kind)) throw bad('actor.kind is missing or unknown');
  for (const key of Object.keys(event)) {
    if (!['type', 'actor', 'subject', 'outcome', 'code', 'details'].includes(key)) throw bad(`unknown field ${key}`);
  }
}
