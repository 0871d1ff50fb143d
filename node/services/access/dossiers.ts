/**
 * Dossier access (docs/design.md §4, the WIPO CASE model): search reports, examination reports,
 * written opinions and office actions are open to every active office with the accessing role,
 * without an access code — listed by application or patent family, and granted one at a time
 * through the same retrieval grants as priority documents, so downloads share one code path.
 * Issue 12: also searched by application, claimed priority and family (`search`), one round of
 * another office's family search (docs/dossiers.md).
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import { normaliseApplicationNumber } from '../../../protocol/st13/index.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { AuditAppender } from './audit-appender.js';
import type { DossierMatches, DossierMatchQuery } from './dossier-matches.js';
import { DOSSIER_KINDS, type DocumentLookup, type DocumentVersion } from './document-lookup.js';
import { GRANT_TTL_MS, type Grant, type GrantStore } from './grants.js';
import type { Requester } from './retrieval-decision.js';

export interface DossierQuery {
  readonly ipOfficeCode?: string;
  readonly applicationNumberText?: string;
  readonly patentFamilyId?: string;
}

export interface DossierServiceDeps {
  readonly db: SqliteDatabase;
  readonly clock: Clock;
  readonly officeCode: string;
  readonly lookup: DocumentLookup;
  readonly matches: DossierMatches;
  readonly grants: GrantStore;
  readonly audit: AuditAppender;
}

export class DossierService {
  readonly #d: DossierServiceDeps;

  constructor(deps: DossierServiceDeps) {
    this.#d = deps;
  }

  /** The dossier documents of an application of this office, or of a patent family. */
  list(requester: Requester, query: DossierQuery): { documents: DocumentVersion[]; logIndex: number } {
    const byApplication = query.ipOfficeCode !== undefined || query.applicationNumberText !== undefined;
    const byFamily = query.patentFamilyId !== undefined;
    if (byApplication === byFamily || (byApplication && (query.ipOfficeCode === undefined || query.applicationNumberText === undefined))) {
      throw new IpexError('DOSSIER_QUERY_INVALID', 'give either ipOfficeCode with applicationNumberText, or patentFamilyId');
    }
    let documents: DocumentVersion[];
    let subject: Record<string, string>;
    if (byFamily) {
      documents = this.#d.lookup.findDossier({ patentFamilyId: query.patentFamilyId! });
      subject = {};
    } else {
      if (query.ipOfficeCode !== this.#d.officeCode) {
        throw new IpexError('OFFICE_NOT_THIS_NODE', `this node serves office ${this.#d.officeCode}, not ${query.ipOfficeCode}`);
      }
      const { applicationNumberText } = normaliseApplicationNumber(query.ipOfficeCode, query.applicationNumberText!);
      documents = this.#d.lookup.findDossier({ office: this.#d.officeCode, applicationNumber: applicationNumberText });
      // Issue 15: a search copy of the application is listed to its searching authority only.
      documents.push(...this.#d.lookup.findSearchCopies(requester.office, { applicationNumber: applicationNumberText, limit: 100 }));
      subject = { applicationNumber: applicationNumberText };
    }
    const logIndex = this.#d.db.transaction(() => this.#d.audit.appendInTransaction({
      type: 'dossier.listed',
      actor: { kind: 'peer', office: requester.office, keyId: requester.keyId },
      subject: { office: requester.office, ...subject },
      outcome: 'ok',
      details: {
        ...(query.patentFamilyId === undefined ? {} : { patentFamilyId: query.patentFamilyId }),
        documents: documents.map((d) => d.documentId),
        request: requester.request,
      },
    })).immediate();
    return { documents, logIndex };
  }

  /**
   * One round of a peer's family search (issue 12): the documents of the applications asked
   * about, of the applications that claim them as priority, and of the families asked about.
   * Logged as `dossier.searched` with the keys, the documents listed and the signed request.
   */
  search(requester: Requester, query: DossierMatchQuery): { documents: DocumentVersion[]; logIndex: number } {
    if (query.applications.length === 0 && query.patentFamilyIds.length === 0) {
      throw new IpexError('DOSSIER_QUERY_INVALID', 'give at least one application or patent family id');
    }
    const documents = this.#d.matches.find(query);
    const logIndex = this.#d.db.transaction(() => this.#d.audit.appendInTransaction({
      type: 'dossier.searched',
      actor: { kind: 'peer', office: requester.office, keyId: requester.keyId },
      subject: { office: requester.office },
      outcome: 'ok',
      details: {
        applications: query.applications.map((a) => `${a.ipOfficeCode} ${a.applicationNumberText}`),
        patentFamilyIds: query.patentFamilyIds,
        documents: documents.map((d) => d.documentId),
        request: requester.request,
      },
    })).immediate();
    return { documents, logIndex };
  }

  /**
   * Issue 15: the search copies addressed to the requesting office (a searching authority),
   * deposited after `since`, oldest first, at most 1000 — how a searching authority learns of
   * them. Logged as `dossier.listed` with `details.searchCopies`.
   */
  searchCopies(requester: Requester, since: string | undefined): { documents: DocumentVersion[]; logIndex: number } {
    if (since !== undefined && !Number.isFinite(Date.parse(since))) throw new IpexError('DOSSIER_QUERY_INVALID', 'since must be a date-time');
    const after = since === undefined ? undefined : new Date(Date.parse(since)).toISOString();
    const documents = this.#d.lookup.findSearchCopies(requester.office, { ...(after === undefined ? {} : { since: after }), limit: 1000 });
    const logIndex = this.#d.db.transaction(() => this.#d.audit.appendInTransaction({
      type: 'dossier.listed',
      actor: { kind: 'peer', office: requester.office, keyId: requester.keyId },
      subject: { office: requester.office },
      outcome: 'ok',
      details: { searchCopies: true, ...(after === undefined ? {} : { since: after }), documents: documents.map((d) => d.documentId), request: requester.request },
    })).immediate();
    return { documents, logIndex };
  }

  /** What {@link search} finds, for this office's own family search: no peer, nothing logged. */
  matching(query: DossierMatchQuery): DocumentVersion[] {
    return this.#d.matches.find(query);
  }

  /** A grant for the current version of one dossier document (reused while it lasts). */
  grant(requester: Requester, documentId: string): { grant: Grant; document: DocumentVersion; logIndex: number } {
    const { db, lookup, grants, audit, clock } = this.#d;
    return db.transaction(() => {
      const now = clock.now();
      const document = lookup.current(documentId);
      const actor = { kind: 'peer' as const, office: requester.office, keyId: requester.keyId };
      if (document === undefined || document.withdrawn || !mayRetrieve(requester.office, document)) {
        audit.appendInTransaction({
          type: 'retrieval.attempt', actor, outcome: 'refused', code: 'DOCUMENT_UNAVAILABLE',
          subject: { office: requester.office }, details: { kind: 'dossier', requestedDocumentId: documentId, request: requester.request },
        });
        return undefined;
      }
      const previous = grants.dossierGrant(requester.office, document.documentId, document.version, now);
      const retrievalId = previous?.retrievalId ?? grants.newId();
      const logIndex = audit.appendInTransaction({
        type: 'retrieval.attempt', actor, outcome: 'ok',
        subject: { documentId: document.documentId, version: document.version, retrievalId, office: requester.office },
        details: { kind: 'dossier', ...(previous === undefined ? {} : { repeated: true }), request: requester.request },
      });
      const grant: Grant = previous ?? {
        retrievalId, office: requester.office, requestId: null, requestHash: null, kind: 'dossier', state: 'granted',
        documentId: document.documentId, version: document.version, createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + GRANT_TTL_MS).toISOString(), logIndex,
      };
      if (previous === undefined) grants.save(grant);
      return { grant, document, logIndex };
    }).immediate() ?? unavailable(documentId);
  }
}

/**
 * CASE documents are open to every accessing office; a search copy (issue 15) only to the
 * searching authority it names — any other office gets the answer of a document that does not
 * exist (DOCUMENT_UNAVAILABLE), as for every refusal here.
 */
function mayRetrieve(office: string, document: DocumentVersion): boolean {
  if (document.kind === 'searchCopy') return document.searchingAuthority === office;
  return DOSSIER_KINDS.includes(document.kind);
}

function unavailable(documentId: string): never {
  throw new IpexError('DOCUMENT_UNAVAILABLE', `dossier document ${documentId} is not available`);
}
