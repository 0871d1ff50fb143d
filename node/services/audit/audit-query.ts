/**
 * Auditors' queries over the audit log (office API `GET /audit/entries`, docs/design.md §7): filters
 * on the columns that repeat entry fields (time, office, document, event type, outcome) and
 * paging by cursor. The cursor is the decimal index of the next entry to return: entries are
 * never deleted or reordered, so a cursor stays valid for ever and pages never skip or repeat.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { AuditOutcome } from './entry.js';

export interface AuditEntryFilter {
  /** Inclusive lower bound on `time` (ISO 8601 as toISOString writes it). */
  readonly from?: string;
  /** Exclusive upper bound on `time`. */
  readonly to?: string;
  readonly office?: string;
  readonly documentId?: string;
  readonly eventType?: string;
  readonly outcome?: string;
  readonly cursor?: string;
  readonly limit: number;
}

export interface AuditEntryItem {
  readonly index: number;
  readonly time: string;
  readonly eventType: string;
  readonly outcome: AuditOutcome;
  readonly office?: string;
  readonly documentId?: string;
  /** The entry's exact JSON text (the leaf data). */
  readonly entry: string;
}

export interface AuditPage {
  readonly items: AuditEntryItem[];
  readonly nextCursor?: string;
}

interface Row {
  readonly idx: number;
  readonly entry: Buffer;
  readonly time: string;
  readonly type: string;
  readonly outcome: AuditOutcome;
  readonly office: string | null;
  readonly document_id: string | null;
}

/**
 * One page of entries matching `filter`, oldest first.
 *
 * @throws IpexError AUDIT_CURSOR_INVALID for a cursor that is not a decimal index.
 */
export function queryAuditEntries(db: SqliteDatabase, filter: AuditEntryFilter): AuditPage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.cursor !== undefined) {
    if (!/^(0|[1-9][0-9]{0,15})$/.test(filter.cursor) || !Number.isSafeInteger(Number(filter.cursor))) {
      throw new IpexError('AUDIT_CURSOR_INVALID', 'the cursor must be the nextCursor of a previous page');
    }
    where.push('idx >= ?');
    params.push(Number(filter.cursor));
  }
  const add = (clause: string, value: string | undefined): void => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  add('time >= ?', filter.from);
  add('time < ?', filter.to);
  add('office = ?', filter.office);
  add('document_id = ?', filter.documentId);
  add('type = ?', filter.eventType);
  add('outcome = ?', filter.outcome);
  const limit = Math.max(1, Math.min(500, Math.floor(filter.limit)));
  const sql = `SELECT idx, entry, time, type, outcome, office, document_id FROM audit_entries
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY idx LIMIT ?`;
  const rows = db.prepare(sql).all(...params, limit + 1) as Row[];
  const items = rows.slice(0, limit).map(toItem);
  const next = rows[limit];
  return next === undefined ? { items } : { items, nextCursor: String(next.idx) };
}

function toItem(row: Row): AuditEntryItem {
  return {
    index: row.idx,
    time: row.time,
    eventType: row.type,
    outcome: row.outcome,
    ...(row.office === null ? {} : { office: row.office }),
    ...(row.document_id === null ? {} : { documentId: row.document_id }),
    entry: row.entry.toString('utf8'),
  };
}
