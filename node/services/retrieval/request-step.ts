/**
 * Step 1 of a retrieval (docs/design.md §4): ask the depositing office for the document — a priority
 * document with the access code (DAS), or a search or examination document of the application
 * from its dossier with no code (CASE: the newest of that kind) — over the signed exchange client. A 202 makes the job wait until the document is
 * available; a 200 is accepted only after the manifest it points to verifies, the peer's
 * signing certificate is validated against the directory, and the peer's signed answer verifies
 * bound to our request — so the job keeps a non-repudiable pair of what was asked and answered.
 */
import { PeerError, type ExchangeResponse } from '../../../protocol/exchange-client/index.js';
import { verifyManifestJws, type Manifest } from '../../../protocol/certification/index.js';
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/exchange.js';
import type { JobRow } from './job-store.js';
import { checkPending, checkSuccess, exchangeBase, peerLink, type RetrievedDocument } from './peer-links.js';
import { withAudit, type RetrievalDeps } from './retrieval-deps.js';
import { trustOptions } from './verify-step.js';

/** What a job keeps from a 200 answer, to download and verify even after a restart. */
export interface RemoteDocument {
  readonly base: string;
  readonly retrievalId: string;
  readonly document: RetrievedDocument;
  readonly manifestJws: string;
}

/** Longest a pending job sleeps before asking again, whatever the peer says. */
const MAX_PENDING_WAIT_MS = 24 * 3600_000;

export async function requestRetrieval(deps: RetrievalDeps, job: JobRow): Promise<void> {
  const { context, client, jobs } = deps;
  const office = await context.trust.requireActive(job.targetOffice, 'depositing');
  const base = exchangeBase(office.exchangeUrl);
  const dossier = (job.request.documentKind ?? 'priorityDocument') !== 'priorityDocument';
  if (!dossier && job.accessCode === null) throw new IpexError('ACCESS_CODE_MALFORMED', 'the job has no access code left; enqueue the retrieval again');
  const subject = { office: job.targetOffice, applicationNumber: job.request.applicationNumberText };
  const actor = { kind: 'node' as const, office: context.identity.code };
  let res: ExchangeResponse;
  try {
    res = dossier ? await dossierGrant(deps, job, base) : await client.request({ method: 'POST', url: `${base}/retrievals`, json: {
      ipOfficeCode: job.request.ipOfficeCode,
      applicationNumberText: job.request.applicationNumberText,
      filingDate: job.request.filingDate,
      ipRightType: job.request.ipRightType,
      accessCode: job.accessCode!,
      requestId: job.requestId,
    } satisfies components['schemas']['RetrievalRequest'] });
  } catch (err) {
    if (err instanceof PeerError && !err.retryable) {
      withAudit(deps, { type: 'retrieval.requested', actor, subject, outcome: 'refused', code: err.code, details: { jobId: job.jobId, peerStatus: err.peerStatus, peerCode: err.problem.code ?? null } }, () => undefined);
    }
    throw err;
  }
  const now = context.clock.now();

  if (res.status === 202) {
    const pending = checkPending(res.json());
    const availableAt = pending.availableFrom === undefined ? 0 : Date.parse(pending.availableFrom);
    const wait = Math.min(MAX_PENDING_WAIT_MS, Math.max(1000, pending.retryAfterSeconds * 1000, availableAt - now.getTime()));
    withAudit(deps, {
      type: 'retrieval.requested', actor, subject: { ...subject, retrievalId: pending.retrievalId }, outcome: 'pending',
      details: { jobId: job.jobId, request: { ...res.signedRequest }, availableFrom: pending.availableFrom ?? null },
    }, () => jobs.update(job.jobId, {
      state: 'pending', remoteRetrievalId: pending.retrievalId, availableFrom: pending.availableFrom ?? null,
      nextAttemptAt: new Date(now.getTime() + wait).toISOString(), errorCode: null, errorDetail: null,
    }, now.toISOString()));
    return;
  }
  if (res.status !== 200) throw new IpexError('PEER_RESPONSE_INVALID', `the peer answered ${res.status} to a retrieval request`);

  const success = checkSuccess(res.json());
  const manifestRes = await client.request({ method: 'GET', url: peerLink(base, success.document.manifestUrl), accept: 'application/jose, application/problem+json' });
  const manifestJws = manifestRes.body.toString('utf8').trim();
  const verified = await verifyManifestJws(manifestJws, await trustOptions(context, job.targetOffice));
  // The x5c leaf is a claim until the directory lists it as this office's signing certificate.
  await context.trust.verifyPeerCertificate(verified.x5c[0]!, {
    use: 'signing', purpose: 'signing', officeCode: job.targetOffice, intermediates: verified.x5c.slice(1),
  });
  const signature = res.verifySignature(context.trust.signingKeyResolver());
  if (context.trust.officeForKeyId(signature.keyId) !== job.targetOffice) {
    throw new IpexError('SIGNATURE_INVALID', `the retrieval answer is signed with key ${signature.keyId}, not a signing key of ${job.targetOffice}`);
  }
  checkAgainstManifest(success.document, verified.manifest, job);

  const remote: RemoteDocument = { base, retrievalId: success.retrievalId, document: success.document, manifestJws };
  const provenance = {
    retrievalId: success.retrievalId,
    logEntry: success.logEntry,
    request: res.signedRequest,
    response: {
      keyId: signature.keyId, created: signature.created.toISOString(), nonce: signature.nonce,
      signatureInput: String(res.headers['signature-input']), signature: String(res.headers.signature),
    },
  };
  withAudit(deps, {
    type: 'retrieval.requested', actor,
    subject: { ...subject, documentId: success.document.documentId, version: success.document.version, retrievalId: success.retrievalId },
    outcome: 'ok', details: { jobId: job.jobId, request: { ...res.signedRequest }, peerLogIndex: success.logEntry.index },
  }, () => jobs.update(job.jobId, {
    state: 'downloading', remoteRetrievalId: success.retrievalId, remoteDocument: remote, provenance,
    attempts: 0, errorCode: null, errorDetail: null,
  }, now.toISOString()));
}

/**
 * CASE: lists the application's dossier at the peer and takes a grant for the newest document of
 * the kind asked for (GET /dossiers, then GET /dossiers/{documentId}, whose answer has the shape
 * of a successful retrieval) — or, when the job names one, for that document directly.
 */
async function dossierGrant(deps: RetrievalDeps, job: JobRow, base: string): Promise<ExchangeResponse> {
  const { client } = deps;
  // Issue 12: a document a dossier search listed is asked for by its id; the manifest check
  // below still holds it to the application, kind and office of the job.
  const named = job.request.documentId;
  if (named !== undefined) return client.request({ method: 'GET', url: `${base}/dossiers/${encodeURIComponent(named)}` });
  const query = `ipOfficeCode=${encodeURIComponent(job.request.ipOfficeCode)}&applicationNumberText=${encodeURIComponent(job.request.applicationNumberText)}`;
  const list = (await client.request({ method: 'GET', url: `${base}/dossiers?${query}` })).json<components['schemas']['DossierList']>();
  const wanted = (list.documents ?? [])
    .filter((d) => d.documentKind === job.request.documentKind && d.ipOfficeCode === job.request.ipOfficeCode && d.applicationNumberText === job.request.applicationNumberText)
    .sort((a, b) => (b.depositedAt ?? '').localeCompare(a.depositedAt ?? ''));
  const newest = wanted[0];
  if (newest === undefined) {
    throw new IpexError('DOCUMENT_UNAVAILABLE', `${job.targetOffice} lists no ${job.request.documentKind} for application ${job.request.applicationNumberText}`);
  }
  return client.request({ method: 'GET', url: `${base}/dossiers/${encodeURIComponent(newest.documentId)}` });
}

/** The peer's part list must be the manifest's, and the manifest the document we asked for. */
function checkAgainstManifest(document: RetrievedDocument, manifest: Manifest, job: JobRow): void {
  const bib = manifest.bibliographicData;
  const asked = job.request;
  const problems: string[] = [];
  if (manifest.office !== job.targetOffice) problems.push(`the manifest is from office ${manifest.office}`);
  if (manifest.documentId !== document.documentId || manifest.version !== document.version) problems.push('the manifest names another document or version');
  if (bib.applicationNumberText !== asked.applicationNumberText || bib.filingDate !== asked.filingDate || bib.ipRightType !== asked.ipRightType) {
    problems.push('the manifest is for another application, filing date or right');
  }
  if (manifest.documentKind !== (asked.documentKind ?? 'priorityDocument')) problems.push(`the manifest is a ${manifest.documentKind}`);
  if (asked.documentId !== undefined && manifest.documentId !== asked.documentId) problems.push(`the manifest is of document ${manifest.documentId}`);
  const listed = new Map(document.parts.map((p) => [p.name, p]));
  if (listed.size !== manifest.parts.length || manifest.parts.some((p) => listed.get(p.name)?.sha256 !== p.sha256 || listed.get(p.name)?.size !== p.size)) {
    problems.push('the part list differs from the manifest');
  }
  if (problems.length > 0) throw new IpexError('PEER_RESPONSE_INVALID', `the peer's answer does not match what was asked: ${problems.join('; ')}`);
}
