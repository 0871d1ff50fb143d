/**
 * issue 10, item 14 "No dead dependencies": every runtime dependency in package.json is imported
 * by the code that ships (bin/, protocol/, node/, certs/, scripts/). A package that nothing
 * imports is attack surface and install weight for nothing (axios was one; node-forge was one
 * until PKCS#12 import used it).
 */
import { expect } from 'chai';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/demo/checks.js';

const SHIPPED = ['bin', 'protocol', 'node', 'certs', 'scripts'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/**
 * The package names a source text imports: `from 'x'`, `import 'x'`, `import('x')`, subpaths
 * included; and files it resolves in a package, `resolve('x/…')` (fonts, issue 11).
 */
function importedPackages(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*|\bresolve\(\s*)['"]([^'".][^'"]*)['"]/g)) {
    const spec = m[1]!;
    if (spec.startsWith('node:')) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return names;
}

describe('package.json: no dead dependencies (issue 10, item 14)', () => {
  it('imports every runtime dependency somewhere in the shipped code', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const used = new Set<string>();
    for (const dir of SHIPPED) {
      for (const file of sources(join(REPO_ROOT, dir))) for (const name of importedPackages(readFileSync(file, 'utf8'))) used.add(name);
    }
    const dead = Object.keys(pkg.dependencies).filter((name) => !used.has(name));
    expect(dead, 'dependencies nothing imports').to.deep.equal([]);
  });

  it('recognises the import forms it looks for', () => {
    const text = "import forge from 'node-forge';\nimport '../x.js';\nconst { register } = await import('tsx/esm/api');\nimport { X } from \"@peculiar/x509\";\nimport type { Y } from 'node:fs';\nrequire.resolve('dejavu-fonts-ttf/package.json');";
    expect([...importedPackages(text)].sort()).to.deep.equal(['@peculiar/x509', 'dejavu-fonts-ttf', 'node-forge', 'tsx']);
  });
});
