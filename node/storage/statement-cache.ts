/**
 * Prepared statements kept per database connection and SQL text: preparing a statement is
 * SQLite parsing and planning it again, which showed up at 8% of a retrieval's CPU time when
 * the request-path services prepared theirs on every call. Only for statements used in the
 * default mode (no `.pluck()`, `.raw()` or `.expand()`): those change the shared statement.
 */
import type { NodeStatement as Statement } from './database.js';
import type { SqliteDatabase } from './database.js';

const caches = new WeakMap<SqliteDatabase, Map<string, Statement>>();

/** A `prepare` for `db` that prepares each SQL text once. */
export function cachedStatements(db: SqliteDatabase): (sql: string) => Statement {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  const statements = cache;
  return (sql) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
