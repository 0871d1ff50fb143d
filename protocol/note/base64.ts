/**
 * Strict standard base64 (RFC 4648 §4, with padding), as C2SP signed-note, tlog-checkpoint and
 * tlog-witness require. Node's decoder silently skips bad characters and accepts missing padding
 * or the URL alphabet; parsing attacker-controlled text needs the canonical form only, so the
 * decoded bytes are re-encoded and compared.
 */

/** Decodes canonical padded standard base64; null when `s` is not exactly that. */
export function decodeBase64Strict(s: string): Buffer | null {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  const bytes = Buffer.from(s, 'base64');
  return bytes.toString('base64') === s ? bytes : null;
}

/** Standard padded base64 of `bytes`. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
