/**
 * What the services and HTTP apps of a running node share: one object, built once by
 * start-node.ts, so that a service names what it needs and tests can build their own.
 */
import type { Clock } from '../../protocol/runtime/clock.js';
import type { Output } from '../cli/output.js';
import type { NodeConfig } from '../config/config.js';
import type { OfficeIdentity } from '../identity/office-identity.js';
import type { SqliteDatabase } from '../storage/database.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { DirectoryStore, TrustService } from '../trust/index.js';
import type { AuditLog } from '../services/audit/audit-log.js';
import type { NodeLog } from '../monitoring/node-log.js';
import type { NodeMetrics } from '../monitoring/node-metrics.js';

export interface NodeContext {
  readonly config: NodeConfig;
  readonly identity: OfficeIdentity;
  readonly clock: Clock;
  readonly db: SqliteDatabase;
  readonly blobs: BlobStore;
  readonly trust: TrustService;
  readonly store: DirectoryStore;
  readonly output: Output;
  readonly audit: AuditLog;
  /** The running node's log and metrics (node/monitoring/); absent where a command opens a data folder without running the node. */
  readonly log?: NodeLog;
  readonly metrics?: NodeMetrics;
}
