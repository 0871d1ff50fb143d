/**
 * The audit head recomputed from the entries (node/storage/audit-proof.ts), which `ipex migrate`,
 * `ipex backup` and `ipex restore` compare between the original and the copy, and the table order
 * the copy follows (node/storage/table-copy.ts). Both engines run the same code; SQLite here.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataPaths } from '../../../node/config/data-dir.js';
import { provenAuditHead } from '../../../node/storage/audit-proof.js';
import { openDatabase, type SqliteConnection } from '../../../node/storage/database.js';
import { proveSameHead } from '../../../node/storage/engine-copy.js';
import { checkCounts, nodeTables } from '../../../node/storage/table-copy.js';
import { leafHash, rootOf } from '../../../protocol/merkle/index.js';
import { expectCode } from '../../helpers/error-code.js';
import { makeDataDir } from './data-dir-fixture.js';

describe('node/storage audit-proof and table order', () => {
  let root: string;
  let db: SqliteConnection;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-audit-proof-'));
    db = openDatabase(dataPaths((await makeDataDir(root)).dataDir).database);
  });
  afterEach(() => {
    db.close();
    rmSync(root, { recursive: true, force: true });
  });

  const leaves = (): Buffer[] => db.prepare('SELECT leaf_hash FROM audit_entries ORDER BY idx').pluck().all() as Buffer[];

  it('gives the size and the RFC 9162 root of the entries', () => {
    expect(provenAuditHead(db, 'test')).to.deep.equal({ size: 5, root: rootOf(leaves()).toString('hex') });
  });

  it('checks the root at every signed checkpoint', () => {
    const insert = db.prepare("INSERT INTO audit_checkpoints (size, root, note, created_at) VALUES (?, ?, 'note', '2026-01-01T00:00:00Z')");
    insert.run(3, rootOf(leaves(), 3));
    expect(provenAuditHead(db, 'test').size).to.equal(5);
    insert.run(4, rootOf(leaves(), 3));
    expectCode(() => provenAuditHead(db, 'test'), 'AUDIT_LOG_CORRUPT');
  });

  it('refuses a checkpoint beyond the entries, an entry that does not hash to its leaf, and a leaf the subtrees disagree with', () => {
    db.prepare("INSERT INTO audit_checkpoints (size, root, note, created_at) VALUES (9, ?, 'note', '2026-01-01T00:00:00Z')").run(Buffer.alloc(32));
    expectCode(() => provenAuditHead(db, 'test'), 'AUDIT_LOG_CORRUPT');
    db.exec("DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_checkpoints; DROP TRIGGER audit_entries_no_update");
    db.prepare("UPDATE audit_entries SET entry = CAST('{}' AS BLOB) WHERE idx = 1").run();
    expectCode(() => provenAuditHead(db, 'test'), 'AUDIT_LOG_CORRUPT');
    db.prepare('UPDATE audit_entries SET leaf_hash = ? WHERE idx = 1').run(leafHash(Buffer.from('{}')));
    expectCode(() => provenAuditHead(db, 'test'), 'AUDIT_LOG_CORRUPT');
  });

  it('orders the tables so that every foreign key names a table copied before, without schema_migrations', () => {
    const tables = nodeTables(db);
    const position = new Map(tables.map((t, i) => [t.name, i]));
    expect(position.has('schema_migrations')).to.equal(false);
    for (const table of tables) {
      for (const parent of db.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(table.name) as string[]) {
        if (parent !== table.name) expect(position.get(parent), `${parent} before ${table.name}`).to.be.lessThan(position.get(table.name)!);
      }
    }
    expect(tables.find((t) => t.name === 'audit_entries')?.key).to.deep.equal(['idx']);
    expect(tables.find((t) => t.name === 'version_parts')).to.exist;
  });
});

describe('node/storage proof of a copy', () => {
  it('fails a copy whose audit head or row counts differ from the source with MIGRATE_PROOF_FAILED', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipex-copy-proof-'));
    const db = openDatabase(dataPaths((await makeDataDir(root)).dataDir).database);
    try {
      const head = provenAuditHead(db, 'test');
      proveSameHead(head, { ...head }, 'the copy');
      expectCode(() => proveSameHead(head, { size: head.size, root: '00'.repeat(32) }, 'the copy'), 'MIGRATE_PROOF_FAILED');
      expectCode(() => proveSameHead(head, { size: head.size - 1, root: head.root }, 'the copy'), 'MIGRATE_PROOF_FAILED');
      checkCounts(db, new Map([['audit_entries', 5]]), 'the copy');
      expectCode(() => checkCounts(db, new Map([['audit_entries', 6]]), 'the copy'), 'MIGRATE_PROOF_FAILED');
    } finally {
      db.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
