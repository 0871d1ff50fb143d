/**
 * scripts/build.ts turns the runtime's TypeScript into JavaScript that runs without tsx, swaps a
 * new build in only when it is complete, and the real sources build into a working `ipex`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { STAMP_FILE, buildIsCurrent } from '../../bin/build-state.js';
import { buildRuntime } from '../../scripts/build.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('scripts/build', function () {
  this.timeout(60_000);
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ipex-build-'));
    mkdirSync(join(root, 'protocol'));
    mkdirSync(join(root, 'node/cli'), { recursive: true });
    mkdirSync(join(root, 'certs'));
    writeFileSync(join(root, 'protocol/twice.ts'), 'export function twice(n: number): number { return n * 2; }\n');
    writeFileSync(join(root, 'node/cli/main.ts'), "import type { Buffer } from 'node:buffer';\nimport { twice } from '../../protocol/twice.js';\nexport const answer: number = twice(21);\nexport type B = Buffer;\n");
    writeFileSync(join(root, 'certs/empty.ts'), 'export {};\n');
    // The portal's browser assets are part of every build (node/portal/assets/bundle.ts).
    mkdirSync(join(root, 'node/portal/assets'), { recursive: true });
    mkdirSync(join(root, 'node/portal/browser'));
    writeFileSync(join(root, 'node/portal/assets/portal.css'), 'body {\n  margin-inline-start: 0;\n}\n');
    writeFileSync(join(root, 'node/portal/browser/main.ts'), "const greeting: string = 'ipex';\ndocument.title = greeting;\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes plain JavaScript with the same layout and a stamp of the sources', async () => {
    expect(await buildRuntime(root)).to.equal(5);
    const main = readFileSync(join(root, 'dist/node/cli/main.js'), 'utf8');
    // the browser module is bundled for the browser, not transpiled beside the node's modules
    expect(existsSync(join(root, 'dist/node/portal/browser/main.js'))).to.equal(false);
    const manifest = JSON.parse(readFileSync(join(root, 'dist/portal/assets/manifest.json'), 'utf8')) as Record<string, string>;
    expect(manifest['portal.css']).to.match(/^portal\.[0-9a-f]{12}\.css$/);
    expect(manifest['portal.js']).to.match(/^portal\.[0-9a-f]{12}\.js$/);
    expect(readFileSync(join(root, 'dist/portal/assets', manifest['portal.js']!), 'utf8')).to.not.match(/: string/);
    expect(main).to.not.match(/: number|import type/);
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(join(root, 'dist/node/cli/main.js'))}).then((m) => console.log(m.answer))`], { encoding: 'utf8' });
    expect(run.stdout.trim(), run.stderr).to.equal('42');
    expect(buildIsCurrent(root)).to.equal(true);
  });

  it('keeps the previous build when a source does not compile', async () => {
    await buildRuntime(root);
    const before = readFileSync(join(root, 'dist', STAMP_FILE), 'utf8');
    writeFileSync(join(root, 'protocol/twice.ts'), 'export function twice(n: number { return n * 2; }\n');
    let failed = false;
    try {
      await buildRuntime(root);
    } catch {
      failed = true;
    }
    expect(failed, 'the build of a broken source fails').to.equal(true);
    expect(readFileSync(join(root, 'dist', STAMP_FILE), 'utf8')).to.equal(before);
    expect(existsSync(join(root, 'dist/protocol/twice.js'))).to.equal(true);
    expect(buildIsCurrent(root), 'the old build no longer matches the sources').to.equal(false);
  });

  it('builds the real sources into an ipex that runs without tsx and finds its files', async () => {
    const out = `.test-dist-${process.pid}`;
    try {
      await buildRuntime(REPO, out);
      const script = [
        `const { main } = await import(${JSON.stringify(join(REPO, out, 'node/cli/main.js'))});`,
        `const { loadMigrations } = await import(${JSON.stringify(join(REPO, out, 'node/storage/migrations.js'))});`,
        `const { openapiPath } = await import(${JSON.stringify(join(REPO, out, 'node/http/openapi-path.js'))});`,
        "const fs = await import('node:fs');",
        "console.log(loadMigrations().length > 0, fs.existsSync(openapiPath('exchange')));",
        "process.exitCode = await main(['node', 'ipex', '--help']) || await main(['node', 'ipex', '--version']);",
      ].join('\n');
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
      expect(run.status, run.stderr).to.equal(0);
      expect(run.stdout).to.include('true true');
      expect(run.stdout).to.include('Usage: ipex');
      // issue 10, item 10: `ipex --version` finds package.json from dist/ too
      const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
      expect(run.stdout.trim().split('\n').at(-1)).to.equal(version);
    } finally {
      rmSync(join(REPO, out), { recursive: true, force: true });
    }
  });
});
