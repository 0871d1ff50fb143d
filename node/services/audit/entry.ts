/**
 * Audit events and the bytes of a log entry (DESIGN.md §7, docs/audit-formats.md §10).
 *
 * An entry is the RFC 8785 canonical JSON of `{ v: 1, office, time, ...event }`: the bytes are
 * the leaf data of the Merkle tree (RFC 9162 §2.1.1), so they are fixed once written and a
 * verifier hashes them as they are, never re-serialised. A few fields are repeated in columns
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
 * Encodes an event as this node's entry. `office` is this node's ST.3 code, `time` the moment
 * of the event (ISO 8601 from the injected clock).
 *
 * @throws IpexError AUDIT_EVENT_INVALID when the event is not well-formed or not JSON-safe.
 */
export function encodeEntry(event: AuditEvent, office: string, time: Date): EncodedEntry {
  checkEvent(event);
  const iso = time.toISOString();
  let bytes: Buffer;
  try {
    bytes = canonicalJsonBytes({ v: ENTRY_VERSION, office, time: iso, ...event });
  } catch (cause) {
    throw new IpexError('AUDIT_EVENT_INVALID', `audit event ${event.type}: ${(cause as Error).message}`, { cause });
  }
  return {
    bytes,
    leafHash: leafHash(bytes),
    time: iso,
    type: event.type,
    outcome: event.outcome,
    office: event.actor.office ?? event.subject?.office ?? null,
    documentId: event.subject?.documentId ?? null,
  };
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
