/**
 * Builds audit bundles for the verifier tests from the formats alone (docs/design.md §7): canonical
 * entries, a checkpoint signed with protocol/note, the log's vkey, bundle.json. Nothing here
 * uses the node's audit service, so the verifier is tested against the specification.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../../protocol/encoding/canonical-json.js';
import { leafHash } from '../../../protocol/merkle/hash.js';
import { consistencyProof, subtreeHasherFromLeaves } from '../../../protocol/merkle/proofs.js';
import { rootOf } from '../../../protocol/merkle/tree.js';
import { signCheckpoint } from '../../../protocol/note/checkpoint.js';
import { ed25519PrivateKeyFromSeed } from '../../../protocol/note/ed25519-raw.js';
import { formatVerifierKey } from '../../../protocol/note/verifier-key.js';
import type { NoteSigner } from '../../../protocol/note/signed-note.js';

export interface TestLog {
  readonly office: string;
  readonly origin: string;
  readonly signer: NoteSigner;
  readonly vkey: string;
  /** Entry lines (leaf data), canonical JSON, without newlines. */
  readonly lines: string[];
}

export function tempDir(prefix = 'ipex-audit-verify-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A log key derived from a label (deterministic, examples only). */
export function logKey(origin: string, label = 'ipex test log key'): { signer: NoteSigner; vkey: string } {
  const privateKey = ed25519PrivateKeyFromSeed(createHash('sha256').update(label).digest());
  return { signer: { name: origin, privateKey }, vkey: formatVerifierKey(origin, privateKey) };
}

/**
 * One canonical entry, in the shape of the audit service (v, index, prev, office, time, type,
 * outcome, …); `prev` is the line before it, whose leaf hash the entry records.
 */
export function entry(office: string, i: number, extra: Record<string, unknown> = {}, prev?: string): string {
  const time = new Date(Date.UTC(2026, 10, 26, 9, 0, i)).toISOString();
  const chain = prev === undefined ? { index: i } : { index: i, prev: leafHash(Buffer.from(prev, 'utf8')).toString('hex') };
  return canonicalJson({ v: 1, office, time, type: i % 2 === 0 ? 'deposit.committed' : 'retrieval.attempt', actor: { kind: 'node' }, outcome: 'ok', subject: { documentId: `doc-${i}` }, ...chain, ...extra });
}

/** `n` chained entries. */
export function chainedLines(n: number, office = 'EP', extra: (i: number) => Record<string, unknown> = () => ({})): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(entry(office, i, extra(i), lines[i - 1]));
  return lines;
}

export function makeLog(n: number, office = 'EP'): TestLog {
  const origin = `ipex/audit/${office}`;
  const { signer, vkey } = logKey(origin);
  return { office, origin, signer, vkey, lines: chainedLines(n, office) };
}

export function leavesOf(lines: readonly string[]): Buffer[] {
  return lines.map((l) => leafHash(Buffer.from(l, 'utf8')));
}

/** The signed checkpoint of the first `size` lines (default all). */
export function checkpointOf(log: TestLog, lines: readonly string[] = log.lines, size = lines.length, signer = log.signer): string {
  return signCheckpoint({ origin: log.origin, size, rootHash: rootOf(leavesOf(lines), size) }, [signer]);
}

/** A simulated live node: RFC 9162 consistency proofs from the genuine entries. */
export function proofSourceOf(lines: readonly string[]): (from: number, to: number) => Promise<Buffer[]> {
  const hashAt = subtreeHasherFromLeaves(leavesOf(lines));
  return async (from, to) => consistencyProof(from, to, hashAt);
}

export interface BundleParts {
  entriesText?: string;
  checkpoint?: string;
  vkey?: string;
  info?: Record<string, unknown>;
}

/** Writes a bundle folder; parts override the genuine ones. Returns the folder. */
export function writeAuditBundle(log: TestLog, parts: BundleParts = {}, dir = join(tempDir(), 'audit')): string {
  mkdirSync(join(dir, 'certs'), { recursive: true });
  const entriesText = parts.entriesText ?? log.lines.map((l) => `${l}\n`).join('');
  writeFileSync(join(dir, 'entries.jsonl'), entriesText);
  writeFileSync(join(dir, 'checkpoint'), parts.checkpoint ?? checkpointOf(log));
  writeFileSync(join(dir, 'log.vkey'), `${parts.vkey ?? log.vkey}\n`);
  const info = parts.info ?? { format: 'ipex-audit-bundle/1', office: log.office, origin: log.origin, size: log.lines.length, exportedAt: '2026-11-26T10:00:00.000Z' };
  writeFileSync(join(dir, 'bundle.json'), `${JSON.stringify(info)}\n`);
  return dir;
}

/** The entries file text of the given lines. */
export function jsonl(lines: readonly string[]): string {
  return lines.map((l) => `${l}\n`).join('');
}
