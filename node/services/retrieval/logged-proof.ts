/**
 * Proof that the depositing office logged our retrieval (docs/design.md §7, issue 4). The OFF's answer
 * names the index of the audit entry that recorded the attempt; the copy keeps it in its
 * provenance. Later — in a dispute, or at an audit — the accessing office fetches that entry,
 * the OFF's signed checkpoint (verified with the log key the signed directory lists for it) and
 * an RFC 9162 inclusion proof, and checks three things: the entry is in the tree the checkpoint
 * commits to; it is a retrieval attempt by this office; and it holds the very signature this
 * node sent. Everything the peer sends is checked, never trusted as it is.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/exchange.js';
import { assertInclusion, leafHash } from '../../../protocol/merkle/index.js';
import { decodeBase64Strict, ed25519NoteVerifier, openCheckpoint, parseVerifierKey } from '../../../protocol/note/index.js';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { CopyStore } from './copy-store.js';
import { exchangeClientFor } from './retrieval-deps.js';
import { exchangeBase } from './peer-links.js';

export interface LoggedProof {
  /** The entry as the peer logged it (canonical JSON, parsed). */
  readonly entry: Record<string, unknown>;
  readonly index: number;
  /** The size of the signed checkpoint the inclusion was proved against. */
  readonly treeSize: number;
  readonly origin: string;
}

/**
 * Proves that entry `index` of `office`'s log is included under its signed checkpoint.
 * @throws IpexError PROOF_INVALID, NOTE_* / CHECKPOINT_* when the proof or checkpoint fails.
 */
export async function proveLoggedByPeer(context: NodeContext, office: string, index: number): Promise<LoggedProof> {
  const peer = await context.trust.requireActive(office);
  const base = exchangeBase(peer.exchangeUrl);
  const vkey = parseVerifierKey(peer.logKey);
  const client = exchangeClientFor(context, systemRandom);
  try {
    const entries = await client.request({ method: 'GET', url: `${base}/log/entries?start=${index}&end=${index + 1}`, accept: 'application/jsonl' });
    const newline = entries.body.indexOf(0x0a);
    const line = entries.body.subarray(0, newline < 0 ? entries.body.length : newline);
    // A log signs a checkpoint at most a second after new entries: wait a little for one that covers ours.
    let checkpoint = await signedCheckpoint();
    for (let attempt = 0; checkpoint.size <= index && attempt < CHECKPOINT_WAITS; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      checkpoint = await signedCheckpoint();
    }
    if (checkpoint.size <= index) {
      throw new IpexError('PROOF_INVALID', `${office}'s newest checkpoint covers ${checkpoint.size} entries, not entry ${index}`);
    }
    const proof = (await client.request({ method: 'GET', url: `${base}/log/proofs/inclusion?index=${index}&treeSize=${checkpoint.size}` }))
      .json<components['schemas']['InclusionProof']>();
    const hashes = proof.hashes.map((h) => {
      const bytes = decodeBase64Strict(h);
      if (bytes === null) throw new IpexError('PROOF_INVALID', 'the inclusion proof holds a hash that is not base64');
      return bytes;
    });
    assertInclusion(index, checkpoint.size, leafHash(line), hashes, checkpoint.rootHash);
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line.toString('utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new IpexError('PEER_RESPONSE_INVALID', `entry ${index} of ${office}'s log is not JSON`, { cause: err });
    }
    return { entry, index, treeSize: checkpoint.size, origin: checkpoint.origin };
  } finally {
    client.close();
  }

  async function signedCheckpoint() {
    const note = (await client.request({ method: 'GET', url: `${base}/log/checkpoint`, accept: 'text/plain' })).body;
    return openCheckpoint(note, vkey.name, [ed25519NoteVerifier(vkey)]).checkpoint;
  }
}

/** How many seconds to wait for a checkpoint that covers a fresh entry. */
const CHECKPOINT_WAITS = 5;

/**
 * Proves that the depositing office logged the retrieval of certified copy `copyId` with the
 * request this node signed.
 * @throws IpexError NOT_FOUND for an unknown copy; PROOF_INVALID when the peer's log does not
 *   hold that request at the index it gave.
 */
export async function proveCopyLogged(context: NodeContext, copyId: string): Promise<LoggedProof> {
  const copy = new CopyStore(context.db).get(copyId);
  if (copy === undefined) throw new IpexError('NOT_FOUND', `no certified copy ${copyId}`);
  const logEntry = copy.provenance.logEntry as { index?: unknown } | undefined;
  const request = copy.provenance.request as { signature?: unknown } | undefined;
  if (typeof logEntry?.index !== 'number' || typeof request?.signature !== 'string') {
    throw new IpexError('NOT_FOUND', `copy ${copyId} keeps no log index or signed request of ${copy.sourceOffice}`);
  }
  const proof = await proveLoggedByPeer(context, copy.sourceOffice, logEntry.index);
  const entry = proof.entry as { type?: unknown; actor?: { office?: unknown }; details?: { request?: { signature?: unknown } } };
  if (entry.type !== 'retrieval.attempt' || entry.actor?.office !== context.identity.code || entry.details?.request?.signature !== request.signature) {
    throw new IpexError('PROOF_INVALID', `entry ${logEntry.index} of ${copy.sourceOffice}'s log is not the retrieval this node signed`);
  }
  return proof;
}
