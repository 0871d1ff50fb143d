import { expect } from 'chai';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { openDatabase } from '../../../node/storage/database.js';
import { checkDatabaseSound } from '../../../node/storage/database-health.js';
import { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR, loadMigrations, migrate, schemaVersion } from '../../../node/storage/migrations.js';

describe('node/storage database and migrations', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-mig-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  function migrationsDir(files: Record<string, string>): string {
    const m = join(dir, 'migrations');
    mkdirSync(m, { recursive: true });
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(m, name), sql);
    return m;
  }

  it('opens with WAL, synchronous=FULL, foreign keys on and temporary files (savepoint journals) in memory', () => {
    const db = openDatabase(join(dir, 'ipex.db'));
    expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
    expect(db.pragma('synchronous', { simple: true })).to.equal(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).to.equal(1);
    expect(db.pragma('temp_store', { simple: true })).to.equal(2); // MEMORY
    expect(Number(db.pragma('busy_timeout', { simple: true }))).to.be.greaterThan(0);
    db.close();
  });

  // issue 10, item 2: SQLite's own SQLITE_NOTADB at open is named as damage
  it('refuses a file that is not a SQLite database with DATABASE_CORRUPT, an absent read-only one with DATABASE_UNAVAILABLE', () => {
    const path = join(dir, 'ipex.db');
    writeFileSync(path, 'this is not a database at all, just some text that is long enough'.repeat(10));
    expect(() => openDatabase(path)).to.throw().with.property('code', 'DATABASE_CORRUPT');
    expect(() => openDatabase(join(dir, 'absent.db'), { readonly: true })).to.throw().with.property('code', 'DATABASE_UNAVAILABLE');
  });

  it('upgrades a node of schema 9 to the examiner role: tokens kept, sessions ended (issue 11)', () => {
    const nine = migrationsDir(Object.fromEntries(loadMigrations().filter((m) => m.version <= 9).map((m) => [`${String(m.version).padStart(3, '0')}-${m.name}.sql`, m.sql])));
    const db = openDatabase(join(dir, 'ipex.db'));
    migrate(db, { dir: nine });
    db.prepare("INSERT INTO staff_tokens (id, token_sha256, role, label, created_at) VALUES (7, ?, 'admin', 'ops', '2026-01-01T00:00:00Z')").run('a'.repeat(64));
    db.prepare("INSERT INTO portal_sessions (id_sha256, kind, staff_token_id, created_at, last_seen_at, expires_at) VALUES (?, 'staff', 7, 'x', 'x', 'x')").run('b'.repeat(64));
    expect(() => db.prepare("INSERT INTO staff_tokens (token_sha256, role, label, created_at) VALUES (?, 'examiner', 'e', 'x')").run('c'.repeat(64))).to.throw(/CHECK/);

    expect(migrate(db).applied).to.include(10);
    expect(db.prepare('SELECT id, role, label FROM staff_tokens').all()).to.deep.equal([{ id: 7, role: 'admin', label: 'ops' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM portal_sessions').get()).to.deep.equal({ n: 0 });
    db.prepare("INSERT INTO staff_tokens (token_sha256, role, label, created_at) VALUES (?, 'examiner', 'e', 'x')").run('c'.repeat(64));
    expect(db.pragma('foreign_key_check')).to.deep.equal([]);
    db.close();
  });

  it('applies the shipped migrations once and records them', () => {
    const db = openDatabase(join(dir, 'ipex.db'));
    const clock = new FixedClock('2026-01-02T03:04:05Z');
    const first = migrate(db, { clock });
    expect(first.applied).to.deep.equal(loadMigrations().map((m) => m.version));
    expect(first.applied[0]).to.equal(1);
    const row = db.prepare('SELECT * FROM schema_migrations WHERE version = 1').get() as Record<string, unknown>;
    expect(row).to.include({ name: 'node', applied_at: '2026-01-02T03:04:05.000Z' });
    expect(row.sha256).to.match(/^[0-9a-f]{64}$/);
    db.prepare('INSERT INTO node_meta (key, value) VALUES (?, ?)').run('office', 'EP');
    expect(migrate(db).applied).to.deep.equal([]);
    expect(schemaVersion(db)).to.equal(first.version);
    expect(loadMigrations(MIGRATIONS_DIR)[0]!.sql).to.equal(readFileSync(join(MIGRATIONS_DIR, '001-node.sql'), 'utf8'));
    db.close();
  });

  it('ships every migration in both dialects, with the same numbers and names', () => {
    // A node on PostgreSQL runs the same releases: a migration without its PostgreSQL form would
    // leave such a node unable to start (or worse, with a schema that differs from SQLite's).
    const names = (dir: string): string[] => loadMigrations(dir).map((m) => `${m.version}-${m.name}`);
    expect(names(POSTGRES_MIGRATIONS_DIR)).to.deep.equal(names(MIGRATIONS_DIR));
  });

  it('applies a new migration on top and rolls back a failing one whole', () => {
    const m = migrationsDir({ '001-a.sql': 'CREATE TABLE a (x INTEGER);' });
    const db = openDatabase(join(dir, 'ipex.db'));
    migrate(db, { dir: m });
    writeFileSync(join(m, '002-b.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO nope VALUES (1);');
    expect(() => migrate(db, { dir: m })).to.throw().with.property('code', 'MIGRATION_INVALID');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).to.equal(undefined);
    expect(schemaVersion(db)).to.equal(1);
    writeFileSync(join(m, '002-b.sql'), 'CREATE TABLE b (x INTEGER);');
    expect(migrate(db, { dir: m }).applied).to.deep.equal([2]);
    db.close();
  });

  it('detects an applied migration whose file changed (MIGRATION_TAMPERED)', () => {
    const m = migrationsDir({ '001-a.sql': 'CREATE TABLE a (x INTEGER);' });
    const db = openDatabase(join(dir, 'ipex.db'));
    migrate(db, { dir: m });
    writeFileSync(join(m, '001-a.sql'), 'CREATE TABLE a (x INTEGER, y TEXT);');
    expect(() => migrate(db, { dir: m })).to.throw().with.property('code', 'MIGRATION_TAMPERED');
    db.close();
  });

  it('refuses a database newer than the code (SCHEMA_TOO_NEW)', () => {
    const m = migrationsDir({ '001-a.sql': 'CREATE TABLE a (x INTEGER);', '002-b.sql': 'CREATE TABLE b (x INTEGER);' });
    const db = openDatabase(join(dir, 'ipex.db'));
    migrate(db, { dir: m });
    rmSync(join(m, '002-b.sql'));
    expect(() => migrate(db, { dir: m })).to.throw().with.property('code', 'SCHEMA_TOO_NEW');
    // issue 10, item 10: the refusal says what to do
    expect(() => migrate(db, { dir: m })).to.throw(/Run that release again.*`ipex restore --from BACKUP --data DIR`/);
    db.close();
  });

  // issue 10, item 2
  it('names a migration row no release could write as DATABASE_CORRUPT, not as a newer schema', () => {
    const m = migrationsDir({ '001-a.sql': 'CREATE TABLE a (x INTEGER);' });
    const db = openDatabase(join(dir, 'ipex.db'));
    migrate(db, { dir: m });
    db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (0, ?, ?, ?)').run('x', '0'.repeat(64), 'x');
    expect(() => migrate(db, { dir: m })).to.throw().with.property('code', 'DATABASE_CORRUPT');
    expect(() => checkDatabaseSound(db)).to.throw().with.property('code', 'DATABASE_CORRUPT');
    db.prepare('DELETE FROM schema_migrations WHERE version = 0').run();
    expect(() => checkDatabaseSound(db)).to.not.throw();
    db.close();
  });

  it('refuses gaps and misnamed files', () => {
    expect(() => loadMigrations(migrationsDir({ '001-a.sql': '', '003-c.sql': '' }))).to.throw().with.property('code', 'MIGRATION_INVALID');
    rmSync(join(dir, 'migrations'), { recursive: true });
    expect(() => loadMigrations(migrationsDir({ '1-a.sql': '' }))).to.throw().with.property('code', 'MIGRATION_INVALID');
  });
});
