/** Test helpers for protocol/pki: an independent OID content encoder (X.690 §8.19). */
export { decodeOid } from '../../../protocol/pki/der.js';

export function toDerForTest(oid: string): Uint8Array {
  const arcs = oid.split('.').map((a) => BigInt(a));
  const values = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  const out: number[] = [];
  for (const value of values) {
    const chunk: number[] = [];
    let v = value;
    do {
      chunk.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    out.push(...chunk);
  }
  return Uint8Array.from(out);
}
