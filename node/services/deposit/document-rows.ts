/**
 * Reading documents (004-documents.sql) into the wire shape of openapi/office.yaml `Document`:
 * the latest version with its parts, the version list, and the state (`pending` before
 * `availableFrom`, `withdrawn` after withdrawal, else `available`).
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { namePart, type BibliographicData, type Manifest, type ManifestPart } from '../../../protocol/certification/index.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { components } from '../../../protocol/generated/office.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { prepared } from './deposit-deps.js';

export type DocumentView = components['schemas']['Document'];
export type PartView = components['schemas']['PartSummary'];

export interface DocumentRow {
  document_id: string;
  office: string;
  application_number: string;
  filing_date: string;
  ip_right_type: string;
  kind: string;
  patent_family_id: string | null;
  current_version: number;
  available_from: string | null;
  created_at: string;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  /** Issue 15: the searching authority of a search copy; null for every other kind. */
  searching_authority: string | null;
}

export interface VersionRow {
  document_id: string;
  version: number;
  bibliographic: string;
  manifest_jws: string;
  deposited_at: string;
  supersedes: number | null;
  deposit_id: string;
}

export interface PartRow {
  name: string;
  media_type: string;
  size: number;
  sha256: string;
}

/** The document row; DOCUMENT_NOT_FOUND when absent. */
export function loadDocumentRow(db: SqliteDatabase, documentId: string): DocumentRow {
  const row = prepared(db, 'SELECT * FROM documents WHERE document_id = ?').get(documentId) as DocumentRow | undefined;
  if (row === undefined) throw new IpexError('DOCUMENT_NOT_FOUND', `no document ${JSON.stringify(documentId.slice(0, 64))}`);
  return row;
}

/** One version row; DOCUMENT_NOT_FOUND when absent. */
export function loadVersionRow(db: SqliteDatabase, documentId: string, version: number): VersionRow {
  const row = prepared(db, 'SELECT * FROM document_versions WHERE document_id = ? AND version = ?').get(documentId, version) as VersionRow | undefined;
  if (row === undefined) throw new IpexError('DOCUMENT_NOT_FOUND', `document ${documentId} has no version ${version}`);
  return row;
}

/** The parts of a version, in manifest order (by name). */
export function loadPartRows(db: SqliteDatabase, documentId: string, version: number): PartRow[] {
  return prepared(db, 'SELECT name, media_type, size, sha256 FROM version_parts WHERE document_id = ? AND version = ? ORDER BY name')
    .all(documentId, version) as PartRow[];
}

// A derived safe name ends in "-" and 8 hex digits before an optional extension (part-names.ts);
// only a version with such a name can have original names, so only then is its manifest read.
const DERIVED_NAME = /-[0-9a-f]{8}(\.[A-Za-z0-9]{1,16})?$/;

/** The wire views of the parts of a version, with their original names. */
function versionPartViews(db: SqliteDatabase, version: VersionRow): PartView[] {
  const rows = loadPartRows(db, version.document_id, version.version);
  const originals = rows.some((p) => DERIVED_NAME.test(p.name)) ? originalPartNames(version.manifest_jws) : new Map<string, string>();
  return rows.map((p) => partView(p, originals));
}

/** `available`, `pending` or `withdrawn` at `now`. */
export function documentState(row: DocumentRow, now: Date): DocumentView['state'] {
  if (row.withdrawn_at !== null) return 'withdrawn';
  if (row.available_from !== null && Date.parse(row.available_from) > now.getTime()) return 'pending';
  return 'available';
}

/** The wire view of a document: its latest version and the list of all versions. */
export function documentView(db: SqliteDatabase, row: DocumentRow, clock: Clock): DocumentView {
  const versions = prepared(db, 'SELECT * FROM document_versions WHERE document_id = ? ORDER BY version').all(row.document_id) as VersionRow[];
  const latest = versions.find((v) => v.version === row.current_version);
  if (latest === undefined) throw new IpexError('INTERNAL', `document ${row.document_id} has no row for its current version ${row.current_version}`);
  const view: DocumentView = {
    documentId: row.document_id,
    version: latest.version,
    documentKind: row.kind as DocumentView['documentKind'],
    state: documentState(row, clock.now()),
    bibliographicData: JSON.parse(latest.bibliographic) as DocumentView['bibliographicData'],
    depositedAt: latest.deposited_at,
    parts: versionPartViews(db, latest),
    versions: versions.map((v) => ({ version: v.version, depositedAt: v.deposited_at, parts: versionPartViews(db, v) })),
  };
  if (row.available_from !== null) view.availableFrom = row.available_from;
  if (row.withdrawn_at !== null) view.withdrawnAt = row.withdrawn_at;
  if (latest.supersedes !== null) view.supersedes = row.document_id;
  return view;
}

/**
 * The view `documentView` reads back for a document's first version, built from what its commit
 * just wrote (issue 14: reading five rows back cost a bulk deposit ~4 % of its event loop).
 * `parts` in manifest order, which is the byte order of their ASCII safe names, as SQLite's
 * ORDER BY name gives; `bibliographic` the JSON text stored in the version row.
 */
export function firstVersionView(d: {
  documentId: string; kind: string; bibliographic: string; depositedAt: string; availableFrom: string | null; parts: readonly ManifestPart[];
}, now: Date): DocumentView {
  const parts = (): PartView[] => d.parts.map((p) => ({
    name: p.name, mediaType: p.mediaType, size: p.size, sha256: p.sha256, ...(p.originalName === undefined ? {} : { originalName: p.originalName }),
  }));
  const view: DocumentView = {
    documentId: d.documentId,
    version: 1,
    documentKind: d.kind as DocumentView['documentKind'],
    state: d.availableFrom !== null && Date.parse(d.availableFrom) > now.getTime() ? 'pending' : 'available',
    bibliographicData: JSON.parse(d.bibliographic) as DocumentView['bibliographicData'],
    depositedAt: d.depositedAt,
    parts: parts(),
    versions: [{ version: 1, depositedAt: d.depositedAt, parts: parts() }],
  };
  if (d.availableFrom !== null) view.availableFrom = d.availableFrom;
  return view;
}

/**
 * The wire view of a part row. A draft row holds the name as given, a version row the safe
 * name; `originalNames` (safe name → original, from the version's manifest) completes the
 * latter. The safe name of a draft row is derived again here (part-names.ts, deterministic).
 */
export function partView(row: PartRow, originalNames?: ReadonlyMap<string, string>): PartView {
  const naming = originalNames === undefined ? namePart(row.name) : { name: row.name, originalName: originalNames.get(row.name) };
  const view: PartView = { name: naming.name, mediaType: row.media_type, size: row.size, sha256: row.sha256 };
  if (naming.originalName !== undefined) view.originalName = naming.originalName;
  return view;
}

/**
 * The original names of a version's parts, from its manifest (our own signed payload, read
 * without verifying it again): safe name → original name. Empty for parts deposited under safe
 * names, and for every version deposited before issue 10.
 */
export function originalPartNames(manifestJws: string): Map<string, string> {
  const payload = JSON.parse(Buffer.from(manifestJws.split('.')[1] ?? '', 'base64url').toString('utf8')) as Manifest;
  return new Map(payload.parts.flatMap((p) => (p.originalName === undefined ? [] : [[p.name, p.originalName] as const])));
}

/** A new version must be the same document: same kind, office, number, filing date and right. */
export function checkSameDocument(previous: DocumentRow, kind: string, b: BibliographicData): void {
  if (previous.withdrawn_at !== null) throw new IpexError('DOCUMENT_WITHDRAWN', `document ${previous.document_id} is withdrawn; it cannot get a new version`);
  const differs: string[] = [];
  if (previous.kind !== kind) differs.push('documentKind');
  if (previous.office !== b.ipOfficeCode) differs.push('ipOfficeCode');
  if (previous.application_number !== b.applicationNumberText) differs.push('applicationNumberText');
  if (previous.filing_date !== b.filingDate) differs.push('filingDate');
  if (previous.ip_right_type !== b.ipRightType) differs.push('ipRightType');
  if ((previous.searching_authority ?? undefined) !== b.searchingAuthority) differs.push('searchingAuthority');
  if (differs.length > 0) {
    throw new IpexError('SUPERSEDES_MISMATCH', `the new version differs from ${previous.document_id} in ${differs.join(', ')}; deposit a new document instead`);
  }
}

/** DOCUMENT_EXISTS when a live priority document holds this application already. */
export function refuseLivePriority(db: SqliteDatabase, b: BibliographicData): void {
  const row = prepared(db, `SELECT document_id FROM documents WHERE kind = 'priorityDocument' AND withdrawn_at IS NULL
    AND office = ? AND application_number = ? AND filing_date = ? AND ip_right_type = ?`)
    .get(b.ipOfficeCode, b.applicationNumberText, b.filingDate, b.ipRightType) as { document_id: string } | undefined;
  if (row !== undefined) {
    throw new IpexError('DOCUMENT_EXISTS', `priority document ${row.document_id} already holds application ${b.applicationNumberText}; deposit a correction with supersedes ${row.document_id}`);
  }
}
