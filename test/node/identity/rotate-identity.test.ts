import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataPaths } from '../../../node/config/data-dir.js';
import { loadIdentity } from '../../../node/identity/office-identity.js';
import { DirectoryStore, TrustService } from '../../../node/trust/index.js';
import { systemClock } from '../../../protocol/runtime/clock.js';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { runCli } from '../cli/run-cli.js';

describe('certificate rotation of an office (ipex network rotate → ipex node rotate)', function () {
  this.timeout(60_000);
  let root: string;
  let net: string;
  let data: string;
  const run = async (...args: string[]): Promise<string> => {
    const r = await runCli(args);
    expect(r.code, `${args.join(' ')}: ${r.err}`).to.equal(EXIT.ok);
    return r.out;
  };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-rotate-'));
    net = join(root, 'net');
    data = join(root, 'ep');
    await run('network', 'init', '--dir', net, '--name', 'rotation-net', '--development');
    await run('network', 'add-office', '--dir', net, '--code', 'EP', '--name', 'EPO', '--url', 'https://127.0.0.1:8443');
    await run('network', 'publish', '--dir', net);
    await run('node', 'init', '--bundle', join(net, 'offices', 'EP'), '--data', data);
    await run('directory', 'install', '--data', data, '--directory', join(net, 'directory.jws'), '--crl', join(net, 'crl.pem'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('switches the node to the next certificates while peers accept both, and keeps the old ones', async () => {
    const before = loadIdentity(dataPaths(data));
    await run('network', 'rotate', '--dir', net, '--code', 'EP');
    await run('network', 'publish', '--dir', net);
    await run('directory', 'install', '--data', data, '--directory', join(net, 'directory.jws'), '--crl', join(net, 'crl.pem'));

    const out = await run('node', 'rotate', '--bundle', join(net, 'offices', 'EP'), '--data', data);
    expect(out).to.contain('from the .next files');
    const after = loadIdentity(dataPaths(data));
    expect(after.signing.sha256).to.not.equal(before.signing.sha256);
    expect(after.tls.sha256).to.not.equal(before.tls.sha256);
    const previous = readdirSync(dataPaths(data).identity.dir).find((f) => f.startsWith('previous-'))!;
    expect(readFileSync(join(dataPaths(data).identity.dir, previous, 'signing.pem'), 'utf8')).to.equal(before.signing.certificatePem);

    // A peer holding this directory accepts both signing certificates during the changeover.
    const trust = new TrustService({ store: new DirectoryStore({ dataDir: data, clock: systemClock }), clock: systemClock });
    expect(await trust.ensureSigningKey(before.signing.sha256)).to.equal('EP');
    expect(await trust.ensureSigningKey(after.signing.sha256)).to.equal('EP');

    // Once the operator finishes the rotation, only the new one is listed.
    await run('network', 'rotate', '--dir', net, '--code', 'EP', '--finish');
    await run('network', 'publish', '--dir', net);
    await run('directory', 'install', '--data', data, '--directory', join(net, 'directory.jws'), '--crl', join(net, 'crl.pem'));
    const later = new TrustService({ store: new DirectoryStore({ dataDir: data, clock: systemClock }), clock: systemClock });
    expect(await later.ensureSigningKey(after.signing.sha256)).to.equal('EP');
    let refused = '';
    await later.ensureSigningKey(before.signing.sha256).catch((err: { code: string }) => { refused = err.code; });
    expect(refused).to.equal('CERT_NOT_IN_DIRECTORY');
  });

  it('refuses to install the certificates the node already uses, or a bundle of another office', async () => {
    const again = await runCli(['node', 'rotate', '--bundle', join(net, 'offices', 'EP'), '--data', data]);
    expect(again.code).to.equal(EXIT.conflict);
    expect(again.err).to.match(/already uses these certificates of EP \[ALREADY_EXISTS\]/);
    await run('network', 'add-office', '--dir', net, '--code', 'JP', '--name', 'JPO', '--url', 'https://127.0.0.1:9443');
    const other = await runCli(['node', 'rotate', '--bundle', join(net, 'offices', 'JP'), '--data', data]);
    expect(other.err).to.match(/\[CERT_OFFICE_MISMATCH\]/);
    expect(existsSync(join(dataPaths(data).identity.dir, 'tls.pem'))).to.equal(true);
  });
});
