/**
 * Names the first bad entry of a log whose entries do not match its signed tree (docs/design.md §7,
 * issue 4). A single signed root only says "the tree differs"; naming an entry needs evidence
 * about *prefixes* of the log. The fact used is P(k): "the first k entries as found are the
 * ones the log committed to". P(0) is always true; P is monotone (a genuine prefix has only
 * genuine prefixes). Evidence for P(k):
 *
 * - the verified checkpoint of size n: P(n) iff the root of the first n entries equals its root;
 * - a kept earlier checkpoint of size m (verified with the trusted key): P(m) likewise;
 * - a proof source (a live node's RFC 9162 consistency proofs, §2.1.4): P(k) iff the proof
 *   from k to n verifies for the root of the first k entries and the checkpoint root. The
 *   proof is checked against the signed root, so the node that supplies it cannot lie here.
 *
 * With the largest proven-true k (`lo`) and the smallest proven-false k (`hi`), the first bad
 * entry has an index in [lo, hi); with a proof source the range is bisected to one entry in
 * O(log n) proofs. Lines proven bad on their own (malformed, or differing from a kept leaf
 * hash) are named directly. Merkle hashing is RFC 6962 §2.1 via protocol/merkle.
 */
import { hashEquals } from '../merkle/hash.js';
import { MerkleRange } from '../merkle/tree.js';
import { verifyConsistency } from '../merkle/verify.js';
import { PackedLeaves, type LeafHashList } from './packed-leaves.js';

/** Supplies RFC 9162 consistency proofs from `from` to `to` leaves (for example a live node). */
export type ConsistencyProofSource = (from: number, to: number) => Promise<readonly Uint8Array[]>;

/** A tree head already verified by its signature: size and root. */
export interface TrustedHead {
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/** What is known when the search starts. */
export interface LocateInput {
  /** Leaf hashes of the entries as found (bundle lines), in order. */
  readonly leaves: LeafHashList;
  /** The verified checkpoint of the log, when its signature verified. */
  readonly checkpoint?: TrustedHead;
  /** Earlier verified checkpoints of the same log (the auditor's kept ones). */
  readonly kept: readonly TrustedHead[];
  /** Indexes proven bad on their own (malformed lines, differing kept leaf hashes). */
  readonly badIndexes: readonly number[];
  /** Consistency proofs against `checkpoint`, to bisect (live mode). */
  readonly proofSource?: ConsistencyProofSource;
}

/** Where the first bad entry is, as far as the evidence allows. */
export interface Location {
  /** The lowest index proven bad. */
  readonly firstBadEntry?: number;
  /** The first bad entry is in [from, to) (only when that is wider than one entry). */
  readonly suspectRange?: { readonly from: number; readonly to: number };
  /** How many consistency proofs were used. */
  readonly proofsUsed: number;
}

/** Root of the first `k` leaves (memoised when `leaves` is a {@link PackedLeaves}). */
export function prefixRoot(leaves: LeafHashList, k: number): Buffer {
  if (leaves instanceof PackedLeaves) return leaves.prefixRoot(k);
  const range = new MerkleRange();
  for (let i = 0; i < k; i++) range.append(leaves.at(i) as Uint8Array);
  return range.root();
}

/** Finds the first bad entry from the evidence (see the module comment). */
export async function locateFirstBadEntry(input: LocateInput): Promise<Location> {
  const L = input.leaves.length;
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY; // smallest k known false
  const learn = (k: number, genuine: boolean): void => {
    if (genuine) lo = Math.max(lo, k);
    else hi = Math.min(hi, k);
  };
  for (const head of [...(input.checkpoint === undefined ? [] : [input.checkpoint]), ...input.kept]) {
    if (head.size <= L) learn(head.size, hashEquals(prefixRoot(input.leaves, head.size), head.rootHash));
  }
  const cp = input.checkpoint;
  if (cp !== undefined) {
    // Missing entries: the log has more than the file, so something at or before index L differs.
    if (L < cp.size) learn(L + 1, false);
    // Extra entries beyond a matching checkpoint: index n is not covered by the signed tree.
    else if (L > cp.size && lo >= cp.size) learn(cp.size + 1, false);
  }
  const bad = [...input.badIndexes].sort((a, b) => a - b);
  const firstBadAfterLo = bad.find((d) => d >= lo);
  if (firstBadAfterLo !== undefined) hi = Math.min(hi, firstBadAfterLo + 1);

  let proofsUsed = 0;
  if (input.proofSource !== undefined && cp !== undefined && Number.isFinite(hi)) {
    // Invariant: P(lo) true, P(hi) false. Bisect while a middle size can be proven.
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (mid > cp.size || mid > L) break;
      const proof = await input.proofSource(mid, cp.size);
      proofsUsed += 1;
      learn(mid, verifyConsistency(mid, cp.size, proof, prefixRoot(input.leaves, mid), cp.rootHash));
    }
  }
  if (!Number.isFinite(hi)) return bad.length === 0 ? { proofsUsed } : { firstBadEntry: bad[0] as number, proofsUsed };
  const candidates = [...(hi - lo === 1 ? [lo] : []), ...(bad.length > 0 ? [bad[0] as number] : [])];
  const firstBadEntry = candidates.length > 0 ? Math.min(...candidates) : undefined;
  const location: Location = { proofsUsed };
  return {
    ...location,
    ...(firstBadEntry === undefined ? {} : { firstBadEntry }),
    ...(hi - lo > 1 ? { suspectRange: { from: lo, to: Math.min(hi, L + 1) } } : {}),
  };
}

/**
 * First index in [from, to) whose entry time is earlier than the one before it (a clue, not a
 * proof). Times are the entries' `time` strings, or already `Date.parse`d (NaN for none).
 */
export function firstTimeRegression(times: ArrayLike<string | number | undefined>, from: number, to: number): number | undefined {
  const ms = (t: string | number | undefined): number => (t === undefined ? Number.NaN : typeof t === 'number' ? t : Date.parse(t));
  for (let i = Math.max(1, from); i < Math.min(to, times.length); i++) {
    if (ms(times[i]) < ms(times[i - 1])) return i;
  }
  return undefined;
}
