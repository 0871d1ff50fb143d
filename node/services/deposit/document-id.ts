/**
 * Document ids (node/storage/migrations/004-documents.sql): readable, unique and URL-safe, and
 * within the `Identifier` pattern of openapi/ (`[A-Za-z0-9_-]{8,64}`):
 *
 *   <office>-<kind>-<applicationNumberText>-<8 random Crockford base32 characters>
 *   e.g. EP-PD-23123456-7K3M9Q2X
 *
 * The random tail keeps ids unique across re-deposits after a withdrawal. The id is not a
 * secret: access to a document is granted by the access code and policy, never by its id.
 */
import type { DocumentKind } from '../../../protocol/certification/index.js';
import type { RandomSource } from '../../../protocol/runtime/clock.js';

const KIND_ABBREVIATIONS: Readonly<Record<DocumentKind, string>> = {
  priorityDocument: 'PD',
  searchReport: 'SR',
  examinationReport: 'ER',
  writtenOpinion: 'WO',
  officeAction: 'OA',
  searchCopy: 'SC',
};
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh document id. `applicationNumberText` is the normalised ST.13 number ([A-Z0-9]{1,32}). */
export function newDocumentId(office: string, kind: DocumentKind, applicationNumberText: string, random: RandomSource): string {
  return `${office}-${KIND_ABBREVIATIONS[kind]}-${applicationNumberText}-${randomSymbols(random, 8)}`;
}

/** A fresh deposit (draft) id: `D` and 20 random Crockford base32 characters (100 bits). */
export function newDepositId(random: RandomSource): string {
  return `D${randomSymbols(random, 20)}`;
}

function randomSymbols(random: RandomSource, count: number): string {
  const bytes = random.bytes(count);
  let out = '';
  for (const byte of bytes) out += CROCKFORD[byte & 31];
  return out;
}
