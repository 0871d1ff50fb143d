import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { runCli } from './run-cli.js';
import { openNodeDatabase } from '../../../node/storage/open-node-database.js';

describe('ipex token / ipex node init (command line)', function () {
  this.timeout(30_000);
  let root: string;
  let data: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-cli-token-'));
    const net = join(root, 'net');
    expect((await runCli(['network', 'init', '--dir', net, '--name', 'cli-net', '--development'])).code).to.equal(EXIT.ok);
    expect((await runCli(['network', 'add-office', '--dir', net, '--code', 'EP', '--name', 'EPO', '--url', 'https://127.0.0.1:8443'])).code).to.equal(EXIT.ok);
    data = join(root, 'ep');
    const init = await runCli(['--json', 'node', 'init', '--bundle', join(net, 'offices', 'EP'), '--data', data]);
    expect(init.code, init.err).to.equal(EXIT.ok);
    expect(JSON.parse(init.out)).to.include({ office: 'EP', dataDir: data });
    expect(init.err).to.match(/^· checking the office bundle/m);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('creates a token once, lists it without its value, and revokes it', async () => {
    const created = await runCli(['--json', 'token', 'create', '--data', data, '--role', 'auditor', '--label', 'audit team']);
    expect(created.code, created.err).to.equal(EXIT.ok);
    const { token, id } = JSON.parse(created.out) as { token: string; id: number };
    expect(token).to.match(/^ipex_[A-Za-z0-9_-]{43}$/);
    const listed = await runCli(['token', 'list', '--data', data]);
    expect(listed.out).to.contain('auditor').and.contain('audit team').and.not.contain(token);
    expect((await runCli(['token', 'revoke', String(id), '--data', data])).code).to.equal(EXIT.ok);
    expect((await runCli(['token', 'list', '--data', data])).out).to.contain('revoked');
    // Administrative actions land in the audit log, never the token itself.
    const { db } = openNodeDatabase(data);
    const rows = db.prepare("SELECT type, entry FROM audit_entries WHERE type LIKE 'admin.%' ORDER BY idx").all() as { type: string; entry: Buffer }[];
    db.close();
    expect(rows.map((r) => r.type)).to.deep.equal(['admin.token-created', 'admin.token-revoked']);
    expect(rows.map((r) => r.entry.toString()).join('')).to.not.contain(token);
  });

  const refusals: [string, () => string[], number, RegExp][] = [
    ['an unknown role', () => ['token', 'create', '--data', data, '--role', 'king'], EXIT.badInput, /role must be one of clerk, examiner, auditor, admin, not "king" \[INVALID_INPUT\]/],
    ['revoking a token that does not exist', () => ['token', 'revoke', '999', '--data', data], EXIT.notFound, /no active staff token with id 999 \[NOT_FOUND\]/],
    ['a token id that is not a number', () => ['token', 'revoke', 'abc', '--data', data], EXIT.usage, /\[USAGE\]/],
    ['a data folder without a node', () => ['token', 'list', '--data', join(root, 'empty')], EXIT.failure, /\[NODE_NOT_INITIALISED\]/],
    ['a bundle folder that does not exist', () => ['node', 'init', '--bundle', join(root, 'nope'), '--data', join(root, 'x')], EXIT.notFound, /\[FILE_NOT_FOUND\]/],
    ['a data folder that already holds a node', () => ['node', 'init', '--bundle', join(root, 'net', 'offices', 'EP'), '--data', data], EXIT.conflict, /\[ALREADY_EXISTS\]/],
    ['a passphrase file that does not exist', () => ['node', 'init', '--bundle', join(root, 'net', 'offices', 'EP'), '--data', join(root, 'y'), '--passphrase-file', join(root, 'nope.txt')], EXIT.notFound, /\[FILE_NOT_FOUND\]/],
    ['a port that is not a port', () => ['node', 'init', '--bundle', join(root, 'net', 'offices', 'EP'), '--data', join(root, 'z'), '--port', '99999'], EXIT.usage, /--port must be a port number/],
  ];
  for (const [what, args, exit, message] of refusals) {
    it(`refuses ${what} with one line and exit ${exit}`, async () => {
      const before = readdirSync(root).sort();
      const run = await runCli(args());
      expect(run.code, run.err).to.equal(exit);
      const lines = run.err.split('\n').filter((l) => l.startsWith('ipex:'));
      expect(lines).to.have.length(1);
      expect(lines[0]).to.match(message);
      expect(run.err).to.not.match(/\n\s+at /); // no stack trace
      expect(readdirSync(root).sort()).to.deep.equal(before);
    });
  }

  it('refuses to start on a configuration with an unknown key, naming it', async () => {
    const broken = join(root, 'broken');
    const net = join(root, 'net');
    await runCli(['network', 'add-office', '--dir', net, '--code', 'JP', '--name', 'JPO', '--url', 'https://127.0.0.1:9443']);
    await runCli(['node', 'init', '--bundle', join(net, 'offices', 'JP'), '--data', broken]);
    writeFileSync(join(broken, 'ipex.json'), JSON.stringify({ office: { code: 'JP', name: 'JPO' }, exchange: { prot: 1 } }));
    const run = await runCli(['start', '--data', broken]);
    expect(run.code).to.equal(EXIT.failure);
    expect(run.err).to.match(/exchange.*prot.*\[CONFIG_INVALID\]/);
  });
});
