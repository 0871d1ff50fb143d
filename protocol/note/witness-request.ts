/**
 * The body of a C2SP tlog-witness `add-checkpoint` request (c2sp.org/tlog-witness §add-checkpoint):
 * `old <size>` line, zero to 63 base64 consistency-proof lines, an empty line, then the signed
 * checkpoint note. Only the format lives here; the witness's checks (known origin, old size
 * matching its record, proof verification) belong to the node.
 */
import { IpexError } from '../errors/index.js';
import { HASH_SIZE } from '../merkle/hash.js';
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { parseNote } from './signed-note.js';

/** The spec's upper bound on consistency-proof lines. */
export const MAX_WITNESS_PROOF_LINES = 63;

/** A parsed add-checkpoint request. */
export interface AddCheckpointRequest {
  /** Size of the checkpoint the client believes the witness last cosigned (0 if none). */
  readonly oldSize: number;
  /** RFC 9162 consistency proof from oldSize to the checkpoint's size (empty if oldSize is 0). */
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint note, unverified. */
  readonly checkpoint: string;
}

/**
 * Formats an add-checkpoint request body.
 *
 * @throws IpexError WITNESS_REQUEST_MALFORMED when a field is out of range.
 */
export function formatAddCheckpointRequest(req: AddCheckpointRequest): string {
  if (!Number.isSafeInteger(req.oldSize) || req.oldSize < 0) throw malformed('old size must be a non-negative integer');
  if (req.proof.length > MAX_WITNESS_PROOF_LINES) throw malformed(`at most ${MAX_WITNESS_PROOF_LINES} proof lines`);
  if (req.oldSize === 0 && req.proof.length > 0) throw malformed('the proof must be empty when old size is 0');
  for (const h of req.proof) if (h.length !== HASH_SIZE) throw malformed('every proof hash must be 32 bytes');
  parseSigned(req.checkpoint);
  return `old ${req.oldSize}\n${req.proof.map((h) => `${encodeBase64(h)}\n`).join('')}\n${req.checkpoint}`;
}

/**
 * Parses an add-checkpoint request body strictly. The checkpoint is only checked to be a
 * well-formed signed note; verify it with `openCheckpoint` before trusting it.
 *
 * @throws IpexError WITNESS_REQUEST_MALFORMED on any deviation.
 */
export function parseAddCheckpointRequest(body: string): AddCheckpointRequest {
  if (typeof body !== 'string') throw malformed('the body is not text');
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw malformed('no empty line before the checkpoint');
  const head = body.slice(0, blank).split('\n');
  const checkpoint = body.slice(blank + 2);
  const oldLine = head[0] as string;
  const m = /^old (0|[1-9][0-9]*)$/.exec(oldLine);
  if (m === null) throw malformed('the first line must be "old <size>" without leading zeros');
  const oldSize = Number(m[1]);
  if (!Number.isSafeInteger(oldSize)) throw malformed('old size is too large');
  const proofLines = head.slice(1);
  if (proofLines.length > MAX_WITNESS_PROOF_LINES) throw malformed(`more than ${MAX_WITNESS_PROOF_LINES} proof lines`);
  if (oldSize === 0 && proofLines.length > 0) throw malformed('the proof must be empty when old size is 0');
  const proof = proofLines.map((line) => {
    const h = decodeBase64Strict(line);
    if (h === null || h.length !== HASH_SIZE) throw malformed('every proof line must be base64 of a 32-byte hash');
    return h;
  });
  parseSigned(checkpoint);
  return { oldSize, proof, checkpoint };
}

function parseSigned(note: string): void {
  try {
    parseNote(note);
  } catch (cause) {
    throw new IpexError('WITNESS_REQUEST_MALFORMED', 'tlog-witness request: the checkpoint is not a signed note', { cause });
  }
}

function malformed(why: string): IpexError {
  return new IpexError('WITNESS_REQUEST_MALFORMED', `tlog-witness request: ${why}`);
}
