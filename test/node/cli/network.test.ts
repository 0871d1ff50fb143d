import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../node/cli/main.js';
import { verifyDirectory } from '../../../protocol/directory/index.js';
import { parseVerifierKey } from '../../../protocol/note/verifier-key.js';
import { readPrivateKey } from '../../../protocol/pki/key-files.js';

interface Run { code: number; stdout: string; stderr: string }

async function ipex(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'ipex', ...argv], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

function opensslVerify(net: string, cert: string): boolean {
  const args = ['verify', '-CAfile', join(net, 'root', 'root.pem'), '-crl_check', '-CRLfile', join(net, 'crl.pem'), cert];
  return spawnSync('openssl', args, { encoding: 'utf8' }).status === 0;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('ipex network (CLI)', function () {
  this.timeout(60_000);
  let tmp: string;
  let net: string;
  let pass: string;
  let keyArgs: string[];
  const savedEnv = process.env.IPEX_PASSPHRASE;

  before(async () => {
    delete process.env.IPEX_PASSPHRASE;
    tmp = mkdtempSync(join(tmpdir(), 'ipex-network-'));
    net = join(tmp, 'net');
    pass = join(tmp, 'pass');
    writeFileSync(pass, 'correct horse battery\n');
    keyArgs = ['--dir', net, '--passphrase-file', pass];
    const init = await ipex('network', 'init', '--name', 'test-net', '--development', ...keyArgs);
    expect(init.code, init.stderr).to.equal(0);
    const ep = await ipex('network', 'add-office', ...keyArgs, '--code', 'ep', '--name', 'European Patent Office', '--url', 'https://localhost:8443', '--ip', '127.0.0.1');
    expect(ep.code, ep.stderr).to.equal(0);
    const jp = await ipex('network', 'add-office', ...keyArgs, '--code', 'JP', '--name', 'Japan Patent Office', '--url', 'https://jp.example', '--roles', 'accessing');
    expect(jp.code, jp.stderr).to.equal(0);
  });
  after(() => {
    rmSync(tmp, { recursive: true, force: true });
    if (savedEnv !== undefined) process.env.IPEX_PASSPHRASE = savedEnv;
  });

  it('init writes an encrypted root and directory key with mode 0600 and an initial CRL', () => {
    for (const key of ['root/root.key', 'directory/directory.key']) {
      expect(mode(join(net, key))).to.equal(0o600);
      expect(readFileSync(join(net, key), 'utf8')).to.contain('ENCRYPTED PRIVATE KEY');
    }
    const register = JSON.parse(readFileSync(join(net, 'network.json'), 'utf8'));
    expect(register).to.include({ format: 'ipex-network/1', name: 'test-net', crlNumber: 1, directorySerial: 0 });
    expect(Object.keys(register.offices)).to.deep.equal(['EP', 'JP']);
  });

  it('add-office writes the bundle with 0600 keys, and certificates that OpenSSL accepts', () => {
    const bundle = join(net, 'offices', 'EP');
    expect(readdirSync(bundle).sort()).to.deep.equal(
      ['log.key', 'log.vkey', 'office.json', 'root.pem', 'signing.key', 'signing.pem', 'tls.key', 'tls.pem'],
    );
    for (const key of ['tls.key', 'signing.key', 'log.key']) expect(mode(join(bundle, key))).to.equal(0o600);
    expect(JSON.parse(readFileSync(join(bundle, 'office.json'), 'utf8'))).to.deep.equal({
      format: 'ipex-office-bundle/1', code: 'EP', name: 'European Patent Office', exchangeUrl: 'https://localhost:8443',
      roles: ['depositing', 'accessing'], network: 'test-net',
    });
    expect(opensslVerify(net, join(bundle, 'tls.pem'))).to.equal(true);
    expect(opensslVerify(net, join(bundle, 'signing.pem'))).to.equal(true);
    const san = spawnSync('openssl', ['x509', '-noout', '-ext', 'subjectAltName', '-in', join(bundle, 'tls.pem')], { encoding: 'utf8' }).stdout;
    expect(san).to.contain('URI:urn:ipex:office:EP').and.contain('DNS:localhost').and.contain('IP Address:127.0.0.1');
  });

  it('log.vkey is the C2SP verifier key of log.key, named ipex/audit/<CODE>', () => {
    const bundle = join(net, 'offices', 'JP');
    const vkey = parseVerifierKey(readFileSync(join(bundle, 'log.vkey'), 'utf8').trim());
    expect(vkey.name).to.equal('ipex/audit/JP');
    const pub = createPublicKey(readPrivateKey(join(bundle, 'log.key'))).export({ format: 'der', type: 'spki' });
    expect(vkey.publicKey.export({ format: 'der', type: 'spki' }).equals(pub)).to.equal(true);
  });

  it('publish writes a directory that verifies against the root with its CRL (--json)', async () => {
    const run = await ipex('--json', 'network', 'publish', ...keyArgs, '--valid-days', '10');
    expect(run.code, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout)).to.include({ serial: 1, offices: 2 });
    const directory = await verifyDirectory(readFileSync(join(net, 'directory.jws'), 'utf8'), {
      trustAnchors: [readFileSync(join(net, 'root', 'root.pem'), 'utf8')], at: new Date(), crl: readFileSync(join(net, 'crl.pem'), 'utf8'),
    });
    expect(directory.offices.map((o) => [o.code, o.status, o.certificates.length])).to.deep.equal([['EP', 'active', 2], ['JP', 'active', 2]]);
    expect(directory.offices[1]!.roles).to.deep.equal(['accessing']);
  });

  it('rotate lists next certificates beside the current ones; --finish keeps only the new ones', async () => {
    expect((await ipex('network', 'rotate', ...keyArgs, '--code', 'EP')).code).to.equal(0);
    const bundle = join(net, 'offices', 'EP');
    expect(existsSync(join(bundle, 'tls.next.pem'))).to.equal(true);
    expect((await ipex('network', 'publish', ...keyArgs)).code).to.equal(0);
    const during = await verifyDirectory(readFileSync(join(net, 'directory.jws'), 'utf8'), {
      trustAnchors: [readFileSync(join(net, 'root', 'root.pem'), 'utf8')], at: new Date(), crl: readFileSync(join(net, 'crl.pem'), 'utf8'),
    });
    expect(during.serial).to.equal(2);
    expect(during.offices[0]!.certificates.map((c) => c.use)).to.deep.equal(['tls', 'signing', 'tls', 'signing']);
    let ep = JSON.parse(readFileSync(join(net, 'network.json'), 'utf8')).offices.EP;
    expect(ep.certificates.map((c: { state: string }) => c.state)).to.deep.equal(['current', 'current', 'next', 'next']);
    const nextSha = ep.certificates.filter((c: { state: string }) => c.state === 'next').map((c: { sha256: string }) => c.sha256);
    expect((await ipex('network', 'rotate', ...keyArgs, '--code', 'EP')).code).to.equal(6); // already rotating
    expect((await ipex('network', 'rotate', '--dir', net, '--code', 'EP', '--finish')).code).to.equal(0);
    ep = JSON.parse(readFileSync(join(net, 'network.json'), 'utf8')).offices.EP;
    expect(ep.certificates.map((c: { sha256: string; state: string }) => [c.sha256, c.state])).to.deep.equal(nextSha.map((s: string) => [s, 'current']));
    expect(existsSync(join(bundle, 'tls.next.pem'))).to.equal(false);
    expect(opensslVerify(net, join(bundle, 'tls.pem'))).to.equal(true);
  });

  it('revoke puts the office certificates on the CRL, so OpenSSL refuses them', async () => {
    const run = await ipex('network', 'revoke', ...keyArgs, '--code', 'JP');
    expect(run.code, run.stderr).to.equal(0);
    expect(opensslVerify(net, join(net, 'offices', 'JP', 'signing.pem'))).to.equal(false);
    expect(opensslVerify(net, join(net, 'offices', 'JP', 'tls.pem'))).to.equal(false);
    expect(opensslVerify(net, join(net, 'offices', 'EP', 'signing.pem'))).to.equal(true);
    expect(JSON.parse(readFileSync(join(net, 'network.json'), 'utf8')).offices.JP.status).to.equal('revoked');
    expect((await ipex('network', 'resume', '--dir', net, '--code', 'JP')).code).to.equal(6);
    expect((await ipex('network', 'publish', ...keyArgs)).code).to.equal(0);
    const directory = await verifyDirectory(readFileSync(join(net, 'directory.jws'), 'utf8'), {
      trustAnchors: [readFileSync(join(net, 'root', 'root.pem'), 'utf8')], at: new Date(), crl: readFileSync(join(net, 'crl.pem'), 'utf8'),
    });
    expect(directory.offices.find((o) => o.code === 'JP')).to.deep.include({ status: 'revoked', certificates: [] });
  });

  it('revoke --serial revokes one certificate (serial given with colons, any case)', async () => {
    const ep = () => JSON.parse(readFileSync(join(net, 'network.json'), 'utf8')).offices.EP;
    const tls = ep().certificates.find((c: { use: string }) => c.use === 'tls');
    const serial = (tls.serialNumber as string).toUpperCase().match(/../g)!.join(':');
    const run = await ipex('network', 'revoke', ...keyArgs, '--code', 'EP', '--serial', serial, '--reason', 'superseded');
    expect(run.code, run.stderr).to.equal(0);
    expect(ep().status).to.equal('active');
    expect(ep().certificates.map((c: { state: string }) => c.state)).to.deep.equal(['revoked', 'current']);
    expect(opensslVerify(net, join(net, 'offices', 'EP', 'tls.pem'))).to.equal(false);
    expect(opensslVerify(net, join(net, 'offices', 'EP', 'signing.pem'))).to.equal(true);
    const crl = spawnSync('openssl', ['crl', '-noout', '-text', '-in', join(net, 'crl.pem')], { encoding: 'utf8' }).stdout;
    expect(crl).to.contain('Superseded');
    const again = await ipex('network', 'revoke', ...keyArgs, '--code', 'EP', '--serial', serial);
    expect(again.code).to.equal(6);
  });

  it('suspend and resume change the status once each', async () => {
    expect((await ipex('network', 'suspend', '--dir', net, '--code', 'EP')).code).to.equal(0);
    expect(JSON.parse(readFileSync(join(net, 'network.json'), 'utf8')).offices.EP.status).to.equal('suspended');
    expect((await ipex('network', 'suspend', '--dir', net, '--code', 'EP')).code).to.equal(6);
    expect((await ipex('network', 'resume', '--dir', net, '--code', 'EP')).code).to.equal(0);
  });

  describe('bad input: one-line error, non-zero exit, nothing changed', () => {
    async function refused(argv: string[], code: string, exit: number): Promise<void> {
      const before = readFileSync(join(net, 'network.json'), 'utf8');
      const entries = readdirSync(join(net, 'offices')).sort();
      const run = await ipex(...argv);
      expect(run.code, run.stderr).to.equal(exit);
      expect(run.stderr.trim().split('\n').filter((l) => !l.startsWith('·'))).to.have.length(1);
      expect(run.stderr).to.contain(`[${code}]`);
      expect(run.stderr).to.not.contain('correct horse');
      expect(readFileSync(join(net, 'network.json'), 'utf8')).to.equal(before);
      expect(readdirSync(join(net, 'offices')).sort()).to.deep.equal(entries);
    }
    const add = (code: string, ...extra: string[]) =>
      ['network', 'add-office', '--dir', net, '--code', code, '--name', 'X', '--url', 'https://x.example', ...extra];

    it('wrong passphrase', async () => {
      const wrong = join(tmp, 'wrong');
      writeFileSync(wrong, 'nope\n');
      await refused([...add('US'), '--passphrase-file', wrong], 'KEY_PASSPHRASE_WRONG', 3);
    });
    it('missing passphrase file', () => refused([...add('US'), '--passphrase-file', join(tmp, 'none')], 'FILE_NOT_FOUND', 5));
    it('unreadable passphrase file (a folder)', () => refused([...add('US'), '--passphrase-file', tmp], 'FILE_UNREADABLE', 3));
    it('no passphrase for an encrypted key', () => refused(add('US'), 'KEY_PASSPHRASE_REQUIRED', 3));
    it('a code that is not ST.3', () => refused([...add('ZZ'), '--passphrase-file', pass], 'OFFICE_CODE_INVALID', 3));
    it('an office already in the network', () => refused([...add('EP'), '--passphrase-file', pass], 'ALREADY_EXISTS', 6));
    it('a bad --ip', () => refused([...add('US', '--ip', 'not-an-ip'), '--passphrase-file', pass], 'INVALID_INPUT', 3));
    it('an http URL', () => refused(['network', 'add-office', ...keyArgs, '--code', 'US', '--name', 'X', '--url', 'http://x.example'], 'INVALID_INPUT', 3));
    // issue 10, item 17: the directory holds the exchange origin; the API path is never part of it
    it('a URL with a path', () => refused(['network', 'add-office', ...keyArgs, '--code', 'US', '--name', 'X', '--url', 'https://x.example:8443/exchange/v1'], 'INVALID_INPUT', 3));
    it('a malformed root certificate PEM', async () => {
      const rootPem = join(net, 'root', 'root.pem');
      const good = readFileSync(rootPem, 'utf8');
      writeFileSync(rootPem, good.replace(/[A-Za-z]{10}/, '!!!!!!!!!!'));
      try {
        await refused([...add('US'), '--passphrase-file', pass], 'CERT_PEM_MALFORMED', 3);
      } finally {
        writeFileSync(rootPem, good);
      }
    });
    it('init into an existing folder', async () => {
      const run = await ipex('network', 'init', '--name', 'again', '--dir', net, '--passphrase-file', pass);
      expect(run.code).to.equal(6);
      expect(run.stderr).to.contain('[ALREADY_EXISTS]');
    });
    it('init with a missing passphrase file leaves no folder behind', async () => {
      const target = join(tmp, 'net2');
      const run = await ipex('network', 'init', '--name', 'n2', '--dir', target, '--passphrase-file', join(tmp, 'none'));
      expect(run.code).to.equal(5);
      expect(existsSync(target)).to.equal(false);
      expect(readdirSync(tmp).filter((n) => n.startsWith('.net2'))).to.deep.equal([]);
    });
  });
});
