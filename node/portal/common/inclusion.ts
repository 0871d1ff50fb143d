/**
 * An audit entry's inclusion checked where it is read (issue 11, the auditor's entry page), with
 * WebCrypto only — in the auditor's browser, and in a test under Node: the checkpoint is a C2SP
 * signed note whose Ed25519 signature is checked with the log's verifier key (from the signed
 * directory), and the entry's leaf hash is folded with its RFC 9162 audit path up to the root
 * the checkpoint commits to. Each step says whether it held; nothing is trusted because the
 * server said so.
 */
export interface InclusionInput {
  /** The checkpoint note as the log serves it (body, blank line, signature lines). */
  readonly note: string;
  /** The log's C2SP verifier key: `name+hex8+base64(0x01 ‖ Ed25519 public key)`. */
  readonly verifierKey: string;
  /** The entry's exact text: the leaf data. */
  readonly entry: string;
  readonly index: number;
  /** The audit path, base64 hashes, leaf side first. */
  readonly proof: readonly string[];
}

export interface InclusionResult {
  readonly signature: boolean;
  readonly included: boolean;
  readonly treeSize?: number;
}

function bytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Checks the note's signature by the key, then the entry's path to the root it signs. */
export async function checkInclusion(input: InclusionInput): Promise<InclusionResult> {
  const split = input.note.indexOf('\n\n');
  if (split < 0) return { signature: false, included: false };
  const body = input.note.slice(0, split + 1);
  const lines = body.split('\n');
  const origin = lines[0];
  const sizeText = lines[1];
  const rootText = lines[2];
  // C2SP vkey: <name>+<8 hex key hash>+<base64 key>; the base64 may itself hold '+'.
  const first = input.verifierKey.indexOf('+');
  const second = first < 0 ? -1 : input.verifierKey.indexOf('+', first + 1);
  const name = first < 0 ? '' : input.verifierKey.slice(0, first);
  const key = bytes(second < 0 ? '' : input.verifierKey.slice(second + 1));
  let signature = false;
  for (const line of input.note.slice(split + 2).split('\n')) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (m === null || m[1] !== name || origin !== name || key.length !== 33 || key[0] !== 0x01) continue;
    const sig = bytes(m[2]!).slice(4);
    const publicKey = await crypto.subtle.importKey('raw', key.slice(1), { name: 'Ed25519' }, false, ['verify']);
    signature = await crypto.subtle.verify('Ed25519', publicKey, sig, new TextEncoder().encode(body));
  }
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size) || input.index < 0 || input.index >= size) return { signature, included: false };
  // RFC 9162 §2.1.3.2
  let fn = input.index;
  let sn = size - 1;
  let r = await sha256(new Uint8Array([0]), new TextEncoder().encode(input.entry));
  for (const p of input.proof.map(bytes)) {
    if (sn === 0) return { signature, included: false, treeSize: size };
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(new Uint8Array([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await sha256(new Uint8Array([1]), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return { signature, included: sn === 0 && equal(r, bytes(rootText ?? '')), treeSize: size };
}
