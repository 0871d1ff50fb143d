/**
 * Benchmark of the audit log (DESIGN.md §9, issue 4): durable append throughput with group
 * commit (synchronous=FULL, WAL), inclusion and consistency proof times, and checkpoint signing,
 * each beside a baseline measured in the same run on the same machine — a plain SQLite insert of
 * the same bytes in one transaction, and one fsynced commit per row — so that the numbers mean
 * something on any hardware. Not a test: it prints, it does not assert.
 *
 *   npx tsx scripts/bench-audit-log.ts [entries=20000]
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../protocol/runtime/clock.js';
import { AuditLog, type AuditEvent } from '../node/services/audit/index.js';
import { openDatabase } from '../node/storage/database.js';
import { migrate } from '../node/storage/migrations.js';

const N = Number(process.argv[2] ?? 20000);
const dir = mkdtempSync(join(tmpdir(), 'ipex-bench-audit-'));

/** A retrieval attempt with a realistic signed request (about 600 bytes of entry). */
const event = (i: number): AuditEvent => ({
  type: 'retrieval.attempt',
  actor: { kind: 'peer', office: 'JP', keyId: 'a'.repeat(64) },
  subject: { documentId: `doc-${i}`, applicationNumber: 'EP23123456' },
  outcome: 'ok',
  details: {
    request: {
      method: 'POST',
      targetUri: 'https://ep.example.org/exchange/v1/retrievals',
      signatureInput: `sig1=("@method" "@target-uri" "content-digest");created=1764150000;keyid="${'a'.repeat(64)}";nonce="n${i}";tag="ipex-exchange"`,
      signature: `sig1=:${'A'.repeat(88)}:`,
      contentDigest: `sha-256=:${'B'.repeat(44)}:`,
    },
  },
});

function rate(label: string, count: number, ms: number): void {
  console.log(`${label.padEnd(48)} ${String(Math.round((count / ms) * 1000)).padStart(8)} /s   ${((ms / count) * 1000).toFixed(1).padStart(8)} µs each`);
}

async function main(): Promise<void> {
  const db = openDatabase(join(dir, 'ipex.db'));
  migrate(db);
  const { privateKey } = generateKeyPairSync('ed25519');
  const log = new AuditLog({ db, clock: systemClock, office: 'EP', signer: { name: 'ipex/audit/EP', privateKey } });

  // Baselines: the same bytes, plain inserts in one transaction; and one commit per row.
  db.exec('CREATE TABLE baseline (i INTEGER PRIMARY KEY, b BLOB)');
  const bytes = Array.from({ length: N }, (_, i) => Buffer.from(JSON.stringify(event(i))));
  const ins = db.prepare('INSERT INTO baseline (b) VALUES (?)');
  let t = performance.now();
  db.transaction(() => { for (const b of bytes) ins.run(b); }).immediate();
  rate('baseline: plain inserts, one durable transaction', N, performance.now() - t);
  const few = Math.min(N, 500);
  db.exec('CREATE TABLE baseline_durable (i INTEGER PRIMARY KEY, b BLOB)');
  const insDurable = db.prepare('INSERT INTO baseline_durable (b) VALUES (?)');
  t = performance.now();
  for (let i = 0; i < few; i++) insDurable.run(bytes[i]);
  rate('baseline: one durable commit per row', few, performance.now() - t);

  t = performance.now();
  await Promise.all(Array.from({ length: N }, (_, i) => log.append(event(i))));
  rate('append: burst, group commit', N, performance.now() - t);

  for (const callers of [10, 100, 1000]) {
    let next = 0;
    t = performance.now();
    await Promise.all(Array.from({ length: callers }, async () => {
      while (next < N) await log.append(event(next++));
    }));
    rate(`append: ${callers} concurrent callers, durable ack each`, N, performance.now() - t);
  }

  const size = log.size();
  const proofs = 2000;
  t = performance.now();
  for (let i = 0; i < proofs; i++) log.reader.inclusionProof((i * 7919) % size, size);
  rate(`inclusion proof (tree of ${size})`, proofs, performance.now() - t);
  t = performance.now();
  for (let i = 1; i <= proofs; i++) log.reader.consistencyProof((i * 7919) % size, size);
  rate(`consistency proof (tree of ${size})`, proofs, performance.now() - t);
  t = performance.now();
  for (let i = 0; i < 200; i++) {
    db.transaction(() => log.appendInTransaction(event(i))).immediate();
    log.checkpointNow();
  }
  rate('append + sign and store a checkpoint', 200, performance.now() - t);

  await log.close();
  db.close();
}

main().finally(() => rmSync(dir, { recursive: true, force: true }));
