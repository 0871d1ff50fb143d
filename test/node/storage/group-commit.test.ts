import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDatabase } from '../../../node/storage/database.js';
import { GroupCommit, groupCommitFor } from '../../../node/storage/group-commit.js';

describe('node/storage GroupCommit', () => {
  let dir: string;
  let db: SqliteDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipex-group-commit-'));
    db = openDatabase(join(dir, 'x.db'));
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE) STRICT');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits the work of one turn in one transaction and answers each caller with its result', async () => {
    // Counts the outer IMMEDIATE transactions (one COMMIT each) the group opens.
    let commits = 0;
    const spy = new Proxy(db, {
      get(target, prop) {
        if (prop === 'transaction') {
          return (fn: () => unknown) => {
            const tx = target.transaction(fn);
            return Object.assign((...args: []) => tx(...args), { immediate: () => { commits++; return tx.immediate(); } });
          };
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const group = new GroupCommit(spy);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => group.run(() => Number(db.prepare('INSERT INTO t (v) VALUES (?)').run(`v${i}`).lastInsertRowid))));
    expect(results).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(commits).to.equal(1);
    expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).to.equal(50);
  });

  it('rejects work queued before the connection closed with DATABASE_UNAVAILABLE, and throws nothing from its turn', async () => {
    const other = openDatabase(join(dir, 'closing.db'));
    other.exec('CREATE TABLE t (v TEXT) STRICT');
    for (const durability of ['commit', 'wal-fsync'] as const) {
      const group = new GroupCommit(other, { durability });
      const pending = group.run(() => other.prepare('INSERT INTO t (v) VALUES (?)').run(durability));
      if (durability === 'wal-fsync') {
        other.close(); // before the group's first turn, which would read the connection's settings
        const err = await pending.then(() => undefined, (e: unknown) => e);
        expect(err).to.have.property('code', 'DATABASE_UNAVAILABLE');
      } else {
        expect((await pending).changes).to.equal(1); // open: committed as usual
      }
    }
    expect(new Database(join(dir, 'closing.db'), { readonly: true }).prepare('SELECT v FROM t').pluck().all()).to.deep.equal(['commit']);
  });

  it('rolls back a piece that throws, alone, and rejects only its caller', async () => {
    const group = new GroupCommit(db);
    const ok1 = group.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('a'));
    const bad = group.run(() => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run('b');
      db.prepare('INSERT INTO t (v) VALUES (?)').run('a'); // UNIQUE violation: the whole piece goes
    });
    const ok2 = group.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('c'));
    await ok1;
    await ok2;
    let failed = false;
    await bad.catch(() => { failed = true; });
    expect(failed).to.equal(true);
    expect((db.prepare('SELECT v FROM t ORDER BY v').all() as { v: string }[]).map((r) => r.v)).to.deep.equal(['a', 'c']);
  });

  describe("durability 'wal-fsync' (issue 5: the WAL fsync off the event loop)", () => {
    const synchronous = (): number => Number(db.pragma('synchronous', { simple: true }));

    it('answers only after an fsync of the WAL that started after its COMMIT, and restores synchronous = FULL', async () => {
      const group = new GroupCommit(db, { durability: 'wal-fsync' });
      const events: string[] = [];
      const done = group.run(() => {
        events.push(`work at synchronous=${synchronous()}`);
        return db.prepare('INSERT INTO t (v) VALUES (?)').run('x').changes;
      }).then((changes) => { events.push(`answered ${changes}`); });
      // The COMMIT happens on the next turn; the answer needs a thread-pool fsync after it.
      await new Promise((r) => setImmediate(r));
      expect(events).to.deep.equal(['work at synchronous=1']);
      expect(synchronous()).to.equal(2);
      await done;
      expect(events).to.deep.equal(['work at synchronous=1', 'answered 1']);
    });

    it('queues work that arrives during the fsync into the next transaction, and still rolls back a piece alone', async () => {
      const group = groupCommitFor(db);
      expect(groupCommitFor(db)).to.equal(group);
      const first = group.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('a'));
      await new Promise((r) => setImmediate(r)); // committed, fsync under way
      const during = Array.from({ length: 5 }, (_, i) => group.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run(`b${i}`)));
      const bad = group.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('a')).then(() => 'ok', () => 'rejected');
      await first;
      await Promise.all(during);
      expect(await bad).to.equal('rejected');
      expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).to.equal(6);
    });

    it('commits with the connection setting when the database is not a WAL file (in memory)', async () => {
      const mem = new Database(':memory:');
      try {
        mem.exec('CREATE TABLE m (v TEXT)');
        const group = new GroupCommit(mem, { durability: 'wal-fsync' });
        await group.run(() => mem.prepare('INSERT INTO m VALUES (?)').run('x'));
        expect((mem.prepare('SELECT count(*) AS n FROM m').get() as { n: number }).n).to.equal(1);
      } finally {
        mem.close();
      }
    });
  });
});
