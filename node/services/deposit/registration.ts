/**
 * The registration certificate of a deposited version (issue 12; docs/registration-certificate.md):
 * built from the certified rows — the version's manifest, its parts — and signed with the office
 * signing key when asked, so that the deposit's hot path does no extra signing. The statement is
 * the same every time; only `issuedAt` and the signature's bytes differ.
 */
import { createHash } from 'node:crypto';
import { IpexError } from '../../../protocol/errors/index.js';
import { signRegistrationCertificate, type DocumentKind, type IpRightType, type RegistrationCertificate } from '../../../protocol/certification/index.js';
import { prepared, type DepositDeps } from './deposit-deps.js';
import { loadDocumentRow, loadVersionRow, type PartRow } from './document-rows.js';

export interface IssuedRegistration {
  readonly jws: string;
  readonly certificate: RegistrationCertificate;
}

/**
 * Signs the registration certificate of `documentId` at `version` (default: the current one).
 * @throws IpexError DOCUMENT_NOT_FOUND (also for a version it does not have)
 */
export function issueRegistration(deps: Pick<DepositDeps, 'db' | 'clock' | 'office' | 'signing'>, documentId: string, version?: number): IssuedRegistration {
  const doc = loadDocumentRow(deps.db, documentId);
  const v = version ?? doc.current_version;
  if (v > doc.current_version) throw new IpexError('DOCUMENT_NOT_FOUND', `document ${documentId} has no version ${v}`);
  const row = loadVersionRow(deps.db, documentId, v);
  const parts = prepared(deps.db, 'SELECT name, media_type, size, sha256 FROM version_parts WHERE document_id = ? AND version = ? ORDER BY name').all(documentId, v) as PartRow[];
  const certificate: RegistrationCertificate = {
    format: 'ipex-registration/1',
    office: deps.office,
    documentId,
    version: v,
    documentKind: doc.kind as DocumentKind,
    applicationNumberText: doc.application_number,
    filingDate: doc.filing_date,
    ipRightType: doc.ip_right_type as IpRightType,
    depositedAt: row.deposited_at,
    issuedAt: deps.clock.now().toISOString(),
    manifestSha256: createHash('sha256').update(row.manifest_jws, 'ascii').digest('hex'),
    parts: parts.map((p) => ({ name: p.name, size: p.size, sha256: p.sha256 })),
  };
  const jws = signRegistrationCertificate(certificate, { privateKey: deps.signing.privateKey, chain: [deps.signing.certificate.raw] });
  return { jws, certificate };
}
