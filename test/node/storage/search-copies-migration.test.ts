/**
 * Issue 15: the migration that adds the `searchCopy` kind rebuilds `deposits` and `documents`
 * (SQLite cannot change a CHECK in place). A node holding documents, versions, parts, codes and
 * policies upgrades with every row kept, foreign keys sound, the immutability triggers back, and
 * the new invariant held: a search copy, and only it, names a searching authority.
 */
import { expect } from 'chai';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../node/storage/database.js';
import { loadMigrations, migrate } from '../../../node/storage/migrations.js';

describe('node/storage migration: search copies (issue 15)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-mig-sc-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('keeps every document row and its dependants, and holds the new kind to its addressee', () => {
    const before = loadMigrations().filter((m) => !m.name.includes('search-copies') && m.version < loadMigrations().find((x) => x.name === 'search-copies')!.version);
    const m = join(dir, 'migrations');
    mkdirSync(m);
    for (const x of before) writeFileSync(join(m, `${String(x.version).padStart(3, '0')}-${x.name}.sql`), x.sql);
    const db = openDatabase(join(dir, 'ipex.db'));
    migrate(db, { dir: m });
    db.exec(`INSERT INTO deposits (id, kind, bibliographic, created_by, state, created_at, document_id, version) VALUES ('D1', 'searchReport', '{}', 'cli', 'committed', 't', 'EP-SR-1-AAAAAAAA', 1);
      INSERT INTO deposit_parts VALUES ('D1', 'a.pdf', 'application/pdf', 1, '${'a'.repeat(64)}', 't');
      INSERT INTO documents (document_id, office, application_number, filing_date, ip_right_type, kind, current_version, created_at) VALUES ('EP-SR-1-AAAAAAAA', 'EP', '1', '2023-01-01', 'patent', 'searchReport', 1, 't');
      INSERT INTO document_versions VALUES ('EP-SR-1-AAAAAAAA', 1, '{}', 'jws', 't', NULL, 'D1');
      INSERT INTO access_policies VALUES ('EP-SR-1-AAAAAAAA', 1, '[]', 't');`);

    expect(migrate(db).applied).to.have.length.greaterThan(0);
    expect(db.pragma('foreign_key_check')).to.deep.equal([]);
    expect(db.prepare('SELECT document_id, kind, searching_authority FROM documents').all()).to.deep.equal([{ document_id: 'EP-SR-1-AAAAAAAA', kind: 'searchReport', searching_authority: null }]);
    expect(db.prepare('SELECT count(*) AS n FROM deposit_parts').get()).to.deep.equal({ n: 1 });
    const insert = (kind: string, authority: string | null) => db.prepare(`INSERT INTO documents (document_id, office, application_number, filing_date, ip_right_type, kind, current_version, created_at, searching_authority)
      VALUES (?, 'EP', '2', '2023-01-01', 'patent', ?, 1, 't', ?)`).run(`EP-X-${kind}-${authority ?? 'none'}`, kind, authority);
    insert('searchCopy', 'US');
    expect(() => insert('searchCopy', null)).to.throw(/CHECK/);
    expect(() => insert('searchReport', 'US')).to.throw(/CHECK/);
    expect(() => db.prepare("UPDATE documents SET searching_authority = 'JP' WHERE kind = 'searchCopy'").run()).to.throw(/immutable/);
    expect(() => db.prepare('DELETE FROM documents').run()).to.throw(/never deleted/);
    expect(() => db.prepare("INSERT INTO document_versions VALUES ('EP-NOPE', 1, '{}', 'j', 't', NULL, 'D1')").run()).to.throw(/FOREIGN KEY/);
    db.close();
  });
});
