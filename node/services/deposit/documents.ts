/**
 * Deposited documents after commit (docs/design.md §5): listing and paging, withdrawal, and what the
 * exchange side needs to answer a retrieval — the lookup by application, the manifest of a
 * version, and a part's blob with its CMS signature.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { Readable } from 'node:stream';
import { normaliseApplicationNumber } from '../../../protocol/st13/index.js';
import type { ByteRange } from '../../storage/blob-store.js';
import { auditActor, type Actor, type DepositDeps, prepared } from './deposit-deps.js';
import {
  documentState, documentView, loadDocumentRow, loadPartRows, loadVersionRow,
  type DocumentRow, type DocumentView, type PartRow, type VersionRow,
} from './document-rows.js';

export interface DocumentFilter {
  readonly applicationNumberText?: string;
  readonly documentKind?: string;
  readonly state?: 'available' | 'pending' | 'withdrawn';
  readonly patentFamilyId?: string;
  readonly depositedFrom?: string;
  readonly depositedTo?: string;
  /** Part of an applicant's name / of the title, compared case- and compatibility-folded (NFKC, lower case). */
  readonly applicant?: string;
  readonly title?: string;
  /** Filing dates `YYYY-MM-DD`, both ends included. */
  readonly filedFrom?: string;
  readonly filedTo?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

/** Documents, newest first (by first deposit), with a cursor for the next page. */
export function listDocuments(deps: DepositDeps, filter: DocumentFilter = {}): { items: DocumentView[]; nextCursor?: string } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const now = deps.clock.now().toISOString();
  if (filter.applicationNumberText !== undefined) { where.push('application_number = ?'); args.push(searchableNumber(deps.office, filter.applicationNumberText)); }
  if (filter.documentKind !== undefined) { where.push('kind = ?'); args.push(filter.documentKind); }
  if (filter.patentFamilyId !== undefined) { where.push('patent_family_id = ?'); args.push(filter.patentFamilyId); }
  if (filter.depositedFrom !== undefined) { where.push('created_at >= ?'); args.push(iso(filter.depositedFrom)); }
  if (filter.depositedTo !== undefined) { where.push('created_at < ?'); args.push(iso(filter.depositedTo)); }
  if (filter.filedFrom !== undefined) { where.push('filing_date >= ?'); args.push(filter.filedFrom); }
  if (filter.filedTo !== undefined) { where.push('filing_date <= ?'); args.push(filter.filedTo); }
  if (filter.title !== undefined || filter.applicant !== undefined) {
    // Issue 11: search by title and applicant, over the current version's bibliographic data.
    registerFold(deps.db);
    const current = (column: string): string =>
      `(SELECT ${column} FROM document_versions v WHERE v.document_id = documents.document_id AND v.version = documents.current_version)`;
    if (filter.title !== undefined) {
      where.push(`instr(ipex_fold(${current("json_extract(bibliographic, '$.inventionTitle')")}), ipex_fold(?)) > 0`);
      args.push(filter.title);
    }
    if (filter.applicant !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM json_each(${current('bibliographic')}, '$.applicantName') a
        WHERE instr(ipex_fold(concat_ws(' ', json_extract(a.value, '$.firstName'), json_extract(a.value, '$.lastName'), json_extract(a.value, '$.organizationName'))), ipex_fold(?)) > 0)`);
      args.push(filter.applicant);
    }
  }
  if (filter.state === 'withdrawn') where.push('withdrawn_at IS NOT NULL');
  if (filter.state === 'pending') { where.push('withdrawn_at IS NULL AND available_from > ?'); args.push(now); }
  if (filter.state === 'available') { where.push('withdrawn_at IS NULL AND (available_from IS NULL OR available_from <= ?)'); args.push(now); }
  if (filter.cursor !== undefined) {
    const [createdAt, id] = decodeCursor(filter.cursor);
    where.push('(created_at < ? OR (created_at = ? AND document_id < ?))');
    args.push(createdAt, createdAt, id);
  }
  const limit = filter.limit ?? 50;
  const rows = prepared(deps.db, `SELECT * FROM documents ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY created_at DESC, document_id DESC LIMIT ?`).all(...args, limit + 1) as DocumentRow[];
  const page = rows.slice(0, limit);
  const result: { items: DocumentView[]; nextCursor?: string } = { items: page.map((r) => documentView(deps.db, r, deps.clock)) };
  const last = page[page.length - 1];
  if (rows.length > limit && last !== undefined) result.nextCursor = Buffer.from(JSON.stringify([last.created_at, last.document_id])).toString('base64url');
  return result;
}

export function getDocument(deps: DepositDeps, documentId: string): DocumentView {
  return documentView(deps.db, loadDocumentRow(deps.db, documentId), deps.clock);
}

/** Withdraws a document: it is no longer served; its rows and log entries stay. */
export function withdrawDocument(deps: DepositDeps, documentId: string, reason: string | undefined, actor: Actor): DocumentView {
  const at = deps.clock.now().toISOString();
  deps.db.transaction(() => {
    const doc = loadDocumentRow(deps.db, documentId);
    const changed = prepared(deps.db, 'UPDATE documents SET withdrawn_at = ?, withdraw_reason = ? WHERE document_id = ? AND withdrawn_at IS NULL')
      .run(at, reason ?? null, documentId);
    if (changed.changes !== 1) throw new IpexError('DOCUMENT_WITHDRAWN', `document ${documentId} was already withdrawn`);
    deps.audit.appendInTransaction({
      type: 'document.withdrawn', actor: auditActor(actor, deps.office), outcome: 'ok',
      subject: { documentId, version: doc.current_version, office: deps.office, applicationNumber: doc.application_number },
      ...(reason === undefined ? {} : { details: { reason } }),
    });
  })();
  return getDocument(deps, documentId);
}

/** The lookup key of a retrieval (exchange.yaml `RetrievalRequest`), as received. */
export interface RetrievalKey {
  readonly office: string;
  readonly applicationNumber: string;
  readonly filingDate: string;
  readonly ipRightType: string;
}

/** A priority document found for a retrieval, with its current version. */
export interface RetrievableDocument {
  readonly document: DocumentRow;
  readonly version: VersionRow;
  readonly parts: PartRow[];
  /** `pending` before availableFrom; withdrawn documents are never returned. */
  readonly state: 'available' | 'pending';
}

/**
 * The live priority document for an application, or undefined. The application number is
 * normalised here (ST.13) so that any printed form finds it. Withdrawn documents are not found.
 */
export function findForRetrieval(deps: DepositDeps, key: RetrievalKey): RetrievableDocument | undefined {
  if (key.office !== deps.office) return undefined;
  let number: string;
  try {
    number = normaliseApplicationNumber(key.office, key.applicationNumber).applicationNumberText;
  } catch {
    return undefined;
  }
  const document = prepared(deps.db, `SELECT * FROM documents WHERE kind = 'priorityDocument' AND withdrawn_at IS NULL
    AND office = ? AND application_number = ? AND filing_date = ? AND ip_right_type = ?`)
    .get(key.office, number, key.filingDate, key.ipRightType) as DocumentRow | undefined;
  if (document === undefined) return undefined;
  const version = loadVersionRow(deps.db, document.document_id, document.current_version);
  const state = documentState(document, deps.clock.now()) === 'pending' ? 'pending' : 'available';
  return { document, version, parts: loadPartRows(deps.db, document.document_id, document.current_version), state };
}

/** The signed manifest (compact JWS) of a version. */
export function manifestOf(deps: DepositDeps, documentId: string, version: number): string {
  return loadVersionRow(deps.db, documentId, version).manifest_jws;
}

/** A part of a version: its metadata, CMS signature and a way to stream (a range of) its bytes. */
export interface PartBlob {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  readonly p7s: Buffer;
  open(range?: ByteRange): Promise<Readable>;
}

export function partBlob(deps: DepositDeps, documentId: string, version: number, name: string): PartBlob | undefined {
  const row = prepared(deps.db, 'SELECT name, media_type, size, sha256, p7s FROM version_parts WHERE document_id = ? AND version = ? AND name = ?')
    .get(documentId, version, name) as (PartRow & { p7s: Buffer }) | undefined;
  if (row === undefined) return undefined;
  return {
    name: row.name, mediaType: row.media_type, size: row.size, sha256: row.sha256, p7s: row.p7s,
    open: (range?: ByteRange) => deps.blobs.open(row.sha256, range),
  };
}

/** The stored (ST.13-normalised) form of a searched number; a form the office would refuse is searched as typed. */
function searchableNumber(office: string, text: string): string {
  try {
    return normaliseApplicationNumber(office, text).applicationNumberText;
  } catch {
    return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  }
}

const folding = new WeakSet<object>();

/** `ipex_fold(text)`: NFKC and lower case, so that a search ignores case and compatibility forms in any script. */
function registerFold(db: DepositDeps['db']): void {
  if (folding.has(db)) return;
  db.function('ipex_fold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.normalize('NFKC').toLowerCase() : null));
  folding.add(db);
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // fall through
  }
  throw new IpexError('INVALID_INPUT', 'the cursor is not one this node returned');
}

function iso(text: string): string {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new IpexError('INVALID_INPUT', `${JSON.stringify(text.slice(0, 40))} is not a date-time`);
  return new Date(ms).toISOString();
}
