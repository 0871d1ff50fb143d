/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text a log signs to commit to a tree
 * head — origin line, tree size in decimal, base64 root hash, then optional extension lines —
 * and helpers to sign it as a signed note and to open a signed checkpoint with the log's key.
 * ipex sizes are JavaScript safe integers (< 2^53), far beyond any audit log.
 */
import { IpexError } from '../errors/index.js';
import { HASH_SIZE } from '../merkle/hash.js';
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { parseNote, signNote, verifyNote, type NoteSigner, type NoteVerifier, type VerifiedNote } from './signed-note.js';

/** A checkpoint body. */
export interface Checkpoint {
  /** Unique identifier of the log, e.g. `ipex.example.org/audit/EP` (a schema-less URL). */
  readonly origin: string;
  /** Number of leaves of the tree. */
  readonly size: number;
  /** RFC 9162 root hash of the tree (32 bytes). */
  readonly rootHash: Uint8Array;
  /** Opaque, non-empty extra lines; ipex writes none. */
  readonly extensions?: readonly string[];
}

/**
 * Formats a checkpoint body (the note text, ending in a newline).
 *
 * @example formatCheckpoint({ origin: 'example.com/log', size: 8, rootHash })
 * // 'example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n'
 * @throws IpexError CHECKPOINT_MALFORMED when a field is out of range.
 */
export function formatCheckpoint(cp: Checkpoint): string {
  checkOrigin(cp.origin);
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw malformed(`tree size ${cp.size} is not a non-negative integer`);
  if (!(cp.rootHash instanceof Uint8Array) || cp.rootHash.length !== HASH_SIZE) throw malformed('the root hash must be 32 bytes');
  const ext = cp.extensions ?? [];
  for (const line of ext) checkExtension(line);
  return [cp.origin, String(cp.size), encodeBase64(cp.rootHash), ...ext].join('\n') + '\n';
}

/**
 * Parses a checkpoint body strictly: at least three lines, each ending in a newline; a non-empty
 * origin; a decimal size without leading zeros; canonical base64 of exactly 32 bytes; non-empty
 * extension lines.
 *
 * @throws IpexError CHECKPOINT_MALFORMED on any deviation.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n')) throw malformed('the body must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('expected origin, size and root hash lines');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  checkOrigin(origin);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) throw malformed('the size must be a decimal number without leading zeros');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw malformed('the size is too large');
  const rootHash = decodeBase64Strict(rootText);
  if (rootHash === null || rootHash.length !== HASH_SIZE) throw malformed('the root hash must be base64 of 32 bytes');
  for (const line of extensions) checkExtension(line);
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

/** Formats and signs a checkpoint with the log key(s); returns the signed note. */
export function signCheckpoint(cp: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(cp), signers);
}

/** A verified, parsed checkpoint with the note it came from. */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: VerifiedNote;
}

/**
 * Verifies a signed checkpoint with the log's verifier(s), parses its body and checks that its
 * origin is the expected one (a valid signature on another log's checkpoint proves nothing here).
 *
 * @throws IpexError NOTE_* from verification, CHECKPOINT_MALFORMED for a bad body,
 * CHECKPOINT_ORIGIN_UNKNOWN for another origin.
 */
export function openCheckpoint(signed: string | Uint8Array, expectedOrigin: string, logVerifiers: readonly NoteVerifier[]): OpenedCheckpoint {
  const note = verifyNote(parseNote(signed), logVerifiers);
  const checkpoint = parseCheckpoint(note.text);
  if (checkpoint.origin !== expectedOrigin) {
    throw new IpexError(
      'CHECKPOINT_ORIGIN_UNKNOWN',
      `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not the expected ${JSON.stringify(expectedOrigin)}`,
    );
  }
  return { checkpoint, note };
}

function checkOrigin(origin: string): void {
  if (typeof origin !== 'string' || origin.length === 0) throw malformed('the origin line is empty');
  if (/[\u0000-\u001f]/.test(origin)) throw malformed('the origin contains a control character');
}

function checkExtension(line: string): void {
  if (typeof line !== 'string' || line.length === 0) throw malformed('extension lines must not be empty');
  if (/[\u0000-\u001f]/.test(line)) throw malformed('an extension line contains a control character');
}

function malformed(why: string): IpexError {
  return new IpexError('CHECKPOINT_MALFORMED', `checkpoint: ${why}`);
}
