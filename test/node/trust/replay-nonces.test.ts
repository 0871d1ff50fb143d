/**
 * The replay cache kept in the database (node/trust/replay-nonces.ts), on SQLite: a nonce is
 * refused again by the process that took it, and after a restart (a new cache on the database)
 * once its row is written; expired rows are pruned, and an expired sighting does not block the
 * pair. Two processes sharing one database at once is PostgreSQL's case, in
 * test/scale/postgres/storage-contract.test.ts.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { openDatabase, type SqliteDatabase } from '../../../node/storage/database.js';
import { migrate } from '../../../node/storage/migrations.js';
import { SharedReplayCache } from '../../../node/trust/replay-nonces.js';

describe('SharedReplayCache', () => {
  let dir: string;
  let db: SqliteDatabase;
  let clock: FixedClock;
  const opened: SqliteDatabase[] = [];
  /** A node process started (again) on the database: a cache of its own on a connection of its own. */
  const restart = (options: { pruneEveryMs?: number } = {}): SharedReplayCache => {
    const connection = openDatabase(join(dir, 'ipex.db'));
    opened.push(connection);
    return new SharedReplayCache(connection, { clock, ...options });
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipex-replay-'));
    clock = new FixedClock(new Date('2026-12-03T10:00:00.000Z'));
    db = openDatabase(join(dir, 'ipex.db'));
    migrate(db, { clock });
  });
  afterEach(() => {
    for (const c of opened.splice(0)) c.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const inFive = (): Date => new Date(clock.now().getTime() + 300_000);
  const nonces = (): string[] => db.prepare('SELECT nonce FROM replay_nonces ORDER BY nonce').pluck().all() as string[];

  it('refuses a nonce again, also after a restart once its row is written, and keeps pairs of other keys apart', async () => {
    const a = restart();
    expect(a.checkAndRemember('key-1', 'nonce-1', inFive())).to.equal(true);
    expect(a.checkAndRemember('key-1', 'nonce-1', inFive())).to.equal(false);
    await a.flush();
    expect(nonces()).to.deep.equal(['nonce-1']);
    const b = restart();
    expect(b.checkAndRemember('key-1', 'nonce-1', inFive())).to.equal(false);
    expect(b.checkAndRemember('key-2', 'nonce-1', inFive())).to.equal(true);
    expect(b.checkAndRemember('key-1', 'nonce-2', inFive())).to.equal(true);
    await b.flush();
    expect(db.prepare('SELECT COUNT(*) AS n FROM replay_nonces').get()).to.deep.equal({ n: 3 });
  });

  it('takes a pair again once its sighting has expired, and prunes expired rows at most once a minute', async () => {
    const a = restart();
    expect(a.checkAndRemember('key-1', 'nonce-1', new Date(clock.now().getTime() + 1_000))).to.equal(true);
    expect(a.checkAndRemember('key-1', 'nonce-2', new Date(clock.now().getTime() + 90_000))).to.equal(true);
    await a.flush();
    clock.advance(2_000);
    const b = restart();
    expect(b.checkAndRemember('key-1', 'nonce-1', inFive())).to.equal(true); // expired: taken again (and b's first check prunes)
    await b.flush();
    expect(nonces()).to.deep.equal(['nonce-1', 'nonce-2']);
    clock.advance(30_000);
    expect(b.checkAndRemember('key-1', 'nonce-3', new Date(clock.now().getTime() + 1_000))).to.equal(true);
    clock.advance(20_000); // nonce-3 has expired, but b pruned 50 s ago
    expect(b.checkAndRemember('key-1', 'nonce-4', inFive())).to.equal(true);
    await b.flush();
    expect(nonces()).to.deep.equal(['nonce-1', 'nonce-2', 'nonce-3', 'nonce-4']);
    clock.advance(50_000); // now nonce-2 has expired too, and a minute has passed
    expect(b.checkAndRemember('key-1', 'nonce-5', inFive())).to.equal(true);
    await b.flush();
    expect(nonces()).to.deep.equal(['nonce-1', 'nonce-4', 'nonce-5']);
    // an expired row not yet pruned does not block its pair, and is taken over
    db.prepare('INSERT INTO replay_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?)').run('key-9', 'nonce-9', clock.now().getTime() - 1);
    expect(b.checkAndRemember('key-9', 'nonce-9', inFive())).to.equal(true);
    await b.flush();
    expect(db.prepare("SELECT expires_at FROM replay_nonces WHERE nonce = 'nonce-9'").pluck().get()).to.equal(inFive().getTime());
  });

  it('leaves the connection as durable as it found it', async () => {
    const a = restart();
    const connection = opened[0]!;
    a.checkAndRemember('key-1', 'nonce-1', inFive());
    await a.flush();
    expect(connection.pragma('synchronous', { simple: true })).to.equal(2);
    expect(nonces()).to.deep.equal(['nonce-1']);
  });
});
