/**
 * `ipex audit verify BUNDLE` (issue 4): prints every check, names the first bad entry when the
 * evidence allows, and exits 0 only when everything passes. Bundles are built from the formats
 * by test/protocol/audit/helpers.ts, independently of `ipex audit export`.
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../node/cli/main.js';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { consistencyProof, subtreeHasherFromLeaves } from '../../../protocol/merkle/proofs.js';
import { checkpointOf, jsonl, leavesOf, logKey, makeLog, tempDir, writeAuditBundle } from '../../protocol/audit/helpers.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await main(['node', 'ipex', ...args], streams);
  return { code, stdout, stderr };
}

describe('ipex audit verify', () => {
  const log = makeLog(8);
  const work = tempDir('ipex-audit-verify-cli-');
  const vkeyFile = join(work, 'EP.vkey');
  writeFileSync(vkeyFile, `${log.vkey}\n`);

  it('exits 0 and prints every check for a good bundle (key as file or string)', async () => {
    const bundle = writeAuditBundle(log);
    const r = await run(['audit', 'verify', bundle, '--vkey', vkeyFile]);
    expect(r.code, r.stderr).to.equal(EXIT.ok);
    expect(r.stdout).to.contain('ok    checkpoint signature: signed by ipex/audit/EP');
    expect(r.stdout).to.contain('ok    Merkle root equals checkpoint root');
    expect(r.stdout).to.match(/VERIFIED: all \d+ checks passed/);
    expect((await run(['audit', 'verify', bundle, '--vkey', log.vkey])).code).to.equal(EXIT.ok);
  });

  it('warns when no trusted key is given', async () => {
    const r = await run(['audit', 'verify', writeAuditBundle(log)]);
    expect(r.code).to.equal(EXIT.ok);
    expect(r.stderr).to.contain('only a claim');
  });

  it('names the first bad entry with a kept checkpoint and fails', async () => {
    const previous = join(work, 'kept-3');
    const previous2 = join(work, 'kept-4');
    writeFileSync(previous, checkpointOf(log, log.lines, 3));
    writeFileSync(previous2, checkpointOf(log, log.lines, 4));
    const lines = [...log.lines];
    lines[3] = (lines[3] as string).replace('doc-3', 'doc-9');
    const bundle = writeAuditBundle(log, { entriesText: jsonl(lines) });
    const r = await run(['audit', 'verify', bundle, '--vkey', vkeyFile, '--previous', previous, '--previous', previous2]);
    expect(r.code).to.not.equal(EXIT.ok);
    expect(r.stdout).to.contain('NOT VERIFIED');
    expect(r.stdout).to.contain('first bad entry: line 4 (index 3)');
    expect(r.stdout).to.contain('problem [AUDIT_ROOT_MISMATCH]');
  });

  it('fails with AUDIT_KEY_MISMATCH for a bundle re-signed with another key, and prints JSON with --json', async () => {
    const forger = logKey(log.origin, 'forger');
    const bundle = writeAuditBundle(log, { checkpoint: checkpointOf(log, log.lines, 8, forger.signer), vkey: forger.vkey });
    const r = await run(['--json', 'audit', 'verify', bundle, '--vkey', log.vkey]);
    expect(r.code).to.equal(EXIT.badInput);
    const report = JSON.parse(r.stdout) as { ok: boolean; problems: { code: string }[] };
    expect(report.ok).to.equal(false);
    expect(report.problems.map((p) => p.code)).to.include('AUDIT_KEY_MISMATCH');
    expect(r.stderr).to.contain('[AUDIT_KEY_MISMATCH]');
  });

  it('accepts --json after the subcommand too', async () => {
    const r = await run(['audit', 'verify', writeAuditBundle(log), '--vkey', log.vkey, '--json']);
    expect(r.code, r.stderr).to.equal(EXIT.ok);
    expect((JSON.parse(r.stdout) as { ok: boolean }).ok).to.equal(true);
  });

  it('accepts a bundle older than a kept checkpoint with --consistency-proof, and fails without it', async () => {
    const grown = makeLog(12);
    const kept = join(work, 'kept-12');
    writeFileSync(kept, checkpointOf(grown));
    const proofFile = join(work, 'proof-8-12.json');
    const hashes = consistencyProof(8, 12, subtreeHasherFromLeaves(leavesOf(grown.lines))).map((h) => h.toString('base64'));
    writeFileSync(proofFile, JSON.stringify({ hashes }));
    const bundle = writeAuditBundle(log);
    expect((await run(['audit', 'verify', bundle, '--vkey', log.vkey, '--previous', kept])).code).to.not.equal(EXIT.ok);
    const r = await run(['audit', 'verify', bundle, '--vkey', log.vkey, '--previous', kept, '--consistency-proof', proofFile]);
    expect(r.code, r.stdout).to.equal(EXIT.ok);
    expect(r.stdout).to.contain('ok    consistency proof 8 → 12: verifies');
  });

  // issue 10, item 8
  it('holds a bundle to the office --office names', async () => {
    const bundle = writeAuditBundle(log);
    expect((await run(['audit', 'verify', bundle, '--vkey', log.vkey, '--office', 'EP'])).code).to.equal(EXIT.ok);
    const r = await run(['audit', 'verify', bundle, '--vkey', log.vkey, '--office', 'JP']);
    expect(r.code).to.equal(EXIT.badInput);
    expect(r.stderr).to.contain('is the audit bundle of office EP, not of JP [AUDIT_OFFICE_MISMATCH]');
  });

  it('refuses a --vkey that is neither a file nor a key', async () => {
    const r = await run(['audit', 'verify', writeAuditBundle(log), '--vkey', 'nope']);
    expect(r.code).to.equal(EXIT.notFound);
  });
});
