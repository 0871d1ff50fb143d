/**
 * A node's audit log for the audit scenarios: a development node's data folder (real identity
 * and log key, so that an exported bundle verifies against its directory), its database opened
 * directly, and realistic entries (a retrieval attempt carrying its signed request, about
 * 600 bytes, as node/http/exchange writes them).
 */
import { join } from 'node:path';
import { ensureDevNode } from '../../node/cli/dev-network.js';
import { dataPaths } from '../../node/config/data-dir.js';
import { loadIdentity, type OfficeIdentity } from '../../node/identity/office-identity.js';
import { AuditLog, type AuditEvent } from '../../node/services/audit/index.js';
import { openDatabase, type SqliteDatabase } from '../../node/storage/database.js';
import { migrate } from '../../node/storage/migrations.js';
import { systemClock } from '../../protocol/runtime/clock.js';
import { freePort, quiet } from './network.js';

export interface AuditFixture {
  readonly dataDir: string;
  readonly identity: OfficeIdentity;
  readonly db: SqliteDatabase;
  readonly audit: AuditLog;
  close(): Promise<void>;
}

export async function openAuditFixture(root: string): Promise<AuditFixture> {
  const dataDir = join(root, 'ep');
  await ensureDevNode(dataDir, { officeCode: 'EP', exchangePort: await freePort(), officeApiPort: await freePort(), networkDir: join(root, 'network'), output: quiet });
  const identity = loadIdentity(dataPaths(dataDir));
  const db = openDatabase(dataPaths(dataDir).database);
  migrate(db);
  // A long checkpoint delay: the scenarios sign checkpoints when they mean to.
  const audit = AuditLog.forIdentity(db, systemClock, identity, { checkpointDelayMs: 3_600_000 });
  return {
    dataDir, identity, db, audit,
    close: async () => {
      await audit.close();
      db.close();
    },
  };
}

const KEY_ID = 'a'.repeat(64);

/** The i-th benchmark event: a retrieval attempt with its signed request. */
export function retrievalEvent(i: number): AuditEvent {
  return {
    type: 'retrieval.attempt',
    actor: { kind: 'peer', office: 'JP', keyId: KEY_ID },
    subject: { documentId: `EP-PD-24${String(i % 1_000_000).padStart(6, '0')}-0001`, applicationNumber: `EP24${String(i % 1_000_000).padStart(6, '0')}` },
    outcome: 'ok',
    details: {
      request: {
        method: 'POST',
        targetUri: 'https://ep.example.org/exchange/v1/retrievals',
        signatureInput: `sig1=("@method" "@target-uri" "content-digest");created=1764150000;keyid="${KEY_ID}";nonce="n${i}";tag="ipex-exchange-v1"`,
        signature: `sig1=:${'A'.repeat(86)}==:`,
        contentDigest: `sha-256=:${'B'.repeat(43)}=:`,
      },
    },
  };
}

/**
 * Fills the log to `target` entries fast: appendInTransaction in transactions of 20,000 (the
 * same tree code as every append, without waiting for one fsync per batch of callers).
 */
export function fillLog(fixture: AuditFixture, target: number, log: (line: string) => void): number {
  const started = performance.now();
  const chunk = 20_000;
  let size = fixture.audit.size();
  while (size < target) {
    const n = Math.min(chunk, target - size);
    const from = size;
    fixture.db.transaction(() => {
      for (let i = 0; i < n; i += 1) fixture.audit.appendInTransaction(retrievalEvent(from + i));
    }).immediate();
    size += n;
    if (size % 200_000 === 0 || size === target) log(`  audit log filled to ${size} entries (${Math.round(size / ((performance.now() - started) / 1000))} entries/s)`);
  }
  return (performance.now() - started) / 1000;
}
