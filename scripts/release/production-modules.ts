/**
 * The node_modules of a release (scripts/package.ts): the packages the built node loads, taken
 * from this installation's node_modules as package-lock.json resolves them, so that making a
 * release needs no registry and no compiler — the SQLite module is the one `npm ci` compiled
 * here. Walked from package.json's dependencies by npm's own lookup (the nearest node_modules
 * up from the package that asks), so a devDependency never comes along.
 *
 * Left out: what only running from the TypeScript sources needs (tsx, esbuild: a release has
 * no sources, bin/build-state.js), and better-sqlite3's C sources and build leftovers (its
 * compiled module is all it loads).
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Dependencies only the sources need: the build in dist/ is what a release runs. */
export const SOURCE_ONLY = new Set(['tsx', 'esbuild']);

/** What better-sqlite3 keeps: its JavaScript and the compiled module. */
const SQLITE_PRUNE = ['deps', 'src', 'binding.gyp', 'build/Release/obj', 'build/Release/obj.target', 'build/Release/.deps',
  'build/Release/sqlite3.a', 'build/Release/test_extension.node', 'build/deps', 'build/Makefile', 'build/config.gypi',
  'build/better_sqlite3.target.mk', 'build/test_extension.target.mk', 'build/binding.Makefile'];

interface LockEntry {
  readonly dev?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** The lockfile paths (`node_modules/a`, `node_modules/a/node_modules/b`) of the packages a release needs. */
export function productionPackages(root: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const needed = new Set<string>();
  const visit = (from: string, name: string, optional: boolean): void => {
    const path = resolveFrom(lock.packages, from, name);
    if (path === undefined) {
      if (optional) return; // an optional dependency of another platform
      throw new Error(`package-lock.json does not resolve ${name} (needed by ${from || 'ipex'}): run npm ci`);
    }
    if (needed.has(path)) return;
    needed.add(path);
    const entry = lock.packages[path]!;
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(path, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(path, dep, true);
    for (const dep of Object.keys(entry.peerDependencies ?? {})) visit(path, dep, true);
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) if (!SOURCE_ONLY.has(name)) visit('', name, false);
  return [...needed].sort();
}

/** npm's lookup: `from/node_modules/name`, then each folder up, then the top. */
function resolveFrom(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const up = base.lastIndexOf('/node_modules/');
    base = up === -1 ? '' : base.slice(0, up);
  }
}

/** Copies the packages into `target` (a release folder), each without its own nested packages unless needed. */
export function copyPackages(root: string, target: string, paths: readonly string[]): void {
  const wanted = new Set(paths);
  for (const path of paths) {
    const from = join(root, path);
    if (!existsSync(from)) throw new Error(`${path} is in package-lock.json but not installed: run npm ci`);
    cpSync(from, join(target, path), {
      recursive: true,
      // A nested node_modules folder comes along only as the packages in it that are needed.
      filter: (source) => !isNestedPackage(root, path, source) || wanted.has(relativePackage(root, source)),
    });
  }
  const sqlite = join(target, 'node_modules', 'better-sqlite3');
  for (const leftover of SQLITE_PRUNE) rmSync(join(sqlite, leftover), { recursive: true, force: true });
  if (!existsSync(join(sqlite, 'build', 'Release', 'better_sqlite3.node'))) throw new Error('better-sqlite3 has no compiled module: run npm ci');
}

/** True for a package folder directly under a nested node_modules of `path`. */
function isNestedPackage(root: string, path: string, source: string): boolean {
  const rel = source.slice(join(root, path).length + 1);
  return /^node_modules\/(@[^/]+\/)?[^/@]+$/.test(rel) && dirname(rel) !== '.';
}

function relativePackage(root: string, source: string): string {
  return source.slice(root.length + (root.endsWith('/') ? 0 : 1));
}
