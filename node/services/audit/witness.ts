/**
 * This node as a witness of its peers' audit logs (docs/design.md §7 "Witnessing"; C2SP tlog-witness
 * `add-checkpoint`, C2SP tlog-cosignature v1). A peer submits its own signed checkpoint with a
 * consistency proof from the size this witness last cosigned for it. The witness checks, in
 * order: the note is signed by the peer's log key from the directory and names that key as its
 * origin; `old` equals the size on record (else 409 with the recorded size); the new size is not
 * smaller; the proof links the recorded root to the new one. Only then does it record the new
 * checkpoint and return its cosignature.
 *
 * When the proof fails, the peer has shown two checkpoints that cannot be proven to belong to one
 * append-only history: both signed notes are kept in `witness_evidence`, the event goes into our
 * own audit log in the same transaction, a `witness.inconsistent` staff alert is raised, and the answer
 * is 422.
 *
 * Routine cosignatures are not audit events: each one would grow our log, whose new checkpoint
 * we submit to the peer, whose cosignature would grow its log — two nodes would feed each other
 * for ever. `witness_state` is the record of what was cosigned.
 *
 * The cosigner name is our log key's name; the key ID differs from the log signature's by its
 * type byte (0x04), so peers check it with `cosignatureVerifier` built from our directory logKey.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { EMPTY_ROOT, verifyConsistency } from '../../../protocol/merkle/index.js';
import {
  cosignCheckpoint, ed25519NoteVerifier, openCheckpoint, parseAddCheckpointRequest, parseVerifierKey, type NoteSigner,
} from '../../../protocol/note/index.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { markRefusalAudited } from './refusal-recorder.js';
import type { AuditLog } from './audit-log.js';
import type { AlertInput } from '../staff/staff-alerts.js';

/** The peer as the directory lists it. */
export interface WitnessedPeer {
  readonly code: string;
  /** The peer's log verifier key (C2SP vkey, type 0x01). */
  readonly logKey: string;
}

export type AddCheckpointResult =
  | { readonly kind: 'cosigned'; readonly size: number; readonly cosignature: string }
  | { readonly kind: 'size-mismatch'; readonly knownSize: number };

export interface WitnessOptions {
  readonly db: SqliteDatabase;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Our log key (cosignatures are made with it, as type 0x04). */
  readonly signer: NoteSigner;
  /** Where the alert goes: a `witness.inconsistent` staff alert (log-routes.ts). */
  readonly alert: (alert: AlertInput) => void;
}

interface StateRow {
  readonly size: number;
  readonly root: Buffer;
  readonly note: string;
}

export class Witness {
  readonly #o: WitnessOptions;

  constructor(options: WitnessOptions) {
    this.#o = options;
  }

  /** The last checkpoint of `office` that this node cosigned. */
  state(office: string): StateRow | undefined {
    return this.#o.db.prepare('SELECT size, root, note FROM witness_state WHERE office = ?').get(office) as StateRow | undefined;
  }

  /** Evidence recorded against `office`, oldest first. */
  evidence(office: string): { id: number; noteA: string; noteB: string; detectedAt: string; reason: string }[] {
    return this.#o.db
      .prepare('SELECT id, note_a AS noteA, note_b AS noteB, detected_at AS detectedAt, reason FROM witness_evidence WHERE office = ? ORDER BY id')
      .all(office) as { id: number; noteA: string; noteB: string; detectedAt: string; reason: string }[];
  }

  /**
   * Handles one add-checkpoint request body from `peer` (already authenticated).
   *
   * @throws IpexError WITNESS_REQUEST_MALFORMED, NOTE_*, CHECKPOINT_* (bad request or note),
   * WITNESS_CHECKPOINT_REFUSED (smaller than recorded), WITNESS_INCONSISTENT (evidence kept).
   */
  addCheckpoint(peer: WitnessedPeer, body: string): AddCheckpointResult {
    const request = parseAddCheckpointRequest(body);
    const logKey = parseVerifierKey(peer.logKey);
    let opened: ReturnType<typeof openCheckpoint>;
    try {
      opened = openCheckpoint(request.checkpoint, logKey.name, [ed25519NoteVerifier(logKey)]);
    } catch (cause) {
      // tlog-witness: a checkpoint that does not verify with the caller's key is 403.
      if (cause instanceof IpexError && cause.code === 'CHECKPOINT_MALFORMED') throw cause;
      throw new IpexError('WITNESS_SIGNATURE_INVALID', `the checkpoint does not verify with ${peer.code}'s log key ${logKey.name}: ${(cause as Error).message}`, { cause });
    }
    const { checkpoint, note } = opened;
    const { db, clock, audit, signer } = this.#o;
    const now = clock.now();

    const decision = db.transaction((): AddCheckpointResult | { kind: 'inconsistent'; reason: string } => {
      const state = this.state(peer.code);
      const knownSize = state?.size ?? 0;
      if (request.oldSize !== knownSize) return { kind: 'size-mismatch', knownSize };
      if (checkpoint.size < knownSize) {
        throw new IpexError('WITNESS_CHECKPOINT_REFUSED', `checkpoint size ${checkpoint.size} is smaller than ${knownSize}, the size last cosigned for ${peer.code}`);
      }
      const oldRoot = state?.root ?? EMPTY_ROOT;
      if (!verifyConsistency(knownSize, checkpoint.size, request.proof, oldRoot, checkpoint.rootHash)) {
        const reason = knownSize === checkpoint.size
          ? `two different roots signed for tree size ${knownSize}`
          : `consistency proof from size ${knownSize} to ${checkpoint.size} does not verify`;
        db.prepare('INSERT INTO witness_evidence (office, note_a, note_b, detected_at, reason) VALUES (?, ?, ?, ?, ?)')
          .run(peer.code, state?.note ?? '', request.checkpoint, now.toISOString(), reason);
        audit.appendInTransaction({
          type: 'witness.inconsistent',
          actor: { kind: 'peer', office: peer.code },
          subject: { office: peer.code },
          outcome: 'refused',
          code: 'WITNESS_INCONSISTENT',
          details: { reason, knownSize, size: checkpoint.size, origin: checkpoint.origin },
        });
        return { kind: 'inconsistent', reason };
      }
      db.prepare(`INSERT INTO witness_state (office, size, root, note, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (office) DO UPDATE SET size = excluded.size, root = excluded.root, note = excluded.note, updated_at = excluded.updated_at`)
        .run(peer.code, checkpoint.size, Buffer.from(checkpoint.rootHash), request.checkpoint, now.toISOString());
      const cosignature = cosignCheckpoint(note.text, signer, Math.floor(now.getTime() / 1000));
      return { kind: 'cosigned', size: checkpoint.size, cosignature };
    }).immediate();

    if (decision.kind === 'inconsistent') {
      this.#o.alert({
        kind: 'witness.inconsistent', subject: `log of ${peer.code}`,
        detail: `ALERT: office ${peer.code} showed an inconsistent audit-log checkpoint (${decision.reason}); both notes are kept as evidence in witness_evidence. ` +
          'Its log no longer proves an append-only history: tell the network operator and that office (docs/auditing.md "Witnesses")',
      });
      const err = new IpexError('WITNESS_INCONSISTENT', `checkpoint of ${peer.code} is not consistent with the one last cosigned: ${decision.reason}`);
      markRefusalAudited(err); // the witness.inconsistent entry above is its record
      throw err;
    }
    return decision;
  }
}
