/**
 * The applicant's e-mail address and language for a priority document (issue 12; docs/
 * notifications.md "E-mail"): set by staff or by the applicant (applicant key), replaced or
 * removed at will. Beside the document, never in its certified manifest; the audit entry
 * `applicant.contact-changed` records that it changed and the language, never the address.
 * While the document is not yet available, setting an address queues "now available" for it.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { ApplicantContacts, checkContact, type ApplicantContact } from '../notifications/applicant-contacts.js';
import { scheduleAvailable } from './commit-deposit.js';
import { auditActor, type Actor, type DepositDeps } from './deposit-deps.js';
import { loadDocumentRow } from './document-rows.js';

function priority(deps: DepositDeps, documentId: string): ReturnType<typeof loadDocumentRow> {
  const doc = loadDocumentRow(deps.db, documentId);
  if (doc.kind !== 'priorityDocument') throw new IpexError('NOT_PRIORITY_DOCUMENT', `document ${documentId} is a ${doc.kind}: only a priority document has an applicant to tell`);
  return doc;
}

export function getApplicantContact(deps: DepositDeps, documentId: string): ApplicantContact | undefined {
  priority(deps, documentId);
  return new ApplicantContacts(deps.db).get(documentId);
}

/** Sets (or with `null`, removes) the contact. Bad input changes nothing. */
export function setApplicantContact(deps: DepositDeps, documentId: string, input: { email?: unknown; language?: unknown } | null, actor: Actor): ApplicantContact | undefined {
  const contact = input === null ? undefined : checkContact(input);
  const now = deps.clock.now().toISOString();
  return deps.db.transaction(() => {
    const doc = priority(deps, documentId);
    if (doc.withdrawn_at !== null) throw new IpexError('DOCUMENT_WITHDRAWN', `document ${documentId} is withdrawn`);
    const contacts = new ApplicantContacts(deps.db);
    if (contact === undefined) contacts.remove(documentId);
    else contacts.set(documentId, contact, now);
    deps.audit.appendInTransaction({
      type: 'applicant.contact-changed', actor: auditActor(actor, deps.office), outcome: 'ok',
      subject: { documentId, office: deps.office, applicationNumber: doc.application_number },
      details: contact === undefined ? { email: 'removed' } : { email: 'set', language: contact.language },
    });
    if (contact !== undefined && deps.notify !== undefined && doc.available_from !== null && Date.parse(doc.available_from) > Date.parse(now)) {
      scheduleAvailable(deps.notify, documentId, doc.application_number, doc.available_from);
    }
    return contact;
  }).immediate();
}
