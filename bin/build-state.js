// Whether the JavaScript build in dist/ was made from the TypeScript sources as they are now.
// Plain JavaScript because it runs before any TypeScript can be loaded. The build records a
// fingerprint of the sources (each file's path, size and modification time); a source that is
// edited, added or removed afterwards changes it, and the `ipex` command then runs the sources
// through tsx instead of an outdated build. A release (scripts/package.ts) has no sources and
// runs its build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** The folders whose TypeScript makes up the runtime (scripts, tests and benchmarks run from source). */
export const SOURCE_FOLDERS = ['protocol', 'node', 'certs'];
/** Where the build goes, under the installation root. */
export const BUILD_FOLDER = 'dist';
/** The build's record of what it was made from. */
export const STAMP_FILE = 'build-stamp.json';

/** What the build is made from: TypeScript, and the portal's stylesheet (bundled with its browser modules). */
export const SOURCE_EXTENSIONS = ['.ts', '.css'];

/**
 * The runtime's source files under `root`, as sorted relative paths (none in a release). This
 * runs before every command of a checkout, so it walks the folders with one plain readdir each
 * and joins paths as strings: `readdirSync`'s `recursive` option and path.join/relative per file
 * took 20-60 ms of `ipex documents list` (docs/benchmarks.md "CLI start-up").
 */
export function sourceFiles(root) {
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = `${folder}${sep}${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) files.push(path);
    }
  };
  for (const folder of SOURCE_FOLDERS) if (existsSync(join(root, folder))) walk(folder);
  return files.sort();
}

/** Hex SHA-256 over each source's path, size and modification time. */
export function sourceFingerprint(root, files = sourceFiles(root)) {
  const hash = createHash('sha256');
  const base = `${root}${sep}`;
  for (const file of files) {
    const stat = statSync(base + file);
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/**
 * True when `root/dist` holds a build of the sources exactly as they are now, or when there are
 * no sources at all: a release archive (scripts/package.ts) ships the build alone, and then the
 * build is all there is to run.
 */
export function buildIsCurrent(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, BUILD_FOLDER, STAMP_FILE), 'utf8'));
  } catch {
    return false;
  }
  try {
    const files = sourceFiles(root);
    if (files.length === 0) return typeof stamp?.fingerprint === 'string';
    return typeof stamp?.fingerprint === 'string' && stamp.fingerprint === sourceFingerprint(root, files);
  } catch {
    return false;
  }
}
