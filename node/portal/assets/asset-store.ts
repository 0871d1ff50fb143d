/**
 * Where the portal's assets come from at run time (docs/portal.md "Assets"). From the build in
 * dist/ (the node as installed): the hashed files that scripts/build.ts wrote under
 * dist/portal/assets/ with their manifest, read once at start. From the sources (an edited
 * clone, run through tsx): bundled in memory by esbuild at the first request, so that a change
 * to the stylesheet or a browser module shows on the next start without a build step.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALL_ROOT } from '../../config/install-root.js';
import type { Asset, AssetSet } from './bundle.js';

export const ASSET_FOLDER = join('portal', 'assets');
export const ASSET_MANIFEST = 'manifest.json';

/** Content types by extension of the hashed names. */
const TYPES: Readonly<Record<string, string>> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

export class AssetStore {
  #assets: Promise<AssetSet> | undefined;

  /** The assets; built or read on first use, then kept. */
  load(): Promise<AssetSet> {
    this.#assets ??= fromSources() ? import('./bundle.js').then((m) => m.bundleAssets()) : Promise.resolve(readBuilt());
    return this.#assets;
  }

  async url(logical: string): Promise<string> {
    const asset = (await this.load()).get(logical);
    if (asset === undefined) throw new Error(`no portal asset ${logical}`);
    return `/assets/${asset.name}`;
  }

  async byName(name: string): Promise<Asset | undefined> {
    for (const asset of (await this.load()).values()) if (asset.name === name) return asset;
    return undefined;
  }
}

/** True when this module runs from the TypeScript sources rather than the build in dist/. */
function fromSources(): boolean {
  return fileURLToPath(import.meta.url).endsWith('.ts');
}

function readBuilt(): AssetSet {
  const folder = join(INSTALL_ROOT, 'dist', ASSET_FOLDER);
  const manifestPath = join(folder, ASSET_MANIFEST);
  if (!existsSync(manifestPath)) throw new Error(`the portal's assets are missing from ${folder}: run \`npm run build\``);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
  const assets = new Map<string, Asset>();
  for (const [logical, name] of Object.entries(manifest)) {
    assets.set(logical, { name, contentType: TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream', bytes: readFileSync(join(folder, name)) });
  }
  return assets;
}
