/**
 * The modules a source module loads when it is imported: the closure of its static `import` and
 * `export … from` declarations, read from each source as the build transpiles it (esbuild, which
 * drops type-only imports), so what the bundle in dist/ loads: esbuild puts each module in a
 * chunk with the modules that the same entries and `import()` targets reach statically. Dynamic
 * `import()` is what defers a module, so it is not followed. Relative specifiers are resolved to the TypeScript sources;
 * packages are kept by name. For the start-up tests: what a command loads is what it costs
 * (issue 14).
 */
import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { INSTALL_ROOT } from '../../node/config/install-root.js';

const STATIC = /^\s*(?:import|export)\s(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;

/** Paths relative to the installation root (`node/cli/main.ts`) and package names, of everything `entry` loads. */
export function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { code } = transformSync(readFileSync(join(INSTALL_ROOT, file), 'utf8'), { loader: 'ts', format: 'esm', target: 'node20' });
    for (const [, specifier] of code.matchAll(STATIC)) {
      if (specifier!.startsWith('.')) pending.push(relative(INSTALL_ROOT, join(INSTALL_ROOT, dirname(file), specifier!)).replace(/\.js$/, '.ts'));
      else if (!specifier!.startsWith('node:')) seen.add(packageName(specifier!));
    }
  }
  return seen;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
