/**
 * `ipex audit verify` on a bundle written by `ipex audit export` from a real development node
 * (issue 4): the verifier, written from the formats, accepts what the exporter writes, takes
 * the trusted log key from the node's installed directory (`--data`), and catches an edited
 * entry in that bundle.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { main } from '../../../node/cli/main.js';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { createOutput } from '../../../node/cli/output.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { loadIdentity } from '../../../node/identity/office-identity.js';
import { AuditLog } from '../../../node/services/audit/audit-log.js';
import { openNodeDatabase } from '../../../node/storage/open-node-database.js';
import { startNode, type RunningNode } from '../../../node/runtime/start-node.js';
import { StaffTokens } from '../../../node/services/staff/staff-tokens.js';
import { systemClock, systemRandom } from '../../../protocol/runtime/clock.js';

const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await main(['node', 'ipex', ...args], streams);
  return { code, stdout, stderr };
}

describe('ipex audit verify on an exported bundle', function () {
  this.timeout(60_000);
  const work = mkdtempSync(join(tmpdir(), 'ipex-audit-export-verify-'));
  const data = join(work, 'data');
  const bundle = join(work, 'bundle');

  before(async () => {
    await ensureDevNode(data, { officeCode: 'EP', exchangePort: 1, officeApiPort: 1, output: quiet });
    const { db } = openNodeDatabase(data);
    try {
      const audit = AuditLog.forIdentity(db, systemClock, loadIdentity(dataPaths(data), undefined));
      for (let i = 0; i < 5; i++) {
        await audit.append({ type: 'deposit.committed', actor: { kind: 'staff', tokenId: 1 }, subject: { documentId: `document-${i}` }, outcome: 'ok' });
      }
      await audit.close();
    } finally {
      db.close();
    }
    const exported = await run(['audit', 'export', '--out', bundle, '--data', data]);
    expect(exported.code, exported.stderr).to.equal(EXIT.ok);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('verifies the exported bundle with the log key from the installed directory', async () => {
    const r = await run(['audit', 'verify', bundle, '--data', data]);
    expect(r.code, r.stdout + r.stderr).to.equal(EXIT.ok);
    expect(r.stdout).to.contain('ok    log key matches the trusted key');
    expect(r.stdout).to.match(/VERIFIED: all \d+ checks passed/);
  });

  it('catches an edited entry in the exported bundle', async () => {
    const tampered = join(work, 'tampered');
    cpSync(bundle, tampered, { recursive: true });
    const file = join(tampered, 'entries.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('document-3', 'document-8'));
    const r = await run(['audit', 'verify', tampered, '--data', data]);
    expect(r.code).to.not.equal(EXIT.ok);
    expect(r.stdout).to.contain('[AUDIT_ROOT_MISMATCH]');
  });

  it('agrees with the independent Python RFC 6962 implementation', function () {
    if (!existsSync('/usr/bin/python3')) this.skip();
    const script = fileURLToPath(new URL('../../protocol/audit/rfc6962_mth.py', import.meta.url));
    const py = spawnSync('/usr/bin/python3', [script, bundle], { encoding: 'utf8' });
    expect(py.status, py.stdout + py.stderr).to.equal(0);
  });

  describe('live mode (--node URL --token T)', () => {
    let node: RunningNode;
    let auditor: string;
    let clerk: string;

    before(async () => {
      node = await startNode({ dataDir: data, output: quiet, ports: { exchange: 0, officeApi: 0 } });
      const tokens = new StaffTokens(node.context.db, systemClock, systemRandom);
      auditor = tokens.create('auditor', 'audit-verify test').token;
      clerk = tokens.create('clerk', 'audit-verify test').token;
      await node.context.audit.append({ type: 'access.changed', actor: { kind: 'staff', tokenId: 2 }, outcome: 'ok' });
    });

    after(async () => {
      await node.close();
    });

    it('verifies the served checkpoint and entries with the log key from the directory', async () => {
      const r = await run(['audit', 'verify', '--node', node.officeApiUrl, '--token', auditor, '--data', data]);
      expect(r.code, r.stdout + r.stderr).to.equal(EXIT.ok);
      expect(r.stdout).to.contain('ok    checkpoint signature: signed by ipex/audit/EP');
      expect(r.stdout).to.match(/VERIFIED: all \d+ checks passed/);
    });

    it('refuses a clerk token and a live check without a trusted key', async () => {
      expect((await run(['audit', 'verify', '--node', node.officeApiUrl, '--token', clerk, '--data', data])).code).to.equal(EXIT.refused);
      expect((await run(['audit', 'verify', '--node', node.officeApiUrl, '--token', auditor])).code).to.equal(EXIT.usage);
    });

    // Runs last: it rewrites the node's database behind the schema's back (triggers dropped).
    it('catches an entry rewritten in the database, as served by the node', async () => {
      const db = node.context.db;
      const row = db.prepare('SELECT entry FROM audit_entries WHERE idx = 2').get() as { entry: Buffer };
      db.exec('DROP TRIGGER audit_entries_no_update');
      db.prepare('UPDATE audit_entries SET entry = ? WHERE idx = 2').run(Buffer.from(row.entry.toString('utf8').replace('document-2', 'document-7')));
      const r = await run(['audit', 'verify', '--node', node.officeApiUrl, '--token', auditor, '--data', data]);
      expect(r.code).to.not.equal(EXIT.ok);
      expect(r.stdout).to.contain('[AUDIT_ROOT_MISMATCH]');
    });
  });
});
