/**
 * The retrieval history of a document for its applicant (docs/design.md §6: "who, when, outcome,
 * receipt"), read from the audit log (003-audit-log.sql: audit_entries indexed by document_id).
 * Retrieval attempts and receipts are written by the exchange side; this module only reads and
 * joins them: a receipt is attached to the attempt with the same retrievalId.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/office.js';
import type { DepositDeps } from './deposit-deps.js';
import { prepared } from './deposit-deps.js';
import { loadDocumentRow } from './document-rows.js';

export type RetrievalAttemptView = components['schemas']['RetrievalAttempt'];

const ATTEMPT_TYPES = ['retrieval.attempt'];
const RECEIPT_TYPE = 'receipt.received';

interface EntryRow { idx: number; entry: Buffer | string; time: string; type: string; outcome: string }
interface ParsedEntry {
  actor?: { office?: string };
  subject?: { version?: number; retrievalId?: string; office?: string };
  outcome?: string;
  code?: string;
}

/** One page of attempts on `documentId`, newest first; `cursor` is the log index to continue below. */
export function documentHistory(deps: DepositDeps, documentId: string, cursor?: string, limit = 50): { items: RetrievalAttemptView[]; nextCursor?: string } {
  loadDocumentRow(deps.db, documentId);
  const before = cursor === undefined ? Number.MAX_SAFE_INTEGER : parseCursor(cursor);
  const rows = prepared(deps.db, `SELECT idx, entry, time, type, outcome FROM audit_entries
    WHERE document_id = ? AND type IN (${ATTEMPT_TYPES.map(() => '?').join(', ')}) AND idx < ? ORDER BY idx DESC LIMIT ?`)
    .all(documentId, ...ATTEMPT_TYPES, before, limit + 1) as EntryRow[];
  const receipts = new Map<string, { receivedAt: string; logIndex: number }>();
  const receiptRows = prepared(deps.db, 'SELECT idx, entry, time, type, outcome FROM audit_entries WHERE document_id = ? AND type = ?')
    .all(documentId, RECEIPT_TYPE) as EntryRow[];
  for (const row of receiptRows) {
    const id = parse(row).subject?.retrievalId;
    if (id !== undefined && !receipts.has(id)) receipts.set(id, { receivedAt: row.time, logIndex: row.idx });
  }
  const items = rows.slice(0, limit).map((row) => attemptView(row, receipts));
  const result: { items: RetrievalAttemptView[]; nextCursor?: string } = { items };
  const last = rows[limit - 1];
  if (rows.length > limit && last !== undefined) result.nextCursor = String(last.idx);
  return result;
}

function attemptView(row: EntryRow, receipts: Map<string, { receivedAt: string; logIndex: number }>): RetrievalAttemptView {
  const entry = parse(row);
  const view: RetrievalAttemptView = {
    office: entry.actor?.office ?? entry.subject?.office ?? 'XX',
    time: row.time,
    outcome: outcomeOf(row.outcome, entry.code),
    logIndex: row.idx,
  };
  if (typeof entry.subject?.version === 'number') view.version = entry.subject.version;
  const retrievalId = entry.subject?.retrievalId;
  if (retrievalId !== undefined && /^[A-Za-z0-9_-]{8,64}$/.test(retrievalId)) {
    view.retrievalId = retrievalId;
    const receipt = receipts.get(retrievalId);
    if (receipt !== undefined) view.receipt = receipt;
  }
  return view;
}

function outcomeOf(outcome: string, code: string | undefined): RetrievalAttemptView['outcome'] {
  switch (outcome) {
    case 'ok':
      return 'success';
    case 'pending':
      return 'pending';
    case 'refused':
      return code !== undefined && /LOCK/.test(code) ? 'locked' : 'refused';
    default:
      return 'error';
  }
}

function parse(row: EntryRow): ParsedEntry {
  try {
    return JSON.parse(typeof row.entry === 'string' ? row.entry : row.entry.toString('utf8')) as ParsedEntry;
  } catch {
    return {};
  }
}

function parseCursor(cursor: string): number {
  if (!/^\d{1,15}$/.test(cursor)) throw new IpexError('INVALID_INPUT', 'the cursor is not one this node returned');
  return Number(cursor);
}
