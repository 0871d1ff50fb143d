/**
 * `npm run package [-- --out DIR]`: the self-contained release archive of issue 13, for an
 * office that must install and upgrade without the internet or a compiler
 * (docs/operations.md "Installing from the release archive"). It holds:
 *
 * - `dist/`, the JavaScript build (with the portal's assets), made fresh from the sources
 *   (scripts/build.ts);
 * - `bin/ipex.js` (the command; with no sources beside it, it runs dist/), `bin/ipex-start` and
 *   `ipex.service` (scripts/release/);
 * - what the runtime reads besides code: `package.json`, `openapi/`, the SQL migrations;
 * - the production node_modules with SQLite compiled for this platform and Node.js ABI
 *   (production-modules.ts), and the docs, so that the operator has them offline;
 * - `release.json` (version, platform, Node.js) and `SHA256SUMS` over every other file,
 *   in the format `sha256sum -c` reads.
 *
 * The archive is `ipex-<version>-linux-x64-node<major>.tar.gz`, with a `.sha256` beside it. Only
 * linux-x64 on Node.js 20 is made, because the compiled module is only good for the platform
 * and Node.js it was built on; elsewhere the script refuses and says so.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRuntime } from './build.js';
import { copyPackages, productionPackages } from './release/production-modules.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface ReleaseArchive {
  readonly archive: string;
  readonly name: string;
  readonly bytes: number;
  readonly files: number;
}

/** Builds the release of `repo` into `outDir`. */
export async function packageRelease(repo: string, outDir: string): Promise<ReleaseArchive> {
  const major = Number(process.versions.node.split('.')[0]);
  if (process.platform !== 'linux' || process.arch !== 'x64' || major !== 20) {
    throw new Error(`releases are made for linux-x64 on Node.js 20 (the compiled SQLite module fits only those); this is ${process.platform}-${process.arch} on Node.js ${process.versions.node}`);
  }
  const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
  const name = `ipex-${version}-linux-x64-node${major}`;
  mkdirSync(outDir, { recursive: true });
  const staging = join(outDir, `.${name}.staging-${process.pid}`);
  const folder = join(staging, name);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(folder, { recursive: true });
    // Built straight into the release (the checkout's own dist/ is left as it is).
    await buildRuntime(repo, relative(repo, join(folder, 'dist')));
    for (const file of ['bin/ipex.js', 'bin/build-state.js', 'package.json', 'package-lock.json', 'README.md', 'SECURITY.md']) copyInto(repo, folder, file);
    cpSync(join(repo, 'openapi'), join(folder, 'openapi'), { recursive: true });
    cpSync(join(repo, 'docs'), join(folder, 'docs'), { recursive: true });
    const migrations = join('node', 'storage', 'migrations');
    mkdirSync(join(folder, migrations), { recursive: true });
    // Both dialects: the SQLite migrations and, in postgres/, the same numbers for PostgreSQL.
    for (const dialect of [migrations, join(migrations, 'postgres')]) {
      mkdirSync(join(folder, dialect), { recursive: true });
      for (const sql of readdirSync(join(repo, dialect)).filter((f) => f.endsWith('.sql'))) copyInto(repo, folder, join(dialect, sql));
    }
    copyInto(repo, folder, 'scripts/release/ipex-start', 'bin/ipex-start');
    copyInto(repo, folder, 'scripts/release/ipex.service', 'ipex.service');
    chmodSync(join(folder, 'bin', 'ipex-start'), 0o755);
    chmodSync(join(folder, 'bin', 'ipex.js'), 0o755);
    copyPackages(repo, folder, productionPackages(repo));
    writeFileSync(join(folder, 'release.json'), `${JSON.stringify({
      format: 'ipex-release/1', version, platform: 'linux', arch: 'x64',
      node: process.versions.node, nodeModuleVersion: process.versions.modules, builtAt: new Date().toISOString(),
    }, null, 2)}\n`);
    const files = writeChecksums(folder);
    const archive = join(outDir, `${name}.tar.gz`);
    const partial = `${archive}.partial-${process.pid}`;
    // Reproducible order and ownership: the archive says nothing of the machine that made it.
    execFileSync('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-czf', partial, '-C', staging, name]);
    renameSync(partial, archive);
    writeFileSync(`${archive}.sha256`, `${sha256(archive)}  ${name}.tar.gz\n`);
    return { archive, name, bytes: statSync(archive).size, files };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function copyInto(repo: string, folder: string, file: string, as: string = file): void {
  mkdirSync(join(folder, as, '..'), { recursive: true });
  copyFileSync(join(repo, file), join(folder, as));
}

/** SHA256SUMS over every file of the folder (symbolic links are not followed); returns the count. */
function writeChecksums(folder: string): number {
  const lines: string[] = [];
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    lines.push(`${sha256(path)}  ${relative(folder, path)}`);
  }
  lines.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1));
  writeFileSync(join(folder, 'SHA256SUMS'), `${lines.join('\n')}\n`);
  return lines.length;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--out');
  if (at !== -1 && process.argv[at + 1] === undefined) {
    process.stderr.write('ipex package: --out needs a folder\n');
    process.exit(2);
  }
  const outDir = resolve(at === -1 ? join(root, 'release') : process.argv[at + 1]!);
  const started = performance.now();
  process.stderr.write(`· making the release archive in ${outDir}\n`);
  packageRelease(root, outDir).then(
    (r) => process.stderr.write(`✓ ${r.archive}: ${(r.bytes / 2 ** 20).toFixed(1)} MiB, ${r.files} files, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`),
    (err: unknown) => {
      process.stderr.write(`ipex package: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
