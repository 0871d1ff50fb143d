/**
 * The deposit service on a data folder, for the CLI (`ipex deposit`, `documents`, `access`,
 * `export`): the same service code as the office API, opened on the node's database, blob store
 * and identity directly — whether or not the node runs (SQLite WAL lets both write). Audit
 * entries land in the same log; a final checkpoint is signed when the command ends.
 */
import { resolvePassphrase } from '../../protocol/pki/key-files.js';
import { systemClock, systemRandom } from '../../protocol/runtime/clock.js';
import { loadConfig } from '../config/config.js';
import { dataPaths, resolveDataDir } from '../config/data-dir.js';
import { loadIdentity } from '../identity/office-identity.js';
import { AuditLog } from '../services/audit/audit-log.js';
import { loadOrCreateAccessCodeKey } from '../services/deposit/access-code-key.js';
import { DepositService } from '../services/deposit/deposit-service.js';
import { FsBlobStore } from '../storage/fs-blob-store.js';
import { openNodeDatabase } from '../storage/open-node-database.js';

export interface WorkspaceOptions {
  readonly data?: string;
  readonly passphraseFile?: string;
}

/** Runs `work` with a deposit service on the data folder, then closes everything. */
export async function withDepositService<T>(options: WorkspaceOptions, work: (service: DepositService) => Promise<T> | T): Promise<T> {
  const dataDir = resolveDataDir(options.data);
  const paths = dataPaths(dataDir);
  const { db } = openNodeDatabase(dataDir);
  try {
    const config = loadConfig(dataDir);
    const identity = loadIdentity(paths, resolvePassphrase(options.passphraseFile === undefined ? {} : { passphraseFile: options.passphraseFile }));
    const audit = AuditLog.forIdentity(db, systemClock, identity);
    let key: Buffer | undefined;
    const service = new DepositService({
      db,
      blobs: new FsBlobStore(paths.blobs),
      clock: systemClock,
      random: systemRandom,
      office: identity.code,
      signing: identity.signing,
      codeFormat: config.access.codeFormat,
      accessCodeKey: () => (key ??= loadOrCreateAccessCodeKey(paths.identity.dir, systemRandom)),
      audit,
    });
    try {
      return await work(service);
    } finally {
      await audit.close();
    }
  } finally {
    db.close();
  }
}
