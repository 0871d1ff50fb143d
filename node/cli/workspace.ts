/**
 * A node's context opened on its data folder for one command (`ipex deposit`, `retrieve`,
 * `audit export`, …): the same services the running node uses, without its listeners, whether
 * or not the node is running (SQLite WAL lets both write; audit entries land in the same log,
 * and a checkpoint covering them is signed when the command ends).
 */
import { resolvePassphrase } from '../../protocol/pki/key-files.js';
import { systemClock } from '../../protocol/runtime/clock.js';
import { loadConfig } from '../config/config.js';
import { dataPaths, resolveDataDir } from '../config/data-dir.js';
import { loadIdentity } from '../identity/office-identity.js';
import type { NodeContext } from '../runtime/node-context.js';
import { AuditLog } from '../services/audit/audit-log.js';
import { closeStaffAlerts } from '../services/staff/staff-alerts.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { openNodeDatabase } from '../storage/open-node-database.js';
import { DirectoryStore, TrustService } from '../trust/index.js';
import { createOutput, type Output } from './output.js';

export interface WorkspaceOptions {
  readonly data?: string;
  readonly passphraseFile?: string;
}

/** Runs `work` with the node context of the data folder, then closes the log and the database. */
export async function withNodeContext<T>(options: WorkspaceOptions, work: (context: NodeContext) => Promise<T> | T, output: Output = createOutput(false)): Promise<T> {
  const dataDir = resolveDataDir(options.data);
  const paths = dataPaths(dataDir);
  const { db } = openNodeDatabase(dataDir);
  try {
    const config = loadConfig(dataDir);
    const identity = loadIdentity(paths, resolvePassphrase(options.passphraseFile === undefined ? {} : { passphraseFile: options.passphraseFile }));
    const store = new DirectoryStore({ dataDir, clock: systemClock });
    const trust = new TrustService({ store, clock: systemClock });
    const blobStore = await openBlobStore(config);
    const audit = AuditLog.forIdentity(db, systemClock, identity);
    const context: NodeContext = { config, identity, clock: systemClock, db, blobs: blobStore.blobs, trust, store, output, audit };
    try {
      return await work(context);
    } finally {
      closeStaffAlerts(context);
      await audit.close();
      blobStore.close();
    }
  } finally {
    db.close();
  }
}
