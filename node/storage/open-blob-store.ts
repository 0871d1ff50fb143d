/**
 * The blob store a node's configuration names (`storage.blobs`, docs/configuration.md): the
 * `blobs/` folder of the data folder, or an S3-compatible object store. The one place both the
 * running node and the commands build it, so that they can never disagree about where parts are.
 * Opening the object store reads its keys and checks the bucket, so that a wrong endpoint, bucket
 * or key stops the start with CONFIG_INVALID naming them, not a failed deposit later.
 */
import type { NodeConfig } from '../config/config.js';
import { dataPaths } from '../config/data-dir.js';
import type { BlobSettings } from '../config/storage-settings.js';
import type { BlobStore } from './blob-store.js';
import { FsBlobStore } from './fs-blob-store.js';

export interface OpenedBlobStore {
  readonly blobs: BlobStore;
  /** Removes what interrupted puts left (the folder's tmp/; the bucket's day-old tmp/ objects and uploads). */
  cleanTemp(now: Date): Promise<number>;
  /** Lets go of connections. */
  close(): void;
}

export async function openBlobStore(config: Pick<NodeConfig, 'dataDir' | 'storage'>, options: { readonly check?: boolean } = {}): Promise<OpenedBlobStore> {
  return openBlobSettings(config.storage.blobs, config.dataDir, options);
}

export async function openBlobSettings(settings: BlobSettings, dataDir: string, options: { readonly check?: boolean } = {}): Promise<OpenedBlobStore> {
  if (settings.kind === 'folder') {
    const blobs = new FsBlobStore(dataPaths(dataDir).blobs);
    return { blobs, cleanTemp: () => blobs.cleanTemp(), close: () => {} };
  }
  // Loaded only for a node on an object store: the AWS SDK costs every other start and command
  // (and every process's heap) time for nothing.
  const [{ S3BlobStore }, { createS3Client, s3Credentials }] = await Promise.all([import('./s3-blob-store.js'), import('./s3-client.js')]);
  const blobs = new S3BlobStore(createS3Client(settings, s3Credentials(settings)), settings);
  try {
    if (options.check !== false) await blobs.checkBucket();
  } catch (err) {
    blobs.close();
    throw err;
  }
  return { blobs, cleanTemp: (now) => blobs.cleanTemp(now), close: () => blobs.close() };
}
