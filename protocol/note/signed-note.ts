/**
 * C2SP signed notes (c2sp.org/signed-note, compatible with golang.org/x/mod/sumdb/note): a UTF-8
 * text ending in a newline, a blank line, then one or more lines `— <key name> base64(key ID ‖
 * signature)` (em dash U+2014). Parsing is strict and separate from verification; verification
 * follows the spec's rules: signatures from unknown keys (name and key ID not both matching)
 * are ignored, a known key whose signature fails rejects the whole note, and at least one known
 * key must verify. The note text is attacker-controlled until `verifyNote` returns.
 */
import { sign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { ed25519RawPublicKey } from './ed25519-raw.js';
import { SIG_TYPE_ED25519, isValidKeyName, keyIdOf, parseVerifierKey, type VerifierKey } from './verifier-key.js';

/** At most this many signature lines are accepted (the limit of the Go implementation). */
export const MAX_NOTE_SIGNATURES = 100;
/** Notes larger than this are refused before any parsing (a checkpoint is a few hundred bytes). */
export const MAX_NOTE_SIZE = 1024 * 1024;

const EM_DASH_PREFIX = '\u2014 ';

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  /** The 4-byte key ID (first bytes of the decoded base64). */
  readonly keyId: Buffer;
  /** The signature bytes after the key ID. */
  readonly signature: Buffer;
  /** The base64 field exactly as it appeared on the line. */
  readonly base64: string;
}

/** A parsed (not yet verified) note. */
export interface Note {
  /** The signed text, including its final newline, excluding the blank separator line. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A key that signs notes with plain Ed25519 (signature type 0x01). */
export interface NoteSigner {
  readonly name: string;
  readonly privateKey: KeyObject;
}

/** A key that can check one kind of signature line; matched by name and key ID. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  /** True when `signature` (key ID removed) is valid over the note text bytes. */
  verify(text: Buffer, signature: Buffer): boolean;
}

/** The outcome of {@link verifyNote}. */
export interface VerifiedNote {
  readonly text: string;
  /** Signatures from known keys that verified (one per key, duplicates dropped). */
  readonly verified: readonly NoteSignature[];
  /** Signatures from keys not in the verifier list, ignored as the spec requires. */
  readonly unknown: readonly NoteSignature[];
}

/** A NoteVerifier for a plain Ed25519 (type 0x01) verifier key, given parsed or as a vkey string. */
export function ed25519NoteVerifier(key: VerifierKey | string): NoteVerifier {
  const vk = typeof key === 'string' ? parseVerifierKey(key) : key;
  if (vk.type !== SIG_TYPE_ED25519) throw new IpexError('VERIFIER_KEY_MALFORMED', `${vk.name} is not an Ed25519 (0x01) note key`);
  return {
    name: vk.name,
    keyId: vk.keyId,
    verify: (text, signature) => signature.length === 64 && cryptoVerify(null, text, vk.publicKey, signature),
  };
}

/** Formats one signature line, including its final newline. */
export function formatSignatureLine(name: string, keyId: Uint8Array, signature: Uint8Array): string {
  if (!isValidKeyName(name) || keyId.length !== 4) throw new IpexError('NOTE_MALFORMED', `cannot sign as ${JSON.stringify(name)}`);
  return `${EM_DASH_PREFIX}${name} ${encodeBase64(Buffer.concat([keyId, signature]))}\n`;
}

/**
 * Signs `text` with each Ed25519 signer and returns the signed note.
 *
 * @example signNote('hello\n', [{ name: 'example.org/log', privateKey }])
 * // 'hello\n\n— example.org/log AbCd…\n'
 * @throws IpexError NOTE_MALFORMED when the text does not end in a newline, holds a control
 * character, or no signer is given.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  if (signers.length === 0) throw new IpexError('NOTE_MALFORMED', 'a note needs at least one signer');
  const msg = Buffer.from(text, 'utf8');
  const lines = signers.map((s) => {
    const keyId = keyIdOf(s.name, Buffer.concat([Buffer.from([SIG_TYPE_ED25519]), ed25519RawPublicKey(s.privateKey)]));
    return formatSignatureLine(s.name, keyId, sign(null, msg, s.privateKey));
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Appends signature lines (for example the cosignatures a witness returned, c2sp.org/tlog-witness)
 * to a signed note, after checking both parse. Does not verify anything.
 *
 * @throws IpexError NOTE_MALFORMED when the note or a line is malformed.
 */
export function appendSignatureLines(signedNote: string, lines: string): string {
  const before = parseNote(signedNote);
  const combined = signedNote + lines;
  const after = parseNote(combined);
  if (after.text !== before.text) throw malformed('the appended lines are not signature lines');
  return combined;
}

/**
 * Parses a signed note strictly: valid UTF-8, no control character but newline, text and
 * signatures split at the last blank line, every signature line well formed.
 *
 * @throws IpexError NOTE_MALFORMED on any deviation.
 */
export function parseNote(input: string | Uint8Array): Note {
  const s = decode(input);
  const split = s.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line separates the text from the signatures');
  const text = s.slice(0, split + 1);
  checkText(text);
  const block = s.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw malformed('the signature block is empty or does not end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  return { text, signatures: lines.map(parseSignatureLine) };
}

/**
 * Verifies a note against known keys and returns its text with the verified signatures.
 *
 * @throws IpexError NOTE_MALFORMED (parse), NOTE_SIGNATURE_INVALID (a known key's signature
 * fails), NOTE_KEY_UNKNOWN (no signature from a known key, or two verifiers share a name and ID).
 */
export function verifyNote(input: string | Uint8Array | Note, verifiers: readonly NoteVerifier[]): VerifiedNote {
  const note = typeof input === 'string' || input instanceof Uint8Array ? parseNote(input) : input;
  const msg = Buffer.from(note.text, 'utf8');
  const verified: NoteSignature[] = [];
  const unknown: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of note.signatures) {
    const matches = verifiers.filter((v) => v.name === sig.name && v.keyId.equals(sig.keyId));
    if (matches.length === 0) {
      unknown.push(sig);
      continue;
    }
    const id = `${sig.name}+${sig.keyId.toString('hex')}`;
    if (matches.length > 1) throw new IpexError('NOTE_KEY_UNKNOWN', `ambiguous key ${id}: configured more than once`);
    if (!(matches[0] as NoteVerifier).verify(msg, sig.signature)) {
      throw new IpexError('NOTE_SIGNATURE_INVALID', `invalid signature for key ${id}`);
    }
    if (!seen.has(id)) {
      seen.add(id);
      verified.push(sig);
    }
  }
  if (verified.length === 0) throw new IpexError('NOTE_KEY_UNKNOWN', 'the note has no signature from a known key');
  return { text: note.text, verified, unknown };
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(EM_DASH_PREFIX)) throw malformed('a signature line must start with "— "');
  const rest = line.slice(EM_DASH_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw malformed('a signature line needs "<name> <signature>"');
  const name = rest.slice(0, space);
  const base64 = rest.slice(space + 1);
  if (!isValidKeyName(name)) throw malformed(`invalid key name ${JSON.stringify(name)}`);
  const bytes = decodeBase64Strict(base64);
  if (bytes === null || bytes.length < 5) throw malformed(`the signature of ${name} is not base64 of a key ID and a signature`);
  return { name, keyId: Buffer.from(bytes.subarray(0, 4)), signature: Buffer.from(bytes.subarray(4)), base64 };
}

function decode(input: string | Uint8Array): string {
  if (typeof input === 'string') {
    if (input.length > MAX_NOTE_SIZE) throw malformed('the note is too large');
    if (Buffer.from(input, 'utf8').toString('utf8') !== input) throw malformed('the note is not valid UTF-8');
    return input;
  }
  if (input.length > MAX_NOTE_SIZE) throw malformed('the note is too large');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
  } catch (cause) {
    throw new IpexError('NOTE_MALFORMED', 'the note is not valid UTF-8', { cause });
  }
}

function checkText(text: string): void {
  if (typeof text !== 'string' || text.length === 0 || !text.endsWith('\n')) throw malformed('the note text must end in a newline');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw malformed('the note contains an ASCII control character');
}

function malformed(why: string): IpexError {
  return new IpexError('NOTE_MALFORMED', `signed note: ${why}`);
}
