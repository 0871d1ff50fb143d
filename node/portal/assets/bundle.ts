/**
 * The portal's browser assets (docs/portal.md "Assets"): the one stylesheet and the browser
 * modules of node/portal/browser/, bundled and minified by esbuild — the same tool that builds
 * the node — and named by a hash of their bytes, so that they can be cached for a year and a
 * new release is fetched at once. Used by the install-time build (scripts/build.ts, which writes
 * them under dist/portal/assets/) and, when the node runs from the sources, at the first request
 * (asset-store.ts). esbuild is imported only here, so a node running from dist/ never loads it.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build } from 'esbuild';
import { INSTALL_ROOT } from '../../config/install-root.js';

export interface Asset {
  /** The hashed file name, e.g. `portal.3f9a0c1b2d4e.js`. */
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** Logical names (what pages ask for) → assets. */
export type AssetSet = ReadonlyMap<string, Asset>;

const ENTRIES = [
  { logical: 'portal.css', entry: join('node', 'portal', 'assets', 'portal.css'), contentType: 'text/css; charset=utf-8' },
  { logical: 'portal.js', entry: join('node', 'portal', 'browser', 'main.ts'), contentType: 'text/javascript; charset=utf-8' },
] as const;

export async function bundleAssets(root: string = INSTALL_ROOT): Promise<AssetSet> {
  const assets = new Map<string, Asset>();
  for (const { logical, entry, contentType } of ENTRIES) {
    const result = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      target: ['es2020', 'chrome80', 'firefox78', 'safari14'],
      legalComments: 'none',
      logLevel: 'silent',
    });
    const bytes = Buffer.from(result.outputFiles[0]!.contents);
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    const [base, ext] = logical.split('.') as [string, string];
    assets.set(logical, { name: `${base}.${hash}.${ext}`, contentType, bytes });
  }
  return assets;
}
