/**
 * `npm run build` (also run by `npm install` through `prepare`): bundles the runtime's
 * TypeScript (protocol/, node/, certs/) into JavaScript under dist/ and records the fingerprint
 * of the sources it was made from (bin/build-state.js). The `ipex` command runs this build while
 * it matches the sources: no TypeScript loader in the node process, which saves tens of
 * megabytes and most of the start-up time. Type checking is `npm run typecheck`'s job; this only
 * strips types and bundles (esbuild), so it takes about a second.
 *
 * The build is a bundle with code splitting (issue 14, CLI start-up), not one file per source:
 * resolving, reading and linking a few hundred small ES modules was most of what a command such
 * as `ipex documents list` cost. `dist/main.js` is the command (bin/ipex.js imports it); each
 * command group and everything else loaded by a dynamic `import()` is a chunk beside it, so a
 * command still loads only what it uses. Every output sits flat in dist/, so a module that starts
 * a worker thread or a cluster worker by a URL next to itself (`new URL('./entry-worker.js', import.meta.url)`) finds
 * the worker, built as an entry of its own (WORKER_ENTRIES), wherever the bundler put the module.
 * Files that are not code are found from the installation root (node/config/install-root.ts).
 * Packages stay external: they load from node_modules as before (the native SQLite module and
 * the optional pg and @aws-sdk clients must, and some read files next to themselves).
 *
 * The portal's browser assets (its stylesheet and node/portal/browser/) are bundled, minified
 * and named by their hash into dist/portal/assets/ with a manifest (node/portal/assets/). The
 * OpenAPI documents are parsed into dist/openapi/ (node/http/openapi/prepared-document.ts).
 *
 * The new build is written beside the old one and swapped in at the end: an interrupted build
 * leaves the previous one (or none), never half of one.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_FOLDER, STAMP_FILE, sourceFiles, sourceFingerprint } from '../bin/build-state.js';
import { bundleAssets } from '../node/portal/assets/bundle.js';
import { ASSET_FOLDER, ASSET_MANIFEST } from '../node/portal/assets/asset-store.js';
import { writePreparedDocuments } from '../node/http/openapi/prepared-document.js';

/** The `ipex` command; built as dist/main.js. */
export const CLI_ENTRY = join('node', 'cli', 'main.ts');

/**
 * Modules that are started as worker threads by a URL beside the module that starts them; each
 * is an entry of the build, dist/<name>.js. test/scripts/build.test.ts holds this list to the
 * sources' `new Worker(` calls.
 */
export const WORKER_ENTRIES: readonly string[] = [
  join('protocol', 'audit', 'entry-worker.ts'),
  join('node', 'storage', 'postgres', 'pg-worker.ts'),
  join('node', 'runtime', 'exchange-worker-main.ts'),
];

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds `root`'s runtime sources into `root/<outFolder>`; returns the number of source files. */
export async function buildRuntime(buildRoot: string, outFolder: string = BUILD_FOLDER): Promise<number> {
  const files = sourceFiles(buildRoot);
  // Taken before transpiling: a source edited while the build runs makes the stamp stale.
  const fingerprint = sourceFingerprint(buildRoot, files);
  const out = join(buildRoot, outFolder);
  const next = `${out}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  try {
    await build({
      absWorkingDir: buildRoot,
      // A tree without some worker (a test's small tree) builds what it has.
      entryPoints: [CLI_ENTRY, ...WORKER_ENTRIES].filter((f) => existsSync(join(buildRoot, f))),
      outdir: next,
      entryNames: '[name]',
      chunkNames: '[name]-[hash]',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      bundle: true,
      splitting: true,
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'silent', // esbuild's errors come back in the thrown message
    });
    await writeAssets(buildRoot, join(next, ASSET_FOLDER));
    writePreparedDocuments(buildRoot, next);
    writeFileSync(join(next, STAMP_FILE), `${JSON.stringify({ fingerprint, files: files.length, builtAt: new Date().toISOString() }, null, 2)}\n`);
    const old = `${out}.old-${process.pid}`;
    if (existsSync(out)) renameSync(out, old);
    renameSync(next, out);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(next, { recursive: true, force: true });
  }
  return files.length;
}

async function writeAssets(buildRoot: string, folder: string): Promise<void> {
  const assets = await bundleAssets(buildRoot);
  mkdirSync(folder, { recursive: true });
  const manifest: Record<string, string> = {};
  for (const [logical, asset] of assets) {
    writeFileSync(join(folder, asset.name), asset.bytes);
    manifest[logical] = asset.name;
  }
  writeFileSync(join(folder, ASSET_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  process.stderr.write(`· building ${BUILD_FOLDER}/ from the TypeScript sources\n`);
  buildRuntime(root).then(
    (count) => process.stderr.write(`✓ built ${count} modules into ${BUILD_FOLDER}/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`),
    (err: unknown) => {
      process.stderr.write(`ipex build: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
