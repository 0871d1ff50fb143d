/**
 * The folder ipex is installed in: the one holding its package.json and openapi/. Files that are
 * not code (the OpenAPI documents, the SQL migrations, the version) are found from here, so that
 * the same modules work run from the TypeScript sources and from the JavaScript build in dist/,
 * which sits one level deeper.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from `start` to the first folder with both package.json and openapi/. */
export function findInstallRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'openapi'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no ipex installation (package.json beside openapi/) above ${start}`);
    dir = parent;
  }
}

/** Absolute path of the installation. */
export const INSTALL_ROOT: string = findInstallRoot(dirname(fileURLToPath(import.meta.url)));
