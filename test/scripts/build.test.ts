/**
 * scripts/build.ts bundles the runtime's TypeScript into JavaScript that runs without tsx, swaps
 * a new build in only when it is complete, and the real sources build into a working `ipex`
 * whose worker threads are found beside the chunks that start them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { STAMP_FILE, buildIsCurrent, sourceFiles } from '../../bin/build-state.js';
import { WORKER_ENTRIES, buildRuntime } from '../../scripts/build.js';

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

  it('bundles the command into dist/main.js, with a stamp of the sources', async () => {
    expect(await buildRuntime(root)).to.equal(5);
    const main = readFileSync(join(root, 'dist/main.js'), 'utf8');
    // one module for what main.ts imports statically (issue 14, CLI start-up), not one per source
    expect(main).to.match(/function twice/);
    expect(readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js'))).to.deep.equal(['main.js']);
    expect(existsSync(join(root, 'dist/protocol/twice.js'))).to.equal(false);
    const manifest = JSON.parse(readFileSync(join(root, 'dist/portal/assets/manifest.json'), 'utf8')) as Record<string, string>;
    expect(manifest['portal.css']).to.match(/^portal\.[0-9a-f]{12}\.css$/);
    expect(manifest['portal.js']).to.match(/^portal\.[0-9a-f]{12}\.js$/);
    expect(readFileSync(join(root, 'dist/portal/assets', manifest['portal.js']!), 'utf8')).to.not.match(/: string/);
    expect(main).to.not.match(/: number|import type/);
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(join(root, 'dist/main.js'))}).then((m) => console.log(m.answer))`], { encoding: 'utf8' });
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
    expect(existsSync(join(root, 'dist/main.js'))).to.equal(true);
    expect(buildIsCurrent(root), 'the old build no longer matches the sources').to.equal(false);
  });

  it('builds the real sources into an ipex that runs without tsx and finds its files', async () => {
    const out = `.test-dist-${process.pid}`;
    try {
      await buildRuntime(REPO, out);
      const script = [
        `const { main } = await import(${JSON.stringify(join(REPO, out, 'main.js'))});`,
        "process.exitCode = await main(['node', 'ipex', '--help']) || await main(['node', 'ipex', '--version']);",
      ].join('\n');
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
      expect(run.status, run.stderr).to.equal(0);
      expect(run.stdout).to.include('Usage: ipex');
      // issue 10, item 10: `ipex --version` finds package.json from dist/ too
      const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
      expect(run.stdout.trim().split('\n').at(-1)).to.equal(version);
      // The migrations and the OpenAPI documents, found from a chunk of the bundle; a release
      // (test/scripts/package.test.ts) starts a whole node from it.
      const chunks = readdirSync(join(REPO, out)).filter((f) => f.endsWith('.js'));
      const findsFiles = [
        "const fs = await import('node:fs');",
        `for (const chunk of ${JSON.stringify(chunks)}) {`,
        `  const m = await import(${JSON.stringify(pathToFileURL(join(REPO, out)).href)} + '/' + chunk);`,
        '  for (const v of Object.values(m)) if (typeof v === \'function\' && v.name === \'loadMigrations\') console.log(\'migrations\', v().length > 0);',
        '  for (const v of Object.values(m)) if (typeof v === \'function\' && v.name === \'openapiPath\') console.log(\'openapi\', fs.existsSync(v(\'exchange\')));',
        '}',
      ].join('\n');
      const found = spawnSync(process.execPath, ['--input-type=module', '-e', findsFiles], { cwd: '/', encoding: 'utf8' });
      expect(found.stdout.trim().split('\n').sort(), found.stderr).to.deep.equal(['migrations true', 'openapi true']);
      // and the OpenAPI documents parsed, so that a node starts without js-yaml (prepared-document.ts)
      for (const name of ['exchange', 'office']) expect(existsSync(join(REPO, out, 'openapi', `${name}.json`)), name).to.equal(true);
    } finally {
      rmSync(join(REPO, out), { recursive: true, force: true });
    }
  });

  it('builds every module started as a worker thread or cluster worker as an entry beside the chunks that start it', async () => {
    // The sources' workers: `new URL(`./NAME.${…}`, import.meta.url)` in a module that calls `new Worker(` or `cluster.setupPrimary(`.
    const started: string[] = [];
    for (const file of sourceFiles(REPO).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(REPO, file), 'utf8');
      if (!text.includes('new Worker(') && !text.includes('cluster.setupPrimary(')) continue;
      for (const [, name] of text.matchAll(/new URL\(`\.\/([\w-]+)\.\$\{/g)) started.push(join(file, '..', `${name}.ts`));
    }
    expect(started.sort()).to.deep.equal([...WORKER_ENTRIES].sort());
    const out = `.test-dist-workers-${process.pid}`;
    try {
      await buildRuntime(REPO, out);
      const files = readdirSync(join(REPO, out), { recursive: true }).map(String);
      for (const worker of WORKER_ENTRIES) {
        const name = worker.split('/').at(-1)!.replace(/\.ts$/, '');
        expect(files, name).to.include(`${name}.js`);
        // every chunk that names the worker is in the same folder, so its relative URL finds it
        const naming = files.filter((f) => f.endsWith('.js') && readFileSync(join(REPO, out, f), 'utf8').includes(`./${name}.`));
        expect(naming.length, name).to.be.greaterThan(0);
        for (const f of naming) expect(f, `${f} starts ${name}`).to.not.include('/');
      }
      // The audit verifier's worker runs from the build: it scans a one-line range of a file and hashes its leaf.
      const lines = join(REPO, out, 'entries.jsonl');
      writeFileSync(lines, '{"x":1}\n');
      const script = [
        "const { Worker } = await import('node:worker_threads');",
        "const { openSync } = await import('node:fs');",
        `const w = new Worker(new URL(${JSON.stringify(pathToFileURL(join(REPO, out, 'entry-worker.js')).href)}));`,
        `const fd = openSync(${JSON.stringify(lines)}, 'r');`,
        "w.on('message', (m) => { console.log(JSON.stringify({ ok: m.ok, count: m.value?.count, bytes: m.value?.leaves.length })); void w.terminate(); });",
        "w.postMessage({ id: 1, kind: 'scan', fd, request: { from: 0, to: 8, office: undefined, base: 0, prevLeaf: undefined, atEnd: true } });",
      ].join('\n');
      // A file, not `-e`: a worker inherits `--input-type`, which only `-e` may take.
      writeFileSync(join(REPO, out, 'try-worker.mjs'), script);
      const run = spawnSync(process.execPath, [join(REPO, out, 'try-worker.mjs')], { encoding: 'utf8', timeout: 30_000 });
      expect(JSON.parse(run.stdout.trim() || '{}'), run.stderr).to.deep.equal({ ok: true, count: 1, bytes: 32 });
    } finally {
      rmSync(join(REPO, out), { recursive: true, force: true });
    }
  });
});
