/**
 * issue 13, "Offline install": `npm run package` makes a release archive that installs into an
 * empty folder, verifies against its SHA256SUMS, and runs a node with no network at all — in a
 * network namespace of its own with nothing but loopback (`unshare -n`, as root) — answering
 * /readyz and `ipex --version` from the build and the compiled SQLite it carries.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/demo/checks.js';
import { packageRelease, type ReleaseArchive } from '../../scripts/package.js';

/** Runs inside the namespace: only loopback, brought up; then the release, offline. */
const OFFLINE_RUN = `set -u
ip link set lo up
echo "links: $(ip -o link | awk -F': ' '{print $2}' | tr '\\n' ' ')"
cd "$1"
echo "version: $(./bin/ipex.js --version)"
IPEX_DATA="$2" ./bin/ipex-start > "$2.out" 2> "$2.err" &
pid=$!
ready=""
for i in $(seq 1 150); do
  ready=$(node -e "fetch('http://127.0.0.1:8080/readyz').then(async (r) => { console.log(r.status + ' ' + await r.text()); process.exit(r.status === 200 ? 0 : 1); }, () => process.exit(1))" 2>/dev/null) && break
  sleep 0.2
done
echo "readyz: $ready"
echo "portal: $(node -e "fetch('http://127.0.0.1:8080/').then((r) => console.log(r.status), () => console.log('down'))")"
kill -TERM $pid
wait $pid
echo "exit: $?"
`;

describe('npm run package: the offline release archive (issue 13)', function () {
  this.timeout(300_000);
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  let work: string;
  let release: ReleaseArchive;
  let installed: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'ipex-package-'));
    release = await packageRelease(REPO_ROOT, join(work, 'out'));
    const target = join(work, 'install');
    mkdirSync(target);
    execFileSync('tar', ['-xzf', release.archive, '-C', target]);
    installed = join(target, release.name);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('is one archive with its checksum, holding the build, production modules and compiled SQLite, and no sources', () => {
    expect(release.name).to.equal(`ipex-${version}-linux-x64-node20`);
    const digest = createHash('sha256').update(readFileSync(release.archive)).digest('hex');
    expect(readFileSync(`${release.archive}.sha256`, 'utf8')).to.equal(`${digest}  ${release.name}.tar.gz\n`);
    for (const file of ['bin/ipex.js', 'bin/ipex-start', 'ipex.service', 'release.json', 'SHA256SUMS', 'dist/build-stamp.json', 'dist/main.js',
      'openapi/office.yaml', 'openapi/exchange.yaml', 'node/storage/migrations/001-node.sql', 'dist/portal/assets/manifest.json',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/pino/package.json', 'docs/operations.md']) {
      expect(existsSync(join(installed, file)), file).to.equal(true);
    }
    const sources = readdirSync(installed, { recursive: true }).map(String).filter((f) => !f.startsWith('node_modules') && /\.ts$/.test(f));
    expect(sources).to.deep.equal([]);
    // No development tools, and nothing that only running the sources needs.
    for (const pkg of ['mocha', 'typescript', 'chai', '@redocly', 'openapi-typescript', 'playwright-core', 'tsx', 'esbuild']) {
      expect(existsSync(join(installed, 'node_modules', pkg)), pkg).to.equal(false);
    }
    expect(JSON.parse(readFileSync(join(installed, 'release.json'), 'utf8'))).to.include({ version, platform: 'linux', arch: 'x64', nodeModuleVersion: process.versions.modules });
  });

  it('verifies against its SHA256SUMS, which lists every file and catches a changed one', () => {
    const check = (): number | null => spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: installed, stdio: 'ignore' }).status;
    expect(check()).to.equal(0);
    const listed = readFileSync(join(installed, 'SHA256SUMS'), 'utf8').trim().split('\n').length;
    expect(listed).to.equal(release.files);
    const files = readdirSync(installed, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name !== 'SHA256SUMS').length;
    expect(listed).to.equal(files);
    const readme = join(installed, 'README.md');
    const original = readFileSync(readme);
    appendFileSync(readme, 'changed\n');
    try {
      expect(check()).to.not.equal(0);
    } finally {
      writeFileSync(readme, original);
    }
  });

  it('starts a node from the installed folder without any network, and answers /readyz and --version', function () {
    if (spawnSync('unshare', ['-n', 'true']).status !== 0) {
      process.stderr.write('      skipped: `unshare -n` is not allowed here (it needs root, or user namespaces): the network cannot be shut off\n');
      this.skip();
    }
    const script = join(work, 'offline.sh');
    writeFileSync(script, OFFLINE_RUN);
    const data = join(work, 'data');
    // HOME and the working folder outside the checkout: nothing of it can be found by the release.
    const run = spawnSync('unshare', ['-n', 'sh', script, installed, data], { encoding: 'utf8', timeout: 120_000, cwd: work, env: { PATH: process.env.PATH ?? '', HOME: work } });
    const said = Object.fromEntries(run.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
    const log = existsSync(`${data}.err`) ? readFileSync(`${data}.err`, 'utf8') : '';
    expect(said.links?.trim(), run.stdout + run.stderr).to.equal('lo');
    expect(said.version).to.equal(version);
    expect(said.readyz, `${run.stdout}\n${log}`).to.match(/^200 /);
    expect(JSON.parse(said.readyz!.slice(4))).to.include({ status: 'ready', version });
    expect(Number(said.portal)).to.be.within(200, 399);
    expect(said.exit).to.equal('0');
    expect(log).to.not.contain('tsx'); // the build ran, not the sources
  });
});
