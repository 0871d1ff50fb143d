/**
 * The audit log service (issue 4): group commit, entries in the caller's transaction, the
 * schema refusing rewrites, resuming the tree after a restart or another writer, checkpoints
 * and proofs verified with the protocol/ verifiers against signed checkpoints.
 */
import { expect } from 'chai';
import { canonicalJson } from '../../../../protocol/encoding/canonical-json.js';
import { leafHash, rootOf, verifyConsistency, verifyInclusion } from '../../../../protocol/merkle/index.js';
import { ed25519NoteVerifier, openCheckpoint } from '../../../../protocol/note/index.js';
import { AuditLog, type AuditEvent } from '../../../../node/services/audit/index.js';
import { auditFixture, type AuditFixture } from './fixture.js';

const event = (n: number, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  type: 'retrieval.attempt',
  actor: { kind: 'peer', office: 'JP', keyId: 'jp-signing' },
  subject: { documentId: `doc-${String(n).padStart(6, '0')}` },
  outcome: 'ok',
  details: { n },
  ...extra,
});

async function rejectionCode(p: Promise<unknown>): Promise<string> {
  return p.then(() => 'resolved', (err: { code?: string }) => err.code ?? 'no code');
}

function allLeafHashes(f: AuditFixture): Buffer[] {
  return (f.db.prepare('SELECT entry FROM audit_entries ORDER BY idx').pluck().all() as Buffer[]).map((b) => leafHash(b));
}

describe('node/services/audit AuditLog', () => {
  let f: AuditFixture;
  beforeEach(() => {
    f = auditFixture();
  });
  afterEach(async () => {
    await f.cleanup();
  });

  it('writes each entry as RFC 8785 JSON of { v, index, prev, office, time, ...event }, chained from index 0', async () => {
    expect(await f.log.append(event(1))).to.equal(0);
    expect(await f.log.append(event(2))).to.equal(1);
    const rows = f.db.prepare('SELECT entry, leaf_hash, time, type, outcome, office, document_id FROM audit_entries ORDER BY idx').all() as Record<string, unknown>[];
    const first = canonicalJson({ v: 1, index: 0, office: 'EP', time: '2026-11-26T10:00:00.000Z', ...event(1) });
    expect((rows[0]!.entry as Buffer).toString('utf8')).to.equal(first);
    expect((rows[0]!.leaf_hash as Buffer).equals(leafHash(Buffer.from(first)))).to.equal(true);
    expect(rows[0]).to.include({ time: '2026-11-26T10:00:00.000Z', type: 'retrieval.attempt', outcome: 'ok', office: 'JP', document_id: 'doc-000001' });
    const second = canonicalJson({ v: 1, index: 1, prev: leafHash(Buffer.from(first)).toString('hex'), office: 'EP', time: '2026-11-26T10:00:00.000Z', ...event(2) });
    expect((rows[1]!.entry as Buffer).toString('utf8')).to.equal(second);
  });

  it('group-commits the appends of one turn in one transaction and resolves after the commit', async () => {
    const pending = Array.from({ length: 2000 }, (_, i) => f.log.append(event(i)));
    expect(f.log.size()).to.equal(0); // nothing committed before the flush
    const indexes = await Promise.all(pending);
    expect(indexes).to.deep.equal(Array.from({ length: 2000 }, (_, i) => i));
    expect(f.log.size()).to.equal(2000);
    expect(f.log.reader.rootAt(2000).equals(rootOf(allLeafHashes(f)))).to.equal(true);
  });

  it('rejects a malformed event alone, without failing the rest of the batch', async () => {
    const good = f.log.append(event(1));
    const bad = rejectionCode(f.log.append({ ...event(2), type: 'Not A Type' }));
    const badDetails = rejectionCode(f.log.append(event(3, { details: { n: Number.NaN } })));
    expect(await good).to.equal(0);
    expect(await bad).to.equal('AUDIT_EVENT_INVALID');
    expect(await badDetails).to.equal('AUDIT_EVENT_INVALID');
    expect(f.log.size()).to.equal(1);
  });

  it('appendInTransaction commits and rolls back with the caller, and the tree stays right', async () => {
    f.db.exec('CREATE TABLE t (x INTEGER) STRICT');
    const ok = f.db.transaction(() => {
      f.db.prepare('INSERT INTO t VALUES (1)').run();
      return f.log.appendInTransaction(event(1));
    })();
    expect(ok).to.equal(0);
    expect(() => f.db.transaction(() => {
      expect(f.log.appendInTransaction(event(2))).to.equal(1);
      expect(f.log.appendInTransaction(event(3))).to.equal(2);
      throw new Error('the deposit failed');
    })()).to.throw('the deposit failed');
    expect(f.log.size()).to.equal(1);
    expect(await f.log.append(event(4))).to.equal(1); // the rolled-back indexes are reused
    expect(f.log.reader.rootAt(2).equals(rootOf(allLeafHashes(f)))).to.equal(true);
    expect(() => f.log.appendInTransaction(event(5))).to.throw().with.property('code', 'INTERNAL');
  });

  it('does not commit a group inside a transaction somebody holds across an await', async () => {
    f.db.exec('BEGIN IMMEDIATE');
    const pending = f.log.append(event(1));
    await new Promise((r) => setTimeout(r, 20));
    f.db.exec('ROLLBACK'); // the holder's rollback must not take the queued event with it
    expect(await pending).to.equal(0);
    expect(f.log.size()).to.equal(1);
  });

  it('the schema refuses UPDATE, DELETE and an insert that skips or reuses an index', async () => {
    await Promise.all([f.log.append(event(1)), f.log.append(event(2))]);
    expect(() => f.db.prepare("UPDATE audit_entries SET outcome = 'refused' WHERE idx = 0").run()).to.throw(/append-only/);
    expect(() => f.db.prepare('DELETE FROM audit_entries WHERE idx = 1').run()).to.throw(/append-only/);
    const row = f.db.prepare('SELECT * FROM audit_entries WHERE idx = 1').get() as Record<string, unknown>;
    const insert = f.db.prepare('INSERT INTO audit_entries (idx, entry, leaf_hash, time, type, outcome) VALUES (?, ?, ?, ?, ?, ?)');
    expect(() => insert.run(3, row.entry, row.leaf_hash, row.time, row.type, row.outcome)).to.throw(/next index/);
    expect(() => insert.run(1, row.entry, row.leaf_hash, row.time, row.type, row.outcome)).to.throw();
    expect(() => f.db.prepare('DELETE FROM audit_subtrees').run()).to.throw(/append-only/);
    f.log.checkpointNow();
    expect(() => f.db.prepare('UPDATE audit_checkpoints SET size = 5').run()).to.throw(/cannot change/);
    expect(f.log.size()).to.equal(2);
  });

  it('resumes the tree after a restart and after another writer appended', async () => {
    for (let i = 0; i < 37; i++) await f.log.append(event(i));
    await f.log.close();
    f.db.close();
    const again = f.reopen();
    try {
      // Another process (an `ipex` command) appends through its own connection meanwhile.
      const other = again.reopen();
      await other.log.append(event(100));
      await other.log.close();
      other.db.close();
      await Promise.all(Array.from({ length: 20 }, (_, i) => again.log.append(event(200 + i))));
      expect(again.log.size()).to.equal(58);
      expect(again.log.reader.rootAt(58).equals(rootOf(allLeafHashes(again)))).to.equal(true);
      for (const size of [1, 2, 3, 37, 38, 57]) {
        expect(again.log.reader.rootAt(size).equals(rootOf(allLeafHashes(again), size)), `root at ${size}`).to.equal(true);
      }
    } finally {
      await again.log.close();
      again.db.close();
    }
  });

  it('signs checkpoints that verify with the log vkey, and proofs that verify against them', async () => {
    const verifier = ed25519NoteVerifier(f.key.vkey);
    const empty = openCheckpoint(f.log.latestCheckpoint().note, f.key.name, [verifier]).checkpoint;
    expect(empty.size).to.equal(0);
    for (let i = 0; i < 13; i++) await f.log.append(event(i));
    const small = openCheckpoint(f.log.checkpointNow().note, f.key.name, [verifier]).checkpoint;
    for (let i = 13; i < 70; i++) await f.log.append(event(i));
    const big = openCheckpoint(f.log.checkpointNow().note, f.key.name, [verifier]).checkpoint;
    expect([small.size, big.size]).to.deep.equal([13, 70]);
    const leaves = allLeafHashes(f);
    for (const index of [0, 5, 12]) {
      expect(verifyInclusion(index, 13, leaves[index]!, f.log.reader.inclusionProof(index, 13), small.rootHash)).to.equal(true);
    }
    for (const index of [0, 12, 64, 69]) {
      expect(verifyInclusion(index, 70, leaves[index]!, f.log.reader.inclusionProof(index, 70), big.rootHash)).to.equal(true);
    }
    expect(verifyConsistency(13, 70, f.log.reader.consistencyProof(13, 70), small.rootHash, big.rootHash)).to.equal(true);
    expect(verifyConsistency(0, 70, f.log.reader.consistencyProof(0, 70), empty.rootHash, big.rootHash)).to.equal(true);
    expect(() => f.log.reader.inclusionProof(0, 71)).to.throw().with.property('code', 'PROOF_REQUEST_INVALID');
    expect(() => f.log.reader.consistencyProof(13, 71)).to.throw().with.property('code', 'PROOF_REQUEST_INVALID');
  });

  it('signs a new checkpoint by itself within the delay after new entries', async () => {
    await f.cleanup();
    f = auditFixture('EP', { checkpointDelayMs: 20 });
    await f.log.append(event(1));
    await f.log.append(event(2));
    expect(f.log.checkpoints.latest()).to.equal(undefined);
    await new Promise((r) => setTimeout(r, 80));
    expect(f.log.checkpoints.latest()?.size).to.equal(2);
  });

  it('entries() returns the exact leaf bytes of a range and refuses bad ranges', async () => {
    for (let i = 0; i < 5; i++) await f.log.append(event(i));
    const lines = f.log.reader.entries(1, 4);
    expect(lines.map((b) => leafHash(b))).to.deep.equal(allLeafHashes(f).slice(1, 4));
    expect(() => f.log.reader.entries(3, 2)).to.throw().with.property('code', 'AUDIT_RANGE_INVALID');
    expect(() => f.log.reader.entries(0, 6)).to.throw().with.property('code', 'AUDIT_RANGE_INVALID');
    expect(() => f.log.reader.entries(0, 5, 2)).to.throw().with.property('code', 'AUDIT_RANGE_INVALID');
  });

  it('forIdentity takes the origin from the identity log vkey', () => {
    const log = AuditLog.forIdentity(f.db, f.clock, {
      code: 'EP', log: { privateKey: f.key.privateKey, verifierKey: f.key.vkey },
    } as never);
    expect(log.origin).to.equal('ipex/audit/EP');
  });
});

describe('node/services/audit AuditLog.checkIntegrity', () => {
  it('refuses a stored tree that no longer gives the root of the newest signed checkpoint', async () => {
    const f = auditFixture();
    try {
      for (let i = 0; i < 6; i++) await f.log.append(event(i));
      f.log.checkpointNow();
      f.log.checkIntegrity(); // intact
      // Someone with the database file drops a trigger and rewrites a stored subtree hash.
      f.db.exec('DROP TRIGGER audit_subtrees_no_update');
      f.db.prepare('UPDATE audit_subtrees SET hash = ? WHERE level = 1 AND idx = 2').run(Buffer.alloc(32, 7));
      expect(() => f.log.checkIntegrity()).to.throw().with.property('code', 'AUDIT_LOG_CORRUPT');
    } finally {
      await f.cleanup().catch(() => undefined);
    }
  });
});
