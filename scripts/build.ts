/**
 * `npm run build` (also run by `npm install` through `prepare`): transpiles the runtime's
 * TypeScript (protocol/, node/, certs/) file by file into JavaScript under dist/, with the same
 * layout, and records the fingerprint of the sources it was made from (bin/build-state.js). The
 * `ipex` command runs this build while it matches the sources: no TypeScript loader in the node
 * process, which saves tens of megabytes and most of the start-up time. Type checking is
 * `npm run typecheck`'s job; this only strips types (esbuild), so it takes well under a second.
 *
 * The portal's browser assets (its stylesheet and node/portal/browser/) are bundled, minified
 * and named by their hash into dist/portal/assets/ with a manifest (node/portal/assets/).
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

/** Browser modules are bundled for the browser (bundleAssets), not transpiled for the node. */
const BROWSER_FOLDER = join('node', 'portal', 'browser');

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds `root`'s runtime sources into `root/<outFolder>`; returns the number of files. */
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
      entryPoints: files.filter((f) => f.endsWith('.ts') && !f.startsWith(BROWSER_FOLDER)),
      outdir: next,
      outbase: '.',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      bundle: false,
      sourcemap: 'linked',
      logLevel: 'silent', // esbuild's errors come back in the thrown message
    });
    await writeAssets(buildRoot, join(next, ASSET_FOLDER));
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
