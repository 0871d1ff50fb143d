/** A migrated node database in a temp folder and an Ed25519 log key, for the audit service tests. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatVerifierKey } from '../../../../protocol/note/index.js';
import { FixedClock } from '../../../../protocol/runtime/clock.js';
import { AuditLog } from '../../../../node/services/audit/index.js';
import { openDatabase, type SqliteDatabase } from '../../../../node/storage/database.js';
import { migrate } from '../../../../node/storage/migrations.js';

export interface LogKey {
  readonly name: string;
  readonly privateKey: KeyObject;
  readonly vkey: string;
}

export function logKey(code: string): LogKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const name = `ipex/audit/${code}`;
  return { name, privateKey, vkey: formatVerifierKey(name, publicKey) };
}

export interface AuditFixture {
  readonly dir: string;
  readonly dbPath: string;
  readonly db: SqliteDatabase;
  readonly clock: FixedClock;
  readonly key: LogKey;
  readonly log: AuditLog;
  reopen(): AuditFixture;
  cleanup(): Promise<void>;
}

export function auditFixture(code = 'EP', options: { checkpointDelayMs?: number; key?: LogKey; dir?: string } = {}): AuditFixture {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ipex-audit-'));
  const dbPath = join(dir, 'ipex.db');
  const db = openDatabase(dbPath);
  const clock = new FixedClock(new Date('2026-11-26T10:00:00.000Z'));
  migrate(db, { clock });
  const key = options.key ?? logKey(code);
  const log = new AuditLog({
    db, clock, office: code, signer: { name: key.name, privateKey: key.privateKey },
    checkpointDelayMs: options.checkpointDelayMs ?? 60_000,
  });
  const fixture: AuditFixture = {
    dir, dbPath, db, clock, key, log,
    reopen: () => auditFixture(code, { ...options, key, dir }),
    cleanup: async () => {
      await log.close();
      if (db.open) db.close();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}
