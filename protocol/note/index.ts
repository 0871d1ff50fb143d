/** C2SP signed notes, verifier keys, tlog-checkpoint, tlog-cosignature v1 and tlog-witness formats. */
export { decodeBase64Strict, encodeBase64 } from './base64.js';
export { ED25519_KEY_SIZE, ed25519PrivateKeyFromSeed, ed25519PublicKeyFromRaw, ed25519RawPublicKey } from './ed25519-raw.js';
export {
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  formatSignerKey,
  formatVerifierKey,
  isValidKeyName,
  keyIdOf,
  parseSignerKey,
  parseVerifierKey,
  type VerifierKey,
} from './verifier-key.js';
export {
  MAX_NOTE_SIGNATURES,
  MAX_NOTE_SIZE,
  appendSignatureLines,
  ed25519NoteVerifier,
  formatSignatureLine,
  parseNote,
  signNote,
  verifyNote,
  type Note,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type VerifiedNote,
} from './signed-note.js';
export { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint, type Checkpoint, type OpenedCheckpoint } from './checkpoint.js';
export {
  cosignCheckpoint,
  cosignatureKeyId,
  cosignatureMessage,
  cosignatureTimestamp,
  cosignatureVerifier,
  verifyCosignature,
  type CosignerKey,
} from './cosignature.js';
export {
  MAX_WITNESS_PROOF_LINES,
  formatAddCheckpointRequest,
  parseAddCheckpointRequest,
  type AddCheckpointRequest,
} from './witness-request.js';
