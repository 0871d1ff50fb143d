/**
 * The metrics read from the node's state when Prometheus scrapes (issue 13; the list with
 * meanings is docs/operations.md "Metrics"): retrieval jobs by state, the audit log's size and
 * its newest checkpoint's age, what the witnesses have cosigned and what this node found as a
 * witness, the outbox, storage use and free space, and the
 * days left on the certificates and the directory. Each is an SQL count, a file's size or a date
 * already in memory, so it is right after a restart and costs nothing between scrapes.
 */
import { existsSync, statSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { Gauge, type Registry } from 'prom-client';
import { dataPaths } from '../config/data-dir.js';
import type { NodeContext } from '../runtime/node-context.js';
import { lastCosignedSize } from '../services/audit/witness-client.js';
import { NODE_VERSION } from '../http/node-status.js';
import { daysUntil, type WatchedCertificate } from './watched-certificates.js';

const JOB_STATES = ['queued', 'pending', 'downloading', 'verifying', 'done', 'failed'] as const;
/** The blob total is a scan of every part row: taken at most this often. */
const BLOB_BYTES_EVERY_MS = 60_000;

type Collect = (gauge: Gauge) => void | Promise<void>;

export function registerStateCollectors(registry: Registry, context: NodeContext, certificates: readonly WatchedCertificate[]): void {
  const { db, audit, clock } = context;
  const gauge = (name: string, help: string, labelNames: string[], collect: Collect): void => {
    new Gauge({ name, help, labelNames, registers: [registry], collect() { this.reset(); return collect(this); } });
  };
  const now = (): number => clock.now().getTime();

  gauge('ipex_info', 'Always 1; the labels say which office this node serves and its version.', ['office', 'version'], (g) => {
    g.set({ office: context.identity.code, version: NODE_VERSION }, 1);
  });
  gauge('ipex_retrieval_jobs', 'Retrieval jobs of this node (as the accessing office) by state.', ['state'], (g) => {
    const counts = new Map((db.prepare('SELECT state, count(*) AS n FROM retrieval_jobs GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
    for (const state of JOB_STATES) g.set({ state }, counts.get(state) ?? 0);
  });
  gauge('ipex_audit_log_entries', 'Entries in the audit log (the size of its Merkle tree).', [], (g) => {
    g.set(audit.size());
  });
  gauge('ipex_audit_checkpoint_size', 'Tree size of the newest signed checkpoint.', [], (g) => {
    g.set(audit.latestCheckpoint().size);
  });
  gauge('ipex_audit_checkpoint_age_seconds', 'Seconds since the newest checkpoint was signed.', [], (g) => {
    g.set(Math.max(0, (now() - Date.parse(audit.latestCheckpoint().createdAt)) / 1000));
  });
  gauge('ipex_witness_cosigned_size', 'The largest checkpoint of this node\'s log that each witness (active peer office) has cosigned; 0: none.', ['witness'], async (g) => {
    for (const office of await activePeers(context)) g.set({ witness: office.code }, lastCosignedSize(audit, { code: office.code, logKey: office.logKey }));
  });
  gauge('ipex_witness_lag_entries', 'Entries of the newest checkpoint not yet covered by each witness\'s cosignature.', ['witness'], async (g) => {
    const size = audit.latestCheckpoint().size;
    for (const office of await activePeers(context)) g.set({ witness: office.code }, size - lastCosignedSize(audit, { code: office.code, logKey: office.logKey }));
  });
  gauge('ipex_witnessed_log_size', 'As a witness: the size of each peer\'s log this node last cosigned.', ['office'], (g) => {
    for (const row of db.prepare('SELECT office, size FROM witness_state').all() as { office: string; size: number }[]) g.set({ office: row.office }, row.size);
  });
  gauge('ipex_witness_inconsistencies', 'As a witness: pairs of a peer\'s checkpoints found inconsistent (kept as evidence); anything above 0 needs a person.', [], (g) => {
    g.set((db.prepare('SELECT count(*) AS n FROM witness_evidence').get() as { n: number }).n);
  });
  registerOutbox(registry, context);
  registerStorage(registry, context);
  gauge('ipex_certificate_expiry_days', 'Days until each of this node\'s certificates expires (negative: expired).', ['use', 'sha256'], (g) => {
    for (const c of certificates) g.set({ use: c.use, sha256: c.sha256 }, round(daysUntil(c.notAfter, now())));
  });
  gauge('ipex_directory_expiry_days', 'Days until the installed network directory expires (negative: expired); absent when none is installed.', ['serial'], (g) => {
    const summary = context.store.installedSummary();
    if (summary !== undefined) g.set({ serial: String(summary.serial) }, round(daysUntil(Date.parse(summary.expiresAt), now())));
  });
}

/** The outbox of e-mails, webhooks and peer notifications (docs/notifications.md): depth by state. */
function registerOutbox(registry: Registry, context: NodeContext): void {
  const counts = context.db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state');
  new Gauge({
    name: 'ipex_outbox_messages',
    help: 'Messages in the outbox by state: queued, sent, dead (dead letters), cancelled.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const state of ['queued', 'sent', 'dead', 'cancelled']) this.set({ state }, 0);
      for (const row of counts.all() as { state: string; n: number }[]) this.set({ state: row.state }, row.n);
    },
  });
}

/** Bytes of the database and of the stored parts, and the data folder's file system. */
function registerStorage(registry: Registry, context: NodeContext): void {
  const paths = dataPaths(context.config.dataDir);
  let blobBytes: { at: number; bytes: number } | undefined;
  new Gauge({
    name: 'ipex_storage_bytes',
    help: 'Bytes used: `database` (the database file with its write-ahead log), `blobs` (distinct stored document parts; recounted at most once a minute).',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.set({ kind: 'database' }, [paths.database, `${paths.database}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0));
      const now = context.clock.now().getTime();
      if (blobBytes === undefined || now - blobBytes.at >= BLOB_BYTES_EVERY_MS || now < blobBytes.at) {
        const row = context.db.prepare('SELECT COALESCE(SUM(size), 0) AS bytes FROM (SELECT DISTINCT sha256, size FROM deposit_parts)').get() as { bytes: number };
        blobBytes = { at: now, bytes: row.bytes };
      }
      this.set({ kind: 'blobs' }, blobBytes.bytes);
    },
  });
  const fs = new Gauge({ name: 'ipex_data_filesystem_bytes', help: 'The file system of the data folder: `size` and `free` (available to the node).', labelNames: ['kind'], registers: [registry],
    async collect() {
      const s = await statfs(context.config.dataDir);
      fs.set({ kind: 'size' }, s.blocks * s.bsize);
      fs.set({ kind: 'free' }, s.bavail * s.bsize);
    },
  });
}

async function activePeers(context: NodeContext): Promise<{ code: string; logKey: string }[]> {
  try {
    const { directory } = await context.trust.refresh();
    return directory.offices.filter((o) => o.code !== context.identity.code && o.status === 'active');
  } catch {
    return []; // no usable directory: no witnesses to report (the directory metric says why)
  }
}

function round(days: number): number {
  return Math.round(days * 100) / 100;
}
