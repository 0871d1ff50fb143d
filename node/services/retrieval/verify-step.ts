/**
 * Step 3 of a retrieval: verify everything against the network root before a copy exists
 * (docs/design.md §5): the manifest JWS and its signer (path validation, CRL, bound to the
 * depositing office), each part's bytes as stored (streamed SHA-256 against the manifest) and
 * each part's detached CMS signature. Only then are the copy, its parts and the audit event
 * written, in one transaction. chain.pem of the copy is the manifest's x5c, which is what the
 * bundle format defines it to be.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { verifyManifestJws, verifyPartDetached, type TrustOptions } from '../../../protocol/certification/index.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { readP7s, remoteOf } from './download-step.js';
import type { CopyPartRow } from './copy-store.js';
import type { JobRow } from './job-store.js';
import { jobFolder, withAudit, type RetrievalDeps } from './retrieval-deps.js';
import type { NodeContext } from '../../runtime/node-context.js';

/** Trust inputs at the clock's time: the network root, the published CRL, the expected office. */
export async function trustOptions(context: NodeContext, office: string): Promise<TrustOptions> {
  const { store, clock } = context;
  const installed = await store.current();
  return { trustAnchors: store.trustAnchors(), at: clock.now(), crls: [installed.crl], expectedOffice: office };
}

export async function verifyAndStore(deps: RetrievalDeps, job: JobRow): Promise<string> {
  const { context, copies, jobs } = deps;
  const remote = remoteOf(job);
  const trust = await trustOptions(context, job.targetOffice);
  const { manifest, x5c } = await verifyManifestJws(remote.manifestJws, trust);
  const parts: CopyPartRow[] = [];
  for (const part of manifest.parts) {
    const hash = createHash('sha256');
    let size = 0;
    const stream = await context.blobs.open(part.sha256);
    stream.on('data', (chunk: Buffer) => { size += chunk.length; });
    await pipeline(stream, hash);
    const digest = hash.digest();
    if (size !== part.size || !timingSafeEqual(digest, Buffer.from(part.sha256, 'hex'))) {
      throw new IpexError('PART_DIGEST_MISMATCH', `stored part ${part.name} does not match the manifest`);
    }
    const p7s = readP7s(deps, job, part.name);
    await verifyPartDetached(p7s, { ...trust, sha256: digest });
    parts.push({ name: part.name, mediaType: part.mediaType, size: part.size, sha256: part.sha256, p7s });
  }
  const now = context.clock.now().toISOString();
  const existing = copies.byDocument(job.targetOffice, manifest.documentId, manifest.version);
  const copyId = existing?.copyId ?? newCopyId(deps);
  withAudit(deps, {
    type: 'retrieval.completed',
    actor: { kind: 'node', office: context.identity.code },
    subject: { office: job.targetOffice, documentId: manifest.documentId, version: manifest.version, applicationNumber: manifest.bibliographicData.applicationNumberText, retrievalId: remote.retrievalId },
    outcome: 'ok',
    details: { jobId: job.jobId, copyId, parts: manifest.parts.map((p) => ({ name: p.name, sha256: p.sha256 })) },
  }, () => {
    if (existing === undefined) {
      copies.insert({
        copyId, jobId: job.jobId, sourceOffice: job.targetOffice, documentId: manifest.documentId, version: manifest.version,
        documentKind: manifest.documentKind, applicationNumber: manifest.bibliographicData.applicationNumberText,
        bibliographicData: manifest.bibliographicData, manifestJws: remote.manifestJws, chainPem: toPemChain(x5c),
        retrievedAt: now, provenance: job.provenance ?? {}, parts,
      });
    }
    jobs.update(job.jobId, { copyId }, now);
  });
  await rm(jobFolder(context, job.jobId), { recursive: true, force: true }); // the signatures are in the database now
  return copyId;
}

function newCopyId(deps: RetrievalDeps): string {
  return `copy-${deps.random.bytes(12).toString('base64url')}`;
}

function toPemChain(ders: readonly Buffer[]): string {
  return ders.map((der) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`).join('');
}
