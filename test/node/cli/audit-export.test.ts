/**
 * `ipex audit export` (issue 4, docs/design.md §7): the bundle holds a fresh signed checkpoint that
 * covers every entry, entries.jsonl whose lines hash to that checkpoint's root, log.vkey,
 * certs/ and bundle.json; an existing target is refused and left untouched.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../node/cli/main.js';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { createOutput } from '../../../node/cli/output.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { loadIdentity } from '../../../node/identity/office-identity.js';
import { AuditLog } from '../../../node/services/audit/index.js';
import { openNodeDatabase } from '../../../node/storage/open-node-database.js';
import { verifyAuditBundle } from '../../../protocol/audit/index.js';
import { leafHash, rootOf } from '../../../protocol/merkle/index.js';
import { ed25519NoteVerifier, openCheckpoint, parseVerifierKey } from '../../../protocol/note/index.js';
import { systemClock } from '../../../protocol/runtime/clock.js';
import { shellWords } from '../../helpers/shell-words.js';

const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const s = { out: '', err: '' };
  const code = await main(['node', 'ipex', ...args], { stdout: { write: (c: string) => { s.out += c; } }, stderr: { write: (c: string) => { s.err += c; } } });
  return { code, ...s };
}

describe('ipex audit export', function () {
  this.timeout(60_000);
  let root: string;
  let dataDir: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-audit-export-'));
    dataDir = join(root, 'data');
    await ensureDevNode(dataDir, { officeCode: 'EP', exchangePort: 0, officeApiPort: 0, output: quiet });
    const { db } = openNodeDatabase(dataDir);
    const log = AuditLog.forIdentity(db, systemClock, loadIdentity(dataPaths(dataDir)));
    for (let i = 0; i < 21; i++) {
      await log.append({ type: 'deposit.committed', actor: { kind: 'staff', tokenId: 1 }, subject: { documentId: `document-${i}` }, outcome: 'ok' });
    }
    await log.close();
    db.close();
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('writes a bundle whose entries hash to its signed checkpoint', async () => {
    const out = join(root, 'bundle');
    const r = await run('audit', 'export', '--out', out, '--data', dataDir);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(/21 entries/);
    expect(readdirSync(out).sort()).to.deep.equal(['bundle.json', 'certs', 'checkpoint', 'entries.jsonl', 'log.vkey']);
    expect(readdirSync(join(out, 'certs')).sort()).to.deep.equal(['root.pem', 'signing.pem', 'tls.pem']);
    const vkey = readFileSync(join(out, 'log.vkey'), 'utf8').trim();
    const origin = parseVerifierKey(vkey).name;
    const cp = openCheckpoint(readFileSync(join(out, 'checkpoint'), 'utf8'), origin, [ed25519NoteVerifier(vkey)]).checkpoint;
    const text = readFileSync(join(out, 'entries.jsonl'));
    const lines = text.toString('utf8').split('\n');
    expect(lines.pop()).to.equal('');
    expect(cp.size).to.equal(21);
    expect(lines).to.have.length(21);
    expect(rootOf(lines.map((l) => leafHash(Buffer.from(l, 'utf8')))).equals(Buffer.from(cp.rootHash))).to.equal(true);
    expect(JSON.parse(readFileSync(join(out, 'bundle.json'), 'utf8'))).to.deep.include({ format: 'ipex-audit-bundle/1', office: 'EP', origin: 'ipex/audit/EP', size: 21 });
    // The independent verifier (protocol/audit, written from the formats) accepts it.
    const report = await verifyAuditBundle(out, { trustedVkey: vkey });
    expect(report.ok, JSON.stringify(report.problems)).to.equal(true);
  });

  it('prints a check command that works as printed, with the trusted key named (issue 10, item 7)', async () => {
    const out = join(root, "the office's bundle");
    const r = await run('audit', 'export', '--out', out, '--data', dataDir);
    expect(r.code, r.err).to.equal(0);
    const printed = /check it with `([^`]+)`/.exec(r.out)?.[1];
    expect(printed, r.out).to.be.a('string');
    const words = shellWords(printed!);
    expect(words.slice(0, 3)).to.deep.equal(['ipex', 'audit', 'verify']);
    expect(words).to.include('--data');
    const checked = await run(...words.slice(1));
    expect(checked.code, checked.out + checked.err).to.equal(0);
    expect(checked.out).to.contain('VERIFIED');
  });

  it('refuses an existing target folder and leaves it as it was', async () => {
    const out = join(root, 'exists');
    mkdirSync(out);
    const r = await run('audit', 'export', '--out', out, '--data', dataDir);
    expect(r.code).to.not.equal(0);
    expect(readdirSync(out)).to.deep.equal([]);
    expect(existsSync(join(root, 'exists', 'entries.jsonl'))).to.equal(false);
  });
});
