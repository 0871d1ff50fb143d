/**
 * The log side of witnessing (C2SP tlog-witness `add-checkpoint`): building the request that
 * asks a peer to cosign our newest checkpoint, and keeping the cosignature it returns on the
 * stored note, so that `GET /log/checkpoint` and the audit bundle carry it. Sending the request
 * is the exchange client's job (signed RFC 9421 request); a 409 answer tells the size the peer
 * has on record, to retry with.
 *
 * The size a peer last cosigned is found on our own notes: the newest stored checkpoint that
 * carries that peer's cosignature line.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import {
  cosignatureVerifier, formatAddCheckpointRequest, parseNote, parseVerifierKey, verifyCosignature,
} from '../../../protocol/note/index.js';
import type { AuditLog } from './audit-log.js';
import type { WitnessedPeer } from './witness.js';

export interface AddCheckpointRequestBody {
  /** The `text/plain` body for POST /witness/add-checkpoint. */
  readonly body: string;
  readonly oldSize: number;
  readonly size: number;
}

/**
 * The add-checkpoint body for our newest checkpoint. `oldSize` is the size the peer last
 * cosigned; by default the newest of our checkpoints that carries its cosignature (0 if none).
 *
 * @throws IpexError PROOF_REQUEST_INVALID when `oldSize` is larger than our log.
 */
export function buildAddCheckpointRequest(audit: AuditLog, peer: WitnessedPeer, oldSize?: number): AddCheckpointRequestBody {
  const latest = audit.latestCheckpoint();
  const old = oldSize ?? lastCosignedSize(audit, peer);
  const proof = old === 0 ? [] : audit.reader.consistencyProof(old, latest.size);
  return { body: formatAddCheckpointRequest({ oldSize: old, proof, checkpoint: latest.note }), oldSize: old, size: latest.size };
}

/** The newest of our checkpoint sizes that carries a cosignature of `peer`, 0 if none. */
export function lastCosignedSize(audit: AuditLog, peer: WitnessedPeer): number {
  const verifier = cosignatureVerifier(toCosigner(peer));
  const prefix = `\u2014 ${verifier.name} `;
  for (const size of audit.checkpoints.sizesWithLine(prefix)) {
    const cp = audit.checkpoints.atSize(size);
    if (cp === undefined) continue;
    const note = parseNote(cp.note);
    if (note.signatures.some((s) => s.name === verifier.name && s.keyId.equals(verifier.keyId))) return size;
  }
  return 0;
}

/**
 * Verifies the cosignature line(s) a peer returned for our checkpoint of `size` and appends them
 * to the stored note (a repeated line is not added twice).
 *
 * @throws IpexError COSIGNATURE_INVALID when a line is not a valid cosignature of that peer;
 * NOT_FOUND when we signed no checkpoint of that size.
 */
export function attachCosignature(audit: AuditLog, peer: WitnessedPeer, size: number, lines: string): string {
  const cp = audit.checkpoints.atSize(size);
  if (cp === undefined) throw new IpexError('NOT_FOUND', `no checkpoint of size ${size} was signed`);
  const body = parseNote(cp.note).text;
  const cosigner = toCosigner(peer);
  const verified = lines.split('\n').filter((l) => l.length > 0);
  for (const line of verified) verifyCosignature(body, line, cosigner);
  return audit.checkpoints.addSignatureLines(size, verified);
}

function toCosigner(peer: WitnessedPeer): { name: string; publicKey: Uint8Array } {
  const vk = parseVerifierKey(peer.logKey);
  return { name: vk.name, publicKey: vk.rawPublicKey };
}
