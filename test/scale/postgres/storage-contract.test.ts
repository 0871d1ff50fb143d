/**
 * The storage contract, run against both engines: what the services rely on from the database
 * holds on SQLite and on PostgreSQL alike — the migrations, the append-only audit log and
 * certified rows enforced by the schema, one audit order across connections, retrieval job
 * leases that only one connection wins, and lock-out counts shared by all connections.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { PgDatabase } from '../../../node/storage/postgres/pg-database.js';
import type { PgConnection } from '../../../node/storage/postgres/pg-protocol.js';
import type { PostgresServer } from '../servers/postgres.js';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { AuditLog } from '../../../node/services/audit/index.js';
import { Lockout } from '../../../node/services/access/lockout.js';
import { JobStore } from '../../../node/services/retrieval/job-store.js';
import { thisProcess } from '../../../node/runtime/process-holder.js';
import { SharedReplayCache } from '../../../node/trust/replay-nonces.js';
import type { NodeDatabase } from '../../../node/storage/database.js';
import { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR, loadMigrations, migrate, schemaVersion } from '../../../node/storage/migrations.js';
import { postgresEngine, sqliteEngine, type Engine } from './engines.js';

const clock = new FixedClock(new Date('2026-12-03T10:00:00.000Z'));
const { privateKey } = generateKeyPairSync('ed25519');
const signer = { name: 'ipex/audit/EP', privateKey };

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return `${String((err as { code?: unknown }).code)}: ${(err as Error).message}`;
  }
  return 'accepted';
}

/** Runs a script of this folder in a process of its own; resolves with what it printed. */
function runProcess(script: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

for (const make of [sqliteEngine, postgresEngine]) {
  describe(`storage contract: ${make === sqliteEngine ? 'SQLite' : 'PostgreSQL'}`, function () {
    let engine: Engine;
    let open: () => NodeDatabase;
    const opened: NodeDatabase[] = [];
    const connect = (): NodeDatabase => {
      const db = open();
      opened.push(db);
      return db;
    };

    before(async () => {
      engine = await make();
    });
    beforeEach(() => {
      open = engine.newDatabase();
      migrate(connect(), { clock });
    });
    afterEach(() => {
      for (const db of opened.splice(0)) if (db.open) db.close();
    });
    after(() => engine?.stop());

    /** A new migrated PostgreSQL database, its connection settings for other processes, and a connection of this one. */
    function databaseForProcesses(): { connection: PgConnection; first: NodeDatabase } {
      const pg = engine as Engine & { server: PostgresServer };
      const url = pg.server.createDatabase();
      const connection = { host: pg.server.host, port: pg.server.port, user: pg.server.user, password: pg.server.password, database: new URL(url).pathname.slice(1) };
      const first = PgDatabase.connect(connection, url);
      opened.push(first);
      migrate(first, { clock });
      return { connection, first };
    }

    it('applies the numbered migrations once, from any connection', () => {
      const other = connect();
      const known = loadMigrations(engine.name === 'postgres' ? POSTGRES_MIGRATIONS_DIR : MIGRATIONS_DIR).map((m) => m.version);
      expect(known.length).to.be.greaterThanOrEqual(20); // 020: the shared replay cache
      expect(schemaVersion(other)).to.equal(known.length);
      expect(migrate(other, { clock }).applied).to.deep.equal([]);
      const rows = other.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
      expect(rows.map((r) => r.version)).to.deep.equal(known);
      expect(rows[2]!.name).to.equal('audit-log');
    });

    it('keeps one audit order and one tree when two connections append at once, and refuses rewriting it', async () => {
      const a = new AuditLog({ db: connect(), clock, office: 'EP', signer, checkpointDelayMs: 60_000 });
      const b = new AuditLog({ db: connect(), clock, office: 'EP', signer, checkpointDelayMs: 60_000 });
      const event = (n: number) => ({ type: 'admin.token-created', actor: { kind: 'node' as const }, outcome: 'ok' as const, details: { tokenId: n, role: 'clerk', label: `t${n}` } });
      const indexes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).append(event(i))));
      expect([...indexes].sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
      const ca = a.checkpointNow();
      const cb = b.latestCheckpoint();
      expect(ca.size).to.equal(20);
      expect(cb.size).to.equal(20);
      expect(Buffer.from(cb.root).equals(Buffer.from(ca.root))).to.equal(true);
      a.checkIntegrity();
      b.checkIntegrity();

      const db = connect();
      expect(refusal(() => db.prepare("UPDATE audit_entries SET type = 'x' WHERE idx = 3").run())).to.match(/^SQLITE_CONSTRAINT_TRIGGER: audit_entries is append-only/);
      expect(refusal(() => db.prepare('DELETE FROM audit_entries WHERE idx = 19').run())).to.match(/^SQLITE_CONSTRAINT_TRIGGER: audit_entries is append-only/);
      expect(refusal(() => db.prepare('DELETE FROM audit_subtrees').run())).to.match(/^SQLITE_CONSTRAINT_TRIGGER: audit_subtrees is append-only/);
      expect(refusal(() => db.prepare('UPDATE audit_checkpoints SET root = ? WHERE size = 20').run(Buffer.alloc(32)))).to.match(/^SQLITE_CONSTRAINT_TRIGGER/);
      const leaf = Buffer.alloc(32, 1);
      expect(refusal(() => db.prepare("INSERT INTO audit_entries (idx, entry, leaf_hash, time, type, outcome) VALUES (25, ?, ?, 't', 'x', 'ok')").run(leaf, leaf)))
        .to.match(/^SQLITE_CONSTRAINT_TRIGGER: audit_entries: an entry must take the next index/);
      if (engine.name === 'postgres') expect(refusal(() => db.exec('TRUNCATE audit_entries'))).to.match(/append-only/);
      expect(db.prepare('SELECT COUNT(*) AS n FROM audit_entries').get()).to.deep.equal({ n: 20 });
      await a.close();
      await b.close();
    });

    it('gives concurrent appenders in separate processes one order and one tree (PostgreSQL)', async function () {
      if (engine.name !== 'postgres') this.skip(); // one SQLite file is written by one machine; its processes are tested in test/integration
      const { connection, first } = databaseForProcesses();
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const run = async () => JSON.parse(await runProcess('./append-process.ts', [JSON.stringify(connection), '25', pem])) as number[];
      const given = (await Promise.all([run(), run(), run()])).flat();
      expect([...given].sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 75 }, (_, i) => i));
      const log = new AuditLog({ db: first, clock, office: 'EP', signer, checkpointDelayMs: 60_000 });
      log.checkIntegrity();
      expect(log.checkpointNow().size).to.equal(75);
      const sizes = first.prepare('SELECT size FROM audit_checkpoints ORDER BY size').pluck().all() as number[];
      expect(new Set(sizes).size).to.equal(sizes.length);
      await log.close();
    });

    it('keeps the cosignatures two processes add to the same checkpoints at once (PostgreSQL)', async function () {
      if (engine.name !== 'postgres') this.skip();
      const { connection, first } = databaseForProcesses();
      const log = new AuditLog({ db: first, clock, office: 'EP', signer, checkpointDelayMs: 60_000 });
      const sizes: number[] = [];
      for (let i = 0; i < 150; i++) {
        await log.append({ type: 'admin.token-created', actor: { kind: 'node' }, outcome: 'ok', details: { tokenId: i, role: 'clerk', label: `t${i}` } });
        sizes.push(log.checkpointNow().size);
      }
      const startAt = String(Date.now() + 4_000); // both processes loaded by then: they work on the same checkpoints at once
      const run = (witness: string) => runProcess('./cosign-process.ts', [JSON.stringify(connection), witness, JSON.stringify(sizes), startAt]);
      await Promise.all([run('witness.example/a'), run('witness.example/b')]);
      const lost = sizes.filter((size) => !['witness.example/a', 'witness.example/b'].every((w) => log.checkpoints.atSize(size)!.note.includes(`\u2014 ${w} `)));
      expect(lost, 'checkpoints that lost a cosignature').to.deep.equal([]);
      await log.close();
    });

    it('keeps certified documents: never deleted, a withdrawal final, the version only forward', () => {
      const db = connect();
      db.prepare(`INSERT INTO documents (document_id, office, application_number, filing_date, ip_right_type, kind, current_version, created_at)
        VALUES ('EP-PD-1-AAAAAAAA', 'EP', '1', '2023-01-01', 'patent', 'priorityDocument', 2, 't')`).run();
      expect(refusal(() => db.prepare("DELETE FROM documents WHERE document_id = 'EP-PD-1-AAAAAAAA'").run())).to.match(/never deleted/);
      expect(refusal(() => db.prepare("UPDATE documents SET current_version = 1 WHERE document_id = 'EP-PD-1-AAAAAAAA'").run())).to.match(/only moves forward/);
      expect(db.prepare("UPDATE documents SET withdrawn_at = 'now' WHERE document_id = 'EP-PD-1-AAAAAAAA'").run().changes).to.equal(1);
      expect(refusal(() => db.prepare("UPDATE documents SET withdrawn_at = 'later' WHERE document_id = 'EP-PD-1-AAAAAAAA'").run())).to.match(/withdrawal is final/);
      expect(refusal(() => db.prepare("UPDATE documents SET office = 'JP' WHERE document_id = 'EP-PD-1-AAAAAAAA'").run())).to.match(/identity of a document is immutable/);
    });

    it('leases a due retrieval job to exactly one of two connections', () => {
      const one = new JobStore(connect());
      const two = new JobStore(connect());
      const now = '2026-12-03T10:00:00.000Z';
      one.insert({ jobId: 'job-1', requestId: 'req-1', request: { ipOfficeCode: 'JP', applicationNumberText: '2023-123456', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: 'ABCD' } as never, createdBy: 'cli', now });
      const due = two.due(now, 10);
      expect(due.map((j) => j.jobId)).to.deep.equal(['job-1']);
      const lease = '2026-12-03T10:05:00.000Z';
      const wins = [one.claim('job-1', now, lease, thisProcess()), two.claim('job-1', now, lease, thisProcess())];
      expect(wins.filter(Boolean)).to.have.length(1);
      expect(one.due(now, 10)).to.deep.equal([]);
      expect(two.leased(now).map((l) => l.jobId)).to.deep.equal(['job-1']);
    });

    // PostgreSQL writes the nonce before answering; SQLite (one serving process per file) with its next group commit: flush() waits for it.
    it('refuses on one connection the nonce of a signature first taken on another (the shared replay cache)', async () => {
      const [a, b] = [new SharedReplayCache(connect(), { clock }), new SharedReplayCache(connect(), { clock })];
      const until = new Date(clock.now().getTime() + 300_000);
      expect(a.checkAndRemember('key-1', 'nonce-1', until)).to.equal(true);
      await a.flush();
      expect(b.checkAndRemember('key-1', 'nonce-1', until)).to.equal(false);
      expect(b.checkAndRemember('key-1', 'nonce-2', until)).to.equal(true);
      await b.flush();
      expect(a.checkAndRemember('key-1', 'nonce-2', until)).to.equal(false);
      const db = connect();
      db.prepare('INSERT INTO replay_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?)').run('key-1', 'nonce-3', clock.now().getTime() - 1);
      expect(b.checkAndRemember('key-1', 'nonce-3', until)).to.equal(true); // an expired sighting is taken over
      await b.flush();
      expect(a.checkAndRemember('key-1', 'nonce-3', until)).to.equal(false);
      expect(db.prepare('SELECT COUNT(*) AS n FROM replay_nonces').get()).to.deep.equal({ n: 3 });
    });

    it('counts failed attempts of every connection against one limit, and locks once', async () => {
      const dbs = [connect(), connect()];
      const guards = dbs.map((db) => {
        const audit = new AuditLog({ db, clock, office: 'EP', signer, checkpointDelayMs: 60_000 });
        return { db, audit, lockout: new Lockout(db, { maxFailures: 3, lockMinutes: 60 }, audit) };
      });
      const now = clock.now();
      const results = [0, 1, 2].map((n) => {
        const g = guards[n % 2]!;
        return g.db.transaction(() => g.lockout.recordFailure('EP-PD-1-AAAAAAAA', 'JP', now, 'EP-PD-1-AAAAAAAA')).immediate();
      });
      expect(results.map((r) => r.failures)).to.deep.equal([1, 2, 3]);
      expect(results[2]!.lockedUntil).to.be.a('string');
      expect(results[2]!.alertLogIndex).to.equal(0);
      for (const g of guards) await g.audit.close();
      expect(guards[0]!.lockout.isLocked('EP-PD-1-AAAAAAAA', 'JP', now)).to.equal(true);
      expect(guards[1]!.lockout.isLocked('EP-PD-1-AAAAAAAA', 'JP', now)).to.equal(true);
    });
  });
}
