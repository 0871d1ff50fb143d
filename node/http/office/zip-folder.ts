/**
 * A folder sent as a ZIP (the audit bundle's download, issue 11): every file under it, by its
 * path relative to the folder, streamed from disk into the answer as it is zipped (yazl), never
 * held whole in memory.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function zipFolder(folder: string, out: Writable): Promise<void> {
  const { ZipFile } = await import('yazl'); // loaded when first needed, like the bundle writers
  const zip = new ZipFile();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    zip.addFile(path, relative(folder, path).split(sep).join('/'));
  }
  zip.end();
  await pipeline(zip.outputStream, out);
}
