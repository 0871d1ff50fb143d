/**
 * `npm run demo -- --smoke --out DIR` in a child process (issues 3 and 4): three offices, every
 * retrieved certified copy under DIR/<office>/<document>/ checked with `ipex verify`, every
 * node's audit bundle under DIR/<office>/audit/ checked with `ipex audit verify`, exit 0; the
 * network root kept as DIR/root.pem so that the copies verify after the nodes are gone. Issue 12:
 * the family search, the tracked file, the applicant's e-mails and the registration certificate
 * are named checks of the summary, and the kept certificate verifies against the kept root.
 * The large part is 8 MiB here (64 MiB by default) to keep the suite fast.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runIpex } from '../../scripts/demo/checks.js';

describe('integration: npm run demo -- --smoke', function () {
  this.timeout(300_000); // three nodes and the whole story in a child process, on a shared CI machine
  let out: string;
  before(() => { out = mkdtempSync(join(tmpdir(), 'ipex-smoke-')); });
  after(() => { rmSync(out, { recursive: true, force: true }); });

  it('passes every check and exits 0', async () => {
    const { code, stdout, stderr } = await runDemo(['--smoke', '--out', out, '--large-mib', '8']);
    expect(code, `${stdout.slice(-3000)}\n${stderr.slice(-2000)}`).to.equal(0);
    expect(stdout).to.match(/all \d+ checks passed/);
    // issue 12: each part of the network story is a named check of the summary, and passed
    for (const check of ['family found across EP and US', 'citations travel with the report', 'peers\' kept answers verify',
      'notified of EP\'s next report, fetched and verified', 'applicant e-mailed for each retrieval', 'registration certificate verified']) {
      expect(stdout, check).to.match(new RegExp(`\\n\\w\\w +${check.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +PASS `));
    }
    const registration = readdirSync(join(out, 'EP')).find((n) => n.startsWith('registration-'));
    expect(registration, 'the registration certificate kept').to.not.equal(undefined);
    const verified = await runIpex(['verify', join(out, 'EP', registration!), '--root', join(out, 'root.pem'), '--office', 'EP']);
    expect(verified.exitCode, verified.stdout + verified.stderr).to.equal(0);
    for (const office of ['EP', 'JP', 'US']) expect(existsSync(join(out, office, 'audit', 'checkpoint')), `${office} audit bundle`).to.equal(true);
    const jpBundles = readdirSync(join(out, 'JP')).filter((n) => n.startsWith('EP-') && !n.endsWith('.zip'));
    expect(jpBundles.some((n) => n.startsWith('EP-PD-'))).to.equal(true);
    expect(jpBundles.some((n) => n.startsWith('EP-SR-'))).to.equal(true);
    for (const b of jpBundles) expect(existsSync(join(out, 'JP', b, 'manifest.jws'))).to.equal(true);
    expect(readdirSync(join(out, 'US')).some((n) => n.startsWith('EP-PD-') && !n.endsWith('.zip')), 'US copy of the EP document').to.equal(true);
    expect(readdirSync(join(out, 'EP')).some((n) => n.startsWith('US-PD-') && !n.endsWith('.zip')), 'EP copy of the US document').to.equal(true);
    // the nodes' own data folders were cleaned up: only results are left, with the network root
    expect(readdirSync(out).sort()).to.deep.equal(['EP', 'JP', 'US', 'root.pem']);
  });

  // issue 10, item 7: the kept copies verify later, with the root kept beside them, nodes gone.
  it('keeps the network root in DIR, so the kept copies verify after the nodes are gone', async () => {
    const copies = readdirSync(join(out, 'JP')).filter((n) => n.startsWith('EP-PD-'));
    expect(copies.length, 'a folder and its ZIP').to.be.at.least(2);
    for (const copy of copies) {
      const run = await runIpex(['verify', join(out, 'JP', copy), '--root', join(out, 'root.pem'), '--office', 'EP']);
      expect(run.exitCode, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.contain(`trusted root: ${join(out, 'root.pem')}`);
    }
  });

  it('exits non-zero on a usage error, and when DIR holds an earlier run', async () => {
    expect((await runDemo(['--smoke'])).code).to.equal(2);
    expect((await runDemo(['--smoke', '--out', out])).code).to.equal(2);
  });
});

function runDemo(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'demo.ts'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
