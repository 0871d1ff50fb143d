import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFixtures, type Fixtures } from '../../../certs/fixtures.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { runCli } from '../cli/run-cli.js';
import { signDirectory } from '../../../protocol/directory/index.js';
import { sampleDirectory } from '../../protocol/directory/sample.js';

// The CLI uses the system clock, so the fixtures are made around the real time.
const NOW = new Date();

describe('ipex directory (CLI)', () => {
  let f: Fixtures;
  let data: string;
  let files: string;

  before(async () => {
    f = await generateFixtures({ now: NOW });
    data = mkdtempSync(join(tmpdir(), 'ipex-cli-data-'));
    files = mkdtempSync(join(tmpdir(), 'ipex-cli-files-'));
    mkdirSync(dataPaths(data).trust.dir, { recursive: true });
    writeFileSync(dataPaths(data).trust.root, f.root.pem);
    const signer = { certificate: f.good.directory.certificate, privateKey: f.good.directory.privateKey };
    writeFileSync(join(files, 'dir3.jws'), await signDirectory(await sampleDirectory(f, NOW, 3), signer));
    writeFileSync(join(files, 'dir2.jws'), await signDirectory(await sampleDirectory(f, NOW, 2), signer));
    writeFileSync(join(files, 'crl.pem'), f.crlPem);
  });

  it('installs, shows, and refuses a rollback with exit status 6', async () => {
    const show0 = await runCli(['directory', 'show', '--data', data]);
    expect(show0.code).to.equal(5);
    expect(show0.err).to.contain('[NOT_FOUND]');

    const install = await runCli(['directory', 'install', '--directory', join(files, 'dir3.jws'), '--crl', join(files, 'crl.pem'), '--data', data]);
    expect(install.code, install.err).to.equal(0);
    expect(install.out).to.contain('installed directory 3 of network ipex-test');

    const show = await runCli(['--json', 'directory', 'show', '--data', data]);
    expect(show.code).to.equal(0);
    expect(JSON.parse(show.out).serial).to.equal(3);

    const rollback = await runCli(['directory', 'install', '--directory', join(files, 'dir2.jws'), '--crl', join(files, 'crl.pem'), '--data', data]);
    expect(rollback.code).to.equal(6);
    expect(rollback.err).to.contain('[DIRECTORY_ROLLBACK]');
  });
});
