/**
 * The journal of `ipex import` (migration 017, docs/importing.md "The journal"): what lets a run
 * killed at any instant be run again without depositing a document twice.
 *
 * For each row: `start` (durable, group-committed with the deposits around it, before any part
 * is stored: the watched inbox) or `startInTransaction` (in the deposit's commit itself: `ipex
 * import`) names the draft; the deposit's commit marks that draft committed atomically with the
 * document itself; `finish` records the document once its secrets are in the secrets file.
 * A later run reads the journal before depositing a row: `done` rows are skipped, and a `started`
 * row is resolved from the deposits table — committed means deposited (only its secrets may be
 * lost, so they are issued again), a draft or nothing means the deposit never happened.
 */
import type { SqliteDatabase } from '../../storage/database.js';
import { groupCommitFor } from '../../storage/group-commit.js';
import { prepared } from '../deposit/deposit-deps.js';

export interface JournalEntry {
  readonly row_key: string;
  readonly row_digest: string;
  readonly deposit_id: string;
  readonly document_id: string | null;
  readonly state: 'started' | 'done';
  readonly line: number;
}

/** What became of a started deposit, read from the deposits table. */
export type DepositOutcome = { state: 'committed'; documentId: string } | { state: 'draft' } | { state: 'absent' };

export class ImportJournal {
  readonly #db: SqliteDatabase;
  readonly #archive: string;
  readonly #now: () => string;

  constructor(db: SqliteDatabase, archive: string, now: () => string) {
    this.#db = db;
    this.#archive = archive;
    this.#now = now;
  }

  get(key: string): JournalEntry | undefined {
    return prepared(this.#db, 'SELECT row_key, row_digest, deposit_id, document_id, state, line FROM import_journal WHERE row_key = ?').get(key) as JournalEntry | undefined;
  }

  /** Durably names the draft of a row, before its parts are stored (replacing an unfinished start). */
  start(key: string, digest: string, depositId: string, line: number): Promise<void> {
    return groupCommitFor(this.#db).run(() => this.#start(key, digest, depositId, line));
  }

  /**
   * Names the row's draft as started; call inside the transaction of the deposit's commit (issue
   * 15): the start is then durable exactly when the document is, and a run killed before that
   * left neither, so the row is deposited again, once. Saves `ipex import` a transaction per
   * document against a start written before the parts.
   */
  startInTransaction(key: string, digest: string, depositId: string, line: number): void {
    this.#start(key, digest, depositId, line);
  }

  #start(key: string, digest: string, depositId: string, line: number): void {
    prepared(this.#db, `INSERT INTO import_journal (row_key, row_digest, deposit_id, state, archive, line, updated_at) VALUES (?, ?, ?, 'started', ?, ?, ?)
      ON CONFLICT (row_key) DO UPDATE SET row_digest = excluded.row_digest, deposit_id = excluded.deposit_id, archive = excluded.archive,
      line = excluded.line, updated_at = excluded.updated_at WHERE import_journal.state = 'started'`)
      .run(key, digest, depositId, this.#archive, line, this.#now());
  }

  /** Records the documents of rows whose secrets are safe in the secrets file (or that have none). */
  finish(entries: readonly { key: string; documentId: string }[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return groupCommitFor(this.#db).run(() => {
      const update = prepared(this.#db, "UPDATE import_journal SET state = 'done', document_id = ?, updated_at = ? WHERE row_key = ?");
      const at = this.#now();
      for (const e of entries) update.run(e.documentId, at, e.key);
    });
  }

  /** Forgets a row whose deposit failed, so that a later run tries it again. */
  forget(key: string): Promise<void> {
    return groupCommitFor(this.#db).run(() => {
      prepared(this.#db, "DELETE FROM import_journal WHERE row_key = ? AND state = 'started'").run(key);
    });
  }

  /** What became of the draft a started row named. */
  outcome(depositId: string): DepositOutcome {
    const row = prepared(this.#db, 'SELECT state, document_id FROM deposits WHERE id = ?').get(depositId) as { state: string; document_id: string | null } | undefined;
    if (row === undefined || row.state === 'abandoned') return { state: 'absent' };
    if (row.state === 'committed' && row.document_id !== null) return { state: 'committed', documentId: row.document_id };
    return { state: 'draft' };
  }
}
