/**
 * The cache of family searches (issue 12; migration 013, docs/dossiers.md "Kept answers"): each
 * search with its answer as given to staff, and every peer's answer to every round as it came —
 * the request as signed with its body, and the response's status, Signature, Signature-Input,
 * Content-Digest and exact body bytes, with the signing certificate the directory listed — so
 * that `ipex dossier verify` can show long after that a peer sent what the search reports.
 */
import type { NodeStatement as Statement } from '../../storage/database.js';
import type { SignedRequestRecord } from '../../../protocol/exchange-client/index.js';
import { IpexError } from '../../../protocol/errors/index.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';
import type { AnswerOutcome, PeerAnswer, ReceivedResponse } from './peer-answer.js';

/** A kept answer, read back for verification. */
export interface KeptAnswer {
  readonly office: string;
  readonly round: number;
  readonly outcome: AnswerOutcome;
  readonly code: string | null;
  readonly receivedAt: string;
  readonly request: SignedRequestRecord | null;
  readonly requestBody: Buffer | null;
  readonly response: ReceivedResponse | null;
  readonly keyId: string | null;
  readonly certificate: Buffer | null;
}

export interface SearchRow {
  readonly searchId: string;
  readonly createdBy: string;
  readonly result: unknown;
}

interface AnswerRow {
  office: string; round: number; outcome: AnswerOutcome; code: string | null; received_at: string; request: string | null;
  request_body: Buffer | null; status: number | null; response_headers: string | null; response_body: Buffer | null;
  key_id: string | null; signing_certificate: Buffer | null;
}

export class SearchStore {
  readonly #db: SqliteDatabase;
  readonly #sql: (sql: string) => Statement;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#sql = cachedStatements(db);
  }

  /** Writes a finished search and its answers, with `alsoInTransaction` (the audit entry). */
  save(search: { searchId: string; query: unknown; createdBy: string; startedAt: string; finishedAt: string; result: unknown },
    answers: readonly PeerAnswer[], alsoInTransaction: () => void): void {
    const insertAnswer = this.#sql(`INSERT INTO dossier_search_answers (search_id, round, office, outcome, code, detail, elapsed_ms, received_at,
      request, request_body, status, response_headers, response_body, key_id, signing_certificate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#db.transaction(() => {
      this.#sql('INSERT INTO dossier_searches (search_id, query, created_by, started_at, finished_at, result) VALUES (?, ?, ?, ?, ?, ?)')
        .run(search.searchId, JSON.stringify(search.query), search.createdBy, search.startedAt, search.finishedAt, JSON.stringify(search.result));
      for (const a of answers) {
        const r = a.response;
        insertAnswer.run(search.searchId, a.round, a.office, a.outcome, a.code ?? null, a.detail ?? null, a.elapsedMs, a.receivedAt,
          a.request === undefined ? null : JSON.stringify(a.request), a.requestBody ?? null, r?.status ?? null,
          r === undefined ? null : JSON.stringify({ signature: r.signature, signatureInput: r.signatureInput, contentDigest: r.contentDigest, contentType: r.contentType }),
          r?.body ?? null, a.keyId ?? null, a.certificate ?? null);
      }
      alsoInTransaction();
    }).immediate();
  }

  /** The search, or NOT_FOUND. */
  get(searchId: string): SearchRow {
    const row = this.#sql('SELECT search_id, created_by, result FROM dossier_searches WHERE search_id = ?').get(searchId) as
      { search_id: string; created_by: string; result: string } | undefined;
    if (row === undefined) throw new IpexError('NOT_FOUND', `no dossier search ${JSON.stringify(searchId.slice(0, 64))}`);
    return { searchId: row.search_id, createdBy: row.created_by, result: JSON.parse(row.result) as unknown };
  }

  /** Every kept answer of a search, by round then office. */
  answers(searchId: string): KeptAnswer[] {
    const rows = this.#sql(`SELECT office, round, outcome, code, received_at, request, request_body, status, response_headers, response_body,
        key_id, signing_certificate FROM dossier_search_answers WHERE search_id = ? ORDER BY round, office`).all(searchId) as AnswerRow[];
    return rows.map((r) => {
      const headers = r.response_headers === null ? null : JSON.parse(r.response_headers) as Omit<ReceivedResponse, 'status' | 'body'>;
      return {
        office: r.office, round: r.round, outcome: r.outcome, code: r.code, receivedAt: r.received_at,
        request: r.request === null ? null : JSON.parse(r.request) as SignedRequestRecord,
        requestBody: r.request_body,
        response: headers === null || r.status === null ? null : { ...headers, status: r.status, body: r.response_body ?? Buffer.alloc(0) },
        keyId: r.key_id, certificate: r.signing_certificate,
      };
    });
  }
}
