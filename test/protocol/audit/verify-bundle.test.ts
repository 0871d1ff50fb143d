/**
 * The audit-bundle verifier against tampered bundles (issue 4 "Tamper tests": changing,
 * deleting, reordering or inserting any entry is caught and, where the evidence allows, named).
 * Bundles are built from the formats in helpers.ts, not by the node's exporter.
 */
import { expect } from 'chai';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyAuditBundle } from '../../../protocol/audit/index.js';
import type { AuditReport } from '../../../protocol/audit/index.js';
import { encodeBase64 } from '../../../protocol/note/base64.js';
import { signCheckpoint } from '../../../protocol/note/checkpoint.js';
import { rootOf } from '../../../protocol/merkle/tree.js';
import { consistencyProof, subtreeHasherFromLeaves } from '../../../protocol/merkle/proofs.js';
import { chainedLines, checkpointOf, jsonl, leavesOf, logKey, makeLog, proofSourceOf, writeAuditBundle } from './helpers.js';

const codes = (r: AuditReport): string[] => r.problems.map((p) => p.code);

describe('verifyAuditBundle', () => {
  const log = makeLog(10);
  const trustedVkey = log.vkey;

  it('passes a good bundle and reports office, origin, size and root', async () => {
    const r = await verifyAuditBundle(writeAuditBundle(log), { trustedVkey });
    expect(r.problems).to.deep.equal([]);
    expect(r.ok).to.equal(true);
    expect(r).to.include({ office: 'EP', origin: 'ipex/audit/EP', size: 10, entries: 10 });
    expect(r.checks.every((c) => c.ok)).to.equal(true);
    expect(r.firstBadEntry).to.equal(undefined);
  });

  it('passes an empty log (size 0, root = SHA-256 of nothing)', async () => {
    const empty = { ...log, lines: [] };
    const r = await verifyAuditBundle(writeAuditBundle(empty), { trustedVkey });
    expect(r.ok, JSON.stringify(r.problems)).to.equal(true);
    expect(r.root).to.equal('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  it('names a changed entry from the bundle alone: the next entry no longer chains to it', async () => {
    const lines = [...log.lines];
    lines[6] = (lines[6] as string).replace('doc-6', 'doc-X'); // still canonical: the chain and the tree show it
    const r = await verifyAuditBundle(writeAuditBundle(log, { entriesText: jsonl(lines) }), { trustedVkey });
    expect(codes(r)).to.deep.equal(['AUDIT_ENTRY_MALFORMED', 'AUDIT_ROOT_MISMATCH']);
    expect(r.firstBadEntry).to.equal(6);
    expect(r.problems[0]?.where).to.deep.include({ line: 8, index: 7 });
  });

  describe('a changed entry whose successors were re-chained (a rewritten suffix)', () => {
    const lines = chainedLines(10, 'EP', (i) => (i === 6 ? { subject: { documentId: 'doc-X' } } : {}));

    it('is caught by the root; with only the checkpoint the first bad entry is in [0, 10)', async () => {
      const r = await verifyAuditBundle(writeAuditBundle(log, { entriesText: jsonl(lines) }), { trustedVkey });
      expect(r.ok).to.equal(false);
      expect(codes(r)).to.deep.equal(['AUDIT_ROOT_MISMATCH']);
      expect(r.firstBadEntry).to.equal(undefined);
      expect(r.suspectRange).to.deep.equal({ from: 0, to: 10 });
    });

    it('is narrowed by a kept earlier checkpoint of size 4 to [4, 10)', async () => {
      const previousCheckpoint = checkpointOf(log, log.lines, 4);
      const r = await verifyAuditBundle(writeAuditBundle(log, { entriesText: jsonl(lines) }), { trustedVkey, previousCheckpoint });
      expect(codes(r)).to.deep.equal(['AUDIT_ROOT_MISMATCH']);
      expect(r.suspectRange).to.deep.equal({ from: 4, to: 10 });
    });

    it('is named exactly with kept checkpoints of sizes 6 and 7', async () => {
      const previousCheckpoint = [checkpointOf(log, log.lines, 6), checkpointOf(log, log.lines, 7)];
      const r = await verifyAuditBundle(writeAuditBundle(log, { entriesText: jsonl(lines) }), { trustedVkey, previousCheckpoint });
      expect(r.firstBadEntry).to.equal(6);
      const inconsistent = r.problems.find((p) => p.code === 'AUDIT_INCONSISTENT');
      expect(inconsistent?.where.size).to.equal(7);
    });

    it('is named exactly with a live node\'s consistency proofs (bisection)', async () => {
      const r = await verifyAuditBundle(writeAuditBundle(log, { entriesText: jsonl(lines) }), { trustedVkey, proofSource: proofSourceOf(log.lines) });
      expect(r.firstBadEntry).to.equal(6);
      expect(r.suspectRange).to.equal(undefined);
    });

    it('is named by a kept leaf hash of that entry', async () => {
      const knownEntries = [{ index: 6, leafHash: leavesOf(log.lines)[6] as Buffer }];
      const r = await verifyAuditBundle(writeAuditBundle(log, { entriesText: jsonl(lines) }), { trustedVkey, knownEntries });
      expect(r.firstBadEntry).to.equal(6);
      expect(r.problems.find((p) => p.code === 'AUDIT_INCONSISTENT')?.where).to.deep.include({ line: 7, index: 6 });
    });
  });

  it('names a changed byte that breaks canonical JSON directly (line number)', async () => {
    const lines = [...log.lines];
    lines[3] = (lines[3] as string).replace('{"actor"', '{ "actor"');
    const r = await verifyAuditBundle(writeAuditBundle(log, { entriesText: jsonl(lines) }), { trustedVkey });
    expect(codes(r)).to.include.members(['AUDIT_ENTRY_MALFORMED', 'AUDIT_ROOT_MISMATCH']);
    expect(r.problems.find((p) => p.code === 'AUDIT_ENTRY_MALFORMED')?.where).to.deep.equal({ file: 'entries.jsonl', line: 4, index: 3 });
    expect(r.firstBadEntry).to.equal(3);
  });

  it('names a non-canonical member order, a wrong office, a CRLF line and a wrong version', async () => {
    const lines = [...log.lines];
    lines[1] = JSON.stringify({ v: 1, office: 'EP', time: '2026-11-26T09:00:01.000Z', type: 't', outcome: 'ok' });
    lines[2] = (lines[2] as string).replace('"office":"EP"', '"office":"DE"');
    lines[5] = `${lines[5]}\r`;
    lines[8] = (lines[8] as string).replace('"v":1', '"v":2');
    const r = await verifyAuditBundle(writeAuditBundle(log, { entriesText: jsonl(lines) }), { trustedVkey });
    const named = r.problems.filter((p) => p.code === 'AUDIT_ENTRY_MALFORMED').map((p) => p.where.line);
    // Lines 4, 7 and 10 follow a changed line: the chain names them too.
    expect(named).to.deep.equal([2, 3, 4, 6, 7, 9, 10]);
    expect(r.firstBadEntry).to.equal(1);
  });

  it('catches a deleted entry (size) and names where it was, from the bundle alone and with proofs', async () => {
    const lines = log.lines.filter((_, i) => i !== 4);
    const dir = writeAuditBundle(log, { entriesText: jsonl(lines) });
    const r = await verifyAuditBundle(dir, { trustedVkey });
    expect(codes(r)).to.include.members(['AUDIT_ENTRY_MALFORMED', 'AUDIT_SIZE_MISMATCH', 'AUDIT_ROOT_MISMATCH']);
    expect(r.firstBadEntry).to.equal(4);
    const named = await verifyAuditBundle(dir, { trustedVkey, proofSource: proofSourceOf(log.lines) });
    expect(named.firstBadEntry).to.equal(4);
  });

  it('catches two reordered entries, hints at the time going backwards, and names the first with proofs', async () => {
    const lines = [...log.lines];
    [lines[2], lines[7]] = [lines[7] as string, lines[2] as string];
    const dir = writeAuditBundle(log, { entriesText: jsonl(lines) });
    const r = await verifyAuditBundle(dir, { trustedVkey });
    expect(codes(r)).to.include.members(['AUDIT_ENTRY_MALFORMED', 'AUDIT_ROOT_MISMATCH']);
    expect(r.firstBadEntry).to.equal(2); // it says index 7 but stands at 2
    expect((await verifyAuditBundle(dir, { trustedVkey, proofSource: proofSourceOf(log.lines) })).firstBadEntry).to.equal(2);
  });

  it('catches an inserted entry and names it with proofs', async () => {
    const lines = [...log.lines];
    lines.splice(5, 0, lines[5] as string);
    const dir = writeAuditBundle(log, { entriesText: jsonl(lines) });
    const r = await verifyAuditBundle(dir, { trustedVkey });
    expect(codes(r)).to.include.members(['AUDIT_SIZE_MISMATCH', 'AUDIT_ROOT_MISMATCH']);
    expect(r.hints.join('\n')).to.contain('line 7 repeats line 6 byte for byte');
    expect((await verifyAuditBundle(dir, { trustedVkey, proofSource: proofSourceOf(log.lines) })).firstBadEntry).to.equal(6);
  });

  it('catches truncation: whole lines (names the first missing one with proofs) and a cut line', async () => {
    const dir = writeAuditBundle(log, { entriesText: jsonl(log.lines.slice(0, 7)) });
    const r = await verifyAuditBundle(dir, { trustedVkey });
    expect(codes(r)).to.deep.equal(['AUDIT_SIZE_MISMATCH', 'AUDIT_ROOT_MISMATCH']);
    expect(r.problems[0]?.message).to.contain('3 entries are missing');
    expect((await verifyAuditBundle(dir, { trustedVkey, proofSource: proofSourceOf(log.lines) })).firstBadEntry).to.equal(7);
    const cut = jsonl(log.lines).slice(0, -20);
    const r2 = await verifyAuditBundle(writeAuditBundle(log, { entriesText: cut }), { trustedVkey });
    expect(r2.firstBadEntry).to.equal(9);
    expect(r2.problems.find((p) => p.code === 'AUDIT_ENTRY_MALFORMED')?.where.line).to.equal(10);
  });

  it('names entries appended after the checkpoint as not covered', async () => {
    const longer = makeLog(12);
    const r = await verifyAuditBundle(writeAuditBundle(log, { entriesText: jsonl(longer.lines) }), { trustedVkey });
    expect(codes(r)).to.include('AUDIT_SIZE_MISMATCH');
    expect(codes(r)).to.not.include('AUDIT_ROOT_MISMATCH');
    expect(r.firstBadEntry).to.equal(10);
  });

  it('refuses a changed checkpoint (signature) and a checkpoint of another origin', async () => {
    const changed = checkpointOf(log).replace('\n10\n', '\n9\n');
    const r = await verifyAuditBundle(writeAuditBundle(log, { checkpoint: changed }), { trustedVkey });
    expect(codes(r)).to.include('NOTE_SIGNATURE_INVALID');
    expect(r.ok).to.equal(false);
    const otherOrigin = signCheckpoint({ origin: 'ipex/audit/DE', size: 10, rootHash: rootOf(leavesOf(log.lines)) }, [log.signer]);
    const r2 = await verifyAuditBundle(writeAuditBundle(log, { checkpoint: otherOrigin }), { trustedVkey });
    expect(codes(r2)).to.deep.equal(['CHECKPOINT_ORIGIN_UNKNOWN']);
  });

  it('refuses a bundle re-signed with another key once the auditor gives the trusted key', async () => {
    const forger = logKey(log.origin, 'forger');
    const lines = chainedLines(10, 'EP', (i) => (i === 0 ? { subject: { documentId: 'doc-forged' } } : {}));
    const forged = writeAuditBundle(log, { entriesText: jsonl(lines), checkpoint: checkpointOf(log, lines, 10, forger.signer), vkey: forger.vkey });
    const claim = await verifyAuditBundle(forged);
    expect(claim.ok).to.equal(true); // the bundle's own key is only a claim…
    expect(claim.hints.join(' ')).to.contain('no trusted log key');
    const r = await verifyAuditBundle(forged, { trustedVkey });
    expect(codes(r)).to.include.members(['AUDIT_KEY_MISMATCH', 'NOTE_KEY_UNKNOWN']);
  });

  it('shows a rewritten history re-signed with the real key only through a kept checkpoint', async () => {
    const previousCheckpoint = checkpointOf(log, log.lines, 8);
    const lines = chainedLines(10, 'EP', (i) => (i === 2 ? { subject: { documentId: 'doc-rewritten' } } : {}));
    const rewritten = writeAuditBundle(log, { entriesText: jsonl(lines), checkpoint: checkpointOf(log, lines) });
    expect((await verifyAuditBundle(rewritten, { trustedVkey })).ok).to.equal(true);
    const r = await verifyAuditBundle(rewritten, { trustedVkey, previousCheckpoint });
    expect(codes(r)).to.deep.equal(['AUDIT_INCONSISTENT']);
    expect(r.problems[0]?.where.size).to.equal(8);
    expect(r.problems[0]?.message).to.contain('re-signed a different history');
  });

  it('accepts a bundle older than the kept checkpoint only with a valid consistency proof', async () => {
    const grown = makeLog(14);
    const previousCheckpoint = checkpointOf(grown);
    const r = await verifyAuditBundle(writeAuditBundle(log), { trustedVkey, previousCheckpoint });
    expect(codes(r)).to.deep.equal(['AUDIT_INCONSISTENT']);
    const proof = consistencyProof(10, 14, subtreeHasherFromLeaves(leavesOf(grown.lines)));
    const ok = await verifyAuditBundle(writeAuditBundle(log), { trustedVkey, previousCheckpoint, consistencyProof: proof });
    expect(ok.ok, JSON.stringify(ok.problems)).to.equal(true);
    const wrong = await verifyAuditBundle(writeAuditBundle(log), { trustedVkey, previousCheckpoint, consistencyProof: proof.slice(1) });
    expect(codes(wrong)).to.deep.equal(['AUDIT_INCONSISTENT']);
  });

  it('reports bundle.json defects and a size that disagrees with the checkpoint', async () => {
    const r = await verifyAuditBundle(writeAuditBundle(log, { info: { format: 'other', office: 'EP', origin: log.origin, size: 11, exportedAt: 'x' } }), { trustedVkey });
    expect(r.problems.filter((p) => p.code === 'AUDIT_BUNDLE_MALFORMED').map((p) => p.message)).to.have.length(2);
    expect(r.problems.find((p) => p.code === 'AUDIT_SIZE_MISMATCH')?.where.file).to.equal('bundle.json');
  });

  it('refuses missing files and symbolic links without throwing', async () => {
    const dir = writeAuditBundle(log);
    rmSync(join(dir, 'checkpoint'));
    rmSync(join(dir, 'entries.jsonl'));
    symlinkSync('/etc/hostname', join(dir, 'entries.jsonl'));
    const r = await verifyAuditBundle(dir, { trustedVkey });
    expect(r.ok).to.equal(false);
    expect(r.problems.map((p) => p.where.file)).to.include.members(['checkpoint', 'entries.jsonl']);
    expect((await verifyAuditBundle(join(dir, 'nope'))).problems[0]?.code).to.equal('AUDIT_BUNDLE_MALFORMED');
  });

  it('reports a certs/ file that is not a certificate', async () => {
    const dir = writeAuditBundle(log);
    writeFileSync(join(dir, 'certs', 'office.pem'), 'not a certificate');
    const r = await verifyAuditBundle(dir, { trustedVkey });
    expect(r.problems.map((p) => p.where.file)).to.deep.equal(['certs/office.pem']);
  });

  it('reports the root of the checkpoint in base64', async () => {
    const r = await verifyAuditBundle(writeAuditBundle(log), { trustedVkey });
    expect(r.root).to.equal(encodeBase64(Buffer.from((checkpointOf(log).split('\n')[2] as string), 'base64')));
  });
});
