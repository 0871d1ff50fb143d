// Files and folders named on the command line (issue 10, item 10): a folder given as a file, a
// missing file and an output that exists are one clear error naming the option, and change nothing.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { quiet } from '../http/exchange-peer-fixture.js';
import { runCli } from './run-cli.js';

describe('ipex: files named in options (issue 10, item 10)', function () {
  this.timeout(120_000);
  let root: string;
  let data: string;
  let folder: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-cli-files-'));
    data = join(root, 'data');
    folder = join(root, 'a-folder');
    mkdirSync(folder);
    await ensureDevNode(data, { officeCode: 'EP', exchangePort: 0, officeApiPort: 0, output: quiet });
    writeFileSync(join(root, 'claims.pdf'), '%PDF-1.7\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const deposit = (...parts: string[]): string[] => ['deposit', '--data', data, '--kind', 'priorityDocument', '--application', 'EP23123456.8',
    '--filing-date', '2023-05-01', '--ip-right', 'patent', ...parts.flatMap((p) => ['--part', p])];

  it('refuses a folder given as --part, naming it, and deposits nothing', async () => {
    const r = await runCli(deposit(join(root, 'claims.pdf'), folder));
    expect(r.code).to.equal(3);
    expect(r.err).to.equal(`ipex: --part ${folder} is a folder; give a file [FILE_UNREADABLE]\n`);
    const list = await runCli(['--json', 'documents', 'list', '--data', data]);
    expect(JSON.parse(list.out).items).to.deep.equal([]);
  });

  it('refuses a missing --part file, naming it', async () => {
    const r = await runCli(deposit(join(root, 'nothing.pdf')));
    expect(r.code).to.equal(5);
    expect(r.err).to.equal(`ipex: --part ${join(root, 'nothing.pdf')}: no such file [FILE_NOT_FOUND]\n`);
  });

  it('refuses folders given as the files of directory install, verify and audit verify', async () => {
    const install = await runCli(['directory', 'install', '--data', data, '--directory', folder, '--crl', folder]);
    expect(install.code).to.equal(3);
    expect(install.err).to.contain(`ipex: --directory ${folder} is a folder; give a file [FILE_UNREADABLE]`);
    const verify = await runCli(['verify', folder, '--root', folder]);
    expect(verify.err).to.contain(`ipex: --root ${folder} is a folder; give a file [FILE_UNREADABLE]`);
    const crl = await runCli(['verify', folder, '--data', data, '--crl', folder]);
    expect(crl.err).to.contain(`ipex: --crl ${folder} is a folder; give a file [FILE_UNREADABLE]`);
    const audit = await runCli(['audit', 'verify', folder, '--vkey', folder]);
    expect(audit.err).to.contain(`ipex: --vkey ${folder} is a folder; give a file [FILE_UNREADABLE]`);
  });

  it('refuses `export --out` and `audit export --out` onto an existing folder, naming it and what to do', async () => {
    const existing = join(root, 'existing');
    mkdirSync(existing);
    const exported = await runCli(['export', 'EP-PD-23123456-x', '--out', existing, '--data', data]);
    expect(exported.code).to.equal(6);
    expect(exported.err).to.equal(`ipex: --out ${existing} already exists, and ipex never overwrites: give a path that does not exist yet, or move ${existing} away first [ALREADY_EXISTS]\n`);
    const audit = await runCli(['audit', 'export', '--out', existing, '--data', data]);
    expect(audit.code).to.equal(6);
    expect(audit.err).to.contain(`ipex: --out ${existing} already exists`);
    expect(readdirSync(existing)).to.deep.equal([]);
  });
});
