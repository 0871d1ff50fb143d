/**
 * Trust changes in the audit log (docs/design.md §7): each network directory a node starts to use is
 * one `trust.directory-installed` entry — its serial, network, expiry, CRL number and the
 * offices with their status — whether it came from `ipex directory install`, a development
 * network, or a restart. The last serial logged is kept in `node_meta`, so a directory is
 * logged once per node, not once per process.
 */
import type { InstalledDirectory } from '../../trust/index.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { AuditLog } from './audit-log.js';

const META_KEY = 'audit.directory-serial';

/** Appends the entry for `installed` unless this node already logged that serial. */
export function recordDirectory(db: SqliteDatabase, audit: AuditLog, installed: InstalledDirectory): void {
  const { directory } = installed;
  db.transaction(() => {
    const row = db.prepare('SELECT value FROM node_meta WHERE key = ?').get(META_KEY) as { value: string } | undefined;
    if (row !== undefined && Number(row.value) === directory.serial) return;
    audit.appendInTransaction({
      type: 'trust.directory-installed',
      actor: { kind: 'node' },
      outcome: 'ok',
      details: {
        network: directory.network,
        serial: directory.serial,
        issuedAt: directory.issuedAt,
        expiresAt: directory.expiresAt,
        crlNumber: directory.crl.number,
        offices: directory.offices.map((o) => ({ code: o.code, status: o.status, roles: [...o.roles] })),
      },
    });
    db.prepare('INSERT INTO node_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(META_KEY, String(directory.serial));
  }).immediate();
}
