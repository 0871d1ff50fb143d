/** Test fixture: a small but complete node data folder, for the backup/restore tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { dataPaths } from '../../../node/config/data-dir.js';
import { openDatabase } from '../../../node/storage/database.js';
import { FsBlobStore } from '../../../node/storage/fs-blob-store.js';
import { migrate } from '../../../node/storage/migrations.js';
import { prepareEntry } from '../../../node/services/audit/entry.js';
import { TreeStore } from '../../../node/services/audit/tree-store.js';

/** A small but complete data folder: database with a row and five audit entries, two blobs, config, identity, trust. */
export async function makeDataDir(root: string): Promise<{ dataDir: string; blobs: string[] }> {
  const dataDir = join(root, 'data');
  const p = dataPaths(dataDir);
  mkdirSync(p.identity.dir, { recursive: true });
  mkdirSync(p.trust.dir, { recursive: true });
  writeFileSync(p.config, '{"office":"EP"}\n');
  writeFileSync(p.identity.signingKey, 'PRIVATE KEY', { mode: 0o600 });
  writeFileSync(p.identity.signingCert, 'CERT');
  writeFileSync(p.trust.root, 'ROOT');
  writeFileSync(join(p.identity.dir, '.signing.key.abc.tmp'), 'leftover of a crash');
  const db = openDatabase(p.database);
  migrate(db);
  db.prepare('INSERT INTO node_meta (key, value) VALUES (?, ?)').run('office', 'EP');
  const entries = [0, 1, 2, 3, 4].map((i) => prepareEntry({ type: 'node.started', actor: { kind: 'node' }, outcome: 'ok', details: { i } }, 'EP', new Date(Date.UTC(2026, 0, 1, 0, i))));
  db.transaction(() => new TreeStore(db).appendRows(entries))();
  db.close();
  const store = new FsBlobStore(p.blobs);
  const a = await store.put(Readable.from([Buffer.from('part one')]));
  const b = await store.put(Readable.from([Buffer.alloc(100_000, 9)]));
  return { dataDir, blobs: [a.sha256, b.sha256] };
}

