/**
 * Checking a retrieval request from staff or the CLI before it becomes a job (openapi/office.yaml
 * RetrievalJobRequest): office code (ST.3), application number (normalised as ST.13 lookup
 * text), filing date, IP right type, and the access code, whose check symbol catches a typo
 * here, before any request leaves the node (docs/design.md §6). The code is a secret: no message
 * repeats it.
 */
import { parseAccessCode } from '../../../protocol/access-code/index.js';
import { DOCUMENT_KINDS, IP_RIGHT_TYPES } from '../../../protocol/certification/index.js';
import { IpexError } from '../../../protocol/errors/index.js';
import type { RandomSource } from '../../../protocol/runtime/clock.js';
import { normaliseApplicationNumber } from '../../../protocol/st13/application-number.js';
import { normaliseSt3Code } from '../../../protocol/st3/index.js';
import type { JobRequest } from './job-store.js';

/** Validates and normalises a request; `ownOffice` may not be asked (that is a local lookup). */
export function checkJobRequest(input: JobRequest, ownOffice: string): JobRequest {
  const office = normaliseSt3Code(input.ipOfficeCode);
  if (office === ownOffice) throw new IpexError('INVALID_INPUT', `office ${office} is this office: look the document up locally instead of retrieving it`);
  const { applicationNumberText } = normaliseApplicationNumber(office, input.applicationNumberText);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.filingDate) || Number.isNaN(Date.parse(`${input.filingDate}T00:00:00Z`)) ||
    new Date(`${input.filingDate}T00:00:00Z`).toISOString().slice(0, 10) !== input.filingDate) {
    throw new IpexError('INVALID_INPUT', 'filingDate must be a calendar date YYYY-MM-DD');
  }
  if (!(IP_RIGHT_TYPES as readonly string[]).includes(input.ipRightType)) {
    throw new IpexError('INVALID_INPUT', `ipRightType must be one of ${IP_RIGHT_TYPES.join(', ')}`);
  }
  const kind = input.documentKind ?? 'priorityDocument';
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) throw new IpexError('INVALID_INPUT', `documentKind must be one of ${DOCUMENT_KINDS.join(', ')}`);
  const base = { ipOfficeCode: office, applicationNumberText, filingDate: input.filingDate, ipRightType: input.ipRightType };
  if (input.documentId !== undefined) {
    if (kind === 'priorityDocument') throw new IpexError('INVALID_INPUT', 'a document id names a search or examination document: give its --kind too');
    if (typeof input.documentId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(input.documentId)) throw new IpexError('INVALID_INPUT', 'documentId is not a document id');
  }
  if (kind !== 'priorityDocument') {
    // Search and examination documents (the CASE model) need no code: membership is enough.
    if (input.accessCode !== undefined) throw new IpexError('INVALID_INPUT', `a ${kind} is open to every participating office: leave out the access code`);
    return { ...base, documentKind: kind, ...(input.documentId === undefined ? {} : { documentId: input.documentId }) };
  }
  if (input.accessCode === undefined) throw new IpexError('ACCESS_CODE_MALFORMED', 'a priority document needs the access code the applicant received');
  return {
    ...base,
    accessCode: normaliseAccessCode(input.accessCode),
    ...(input.documentKind === undefined ? {} : { documentKind: input.documentKind }),
  };
}

/**
 * The access code in canonical form. A four-character hexadecimal code is a DAS code (no check
 * symbol); anything else must be a Crockford code whose check symbol matches.
 */
export function normaliseAccessCode(input: string): string {
  const stripped = input.replace(/[ \t-]/g, '');
  if (/^[0-9A-Fa-f]{4}$/.test(stripped)) return parseAccessCode(input, 'das').value;
  return parseAccessCode(input, 'crockford').value;
}

/** A job id: URL-safe, 22 characters (the Identifier schema). */
export function newJobId(random: RandomSource): string {
  return `job-${random.bytes(12).toString('base64url')}`;
}

/** A random UUID (version 4) from `random`: the requestId sent to the peer. */
export function newRequestId(random: RandomSource): string {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
