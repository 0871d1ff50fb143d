/**
 * issue 10, item 14: enrolment by certificate request on a production (non-development) network,
 * end to end through the command line: the office makes its keys (`ipex node keygen`, encrypted,
 * never in the request), the operator issues certificates from the requests (`network add-office
 * --request`, proof of possession checked, only the public key taken), the bundle holds no private
 * key, and `node init` pairs it with the office's keys. The one-step flow is refused here.
 * Rotation goes the same way (`keygen --rotate`, `rotate --request`, `node rotate`).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { X509Certificate, createPublicKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { loadIdentity } from '../../../node/identity/office-identity.js';
import { runCli, type CliRun } from './run-cli.js';

const spki = (pem: string | Buffer): Buffer => createPublicKey(pem).export({ format: 'der', type: 'spki' });
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('enrolment by certificate request (issue 10, item 14)', function () {
  this.timeout(120_000);
  let tmp: string;
  let net: string;
  let opPass: string;
  let officePass: string;
  const saved = process.env.IPEX_PASSPHRASE;
  const ok = async (...args: string[]): Promise<CliRun> => {
    const r = await runCli(args);
    expect(r.code, `${args.join(' ')}: ${r.err}`).to.equal(EXIT.ok);
    return r;
  };
  const op = (...args: string[]): string[] => [...args, '--dir', net, '--passphrase-file', opPass];

  before(async () => {
    delete process.env.IPEX_PASSPHRASE;
    tmp = mkdtempSync(join(tmpdir(), 'ipex-enrol-'));
    net = join(tmp, 'net');
    opPass = join(tmp, 'operator.pass');
    officePass = join(tmp, 'office.pass');
    writeFileSync(opPass, 'operator secret\n');
    writeFileSync(officePass, 'office secret\n');
    await ok(...op('network', 'init', '--name', 'prod-net'));
  });
  after(() => {
    rmSync(tmp, { recursive: true, force: true });
    if (saved !== undefined) process.env.IPEX_PASSPHRASE = saved;
  });

  it('refuses the one-step flow (operator makes the keys) on a network that is not a development network, changing nothing', async () => {
    const register = readFileSync(join(net, 'network.json'), 'utf8');
    const r = await runCli(op('network', 'add-office', '--code', 'EP', '--name', 'EPO', '--url', 'https://127.0.0.1:8443'));
    expect(r.code).to.equal(EXIT.conflict);
    expect(r.err).to.contain('ipex node keygen').and.contain('[ENROLMENT_REQUIRED]');
    expect(readdirSync(join(net, 'offices'))).to.deep.equal(['.keep']);
    expect(readFileSync(join(net, 'network.json'), 'utf8')).to.equal(register);
  });

  it('keygen keeps encrypted 0600 keys in the data folder and writes a request folder without any private key', async () => {
    const data = join(tmp, 'ep');
    const request = join(tmp, 'ep-request');
    await ok('node', 'keygen', '--office', 'ep', '--data', data, '--out', request, '--passphrase-file', officePass);
    const kept = dataPaths(data).enrolment;
    for (const key of ['tls.key', 'signing.key', 'log.key']) {
      expect(mode(join(kept, key))).to.equal(0o600);
      expect(readFileSync(join(kept, key), 'utf8')).to.contain('BEGIN ENCRYPTED PRIVATE KEY');
    }
    expect(readdirSync(request).sort()).to.deep.equal(['log.vkey', 'request.json', 'signing.csr', 'tls.csr']);
    for (const file of readdirSync(request)) expect(readFileSync(join(request, file), 'utf8')).to.not.contain('PRIVATE KEY');
    for (const csr of ['tls.csr', 'signing.csr']) {
      const v = spawnSync('openssl', ['req', '-verify', '-noout', '-in', join(request, csr)], { encoding: 'utf8' });
      expect(v.status, v.stderr).to.equal(0);
    }
    const again = await runCli(['node', 'keygen', '--office', 'EP', '--data', data, '--out', join(tmp, 'ep-request-2')]);
    expect(again.err).to.contain('[ALREADY_EXISTS]');
    expect(existsSync(join(tmp, 'ep-request-2'))).to.equal(false);
  });

  it('add-office --request issues certificates for the requested keys; the bundle holds no key; node init installs it', async () => {
    const data = join(tmp, 'ep');
    await ok(...op('network', 'add-office', '--code', 'EP', '--name', 'European Patent Office', '--url', 'https://127.0.0.1:8443',
      '--request', join(tmp, 'ep-request')));
    const bundle = join(net, 'offices', 'EP');
    expect(readdirSync(bundle).sort()).to.deep.equal(['log.vkey', 'office.json', 'root.pem', 'signing.pem', 'tls.pem']);
    for (const use of ['tls', 'signing']) {
      const csrKey = spawnSync('openssl', ['req', '-pubkey', '-noout', '-in', join(tmp, 'ep-request', `${use}.csr`)], { encoding: 'utf8' }).stdout;
      expect(spki(new X509Certificate(readFileSync(join(bundle, `${use}.pem`))).publicKey.export({ format: 'pem', type: 'spki' })).equals(spki(csrKey))).to.equal(true);
    }
    await ok(...op('network', 'publish'));

    const wrong = await runCli(['node', 'init', '--bundle', bundle, '--data', join(tmp, 'elsewhere'), '--passphrase-file', officePass]);
    expect(wrong.err).to.contain('holds no private keys').and.contain('[FILE_NOT_FOUND]');
    expect(existsSync(join(tmp, 'elsewhere', 'ipex.json'))).to.equal(false);

    await ok('node', 'init', '--bundle', bundle, '--data', data, '--passphrase-file', officePass, '--port', '8443');
    expect(existsSync(dataPaths(data).enrolment), 'the keys moved into identity/').to.equal(false);
    const identity = loadIdentity(dataPaths(data), 'office secret');
    expect(identity.code).to.equal('EP');
    expect(readFileSync(dataPaths(data).identity.signingKey, 'utf8')).to.contain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(identity.log.verifierKey).to.equal(readFileSync(join(bundle, 'log.vkey'), 'utf8').trim());
    await ok('directory', 'install', '--data', data, '--directory', join(net, 'directory.jws'), '--crl', join(net, 'crl.pem'));
  });

  it('takes only the public key from a request: its subject, CA flag and SANs are ignored; a request without proof of possession is refused', async () => {
    await ok('node', 'keygen', '--office', 'JP', '--data', join(tmp, 'jp'), '--out', join(tmp, 'jp-request'));
    const request = join(tmp, 'jp-request');
    const key = join(tmp, 'jp-openssl.key');
    const made = spawnSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key,
      '-subj', '/CN=evil CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'subjectAltName=URI:urn:ipex:office:EP,URI:urn:ipex:directory',
      '-addext', 'extendedKeyUsage=serverAuth,codeSigning', '-out', join(request, 'tls.csr')], { encoding: 'utf8' });
    expect(made.status, made.stderr).to.equal(0);

    const signingCsr = readFileSync(join(request, 'signing.csr'), 'utf8');
    const der = Buffer.from(signingCsr.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 5]! ^= 0x01; // inside the signature
    writeFileSync(join(request, 'signing.csr'), `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`);
    const args = op('network', 'add-office', '--code', 'JP', '--name', 'JPO', '--url', 'https://jp.example', '--request', request);
    const refused = await runCli(args);
    expect(refused.err).to.contain('[CSR_SIGNATURE_INVALID]');
    expect(existsSync(join(net, 'offices', 'JP'))).to.equal(false);
    expect(JSON.parse(readFileSync(join(net, 'network.json'), 'utf8')).offices.JP).to.equal(undefined);

    writeFileSync(join(request, 'signing.csr'), signingCsr);
    await ok(...args);
    const tls = new X509Certificate(readFileSync(join(net, 'offices', 'JP', 'tls.pem')));
    expect(spki(tls.publicKey.export({ format: 'pem', type: 'spki' })).equals(spki(readFileSync(key)))).to.equal(true);
    expect(tls.ca).to.equal(false);
    expect(tls.subject).to.not.contain('evil');
    expect(tls.subjectAltName).to.contain('URI:urn:ipex:office:JP').and.not.contain('urn:ipex:directory').and.not.contain('office:EP');
    const text = spawnSync('openssl', ['x509', '-noout', '-ext', 'extendedKeyUsage', '-in', join(net, 'offices', 'JP', 'tls.pem')], { encoding: 'utf8' }).stdout;
    expect(text).to.contain('TLS Web Server Authentication').and.not.contain('Code Signing');
  });

  it('rotates by request too: keygen --rotate, rotate --request, node rotate; the one-step rotate is refused', async () => {
    const data = join(tmp, 'ep');
    const refused = await runCli(op('network', 'rotate', '--code', 'EP'));
    expect(refused.err).to.contain('[ENROLMENT_REQUIRED]');
    const before = loadIdentity(dataPaths(data), 'office secret');
    await ok('node', 'keygen', '--rotate', '--data', data, '--out', join(tmp, 'ep-rotation'), '--passphrase-file', officePass);
    expect(readdirSync(join(tmp, 'ep-rotation')).sort()).to.deep.equal(['request.json', 'signing.csr', 'tls.csr']);
    await ok(...op('network', 'rotate', '--code', 'EP', '--request', join(tmp, 'ep-rotation')));
    expect(readdirSync(join(net, 'offices', 'EP')).filter((n) => n.includes('.next.')).sort()).to.deep.equal(['signing.next.pem', 'tls.next.pem']);
    await ok('node', 'rotate', '--bundle', join(net, 'offices', 'EP'), '--data', data, '--passphrase-file', officePass);
    const after = loadIdentity(dataPaths(data), 'office secret');
    expect(after.tls.sha256).to.not.equal(before.tls.sha256);
    expect(after.signing.sha256).to.not.equal(before.signing.sha256);
    expect(after.log.verifierKey).to.equal(before.log.verifierKey);
    expect(existsSync(dataPaths(data).enrolment)).to.equal(false);
  });
});
