/**
 * Certified copies kept by this office (migration 005-retrievals.sql): a verified manifest,
 * its chain, every part's digest and CMS signature (the bytes are in the blob store), where the
 * copy came from (provenance) and the receipt sent for it. Rows only; verification happens
 * before a copy is inserted (retrieval-verify.ts).
 */
import type { SqliteDatabase } from '../../storage/database.js';
import type { BibliographicData, DocumentKind } from '../../../protocol/certification/index.js';

export interface CopyPartRow {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  readonly p7s: Buffer;
}

export interface CopyRow {
  readonly copyId: string;
  readonly jobId: string;
  readonly sourceOffice: string;
  readonly documentId: string;
  readonly version: number;
  readonly documentKind: DocumentKind;
  readonly applicationNumber: string;
  readonly bibliographicData: BibliographicData;
  readonly manifestJws: string;
  readonly chainPem: string;
  readonly retrievedAt: string;
  readonly provenance: Record<string, unknown>;
  readonly receiptJws: string | null;
  readonly receiptSentAt: string | null;
  readonly receiptLogIndex: number | null;
  readonly parts: readonly CopyPartRow[];
}

interface RawCopy {
  copy_id: string; job_id: string; source_office: string; document_id: string; version: number; document_kind: DocumentKind;
  application_number: string; bibliographic: string; manifest_jws: string; chain_pem: string; retrieved_at: string;
  provenance: string; receipt_jws: string | null; receipt_sent_at: string | null; receipt_log_index: number | null;
}

export interface CopyFilter {
  readonly ipOfficeCode?: string;
  readonly applicationNumberText?: string;
  readonly documentKind?: string;
  /** Return copies retrieved before this copy (pagination, newest first). */
  readonly before?: { readonly retrievedAt: string; readonly copyId: string };
  readonly limit: number;
}

export class CopyStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Inserts a copy and its parts; call inside the caller's transaction. */
  insert(copy: Omit<CopyRow, 'receiptJws' | 'receiptSentAt' | 'receiptLogIndex'>): void {
    this.db.prepare(`INSERT INTO certified_copies (copy_id, job_id, source_office, document_id, version, document_kind,
      application_number, bibliographic, manifest_jws, chain_pem, retrieved_at, provenance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(copy.copyId, copy.jobId, copy.sourceOffice, copy.documentId, copy.version, copy.documentKind, copy.applicationNumber,
        JSON.stringify(copy.bibliographicData), copy.manifestJws, copy.chainPem, copy.retrievedAt, JSON.stringify(copy.provenance));
    const part = this.db.prepare('INSERT INTO copy_parts (copy_id, name, media_type, size, sha256, p7s) VALUES (?, ?, ?, ?, ?, ?)');
    for (const p of copy.parts) part.run(copy.copyId, p.name, p.mediaType, p.size, p.sha256, p.p7s);
  }

  get(copyId: string): CopyRow | undefined {
    const raw = this.db.prepare('SELECT * FROM certified_copies WHERE copy_id = ?').get(copyId) as RawCopy | undefined;
    return raw === undefined ? undefined : this.#withParts(raw);
  }

  /** The copy already held of a document version, if any (a second retrieval reuses it). */
  byDocument(sourceOffice: string, documentId: string, version: number): CopyRow | undefined {
    const raw = this.db.prepare('SELECT * FROM certified_copies WHERE source_office = ? AND document_id = ? AND version = ?')
      .get(sourceOffice, documentId, version) as RawCopy | undefined;
    return raw === undefined ? undefined : this.#withParts(raw);
  }

  /** Copies, newest first. */
  list(filter: CopyFilter): CopyRow[] {
    const where: string[] = [];
    const values: unknown[] = [];
    if (filter.ipOfficeCode !== undefined) { where.push('source_office = ?'); values.push(filter.ipOfficeCode); }
    if (filter.applicationNumberText !== undefined) { where.push('application_number = ?'); values.push(filter.applicationNumberText); }
    if (filter.documentKind !== undefined) { where.push('document_kind = ?'); values.push(filter.documentKind); }
    if (filter.before !== undefined) {
      where.push('(retrieved_at < ? OR (retrieved_at = ? AND copy_id < ?))');
      values.push(filter.before.retrievedAt, filter.before.retrievedAt, filter.before.copyId);
    }
    const sql = `SELECT * FROM certified_copies ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
      ORDER BY retrieved_at DESC, copy_id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...values, filter.limit) as RawCopy[];
    return rows.map((r) => this.#withParts(r));
  }

  /** Keeps the receipt before it is sent, so a retry sends the very same receipt. */
  setReceipt(copyId: string, receiptJws: string): void {
    this.db.prepare('UPDATE certified_copies SET receipt_jws = ? WHERE copy_id = ? AND receipt_jws IS NULL').run(receiptJws, copyId);
  }

  markReceiptSent(copyId: string, sentAt: string, logIndex: number | undefined): void {
    this.db.prepare('UPDATE certified_copies SET receipt_sent_at = ?, receipt_log_index = ? WHERE copy_id = ?')
      .run(sentAt, logIndex ?? null, copyId);
  }

  #withParts(raw: RawCopy): CopyRow {
    const parts = this.db.prepare('SELECT name, media_type AS mediaType, size, sha256, p7s FROM copy_parts WHERE copy_id = ? ORDER BY name')
      .all(raw.copy_id) as CopyPartRow[];
    return {
      copyId: raw.copy_id, jobId: raw.job_id, sourceOffice: raw.source_office, documentId: raw.document_id, version: raw.version,
      documentKind: raw.document_kind, applicationNumber: raw.application_number,
      bibliographicData: JSON.parse(raw.bibliographic) as BibliographicData, manifestJws: raw.manifest_jws, chainPem: raw.chain_pem,
      retrievedAt: raw.retrieved_at, provenance: JSON.parse(raw.provenance) as Record<string, unknown>, receiptJws: raw.receipt_jws,
      receiptSentAt: raw.receipt_sent_at, receiptLogIndex: raw.receipt_log_index, parts,
    };
  }
}
