/**
 * What the auditor's pages need from the office API (issue 11, part 2), on a real node: an
 * entry's inclusion proof that checks against the signed checkpoint with the log key the signed
 * directory lists — exactly the check a browser makes — and fails for an altered entry; the
 * offline audit bundle as one ZIP that `ipex audit verify`'s verifier accepts; auditors only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { verifyAuditBundle } from '../../../../protocol/audit/verify-bundle.js';
import { assertInclusion, leafHash } from '../../../../protocol/merkle/index.js';
import { decodeBase64Strict, ed25519NoteVerifier, openCheckpoint, parseVerifierKey } from '../../../../protocol/note/index.js';
import { startDepositNode, type DepositNode } from '../../services/deposit/deposit-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field

describe('office API: inclusion proofs and the audit bundle for auditors (issue 11)', function () {
  this.timeout(60_000);
  let n: DepositNode;
  let dir: string;

  before(async () => {
    n = await startDepositNode('EP');
    dir = mkdtempSync(join(tmpdir(), 'ipex-audit-proofs-'));
    for (let i = 0; i < 9; i++) await n.node.context.audit.append({ type: 'part.served', actor: { kind: 'peer', office: 'JP' }, subject: { documentId: `document-${i}` }, outcome: 'ok' });
    n.node.context.audit.checkpointNow();
  });
  after(async () => {
    await n?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function get(path: string, token = n.auditor): Promise<{ status: number; body: Json; text: string; bytes: Buffer }> {
    const res = await fetch(`${n.api}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    return { status: res.status, bytes, text, body: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) as Json : {} };
  }

  it('proves an entry against the signed checkpoint with the log key of the directory, and not an altered one', async () => {
    const note = (await get('/audit/checkpoint')).text;
    const own = ((await get('/offices')).body.items as Json[]).find((o) => o.code === 'EP')!;
    const vkey = parseVerifierKey(own.logKey as string);
    const { checkpoint } = openCheckpoint(note, vkey.name, [ed25519NoteVerifier(vkey)]);
    const entries = (await get('/audit/entries?limit=500')).body.items as Json[];
    const entry = entries.find((e) => e.eventType === 'part.served')!;
    const proof = (await get(`/audit/proofs/inclusion?index=${entry.index as number}&treeSize=${checkpoint.size}`)).body;
    expect(proof).to.include({ leafIndex: entry.index, treeSize: checkpoint.size });
    const hashes = (proof.hashes as string[]).map((h) => decodeBase64Strict(h)!);
    expect(() => assertInclusion(entry.index as number, checkpoint.size, leafHash(Buffer.from(entry.entry as string)), hashes, checkpoint.rootHash)).not.to.throw();
    const altered = (entry.entry as string).replace('part.served', 'part.serveD');
    expect(() => assertInclusion(entry.index as number, checkpoint.size, leafHash(Buffer.from(altered)), hashes, checkpoint.rootHash)).to.throw();
    expect((await get(`/audit/proofs/inclusion?index=${checkpoint.size}&treeSize=${checkpoint.size}`)).body.code).to.equal('PROOF_REQUEST_INVALID');
  });

  it('gives the whole log as an audit bundle ZIP that the offline verifier accepts', async () => {
    const res = await get('/audit/bundle');
    expect(res.status).to.equal(200);
    const zip = join(dir, 'bundle.zip');
    writeFileSync(zip, res.bytes);
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, join(dir, 'bundle')]);
    const report = await verifyAuditBundle(join(dir, 'bundle'));
    expect(report.ok, JSON.stringify(report)).to.equal(true);
    expect(report.size).to.be.greaterThan(9);
  });

  it('is for auditors and administrators only', async () => {
    for (const path of ['/audit/proofs/inclusion?index=0&treeSize=1', '/audit/bundle']) {
      expect((await get(path, n.clerk)).body.code, path).to.equal('ROLE_NOT_ALLOWED');
    }
  });
});
