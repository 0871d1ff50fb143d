/**
 * `ipex backup` and `ipex restore` of a node on a real PostgreSQL 15 (issue 13): the backup is
 * taken while the node serves, as an SQLite file of the same schema; it restores into an empty
 * PostgreSQL database and into SQLite, each proved (the audit root recomputed, the rows counted),
 * and a node opens either. A changed row or blob, a database that is not empty and a wrong
 * password are refused before anything is written.
 */
import { expect } from 'chai';
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { provenAuditHead } from '../../../node/storage/audit-proof.js';
import { backup, restore, type BackupManifest } from '../../../node/storage/backup.js';
import { openDatabase } from '../../../node/storage/database.js';
import { openNodeDatabase } from '../../../node/storage/open-node-database.js';
import { PgDatabase } from '../../../node/storage/postgres/pg-database.js';
import { codeOf } from '../../helpers/error-code.js';
import { runCli } from '../../node/cli/run-cli.js';
import { startExchangeNetwork, type ExchangeNetwork } from '../../node/http/exchange-peer-fixture.js';
import { startPostgres, type PostgresServer } from '../servers/postgres.js';

describe('test/scale backup and restore of a node on PostgreSQL', function () {
  this.timeout(120_000);
  let server: PostgresServer;
  let net: ExchangeNetwork;
  let root: string;
  let bk: string;
  let manifest: BackupManifest;

  before(async () => {
    server = await startPostgres();
    process.env.IPEX_TEST_PG_PASSWORD = server.password;
    root = mkdtempSync(join(tmpdir(), 'ipex-pg-backup-'));
    net = await startExchangeNetwork({ epConfig: { storage: { database: server.createDatabase(), databasePasswordEnv: 'IPEX_TEST_PG_PASSWORD' } } });
    const deposit = await net.depositPriority({ application: 'EP 23 200 001.8' });
    const res = await net.send('POST', '/exchange/v1/retrievals', {
      json: { ipOfficeCode: 'EP', applicationNumberText: '23200001', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: deposit.accessCode, requestId: randomUUID() },
    });
    expect(res.status).to.equal(200);
    bk = join(root, 'bk');
    manifest = await backup(net.ep.context.config.dataDir, bk); // while the node serves
  });
  after(async () => {
    await net?.close();
    server?.stop();
    delete process.env.IPEX_TEST_PG_PASSWORD;
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  const database = (url: string): string => new URL(url).pathname.slice(1);
  const tablesIn = (url: string): number => Number(server.psql(database(url), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").trim());
  /** A copy of the backup with `damage` done to it. */
  const damaged = (name: string, damage: (dir: string) => void): string => {
    const dir = join(root, name);
    cpSync(bk, dir, { recursive: true, dereference: true }); // blobs may be hard links: break them, so that bk stays whole
    damage(dir);
    return dir;
  };

  it('backs up the rows as an SQLite file of the same schema, with the audit head of the live log', () => {
    const copy = openDatabase(join(bk, 'ipex.db'), { readonly: true });
    const grants = Number(copy.prepare('SELECT count(*) FROM retrieval_grants').pluck().get());
    copy.close();
    expect(grants).to.equal(1);
    const live = provenAuditHead(net.ep.context.db, 'the live database');
    expect(manifest.database?.audit?.size).to.be.greaterThan(2).and.at.most(live.size);
  });

  it('restores into an empty PostgreSQL database, proved, and a node opens it', async () => {
    const url = server.createDatabase();
    const target = join(root, 'into-pg');
    const run = await runCli(['--json', 'restore', '--from', bk, '--data', target, '--to-database', url, '--database-password-env', 'IPEX_TEST_PG_PASSWORD']);
    expect(run.code, run.err).to.equal(EXIT.ok);
    expect(run.err).to.match(/proving the copy before it is committed/);
    expect(existsSync(dataPaths(target).database)).to.equal(false);
    expect(JSON.parse(readFileSync(dataPaths(target).config, 'utf8')).storage).to.deep.include({ database: url, databasePasswordEnv: 'IPEX_TEST_PG_PASSWORD' });
    const { db } = openNodeDatabase(target);
    try {
      expect(db).to.be.instanceOf(PgDatabase);
      expect(provenAuditHead(db, 'the restored database')).to.deep.equal(manifest.database!.audit);
      expect(Number(db.prepare('SELECT count(*) FROM retrieval_grants').pluck().get())).to.equal(1);
    } finally {
      db.close();
    }
  });

  it('restores into SQLite, and a node opens it', async () => {
    const target = join(root, 'into-sqlite');
    await restore(bk, target, () => {}, { database: 'sqlite' });
    expect(JSON.parse(readFileSync(dataPaths(target).config, 'utf8')).storage ?? {}).not.to.have.property('database');
    const { db } = openNodeDatabase(target);
    try {
      expect(db).not.to.be.instanceOf(PgDatabase);
      expect(provenAuditHead(db, 'the restored database')).to.deep.equal(manifest.database!.audit);
    } finally {
      db.close();
    }
  });

  it('refuses a changed row, a changed audit entry whose digests were made to match, and a changed blob, writing nothing', async () => {
    const url = server.createDatabase();
    const into = { database: { database: url, databasePasswordEnv: 'IPEX_TEST_PG_PASSWORD' } } as const;
    const row = damaged('row', (dir) => {
      const db = openDatabase(join(dir, 'ipex.db'));
      db.prepare("UPDATE retrieval_grants SET document_id = 'another'").run();
      db.pragma('journal_mode = DELETE');
      db.close();
    });
    expect(await codeOf(restore(row, join(root, 'r1'), () => {}, into))).to.equal('BACKUP_INVALID');
    const entry = damaged('entry', (dir) => {
      const db = openDatabase(join(dir, 'ipex.db'));
      db.exec('DROP TRIGGER audit_entries_no_update');
      db.prepare("UPDATE audit_entries SET entry = CAST('{}' AS BLOB) WHERE idx = 1").run();
      db.pragma('journal_mode = DELETE');
      db.close();
      const m = JSON.parse(readFileSync(join(dir, 'backup.json'), 'utf8')) as { database: { sha256: string; size: number }; files: { path: string; sha256: string; size: number }[] };
      const bytes = readFileSync(join(dir, 'ipex.db'));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      Object.assign(m.database, { sha256, size: bytes.length });
      Object.assign(m.files.find((f) => f.path === 'ipex.db')!, { sha256, size: bytes.length });
      writeFileSync(join(dir, 'backup.json'), JSON.stringify(m));
    });
    expect(await codeOf(restore(entry, join(root, 'r2'), () => {}, into))).to.equal('BACKUP_INVALID');
    const blob = damaged('blob', (dir) => {
      const part = manifest.files.find((f) => f.path.startsWith('blobs/'))!;
      writeFileSync(join(dir, part.path), 'bytes changed in the backup');
    });
    expect(await codeOf(restore(blob, join(root, 'r3'), () => {}, into))).to.equal('BACKUP_INVALID');
    expect(tablesIn(url)).to.equal(0);
    for (const name of ['r1', 'r2', 'r3']) expect(existsSync(join(root, name))).to.equal(false);
  });

  it("refuses the backup's own database, which is not empty, and a wrong password, writing nothing", async () => {
    expect(await codeOf(restore(bk, join(root, 'r4')))).to.equal('TARGET_DATABASE_NOT_EMPTY');
    process.env.IPEX_TEST_WRONG_PASSWORD = 'not the password';
    try {
      const url = server.createDatabase();
      expect(await codeOf(restore(bk, join(root, 'r5'), () => {}, { database: { database: url, databasePasswordEnv: 'IPEX_TEST_WRONG_PASSWORD' } }))).to.equal('DATABASE_UNAVAILABLE');
      expect(tablesIn(url)).to.equal(0);
    } finally {
      delete process.env.IPEX_TEST_WRONG_PASSWORD;
    }
    expect(existsSync(join(root, 'r4'))).to.equal(false);
    expect(existsSync(join(root, 'r5'))).to.equal(false);
  });
});
