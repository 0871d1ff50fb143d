import { expect } from 'chai';
import { translateSql } from '../../../../node/storage/postgres/pg-dialect.js';

describe('PostgreSQL dialect of the services\' SQL', () => {
  it('numbers ? parameters, leaving string literals and comments alone', () => {
    const t = translateSql("SELECT a FROM t WHERE b = ? AND c = '?' -- ?\n AND d = ?");
    expect(t.text).to.equal("SELECT a FROM t WHERE b = $1 AND c = '?' -- ?\n AND d = $2");
    expect(t.parameters).to.equal(2);
    expect(t.reader).to.equal(true);
    expect(t.writes).to.equal(false);
  });

  it('binds @name parameters by name, the same name to the same number', () => {
    const t = translateSql('SELECT * FROM t WHERE a = @a AND b = @b OR c = @a');
    expect(t.text).to.equal('SELECT * FROM t WHERE a = $1 AND b = $2 OR c = $1');
    expect(t.names).to.deep.equal(['a', 'b']);
  });

  it('turns SQLite\'s null-safe IS ? into IS [NOT] DISTINCT FROM, and types a parameter tested for NULL', () => {
    expect(translateSql('SELECT 1 FROM t WHERE a IS NOT ? AND b IS ? AND ? IS NULL').text)
      .to.equal('SELECT 1 FROM t WHERE a IS DISTINCT FROM $1 AND b IS NOT DISTINCT FROM $2 AND $3::text IS NULL');
  });

  it('turns INSERT OR IGNORE into ON CONFLICT DO NOTHING, and returns generated ids', () => {
    expect(translateSql('INSERT OR IGNORE INTO audit_checkpoints (size) VALUES (?)').text)
      .to.equal('INSERT INTO audit_checkpoints (size) VALUES ($1) ON CONFLICT DO NOTHING');
    const id = translateSql('INSERT INTO staff_tokens (role) VALUES (?)');
    expect(id.text).to.equal('INSERT INTO staff_tokens (role) VALUES ($1) RETURNING id');
    expect(id.returnsId).to.equal(true);
    expect(id.writes).to.equal(true);
  });

  it('names the existing row in an upsert that adds to it', () => {
    expect(translateSql('INSERT INTO access_failures (a) VALUES (?) ON CONFLICT (a) DO UPDATE SET failures = failures + 1, b = excluded.b').text)
      .to.equal('INSERT INTO access_failures (a) VALUES ($1) ON CONFLICT (a) DO UPDATE SET failures = access_failures.failures + 1, b = excluded.b');
  });

  it('names an unnamed subquery in FROM, quotes mixed-case aliases, and makes LIKE ignore case', () => {
    expect(translateSql('SELECT SUM(size) AS bytes FROM (SELECT DISTINCT sha256, size FROM deposit_parts)').text)
      .to.equal('SELECT SUM(size) AS bytes FROM (SELECT DISTINCT sha256, size FROM deposit_parts) AS ipex_subquery1');
    expect(translateSql('SELECT x FROM (SELECT 1 AS x) t').text).to.equal('SELECT x FROM (SELECT 1 AS x) t');
    expect(translateSql('SELECT document_id AS documentId FROM t WHERE note LIKE ?').text)
      .to.equal('SELECT document_id AS "documentId" FROM t WHERE note ILIKE $1');
  });

  it('reads PRAGMA synchronous as FULL and makes setting it do nothing', () => {
    expect(translateSql('PRAGMA synchronous').text).to.equal('SELECT 2 AS synchronous');
    expect(translateSql('PRAGMA synchronous = NORMAL').reader).to.equal(false);
  });
});
