/**
 * Step 4 of a retrieval (docs/design.md §4 "Receipts"): confirm the verified copy to the depositing
 * office with a signed receipt. The receipt is made once and kept with the job before it is
 * sent, so every retry sends the same bytes and the peer logs it once.
 */
import { PeerError, signReceipt } from '../../../protocol/exchange-client/index.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { remoteOf } from './download-step.js';
import type { JobRow } from './job-store.js';
import { peerLink } from './peer-links.js';
import { withAudit, type RetrievalDeps } from './retrieval-deps.js';

export async function sendReceipt(deps: RetrievalDeps, job: JobRow): Promise<void> {
  const { context, client, jobs, copies } = deps;
  const remote = remoteOf(job);
  const copy = job.copyId === null ? undefined : copies.get(job.copyId);
  if (copy === undefined) throw new IpexError('INTERNAL', `job ${job.jobId} has no stored copy to confirm`);
  let receipt = typeof job.provenance?.receipt === 'string' ? job.provenance.receipt : undefined;
  if (receipt === undefined) {
    receipt = await signReceipt({
      retrievalId: remote.retrievalId, documentId: copy.documentId, version: copy.version,
      parts: copy.parts.map((p) => ({ name: p.name, sha256: p.sha256 })), receivedAt: copy.retrievedAt,
    }, { privateKey: context.identity.signing.privateKey, chain: [context.identity.signing.certificate.raw] });
    jobs.update(job.jobId, { provenance: { ...(job.provenance ?? {}), receipt } }, context.clock.now().toISOString());
  }
  const subject = { office: job.targetOffice, documentId: copy.documentId, version: copy.version, retrievalId: remote.retrievalId };
  const actor = { kind: 'node' as const, office: context.identity.code };
  let logIndex: number | undefined;
  try {
    const res = await client.request({ method: 'POST', url: peerLink(remote.base, 'receipts'), json: { retrievalId: remote.retrievalId, receipt } });
    await loadSigningKeys(deps, job.targetOffice);
    res.verifySignature(context.trust.signingKeyResolver());
    const index = (res.json<{ logEntry?: { index?: unknown } }>().logEntry?.index);
    logIndex = Number.isSafeInteger(index) ? (index as number) : undefined;
  } catch (err) {
    if (err instanceof PeerError && !err.retryable) {
      // The copy is verified and kept; a refused receipt is recorded, not retried for ever.
      const now = context.clock.now().toISOString();
      withAudit(deps, { type: 'receipt.sent', actor, subject, outcome: 'refused', code: err.code, details: { jobId: job.jobId, peerStatus: err.peerStatus } },
        () => jobs.update(job.jobId, { state: 'done', clearAccessCode: true, errorCode: err.code, errorDetail: `receipt refused: ${err.message}` }, now));
      return;
    }
    throw err;
  }
  const now = context.clock.now().toISOString();
  withAudit(deps, { type: 'receipt.sent', actor, subject, outcome: 'ok', details: { jobId: job.jobId, copyId: copy.copyId, peerLogIndex: logIndex ?? null } }, () => {
    if (copy.receiptSentAt === null) {
      copies.setReceipt(copy.copyId, receipt);
      copies.markReceiptSent(copy.copyId, now, logIndex);
    }
    jobs.update(job.jobId, { state: 'done', clearAccessCode: true, errorCode: null, errorDetail: null }, now);
  });
}

/**
 * Makes the office's listed signing keys known to the trust service's resolver. The request step
 * loads them as it verifies the manifest's signer; a job resumed by a later run of the node (after
 * a restart or a crash) comes here without that step, so they are loaded again.
 */
async function loadSigningKeys(deps: RetrievalDeps, office: string): Promise<void> {
  const entry = await deps.context.trust.office(office);
  for (const certificate of entry?.certificates ?? []) {
    if (certificate.use !== 'signing') continue;
    // A certificate that does not pass stays unknown, and a signature by it fails just below.
    await deps.context.trust.ensureSigningKey(certificate.sha256).catch(() => undefined);
  }
}
