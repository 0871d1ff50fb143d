/**
 * Writing a certified-copy bundle as a folder (docs/design.md §5; the layout is in
 * bundle-layout.ts, the ZIP form in bundle-zip.ts, verification in bundle-verify.ts). The
 * folder appears whole or not at all (createDirAtomic): a failure half-way leaves nothing.
 * Parts are copied file to file, never read into memory.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDirAtomic } from '../files/atomic-write.js';
import { BUNDLE_FILES, bundleFiles, type BundleSpec } from './bundle-layout.js';

export { BUNDLE_FILES, BUNDLE_README, type BundleSpec } from './bundle-layout.js';
export { writeBundleZip } from './bundle-zip.js';
export { verifyBundle, type BundleReport, type BundleCheck, type BundleOptions } from './bundle-verify.js';

/**
 * Writes the bundle folder `dir`, which must not exist yet (fails with EEXIST).
 *
 * @throws IpexError PART_NAME_INVALID, PART_MISSING (a part without signature),
 *   PART_UNEXPECTED (a signature without part)
 * @example await writeBundle('out/EP-23123456', { manifestJws, parts, p7s, chainPem });
 */
export async function writeBundle(dir: string, spec: BundleSpec): Promise<void> {
  const files = bundleFiles(spec); // validate before anything is created
  await createDirAtomic(dir, async (tmp) => {
    await mkdir(join(tmp, BUNDLE_FILES.partsDir));
    for (const file of files) {
      const target = join(tmp, ...file.path.split('/'));
      if ('file' in file) await copyFile(file.file, target);
      else await writeFile(target, file.bytes, { flag: 'wx' });
    }
  });
}
