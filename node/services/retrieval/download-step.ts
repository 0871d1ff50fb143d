/**
 * Step 2 of a retrieval: download every part (resumable, verified against the manifest's
 * SHA-256 while it lands) into the blob store, and each part's detached CMS signature into
 * the job folder. A part already in the blob store is not downloaded again, so a job that
 * restarts after a crash only fetches what it lacks.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_P7S_SIZE } from '../../../protocol/certification/index.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { writeFileAtomic } from '../../../protocol/files/atomic-write.js';
import type { JobRow } from './job-store.js';
import { peerLink } from './peer-links.js';
import type { RemoteDocument } from './request-step.js';
import { jobFolder, type RetrievalDeps } from './retrieval-deps.js';

export async function downloadParts(deps: RetrievalDeps, job: JobRow, onProgress?: (part: string, received: number, total: number) => void): Promise<void> {
  const { context, client, jobs } = deps;
  const remote = remoteOf(job);
  const dir = jobFolder(context, job.jobId);
  mkdirSync(join(dir, 'parts'), { recursive: true });
  for (const part of remote.document.parts) {
    const url = peerLink(remote.base, part.url);
    if (!(await context.blobs.has(part.sha256))) {
      const dest = join(dir, 'parts', part.name); // the name passed the manifest's safe-name check
      await client.download({
        url, dest, expectedSize: part.size, expectedSha256: part.sha256,
        ...(onProgress === undefined ? {} : { onProgress: (n: number, total: number) => onProgress(part.name, n, total) }),
      });
      await context.blobs.put(createReadStream(dest), { expectedSha256: part.sha256, expectedSize: part.size });
      await rm(dest, { force: true });
    }
    const p7sPath = p7sFile(deps, job, part.name);
    if (!existsSync(p7sPath)) {
      const res = await client.request({ method: 'GET', url: `${url.replace(/\?.*$/, '')}/signature`, accept: 'application/pkcs7-signature, application/problem+json' });
      if (res.body.length === 0 || res.body.length > MAX_P7S_SIZE) {
        throw new IpexError('PEER_RESPONSE_INVALID', `the CMS signature of part ${part.name} is empty or larger than ${MAX_P7S_SIZE} bytes`);
      }
      writeFileAtomic(p7sPath, res.body);
    }
  }
  jobs.update(job.jobId, { state: 'verifying' }, context.clock.now().toISOString());
}

/** What a job in `downloading` holds of each part so far, read from the data folder. */
export interface PartProgress {
  readonly name: string;
  readonly received: number;
  readonly total: number;
}

/**
 * The bytes of each part that a downloading job holds, whichever process downloads them (the
 * node's worker, or this one): a part in the blob store is whole, one in progress is its file.
 */
export async function partsProgress(context: RetrievalDeps['context'], job: JobRow): Promise<PartProgress[]> {
  if (job.remoteDocument === null) return [];
  const dir = join(jobFolder(context, job.jobId), 'parts');
  const progress: PartProgress[] = [];
  for (const part of remoteOf(job).document.parts) {
    const dest = join(dir, part.name);
    const received = (await context.blobs.has(part.sha256)) ? part.size : existsSync(dest) ? part.size : sizeOf(`${dest}.partial`);
    progress.push({ name: part.name, received: Math.min(received, part.size), total: part.size });
  }
  return progress;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // not started, or moved on between the look and the stat
  }
}

/** The detached signature of a part, as downloaded. */
export function p7sFile(deps: RetrievalDeps, job: JobRow, name: string): string {
  return join(jobFolder(deps.context, job.jobId), 'parts', `${name}.p7s`);
}

export function readP7s(deps: RetrievalDeps, job: JobRow, name: string): Buffer {
  const path = p7sFile(deps, job, name);
  if (!existsSync(path)) throw new IpexError('DOWNLOAD_INCOMPLETE', `the CMS signature of part ${name} is not downloaded yet`);
  return readFileSync(path);
}

export function remoteOf(job: JobRow): RemoteDocument {
  if (job.remoteDocument === null) throw new IpexError('INTERNAL', `job ${job.jobId} is ${job.state} but has no peer answer`);
  return job.remoteDocument as RemoteDocument;
}
