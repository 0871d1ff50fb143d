/**
 * Jobs and copies as the office API shows them (openapi/office.yaml RetrievalJob, Copy): the
 * rows mapped to the documented shapes, with only the documented members (responses are
 * validated against the document).
 */
import { errorSpec, isErrorCode } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/office.js';
import type { CopyRow } from './copy-store.js';
import type { JobRow } from './job-store.js';

type Schemas = components['schemas'];

const BIBLIOGRAPHIC_MEMBERS = ['ipOfficeCode', 'applicationNumberText', 'filingDate', 'ipRightType', 'applicantName', 'inventionTitle', 'patentFamilyId'];

export function jobView(job: JobRow): Schemas['RetrievalJob'] {
  const error: Schemas['Problem'] | undefined = job.errorCode === null ? undefined : problem(job.errorCode, job.errorDetail);
  // While a failed attempt waits for its retry, the job shows the last error but keeps its state.
  return {
    jobId: job.jobId,
    state: job.state,
    ipOfficeCode: job.request.ipOfficeCode,
    applicationNumberText: job.request.applicationNumberText,
    documentKind: job.request.documentKind ?? 'priorityDocument',
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.availableFrom === null ? {} : { availableFrom: job.availableFrom }),
    ...(job.copyId === null ? {} : { copyId: job.copyId }),
    ...(error === undefined ? {} : { error }),
  };
}

export function copyView(copy: CopyRow): Schemas['Copy'] {
  const bib = Object.fromEntries(Object.entries(copy.bibliographicData).filter(([k]) => BIBLIOGRAPHIC_MEMBERS.includes(k)));
  return {
    copyId: copy.copyId,
    sourceOffice: copy.sourceOffice,
    documentId: copy.documentId,
    version: copy.version,
    documentKind: copy.documentKind,
    bibliographicData: bib as Schemas['BibliographicData'],
    retrievedAt: copy.retrievedAt,
    verified: true, // a copy is stored only after everything verified (verify-step.ts)
    receiptSent: copy.receiptSentAt !== null,
    parts: copy.parts.map((p) => ({ name: p.name, mediaType: p.mediaType, size: p.size, sha256: p.sha256 })),
  };
}

function problem(code: string, detail: string | null): Schemas['Problem'] {
  const known = isErrorCode(code);
  const spec = known ? errorSpec(code) : { status: 500, title: 'Internal error' };
  return {
    type: `urn:ipex:error:${code}`,
    title: spec.title,
    status: spec.status,
    code,
    ...(detail === null ? {} : { detail: detail.slice(0, 4000) }),
  };
}
