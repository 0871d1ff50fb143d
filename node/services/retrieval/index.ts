/**
 * The accessing office's side of retrievals (docs/design.md §4, docs/retrieving.md): jobs that
 * retrieve, verify and keep certified copies of documents held by peer offices.
 */
export { RetrievalJobs, workerIsRunning, type RetrievalJobsOptions } from './retrieval-jobs.js';
export { exchangeClientFor, type AuditSink } from './retrieval-deps.js';
export { checkJobRequest, normaliseAccessCode } from './job-request.js';
export type { JobRow, JobRequest, JobState } from './job-store.js';
export type { CopyRow, CopyFilter } from './copy-store.js';
export { copyView, jobView } from './views.js';
export { writeCopyBundle } from './copy-bundle.js';
export { partsProgress, type PartProgress } from './download-step.js';
export { retrievalJobsFor, stopRetrievalJobs } from './worker-registry.js';
export { proveCopyLogged, proveLoggedByPeer, type LoggedProof } from './logged-proof.js';
