/**
 * Read-only SQL over the deposit side's tables (migration 004-documents.sql) for what the
 * exchange side needs: the live priority document of an application, the dossier documents of
 * an application or patent family, and one certified version with its parts.
 *
 * Every value here comes from this node's own database, but the lookup keys come from a peer:
 * they are bound as parameters, never spliced into SQL.
 */
import type { SqliteDatabase } from '../../storage/database.js';
import type { NodeStatement as Statement } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';

export type DocumentKind = 'priorityDocument' | 'searchReport' | 'examinationReport' | 'writtenOpinion' | 'officeAction' | 'searchCopy';
export type IpRightType = 'patent' | 'utilityModel' | 'industrialDesign' | 'trademark';

/** The kinds that the CASE model opens to every accessing office. */
export const DOSSIER_KINDS: readonly DocumentKind[] = ['searchReport', 'examinationReport', 'writtenOpinion', 'officeAction'];

/** What a retrieval decision needs to know about a priority document. */
export interface PriorityDocument {
  readonly documentId: string;
  readonly version: number;
  readonly availableFrom: string | null;
  /** Keyed hash of the access code (bytes), or undefined when none was issued. */
  readonly codeHash: Buffer | undefined;
  readonly codeFormat: 'crockford' | 'das';
  readonly anyParticipating: boolean;
  readonly allowedOffices: readonly string[];
}

export interface VersionPart {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

/** One certified version of a document. */
export interface DocumentVersion {
  readonly documentId: string;
  readonly version: number;
  readonly kind: DocumentKind;
  readonly office: string;
  readonly applicationNumber: string;
  readonly patentFamilyId: string | null;
  readonly depositedAt: string;
  readonly manifestJws: string;
  /** The bibliographic data as certified (JSON text): filing date, priority claims, citations. */
  readonly bibliographic: string;
  readonly withdrawn: boolean;
  readonly parts: readonly VersionPart[];
  /** Issue 15: for a search copy, the one office that may retrieve it; null otherwise. */
  readonly searchingAuthority: string | null;
}

/** A version without its manifest JWS and bibliographic data (DocumentLookup.summary). */
export type VersionSummary = Omit<DocumentVersion, 'manifestJws' | 'bibliographic'>;

interface VersionRow {
  kind: DocumentKind; office: string; application_number: string; patent_family_id: string | null;
  withdrawn_at: string | null; deposited_at: string; searching_authority: string | null;
}

export interface PriorityKey {
  readonly office: string;
  readonly applicationNumber: string;
  readonly filingDate: string;
  readonly ipRightType: string;
}

interface PriorityRow {
  document_id: string;
  current_version: number;
  available_from: string | null;
  code_hash: string | Buffer | null;
  format: string | null;
  any_participating: number | null;
  allowed_offices: string | null;
}

/** SQL lookups over the documents of this node. */
export class DocumentLookup {
  readonly #sql: (sql: string) => Statement;

  constructor(db: SqliteDatabase) {
    this.#sql = cachedStatements(db);
  }

  /** The live (not withdrawn) priority document for this key, with its code hash and access policy. */
  findPriority(key: PriorityKey): PriorityDocument | undefined {
    const row = this.#sql(`
      SELECT d.document_id, d.current_version, d.available_from, c.code_hash, c.format,
             p.any_participating, p.allowed_offices
        FROM documents d
        LEFT JOIN access_codes c ON c.document_id = d.document_id
        LEFT JOIN access_policies p ON p.document_id = d.document_id
       WHERE d.office = ? AND d.application_number = ? AND d.filing_date = ? AND d.ip_right_type = ?
         AND d.kind = 'priorityDocument' AND d.withdrawn_at IS NULL
       LIMIT 1`).get(key.office, key.applicationNumber, key.filingDate, key.ipRightType) as PriorityRow | undefined;
    if (row === undefined) return undefined;
    return {
      documentId: row.document_id,
      version: row.current_version,
      availableFrom: row.available_from,
      codeHash: decodeHash(row.code_hash),
      codeFormat: row.format === 'das-hex' || row.format === 'das' ? 'das' : 'crockford',
      // No policy row: nobody but the applicant's choice opens a document, so nobody may retrieve.
      anyParticipating: row.any_participating === 1,
      allowedOffices: parseOfficeList(row.allowed_offices),
    };
  }

  /** Live dossier documents (not priority documents) of an application or a patent family. */
  findDossier(query: { office: string; applicationNumber: string } | { patentFamilyId: string }): DocumentVersion[] {
    const kinds = DOSSIER_KINDS.map(() => '?').join(', ');
    const rows = ('patentFamilyId' in query
      ? this.#sql(`SELECT document_id, current_version FROM documents
          WHERE patent_family_id = ? AND kind IN (${kinds}) AND withdrawn_at IS NULL ORDER BY document_id LIMIT 1000`)
        .all(query.patentFamilyId, ...DOSSIER_KINDS)
      : this.#sql(`SELECT document_id, current_version FROM documents
          WHERE office = ? AND application_number = ? AND kind IN (${kinds}) AND withdrawn_at IS NULL ORDER BY document_id LIMIT 1000`)
        .all(query.office, query.applicationNumber, ...DOSSIER_KINDS)) as { document_id: string; current_version: number }[];
    const out: DocumentVersion[] = [];
    for (const r of rows) {
      const version = this.version(r.document_id, r.current_version);
      if (version !== undefined) out.push(version);
    }
    return out;
  }

  /**
   * Issue 15: the live search copies addressed to `authority` — of one application when given,
   * else all of them deposited after `since` — oldest first, at most `limit`.
   */
  findSearchCopies(authority: string, query: { applicationNumber?: string; since?: string; limit: number }): DocumentVersion[] {
    const rows = (query.applicationNumber !== undefined
      ? this.#sql(`SELECT document_id, current_version FROM documents WHERE searching_authority = ? AND application_number = ?
          AND withdrawn_at IS NULL ORDER BY created_at, document_id LIMIT ?`).all(authority, query.applicationNumber, query.limit)
      : this.#sql(`SELECT document_id, current_version FROM documents WHERE searching_authority = ? AND created_at > ? AND withdrawn_at IS NULL
          ORDER BY created_at, document_id LIMIT ?`).all(authority, query.since ?? '', query.limit)) as { document_id: string; current_version: number }[];
    return rows.map((r) => this.version(r.document_id, r.current_version)).filter((v): v is DocumentVersion => v !== undefined);
  }

  /** The current version of a document, whatever its state (the caller decides on withdrawal). */
  current(documentId: string): DocumentVersion | undefined {
    const row = this.#sql('SELECT current_version FROM documents WHERE document_id = ?').get(documentId) as
      { current_version: number } | undefined;
    return row === undefined ? undefined : this.version(documentId, row.current_version);
  }

  /** One certified version with its parts, or undefined. */
  version(documentId: string, version: number): DocumentVersion | undefined {
    const row = this.#sql(`
      SELECT d.kind, d.office, d.application_number, d.patent_family_id, d.withdrawn_at, d.searching_authority, v.manifest_jws, v.deposited_at, v.bibliographic
        FROM documents d JOIN document_versions v ON v.document_id = d.document_id
       WHERE d.document_id = ? AND v.version = ?`).get(documentId, version) as (VersionRow & { manifest_jws: string; bibliographic: string }) | undefined;
    return row === undefined ? undefined : { ...this.#toSummary(documentId, version, row), manifestJws: row.manifest_jws, bibliographic: row.bibliographic };
  }

  /**
   * {@link version} without the manifest JWS (several kilobytes with its x5c chain), for the
   * retrieval decision and the part download, which do not send it.
   */
  summary(documentId: string, version: number): VersionSummary | undefined {
    const row = this.#sql(`
      SELECT d.kind, d.office, d.application_number, d.patent_family_id, d.withdrawn_at, d.searching_authority, v.deposited_at
        FROM documents d JOIN document_versions v ON v.document_id = d.document_id
       WHERE d.document_id = ? AND v.version = ?`).get(documentId, version) as VersionRow | undefined;
    return row === undefined ? undefined : this.#toSummary(documentId, version, row);
  }

  #toSummary(documentId: string, version: number, row: VersionRow): VersionSummary {
    const parts = this.#sql(`SELECT name, media_type, size, sha256 FROM version_parts
        WHERE document_id = ? AND version = ? ORDER BY name`).all(documentId, version) as
      { name: string; media_type: string; size: number; sha256: string }[];
    return {
      documentId,
      version,
      kind: row.kind,
      office: row.office,
      applicationNumber: row.application_number,
      patentFamilyId: row.patent_family_id,
      depositedAt: row.deposited_at,
      withdrawn: row.withdrawn_at !== null,
      searchingAuthority: row.searching_authority,
      parts: parts.map((p) => ({ name: p.name, mediaType: p.media_type, size: p.size, sha256: p.sha256 })),
    };
  }

  /** The DER detached CMS signature of one part of a version. */
  partSignature(documentId: string, version: number, name: string): Buffer | undefined {
    const row = this.#sql('SELECT p7s FROM version_parts WHERE document_id = ? AND version = ? AND name = ?')
      .get(documentId, version, name) as { p7s: Buffer } | undefined;
    return row?.p7s;
  }
}

/** Stored hashes are hex (or, defensively, base64) text or raw bytes. */
function decodeHash(value: string | Buffer | null): Buffer | undefined {
  if (value === null) return undefined;
  if (Buffer.isBuffer(value)) return value;
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  return Buffer.from(value, 'base64');
}

function parseOfficeList(json: string | null): string[] {
  if (json === null) return [];
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}
