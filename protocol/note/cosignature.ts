/**
 * C2SP tlog-cosignature v1 (c2sp.org/tlog-cosignature, Ed25519): a witness's note signature on a
 * checkpoint stating that, at `timestamp`, this is the largest consistent tree head it has seen
 * for the origin. Key ID = SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[0:4]; the signature bytes are
 * key ID ‖ u64 big-endian timestamp ‖ Ed25519 signature over
 * "cosignature/v1\ntime <timestamp>\n" ‖ the whole checkpoint body (extension lines included).
 * ipex nodes cosign each other's checkpoints (docs/design.md §7 "Witnessing").
 */
import { sign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { parseCheckpoint } from './checkpoint.js';
import { ed25519PublicKeyFromRaw, ed25519RawPublicKey } from './ed25519-raw.js';
import { formatSignatureLine, parseNote, type NoteSignature, type NoteSigner, type NoteVerifier } from './signed-note.js';
import { SIG_TYPE_COSIGNATURE_V1, isValidKeyName, keyIdOf, parseVerifierKey, type VerifierKey } from './verifier-key.js';

const TIMESTAMP_SIZE = 8;
const ED25519_SIG_SIZE = 64;

/** A cosigner identity: its name and Ed25519 public key (as KeyObject or raw 32 bytes). */
export interface CosignerKey {
  readonly name: string;
  readonly publicKey: KeyObject | Uint8Array;
}

/** The exact bytes a v1 cosignature signs. `timestamp` is POSIX seconds. */
export function cosignatureMessage(checkpointBody: string, timestamp: number): Buffer {
  checkTimestamp(timestamp, 'COSIGNATURE_INVALID');
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointBody}`, 'utf8');
}

/** The 4-byte cosignature key ID of a cosigner (signature type 0x04). */
export function cosignatureKeyId(name: string, publicKey: KeyObject | Uint8Array): Buffer {
  const raw = publicKey instanceof Uint8Array ? Buffer.from(publicKey) : ed25519RawPublicKey(publicKey);
  return keyIdOf(name, Buffer.concat([Buffer.from([SIG_TYPE_COSIGNATURE_V1]), raw]));
}

/**
 * Cosigns a checkpoint body and returns the signature line (with its newline), ready to be
 * appended to the signed checkpoint or returned by a witness. `timestamp` (POSIX seconds) comes
 * from the caller's injected Clock.
 *
 * @throws IpexError CHECKPOINT_MALFORMED when the body is not a checkpoint, NOTE_MALFORMED for
 * an invalid name.
 */
export function cosignCheckpoint(checkpointBody: string, signer: NoteSigner, timestamp: number): string {
  parseCheckpoint(checkpointBody);
  if (!isValidKeyName(signer.name)) throw new IpexError('NOTE_MALFORMED', `invalid cosigner name ${JSON.stringify(signer.name)}`);
  const ts = Buffer.alloc(TIMESTAMP_SIZE);
  checkTimestamp(timestamp, 'NOTE_MALFORMED');
  ts.writeBigUInt64BE(BigInt(timestamp));
  const sig = sign(null, cosignatureMessage(checkpointBody, timestamp), signer.privateKey);
  return formatSignatureLine(signer.name, cosignatureKeyId(signer.name, signer.privateKey), Buffer.concat([ts, sig]));
}

/** The timestamp carried by a cosignature's bytes, or null when they are not 8 + 64 bytes. */
export function cosignatureTimestamp(signature: Uint8Array): number | null {
  if (signature.length !== TIMESTAMP_SIZE + ED25519_SIG_SIZE) return null;
  const t = Buffer.from(signature).readBigUInt64BE(0);
  return t <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : null;
}

/**
 * A NoteVerifier for a cosigner, so that `verifyNote` can check cosignatures on a checkpoint
 * note together with (or instead of) the log signature. Accepts a type-0x04 vkey string, a parsed
 * one, or a name and public key.
 */
export function cosignatureVerifier(key: string | VerifierKey | CosignerKey): NoteVerifier {
  const { name, publicKey } = toCosigner(key);
  return {
    name,
    keyId: cosignatureKeyId(name, publicKey),
    verify: (text, signature) => {
      const timestamp = cosignatureTimestamp(signature);
      if (timestamp === null) return false;
      const msg = Buffer.concat([Buffer.from(`cosignature/v1\ntime ${timestamp}\n`, 'utf8'), text]);
      return cryptoVerify(null, msg, publicKey, signature.subarray(TIMESTAMP_SIZE));
    },
  };
}

/**
 * Verifies one cosignature line over a checkpoint body and returns its timestamp (POSIX
 * seconds; the caller decides whether a future time is acceptable).
 *
 * @throws IpexError COSIGNATURE_INVALID when the line is malformed, from another key, or fails.
 */
export function verifyCosignature(checkpointBody: string, line: string, key: string | VerifierKey | CosignerKey): { timestamp: number } {
  const verifier = cosignatureVerifier(key);
  let sig: NoteSignature;
  try {
    const note = parseNote(`${checkpointBody}\n${line.endsWith('\n') ? line : `${line}\n`}`);
    if (note.text !== checkpointBody || note.signatures.length !== 1) throw new Error('not exactly one signature line');
    sig = note.signatures[0] as NoteSignature;
  } catch (cause) {
    throw new IpexError('COSIGNATURE_INVALID', 'the cosignature line is malformed', { cause });
  }
  if (sig.name !== verifier.name || !sig.keyId.equals(verifier.keyId)) {
    throw new IpexError('COSIGNATURE_INVALID', `the cosignature is not from ${verifier.name}+${verifier.keyId.toString('hex')}`);
  }
  const timestamp = cosignatureTimestamp(sig.signature);
  if (timestamp === null || !verifier.verify(Buffer.from(checkpointBody, 'utf8'), sig.signature)) {
    throw new IpexError('COSIGNATURE_INVALID', `cosignature of ${verifier.name} does not verify`);
  }
  return { timestamp };
}

function toCosigner(key: string | VerifierKey | CosignerKey): { name: string; publicKey: KeyObject } {
  const vk = typeof key === 'string' ? parseVerifierKey(key, [SIG_TYPE_COSIGNATURE_V1]) : key;
  if ('type' in vk && vk.type !== SIG_TYPE_COSIGNATURE_V1) {
    throw new IpexError('VERIFIER_KEY_MALFORMED', `${vk.name} is not a cosignature (0x04) key`);
  }
  if (!isValidKeyName(vk.name)) throw new IpexError('VERIFIER_KEY_MALFORMED', 'invalid cosigner name');
  try {
    const pk = vk.publicKey instanceof Uint8Array ? ed25519PublicKeyFromRaw(vk.publicKey) : vk.publicKey;
    ed25519RawPublicKey(pk); // must be Ed25519
    return { name: vk.name, publicKey: pk };
  } catch (cause) {
    throw new IpexError('VERIFIER_KEY_MALFORMED', 'the cosigner key is not an Ed25519 public key', { cause });
  }
}

function checkTimestamp(timestamp: number, code: 'COSIGNATURE_INVALID' | 'NOTE_MALFORMED'): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new IpexError(code, `timestamp ${timestamp} is not a non-negative integer`);
}
