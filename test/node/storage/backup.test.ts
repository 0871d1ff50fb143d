import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { backup, restore } from '../../../node/storage/backup.js';
import { loadMigrations } from '../../../node/storage/migrations.js';
import { openDatabase } from '../../../node/storage/database.js';
import { FsBlobStore } from '../../../node/storage/fs-blob-store.js';
import { migrate } from '../../../node/storage/migrations.js';
import { leafHash } from '../../../protocol/merkle/index.js';
import { makeDataDir } from './data-dir-fixture.js';

/** Rewrites entry 2 of the backup's audit log (bypassing its triggers, as someone editing the file could), and its leaf hash too when `rehash`. */
function alterAuditEntry(bk: string, rehash: boolean): void {
  const db = openDatabase(join(bk, 'ipex.db'));
  const entry = Buffer.from('{"forged":true}');
  db.exec('DROP TRIGGER audit_entries_no_update');
  db.prepare('UPDATE audit_entries SET entry = ?, leaf_hash = CASE WHEN ? THEN ? ELSE leaf_hash END WHERE idx = 2').run(entry, rehash ? 1 : 0, leafHash(entry));
  db.pragma('journal_mode = DELETE');
  db.close();
}

/** Makes backup.json name the backup's ipex.db as it is now (only the audit check is left to find a change). */
function matchDigest(bk: string): void {
  const bytes = readFileSync(join(bk, 'ipex.db'));
  const m = JSON.parse(readFileSync(join(bk, 'backup.json'), 'utf8'));
  const sha = createHash('sha256').update(bytes).digest('hex');
  m.database.sha256 = sha;
  m.database.size = bytes.length;
  const file = m.files.find((f: { path: string }) => f.path === 'ipex.db');
  file.sha256 = sha;
  file.size = bytes.length;
  writeFileSync(join(bk, 'backup.json'), JSON.stringify(m));
}

describe('node/storage backup and restore', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'ipex-backup-')); });
  afterEach(() => { rmSync(root, { recursive: true, force: true }); });

  it('backs up online and restores a data folder that works', async () => {
    const { dataDir, blobs } = await makeDataDir(root);
    const live = openDatabase(dataPaths(dataDir).database); // the node keeps running
    const lines: string[] = [];
    const manifest = await backup(dataDir, join(root, 'bk'), (l) => lines.push(l), { clock: new FixedClock('2026-05-01T00:00:00Z') });
    live.prepare('INSERT INTO node_meta (key, value) VALUES (?, ?)').run('after', 'backup');
    live.close();
    expect(manifest).to.include({ format: 'ipex-backup/1', createdAt: '2026-05-01T00:00:00.000Z' });
    expect(manifest.blobs.count).to.equal(2);
    expect(manifest.database?.schemaVersion).to.equal(loadMigrations().length);
    expect(manifest.database?.audit?.size).to.equal(5);
    expect(manifest.files.map((f) => f.path)).to.include.members(['ipex.db', 'ipex.json', 'identity/signing.key', 'trust/root.pem']);
    expect(manifest.files.map((f) => f.path).some((f) => f.includes('.tmp'))).to.equal(false);
    expect(JSON.parse(readFileSync(join(root, 'bk', 'backup.json'), 'utf8'))).to.deep.equal(manifest);
    expect(lines.length).to.be.greaterThan(2);

    const target = join(root, 'restored');
    await restore(join(root, 'bk'), target);
    const p = dataPaths(target);
    const db = openDatabase(p.database);
    expect(db.prepare("SELECT value FROM node_meta WHERE key = 'office'").get()).to.deep.equal({ value: 'EP' });
    expect(db.prepare("SELECT value FROM node_meta WHERE key = 'after'").get()).to.equal(undefined);
    expect(migrate(db).applied).to.deep.equal([]);
    db.close();
    const store = new FsBlobStore(p.blobs);
    for (const sha of blobs) expect(await store.verify(sha)).to.equal(true);
    expect(statSync(p.identity.signingKey).mode & 0o777).to.equal(0o600);
    expect(readFileSync(p.config, 'utf8')).to.equal('{"office":"EP"}\n');
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).to.deep.equal([]);
  });

  it('fails a backup when a stored part is damaged on disk, leaving no backup folder', async () => {
    const { dataDir, blobs } = await makeDataDir(root);
    writeFileSync(new FsBlobStore(dataPaths(dataDir).blobs).pathOf(blobs[0]!), 'bit rot');
    await backup(dataDir, join(root, 'bk')).then(() => expect.fail('backed up'), (err) => expect(err.code).to.equal('BLOB_DIGEST_MISMATCH'));
    expect(readdirSync(root)).to.deep.equal(['data']);
  });

  it('refuses an existing backup folder', async () => {
    const { dataDir } = await makeDataDir(root);
    mkdirSync(join(root, 'bk'));
    await backup(dataDir, join(root, 'bk')).then(() => expect.fail('overwrote'), (err) => expect(err.code).to.equal('ALREADY_EXISTS'));
  });

  it('restores into an existing empty folder and refuses a non-empty one', async () => {
    const { dataDir } = await makeDataDir(root);
    await backup(dataDir, join(root, 'bk'));
    mkdirSync(join(root, 'empty'));
    await restore(join(root, 'bk'), join(root, 'empty'));
    expect(existsSync(join(root, 'empty', 'ipex.db'))).to.equal(true);
    await restore(join(root, 'bk'), dataDir).then(() => expect.fail('merged'), (err) => expect(err.code).to.equal('RESTORE_TARGET_NOT_EMPTY'));
  });

  const damages: Array<[string, (bk: string, blobs: string[]) => void]> = [
    ['an altered blob', (bk, blobs) => writeFileSync(join(bk, 'blobs', blobs[0]!.slice(0, 2), blobs[0]!.slice(2, 4), blobs[0]!), 'part onE')],
    ['a missing file', (bk) => rmSync(join(bk, 'trust', 'root.pem'))],
    ['an altered config', (bk) => writeFileSync(join(bk, 'ipex.json'), '{"office":"XX"}\n')],
    ['a path escaping the data folder', (bk) => {
      const m = JSON.parse(readFileSync(join(bk, 'backup.json'), 'utf8'));
      m.files.push({ path: 'identity/../../evil', sha256: '0'.repeat(64), size: 0 });
      writeFileSync(join(bk, 'backup.json'), JSON.stringify(m));
    }],
    ['a symlink in place of a file', (bk) => {
      const outside = join(bk, '..', 'outside.pem');
      writeFileSync(outside, readFileSync(join(bk, 'trust', 'root.pem')));
      rmSync(join(bk, 'trust', 'root.pem'));
      symlinkSync(outside, join(bk, 'trust', 'root.pem'));
    }],
    ['another format', (bk) => writeFileSync(join(bk, 'backup.json'), '{"format":"other"}')],
    ['a corrupt database with a matching digest', (bk) => {
      const path = join(bk, 'ipex.db');
      const bytes = readFileSync(path);
      bytes.fill(0x41, 100, bytes.length); // keeps the header, destroys every page
      writeFileSync(path, bytes);
      matchDigest(bk);
    }],
    ['an altered audit entry with a matching digest', (bk) => {
      alterAuditEntry(bk, false);
      matchDigest(bk);
    }],
    ['an audit entry altered with its leaf hash, with a matching digest', (bk) => {
      alterAuditEntry(bk, true);
      matchDigest(bk);
    }],
  ];
  for (const [name, damage] of damages) {
    it(`refuses ${name} with BACKUP_INVALID and writes nothing`, async () => {
      const { dataDir, blobs } = await makeDataDir(root);
      const bk = join(root, 'bk');
      await backup(dataDir, bk);
      damage(bk, blobs);
      const target = join(root, 'restored');
      await restore(bk, target).then(() => expect.fail('restored'), (err) => expect(err.code).to.equal('BACKUP_INVALID'));
      expect(existsSync(target)).to.equal(false);
      expect(readdirSync(root).filter((n) => n !== 'outside.pem').sort()).to.deep.equal(['bk', 'data']);
    });
  }
});
