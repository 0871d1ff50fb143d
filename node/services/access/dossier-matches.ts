/**
 * What a peer's family search finds here (issue 12; openapi/exchange.yaml searchDossierDocuments,
 * docs/dossiers.md): the live dossier documents of this office whose application is one of the
 * applications asked about, whose current version claims one of them as priority (the
 * `priority_claims` rows written with each version, migration 013), or whose patent family is one
 * of the families asked about. One indexed query per key with fixed SQL, so that a hundred keys
 * cost a hundred index lookups and never a scan of the documents.
 */
import type { NodeStatement as Statement } from '../../storage/database.js';
import type { components } from '../../../protocol/generated/exchange.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';
import { DOSSIER_KINDS, type DocumentLookup, type DocumentVersion } from './document-lookup.js';

type Schemas = components['schemas'];

export interface ApplicationKey {
  readonly ipOfficeCode: string;
  readonly applicationNumberText: string;
}

export interface DossierMatchQuery {
  readonly applications: readonly ApplicationKey[];
  readonly patentFamilyIds: readonly string[];
}

/** The most documents one answer lists (the DossierList schema's limit). */
export const MAX_MATCHES = 1000;

const KINDS = DOSSIER_KINDS.map(() => '?').join(', ');

export class DossierMatches {
  readonly #sql: (sql: string) => Statement;
  readonly #lookup: DocumentLookup;
  readonly #office: string;

  constructor(db: SqliteDatabase, lookup: DocumentLookup, office: string) {
    this.#sql = cachedStatements(db);
    this.#lookup = lookup;
    this.#office = office;
  }

  /** The current versions of the matching documents, each once, ordered by document id. */
  find(query: DossierMatchQuery): DocumentVersion[] {
    const ids = new Map<string, number>();
    const add = (rows: unknown[]): void => {
      for (const r of rows as { document_id: string; current_version: number }[]) ids.set(r.document_id, r.current_version);
    };
    for (const key of query.applications) {
      if (key.ipOfficeCode === this.#office) {
        add(this.#sql(`SELECT document_id, current_version FROM documents
            WHERE office = ? AND application_number = ? AND kind IN (${KINDS}) AND withdrawn_at IS NULL LIMIT ${MAX_MATCHES}`)
          .all(this.#office, key.applicationNumberText, ...DOSSIER_KINDS));
      }
      add(this.#sql(`SELECT d.document_id, d.current_version FROM priority_claims c
            JOIN documents d ON d.document_id = c.document_id AND d.current_version = c.version
          WHERE c.office = ? AND c.application_number = ? AND d.kind IN (${KINDS}) AND d.withdrawn_at IS NULL LIMIT ${MAX_MATCHES}`)
        .all(key.ipOfficeCode, key.applicationNumberText, ...DOSSIER_KINDS));
    }
    for (const family of query.patentFamilyIds) {
      add(this.#sql(`SELECT document_id, current_version FROM documents
          WHERE patent_family_id = ? AND kind IN (${KINDS}) AND withdrawn_at IS NULL LIMIT ${MAX_MATCHES}`)
        .all(family, ...DOSSIER_KINDS));
    }
    const out: DocumentVersion[] = [];
    for (const [id, version] of [...ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, MAX_MATCHES)) {
      const found = this.#lookup.version(id, version);
      if (found !== undefined) out.push(found);
    }
    return out;
  }
}

/** A dossier document as listed to peers: with its filing date, right, priority claims and citations (issue 12). */
export function dossierDocument(document: DocumentVersion): Schemas['DossierDocument'] {
  const bib = JSON.parse(document.bibliographic) as {
    filingDate: string; ipRightType: Schemas['IpRightType']; priorityClaimBag?: Schemas['PriorityClaimBag']; referenceCitationBag?: Schemas['ReferenceCitationBag'];
  };
  return {
    documentId: document.documentId,
    version: document.version,
    documentKind: document.kind,
    ipOfficeCode: document.office,
    applicationNumberText: document.applicationNumber,
    ...(document.patentFamilyId === null ? {} : { patentFamilyId: document.patentFamilyId }),
    filingDate: bib.filingDate,
    ipRightType: bib.ipRightType,
    ...(bib.priorityClaimBag === undefined ? {} : { priorityClaimBag: bib.priorityClaimBag }),
    ...(bib.referenceCitationBag === undefined ? {} : { referenceCitationBag: bib.referenceCitationBag }),
    depositedAt: document.depositedAt,
    parts: document.parts.map((p) => ({ name: p.name, mediaType: p.mediaType, size: p.size, sha256: p.sha256 })),
  };
}
