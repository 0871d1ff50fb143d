/**
 * The shared replay cache (node/trust/replay-nonces.ts) on SQLite: two connections to one
 * database stand for two node processes; the first to take a (key id, nonce) pair wins, the
 * other refuses it until it expires, and expired rows are pruned. The same contract on
 * PostgreSQL is in test/scale/postgres/storage-contract.test.ts.
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
  let one: SqliteDatabase;
  let two: SqliteDatabase;
  let clock: FixedClock;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipex-replay-'));
    clock = new FixedClock(new Date('2026-12-03T10:00:00.000Z'));
    one = openDatabase(join(dir, 'ipex.db'));
    migrate(one, { clock });
    two = openDatabase(join(dir, 'ipex.db'));
  });
  afterEach(() => {
    one.close();
    two.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const inFive = (): Date => new Date(clock.now().getTime() + 300_000);
  const rows = (): number => (one.prepare('SELECT COUNT(*) AS n FROM replay_nonces').get() as { n: number }).n;

  it('refuses on one process a nonce first used on another, and on the first process too', () => {
    const a = new SharedReplayCache(one, { clock });
    const b = new SharedReplayCache(two, { clock });
    expect(a.checkAndRemember('key-1', 'nonce-1', inFive())).to.equal(true);
    expect(b.checkAndRemember('key-1', 'nonce-1', inFive())).to.equal(false);
    expect(a.checkAndRemember('key-1', 'nonce-1', inFive())).to.equal(false);
    // another key's nonce, or another nonce of the key, is its own pair
    expect(b.checkAndRemember('key-2', 'nonce-1', inFive())).to.equal(true);
    expect(b.checkAndRemember('key-1', 'nonce-2', inFive())).to.equal(true);
    expect(a.checkAndRemember('key-1', 'nonce-2', inFive())).to.equal(false);
    expect(rows()).to.equal(3);
  });

  it('takes a pair again once its earlier sighting has expired, and prunes expired rows at most once a minute', () => {
    const a = new SharedReplayCache(one, { clock });
    const b = new SharedReplayCache(two, { clock });
    expect(a.checkAndRemember('key-1', 'nonce-1', new Date(clock.now().getTime() + 1_000))).to.equal(true);
    expect(a.checkAndRemember('key-1', 'nonce-2', new Date(clock.now().getTime() + 90_000))).to.equal(true);
    clock.advance(2_000);
    // b prunes on its first check (nonce-1 has expired), then inserts
    expect(b.checkAndRemember('key-1', 'nonce-3', inFive())).to.equal(true);
    expect(one.prepare('SELECT nonce FROM replay_nonces ORDER BY nonce').pluck().all()).to.deep.equal(['nonce-2', 'nonce-3']);
    // a's last prune was 2 s ago: the expired row of a second pair stays until a minute has passed
    expect(a.checkAndRemember('key-1', 'nonce-1', new Date(clock.now().getTime() + 1_000))).to.equal(true);
    clock.advance(30_000);
    expect(a.checkAndRemember('key-1', 'nonce-4', inFive())).to.equal(true);
    expect(rows()).to.equal(4);
    clock.advance(70_000);
    expect(a.checkAndRemember('key-1', 'nonce-5', inFive())).to.equal(true);
    expect(one.prepare('SELECT nonce FROM replay_nonces ORDER BY nonce').pluck().all()).to.deep.equal(['nonce-3', 'nonce-4', 'nonce-5']);
    // an expired sighting that was not yet pruned does not block the pair
    expect(b.checkAndRemember('key-1', 'nonce-6', inFive())).to.equal(true); // b prunes now, not again within a minute
    two.prepare('INSERT INTO replay_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?)').run('key-9', 'nonce-9', clock.now().getTime() - 1);
    expect(b.checkAndRemember('key-9', 'nonce-9', inFive())).to.equal(true);
    expect(one.prepare("SELECT expires_at FROM replay_nonces WHERE nonce = 'nonce-9'").pluck().get()).to.equal(inFive().getTime());
    expect(a.checkAndRemember('key-9', 'nonce-9', inFive())).to.equal(false);
  });

  it('commits the row at once and leaves the connection as durable as it found it', () => {
    const a = new SharedReplayCache(one, { clock });
    expect(one.pragma('synchronous', { simple: true })).to.equal(2);
    a.checkAndRemember('key-1', 'nonce-1', inFive());
    expect(one.pragma('synchronous', { simple: true })).to.equal(2);
    expect(two.prepare('SELECT key_id, nonce FROM replay_nonces').all()).to.deep.equal([{ key_id: 'key-1', nonce: 'nonce-1' }]);
  });
});
