/**
 * The node's database on PostgreSQL, with the synchronous API the services use (NodeDatabase,
 * database.ts): every statement is one synchronous request to a worker thread that holds the
 * connection (pg-channel.ts), in SQLite's dialect translated once per statement (pg-dialect.ts).
 *
 * SQLite allows one writer at a time, and the services rely on it: a write transaction reads,
 * decides and writes with nobody writing in between (the audit log takes the next index, a
 * lock-out counts the failures). The same holds here across every process on the database: a
 * transaction begins by taking one transaction-scoped advisory lock (WRITE_LOCK), and so does a
 * write outside a transaction, which SQLite would also have serialised. Reads take no lock. Under
 * READ COMMITTED each statement after the lock sees everything committed before it, so a write
 * transaction works on the latest state, as it does in SQLite. COMMIT returns once the server has
 * made the transaction durable (synchronous_commit = on, the server's default), so what the node
 * acknowledges after a COMMIT is kept (docs/operations.md).
 */
import type Database from 'better-sqlite3';
import { IpexError } from '../../../protocol/errors/index.js';
import type { NodeDatabase, NodeRunResult, NodeStatement } from '../database.js';
import { PgChannel, PgRequestError } from './pg-channel.js';
import { translateSql, type TranslatedSql } from './pg-dialect.js';
import type { PgConnection, Step } from './pg-protocol.js';

/** The advisory lock key every write takes (any fixed number; "ipex" in ASCII). */
export const WRITE_LOCK = 0x69706578;

export class PgDatabase implements NodeDatabase {
  readonly name: string;
  readonly memory = false;
  readonly readonly = false;
  readonly #channel: PgChannel;
  readonly #translated = new Map<string, TranslatedSql>();
  #depth = 0;
  #open = true;

  /** Connects; throws DATABASE_UNAVAILABLE naming the server and the database when it cannot. */
  static connect(connection: PgConnection, name: string): PgDatabase {
    const channel = new PgChannel();
    try {
      channel.call({ op: 'connect', connection, steps: [] });
    } catch (err) {
      channel.terminate();
      throw new IpexError('DATABASE_UNAVAILABLE', `cannot connect to PostgreSQL database ${connection.database} on ${connection.host}:${connection.port} as ${connection.user}: ${(err as Error).message}`, { cause: err });
    }
    return new PgDatabase(channel, name);
  }

  private constructor(channel: PgChannel, name: string) {
    this.#channel = channel;
    this.name = name;
  }

  get open(): boolean {
    return this.#open;
  }

  get inTransaction(): boolean {
    return this.#depth > 0;
  }

  prepare(sql: string): NodeStatement {
    return new PgStatement(this, this.translate(sql));
  }

  /** Runs SQL text as it is (PostgreSQL's dialect, several statements allowed: the migrations). */
  exec(sql: string): this {
    this.request([{ sql }], !this.inTransaction);
    return this;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- better-sqlite3's own bound: any arguments
  transaction<F extends (...params: any[]) => unknown>(fn: F): Database.Transaction<F> {
    const run = (...args: Parameters<F>): ReturnType<F> => this.#inTransaction(() => fn(...args) as ReturnType<F>);
    return Object.assign(run, { default: run, deferred: run, immediate: run, exclusive: run }) as unknown as Database.Transaction<F>;
  }

  pragma(source: string): unknown {
    throw new IpexError('INTERNAL', `PRAGMA ${source} is SQLite's; this node's database is PostgreSQL (${this.name})`);
  }

  /** The SQL functions the services register are made by the PostgreSQL migrations; this checks one is there. */
  function(name: string): this {
    const found = this.request([{ sql: 'SELECT 1 FROM pg_catalog.pg_proc WHERE proname = $1', params: [name] }], false).rows.length > 0;
    if (!found) throw new IpexError('INTERNAL', `the SQL function ${name} is missing from PostgreSQL database ${this.name}: a migration did not make it`);
    return this;
  }

  close(): this {
    if (!this.#open) return this;
    this.#open = false;
    this.#channel.close();
    return this;
  }

  translate(sql: string): TranslatedSql {
    let t = this.#translated.get(sql);
    if (t === undefined) {
      t = translateSql(sql);
      this.#translated.set(sql, t);
    }
    return t;
  }

  /**
   * One write outside any transaction that needs neither the write lock nor a COMMIT that waits
   * for the disk: a statement that decides alone, atomically (an INSERT … ON CONFLICT on a
   * key), whose row may be lost in a crash of the server until this connection's next
   * synchronous commit flushes the WAL past it (node/trust/replay-nonces.ts). Returns the number
   * of rows changed.
   */
  runUnlockedAsyncCommit(sql: string, params: readonly unknown[]): number {
    if (this.inTransaction) throw new IpexError('INTERNAL', 'runUnlockedAsyncCommit() runs outside a transaction only');
    const t = this.translate(sql);
    const steps: Step[] = [
      { sql: 'BEGIN; SET LOCAL synchronous_commit = off' },
      { sql: t.text, params: bindValues([...params]) },
      { sql: 'COMMIT' },
    ];
    if (!this.#open) throw new IpexError('DATABASE_UNAVAILABLE', `the connection to ${this.name} is closed`);
    try {
      return this.#channel.call({ op: 'query', steps, answerStep: 1 }).rowCount;
    } catch (err) {
      try {
        this.#channel.call({ op: 'query', steps: [{ sql: 'ROLLBACK' }] });
      } catch {
        // the connection is gone: the server rolls the transaction back itself
      }
      throw asSqliteLike(err, this.name);
    }
  }

  /** One request; `lock`: in a transaction of its own that takes the write lock first. */
  request(steps: readonly Step[], lock: boolean): { rows: unknown[]; rowCount: number } {
    if (!this.#open) throw new IpexError('DATABASE_UNAVAILABLE', `the connection to ${this.name} is closed`);
    try {
      return this.#channel.call(lock ? { op: 'query', steps, lockFirst: WRITE_LOCK } : { op: 'query', steps });
    } catch (err) {
      throw asSqliteLike(err, this.name);
    }
  }

  #inTransaction<T>(work: () => T): T {
    const depth = this.#depth;
    const savepoint = `ipex_sp${depth}`;
    this.request([{ sql: depth === 0 ? `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})` : `SAVEPOINT ${savepoint}` }], false);
    this.#depth = depth + 1;
    let result: T;
    try {
      result = work();
      if (result instanceof Promise) throw new TypeError('Transaction function cannot return a promise');
    } catch (err) {
      this.#depth = depth;
      try {
        this.request([{ sql: depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}` }], false);
      } catch {
        // the connection is gone: the server rolls the transaction back itself
      }
      throw err;
    }
    this.#depth = depth;
    try {
      this.request([{ sql: depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}` }], false);
    } catch (err) {
      if (depth > 0) this.#depth = depth; // the outer transaction decides
      throw err;
    }
    return result;
  }
}

class PgStatement implements NodeStatement {
  readonly #db: PgDatabase;
  readonly #sql: TranslatedSql;
  #pluck = false;
  #raw = false;

  constructor(db: PgDatabase, sql: TranslatedSql) {
    this.#db = db;
    this.#sql = sql;
  }

  get reader(): boolean {
    return this.#sql.reader;
  }

  pluck(toggle = true): this {
    this.#pluck = toggle;
    if (toggle) this.#raw = false;
    return this;
  }

  raw(toggle = true): this {
    this.#raw = toggle;
    if (toggle) this.#pluck = false;
    return this;
  }

  run(...params: unknown[]): NodeRunResult {
    const { rows, rowCount } = this.#execute(params, this.#sql.returnsId);
    const id = this.#sql.returnsId && rows.length > 0 ? (rows[0] as unknown[])[0] : 0;
    return { changes: rowCount, lastInsertRowid: typeof id === 'number' ? id : 0 };
  }

  get(...params: unknown[]): unknown {
    return this.all(...params)[0];
  }

  all(...params: unknown[]): unknown[] {
    this.#readerOnly();
    const array = this.#pluck || this.#raw;
    const { rows } = this.#execute(params, array);
    return this.#pluck ? rows.map((r) => (r as unknown[])[0]) : rows;
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.all(...params)[Symbol.iterator]();
  }

  #readerOnly(): void {
    if (!this.#sql.reader) throw new TypeError('This statement does not return data. Use run() instead');
  }

  #execute(params: unknown[], array: boolean): { rows: unknown[]; rowCount: number } {
    const values = bindValues(this.#sql.names === undefined ? params : byName(params, this.#sql.names));
    if (values.length !== this.#sql.parameters) {
      throw new RangeError(`Too ${values.length > this.#sql.parameters ? 'many' : 'few'} parameter values were provided`);
    }
    const lock = this.#sql.writes && !this.#db.inTransaction;
    return this.#db.request([{ sql: this.#sql.text, params: values, array }], lock);
  }
}

/** `@name` parameters from the one object given, as better-sqlite3 binds them. */
function byName(params: unknown[], names: readonly string[]): unknown[] {
  const source = params[0];
  if (params.length !== 1 || source === null || typeof source !== 'object' || Array.isArray(source) || Buffer.isBuffer(source)) {
    throw new TypeError('named parameters are bound from one object');
  }
  return names.map((name) => {
    if (!(name in source)) throw new RangeError(`Missing named parameter "${name}"`);
    return (source as Record<string, unknown>)[name];
  });
}

/** better-sqlite3's binding rules: anonymous values, arrays spread, numbers, text, Buffers, null. */
function bindValues(params: unknown[]): unknown[] {
  const flat = params.flatMap((p) => (Array.isArray(p) ? p as unknown[] : [p]));
  return flat.map((v) => {
    if (v === undefined || v === null) return null;
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number' || typeof v === 'string' || Buffer.isBuffer(v)) return v;
    throw new TypeError(`SQLite3 can only bind numbers, strings, bigints, buffers, and null (got ${typeof v})`);
  });
}

/**
 * A failed request as the services know failures: constraint violations carry SQLite's codes
 * (an SQLite trigger's RAISE(ABORT) is SQLITE_CONSTRAINT_TRIGGER), a lost or refused connection
 * is DATABASE_UNAVAILABLE, a full disk on the server STORAGE_FULL.
 */
function asSqliteLike(err: unknown, name: string): Error {
  if (!(err instanceof PgRequestError)) return err as Error;
  const code = err.code ?? '';
  const sqlite = CONSTRAINTS[code];
  if (sqlite !== undefined) return Object.assign(new Error(err.message), { code: sqlite, sqlState: code });
  if (code === '53100') return new IpexError('STORAGE_FULL', `the PostgreSQL server of ${name} has no space left: ${err.message}`, { cause: err });
  if (/^(08|57P)/.test(code) || /^E[A-Z]+$/.test(code)) {
    return new IpexError('DATABASE_UNAVAILABLE', `PostgreSQL database ${name} is unavailable: ${err.message}`, { cause: err });
  }
  return err;
}

const CONSTRAINTS: Record<string, string> = {
  '23505': 'SQLITE_CONSTRAINT_UNIQUE',
  '23503': 'SQLITE_CONSTRAINT_FOREIGNKEY',
  '23514': 'SQLITE_CONSTRAINT_CHECK',
  '23502': 'SQLITE_CONSTRAINT_NOTNULL',
  '23P01': 'SQLITE_CONSTRAINT',
  'P0001': 'SQLITE_CONSTRAINT_TRIGGER', // RAISE EXCEPTION of the append-only triggers
};
