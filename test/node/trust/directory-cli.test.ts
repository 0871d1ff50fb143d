import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFixtures, type Fixtures } from '../../../certs/fixtures.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { main } from '../../../node/cli/main.js';
import { signDirectory } from '../../../protocol/directory/index.js';
import { sampleDirectory } from '../../protocol/directory/sample.js';

// The CLI uses the system clock, so the fixtures are made around the real time.
const NOW = new Date();

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'ipex', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

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
    const show0 = await run(['directory', 'show', '--data', data]);
    expect(show0.code).to.equal(5);
    expect(show0.stderr).to.contain('[NOT_FOUND]');

    const install = await run(['directory', 'install', '--directory', join(files, 'dir3.jws'), '--crl', join(files, 'crl.pem'), '--data', data]);
    expect(install.code, install.stderr).to.equal(0);
    expect(install.stdout).to.contain('installed directory 3 of network ipex-test');

    const show = await run(['--json', 'directory', 'show', '--data', data]);
    expect(show.code).to.equal(0);
    expect(JSON.parse(show.stdout).serial).to.equal(3);

    const rollback = await run(['directory', 'install', '--directory', join(files, 'dir2.jws'), '--crl', join(files, 'crl.pem'), '--data', data]);
    expect(rollback.code).to.equal(6);
    expect(rollback.stderr).to.contain('[DIRECTORY_ROLLBACK]');
  });
});
