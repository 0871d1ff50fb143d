/**
 * issue 10, item 18: every certificate ipex issues — the root, an office's TLS and signing
 * certificates, the directory certificate — and the CRL parse in three independent X.509
 * implementations: OpenSSL, Debian's python3-cryptography (38, which refused the directory
 * certificate's UUID-arc EKU) and Go's crypto/x509 (which refuses EKU arcs above 31 bits).
 * The certificates come from the operator's own tooling (network init, add-office from the
 * offices' requests, revoke).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addOffice, initNetwork, publish, revoke } from '../../certs/network/index.js';
import { makeEnrolmentRequest } from '../../node/identity/enrolment-keys.js';

const PYTHON = '/usr/bin/python3';
const PY_SCRIPT = fileURLToPath(new URL('./interop/parse_x509.py', import.meta.url));
const GO_DIR = fileURLToPath(new URL('./interop/', import.meta.url));

function hasGo(): boolean {
  return spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
}

describe('certificates parse in OpenSSL, python3-cryptography and Go (issue 10, item 18)', function () {
  this.timeout(180_000);
  let tmp: string;
  let files: Record<string, string>;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'ipex-interop-'));
    const net = join(tmp, 'net');
    const ctx = { dir: net, now: new Date() };
    await initNetwork(ctx, 'interop-net');
    // Certificates issued from the offices' own requests, as on a production network.
    const request = async (code: string) => {
      const outDir = join(tmp, `request-${code}`);
      await makeEnrolmentRequest({ code, dataDir: join(tmp, `data-${code}`), outDir });
      return outDir;
    };
    const added = await addOffice(ctx, {
      code: 'EP', name: 'European Patent Office', exchangeUrl: 'https://ep.example:8443', ipAddresses: ['127.0.0.1'], requestDir: await request('EP'),
    });
    await addOffice(ctx, { code: 'JP', name: 'Japan Patent Office', exchangeUrl: 'https://jp.example', requestDir: await request('JP') });
    await revoke(ctx, { code: 'JP' }); // so that the CRL has entries, each with its reason code
    await publish(ctx, 30);
    files = {
      root: join(net, 'root', 'root.pem'),
      directory: join(net, 'directory', 'directory.pem'),
      tls: join(added.bundle, 'tls.pem'),
      signing: join(added.bundle, 'signing.pem'),
      crl: join(net, 'crl.pem'),
    };
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('OpenSSL parses every certificate and the CRL, and verifies each certificate against the root and CRL', () => {
    for (const [kind, file] of Object.entries(files)) {
      const args = kind === 'crl' ? ['crl', '-noout', '-text', '-in', file] : ['x509', '-noout', '-text', '-in', file];
      const r = spawnSync('openssl', args, { encoding: 'utf8' });
      expect(r.status, `${kind}: ${r.stderr}`).to.equal(0);
    }
    for (const kind of ['tls', 'signing', 'directory']) {
      const r = spawnSync('openssl', ['verify', '-CAfile', files.root!, '-crl_check', '-CRLfile', files.crl!, files[kind]!], { encoding: 'utf8' });
      expect(r.status, `${kind}: ${r.stdout}${r.stderr}`).to.equal(0);
    }
  });

  it('python3-cryptography (Debian) parses every extension of every certificate and of the CRL', function () {
    if (!existsSync(PYTHON)) this.skip();
    const r = spawnSync(PYTHON, [PY_SCRIPT, ...Object.values(files)], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout.trim().split('\n')).to.have.length(5);
    expect(r.stdout).to.contain('eku:1.3.6.1.5.5.7.3.36,2.5.29.17,uri:urn:ipex:directory');
    expect(r.stdout).to.contain('uri:urn:ipex:office:EP');
    expect(r.stdout).to.match(/crl revoked=2 /);
  });

  it('Go crypto/x509 parses every certificate and the CRL', function () {
    // CI installs golang-go (.ci/run); a developer machine without Go skips with this reason.
    if (!hasGo()) {
      this.test!.title += ' (skipped: no `go` on PATH; apt-get install golang-go)';
      this.skip();
    }
    const r = spawnSync('go', ['run', 'parse_x509.go', ...Object.values(files)], {
      cwd: GO_DIR, encoding: 'utf8', env: { ...process.env, GO111MODULE: 'off', GOFLAGS: '' },
    });
    expect(r.status, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout.trim().split('\n')).to.have.length(5);
    expect(r.stdout).to.match(/ok \S+directory\.pem .* eku=1\.3\.6\.1\.5\.5\.7\.3\.36 uris=urn:ipex:directory\n/);
    expect(r.stdout).to.match(/ok \S+tls\.pem .* known-eku=2 eku= uris=urn:ipex:office:EP\n/);
    expect(r.stdout).to.match(/ok \S+crl\.pem .* revoked=2 number=\d+\n/);
  });
});
