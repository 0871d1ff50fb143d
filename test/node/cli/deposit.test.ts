/** `ipex deposit`, `documents`, `access` and `export` on a data folder (node/cli/commands/deposit.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { main } from '../../../node/cli/main.js';
import { createOutput } from '../../../node/cli/output.js';
import { parsePartSpec } from '../../../node/cli/commands/deposit.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'ipex', ...args], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('ipex deposit / documents / access / export', function () {
  this.timeout(120_000);
  let root: string;
  let data: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-cli-deposit-'));
    data = join(root, 'data');
    await ensureDevNode(data, { officeCode: 'EP', exchangePort: 0, officeApiPort: 0, output: createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true) });
    writeFileSync(join(root, 'claims.pdf'), Buffer.alloc(100_000, 7));
    writeFileSync(join(root, 'seq.xml'), '<x/>');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('parses part specs and guesses media types', () => {
    expect(parsePartSpec('/x/claims.pdf')).to.deep.equal({ file: '/x/claims.pdf', name: 'claims.pdf', mediaType: 'application/pdf' });
    expect(parsePartSpec('/x/a.bin:seq.xml')).to.deep.equal({ file: '/x/a.bin', name: 'seq.xml', mediaType: 'application/xml' });
    expect(parsePartSpec('/x/a:b:text/plain').mediaType).to.equal('text/plain');
  });

  it('deposits with progress, prints the code once, then lists, regenerates and exports', async () => {
    const dep = await run(['--json', 'deposit', '--data', data, '--kind', 'priorityDocument', '--application', 'EP23123456.7', '--filing-date', '2023-05-01',
      '--ip-right', 'patent', '--title', 'Widget', '--part', join(root, 'claims.pdf'), '--part', `${join(root, 'seq.xml')}:sequence.xml`]);
    expect(dep.code, dep.stderr).to.equal(0);
    expect(dep.stderr).to.match(/claims\.pdf: 0\.1 MB stored, sha256 [0-9a-f]{64}/);
    const doc = JSON.parse(dep.stdout);
    expect(doc.documentId).to.match(/^EP-PD-23123456-/);
    expect(doc.accessCode).to.be.a('string');

    const list = JSON.parse((await run(['--json', 'documents', 'list', '--data', data])).stdout);
    expect(list.items.map((d: { documentId: string }) => d.documentId)).to.deep.equal([doc.documentId]);
    const again = await run(['deposit', '--data', data, '--kind', 'priorityDocument', '--application', '23123456', '--filing-date', '2023-05-01', '--ip-right', 'patent', '--part', join(root, 'seq.xml')]);
    expect(again.code).to.not.equal(0);
    expect(again.stderr).to.include('DOCUMENT_EXISTS');

    expect((await run(['access', 'allow', doc.documentId, '--office', 'jp', '--data', data])).code).to.equal(0);
    const shown = JSON.parse((await run(['--json', 'access', 'show', doc.documentId, '--data', data])).stdout);
    expect(shown.policy).to.deep.equal({ allowedOffices: ['JP'] });
    const regen = JSON.parse((await run(['--json', 'access', 'regenerate', doc.documentId, '--data', data])).stdout);
    expect(regen.accessCode).to.not.equal(doc.accessCode);

    const out = join(root, 'copy.zip');
    expect((await run(['export', doc.documentId, '--out', out, '--zip', '--data', data])).code).to.equal(0);
    const verified = await run(['verify', out, '--data', data]);
    expect(verified.code, verified.stdout + verified.stderr).to.equal(0);
  });

  it('refuses a missing part file before anything is written', async () => {
    const res = await run(['deposit', '--data', data, '--kind', 'searchReport', '--application', '23000001', '--filing-date', '2023-05-01', '--ip-right', 'patent', '--part', join(root, 'nope.pdf')]);
    expect(res.code).to.not.equal(0);
    expect(res.stderr).to.include('FILE_NOT_FOUND');
    const list = JSON.parse((await run(['--json', 'documents', 'list', '--data', data, '--kind', 'searchReport'])).stdout);
    expect(list.items).to.deep.equal([]);
  });
});
