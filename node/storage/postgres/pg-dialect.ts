/**
 * The SQLite dialect the services write, as PostgreSQL reads it. The services keep one SQL text
 * per statement (docs/architecture.md "PostgreSQL"); the differences that occur in them are few
 * and mechanical, so they are translated here once per statement text, and what cannot be
 * translated by syntax (json_each, json_extract, instr, ipex_fold) exists in PostgreSQL as
 * functions of the same name, made by the PostgreSQL migrations (migrations/postgres/).
 *
 * - `?` and `@name` parameters become `$1, $2, …`; `? IS [NOT] NULL` gets a type (`$1::text`), which
 *   PostgreSQL cannot infer from a bare NULL test;
 * - `IS ?` / `IS NOT ?` (SQLite's null-safe comparison) become `IS [NOT] DISTINCT FROM`;
 * - `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING`;
 * - an INSERT into a table whose key is a generated `id` returns it (better-sqlite3's
 *   `lastInsertRowid`);
 * - in an upsert's `DO UPDATE SET col = col + …` the old value is named by its table (SQLite
 *   reads a bare column there as the existing row's; PostgreSQL finds it ambiguous);
 * - a subquery in FROM without a name gets one (PostgreSQL 15 requires it);
 * - LIKE is ILIKE (SQLite's LIKE ignores case);
 * - mixed-case column aliases are quoted (PostgreSQL folds them to lower case otherwise);
 * - `sqlite_master` lists the schema's tables; `PRAGMA synchronous` (an SQLite tuning the deposit
 *   path sets around its own commits) reads as FULL and setting it does nothing — PostgreSQL's
 *   durability is the server's `synchronous_commit`.
 * String literals, quoted identifiers and comments are never changed.
 */

/** Tables whose key is an `id` PostgreSQL generates (an SQLite INTEGER PRIMARY KEY rowid alias). */
const GENERATED_ID_TABLES = new Set([
  'staff_tokens', 'witness_evidence', 'applicant_keys', 'applicant_alerts', 'staff_alerts', 'outbox', 'webhook_endpoints',
]);

export interface TranslatedSql {
  readonly text: string;
  /** Number of `$n` parameters. */
  readonly parameters: number;
  /** For `@name` parameters: the name of each `$n`, in order (bound from an object). */
  readonly names?: readonly string[];
  /** True when the statement returns rows (a SELECT, or a write with RETURNING). */
  readonly reader: boolean;
  /** True when the statement may change rows (an autocommit one takes the write lock). */
  readonly writes: boolean;
  /** True when the first returned column is the generated id (lastInsertRowid). */
  readonly returnsId: boolean;
}

const SQLITE_MASTER = "(SELECT 'table'::text AS type, tablename::text AS name FROM pg_catalog.pg_tables WHERE schemaname = current_schema()) AS sqlite_master";

export function translateSql(sql: string): TranslatedSql {
  const pragma = /^\s*PRAGMA\s+synchronous\s*(=\s*\w+)?\s*;?\s*$/i.exec(sql);
  if (pragma) {
    return pragma[1] === undefined
      ? { text: 'SELECT 2 AS synchronous', parameters: 0, reader: true, writes: false, returnsId: false }
      : { text: 'SELECT 1 WHERE false', parameters: 0, reader: false, writes: false, returnsId: false };
  }
  let text = '';
  let n = 0;
  let ignore = false;
  const names: string[] = [];
  for (const [code, literal] of segments(sql)) {
    let part = code
      .replace(/\bIS\s+NOT\s+\?/gi, 'IS DISTINCT FROM ?')
      .replace(/\bIS\s+\?/gi, 'IS NOT DISTINCT FROM ?')
      .replace(/\?(\s+IS\s+(?:NOT\s+)?NULL\b)/gi, '?::text$1')
      .replace(/\bLIKE\b/gi, 'ILIKE')
      .replace(/\bAS\s+([a-z_][a-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, 'AS "$1"')
      .replace(/\bsqlite_master\b/g, SQLITE_MASTER);
    if (/\bINSERT\s+OR\s+IGNORE\b/i.test(part)) {
      ignore = true;
      part = part.replace(/\bINSERT\s+OR\s+IGNORE\b/i, 'INSERT');
    }
    text += part.replace(/\?/g, () => `$${++n}`).replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
      const known = names.indexOf(name);
      if (known >= 0) return `$${known + 1}`;
      names.push(name);
      return `$${++n}`;
    }) + literal;
  }
  if (names.length > 0 && names.length !== n) throw new TypeError('a statement cannot mix ? and @name parameters');
  text = nameSubqueries(text.trim().replace(/;$/, ''));
  const head = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? '';
  const hasReturning = /\bRETURNING\b/i.test(stripLiterals(text));
  if (ignore) text = hasReturning ? text.replace(/\bRETURNING\b/i, 'ON CONFLICT DO NOTHING RETURNING') : `${text} ON CONFLICT DO NOTHING`;
  const into = /^\s*INSERT\s+INTO\s+(\w+)/i.exec(text)?.[1]?.toLowerCase();
  const upsert = /\bDO\s+UPDATE\s+SET\b/i.exec(text);
  if (upsert && into !== undefined) {
    const at = upsert.index + upsert[0].length;
    text = text.slice(0, at) + text.slice(at).replace(/\b(\w+)(\s*=\s*)(?<![.\w])\1\b/g, `$1$2${into}.$1`);
  }
  const returnsId = !hasReturning && into !== undefined && GENERATED_ID_TABLES.has(into);
  if (returnsId) text = `${text} RETURNING id`;
  const reader = head === 'SELECT' || head === 'VALUES' || hasReturning || (head === 'WITH' && !/\b(INSERT|UPDATE|DELETE)\b/i.test(stripLiterals(text)));
  const writes = !(head === 'SELECT' || head === 'VALUES' || (head === 'WITH' && reader));
  return { text, parameters: n, reader, writes, returnsId, ...(names.length > 0 ? { names } : {}) };
}

/** Splits SQL into [code, literal-that-follows] pairs; literals are '…', "…", -- and /* comments. */
function* segments(sql: string): Generator<[string, string]> {
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    let end = -1;
    if (c === "'" || c === '"') {
      end = i + 1;
      for (;;) {
        const close = sql.indexOf(c, end);
        if (close < 0) { end = sql.length; break; }
        if (sql[close + 1] === c) { end = close + 2; continue; } // '' inside a literal
        end = close + 1;
        break;
      }
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      end = nl < 0 ? sql.length : nl;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      end = close < 0 ? sql.length : close + 2;
    }
    if (end < 0) { i++; continue; }
    yield [sql.slice(start, i), sql.slice(i, end)];
    start = i = end;
  }
  yield [sql.slice(start), ''];
}

/** `FROM (SELECT …)` with no alias after the closing parenthesis gets `AS ipex_subqueryN`. */
function nameSubqueries(sql: string): string {
  const opening = /\bFROM\s*\(\s*SELECT\b/gi;
  let out = sql;
  let count = 0;
  for (let m = opening.exec(out); m !== null; m = opening.exec(out)) {
    let depth = 0;
    let i = out.indexOf('(', m.index);
    let quote: string | undefined;
    for (; i < out.length; i++) {
      const c = out[i]!;
      if (quote !== undefined) { if (c === quote) quote = undefined; continue; }
      if (c === "'" || c === '"') quote = c;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    const after = out.slice(i + 1);
    if (!/^\s*(AS\b|(?!(WHERE|GROUP|ORDER|LIMIT|JOIN|LEFT|INNER|CROSS|UNION|ON|HAVING|OFFSET|RETURNING)\b)[A-Za-z_])/i.test(after)) {
      out = `${out.slice(0, i + 1)} AS ipex_subquery${++count}${after}`;
    }
  }
  return out;
}

function stripLiterals(sql: string): string {
  let out = '';
  for (const [code] of segments(sql)) out += code;
  return out;
}
