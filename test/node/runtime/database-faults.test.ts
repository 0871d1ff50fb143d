/**
 * A node refuses to start on a damaged database, names the damage and leaves the file as it was
 * (issue 10, item 2); a data folder that had a database never begins again with an empty one
 * (item 3).
 */
import { expect } from 'chai';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { createOutput } from '../../../node/cli/output.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { startNode, type RunningNode } from '../../../node/runtime/start-node.js';
import { depositServiceFor } from '../../../node/services/deposit/deposit-service.js';
import { openDatabase } from '../../../node/storage/database.js';
import { backup, restore } from '../../../node/storage/backup.js';
import { runCli } from '../cli/run-cli.js';

const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);

/** Starts the development node of `dataDir` (made on first use) on free ports. */
export async function startDevNode(dataDir: string): Promise<RunningNode> {
  await ensureDevNode(dataDir, { officeCode: 'EP', exchangePort: 0, officeApiPort: 0, output: quiet });
  return startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
}

/** Deposits one priority document on a running node; returns its id. */
export async function depositOne(node: RunningNode, application: string): Promise<string> {
  const deposits = depositServiceFor(node.context);
  const draft = deposits.createDraft({
    documentKind: 'priorityDocument',
    bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: application, filingDate: '2023-05-01', ipRightType: 'patent' },
  }, { kind: 'cli' });
  await deposits.uploadPart(draft.depositId, 'application.pdf', 'application/pdf', Readable.from([Buffer.from(`%PDF-1.7 ${application}\n`)]));
  return (await deposits.commit(draft.depositId, { kind: 'cli' })).documentId;
}

/** Overwrites `length` bytes at `offset` of `path`. */
export function overwrite(path: string, offset: number, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0x41), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

/** The bytes of ipex.db and its WAL and index files (undefined when absent). */
function databaseFiles(dataDir: string): Record<string, Buffer | undefined> {
  const db = dataPaths(dataDir).database;
  const read = (path: string): Buffer | undefined => (existsSync(path) ? readFileSync(path) : undefined);
  return { db: read(db), wal: read(`${db}-wal`), shm: read(`${db}-shm`) };
}

async function startFailure(dataDir: string): Promise<{ code?: string; message: string }> {
  return startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 })
    .then(async (node) => { await node.close(); throw new Error('the node started'); }, (err: { code?: string; message: string }) => err);
}

describe('start-up on a damaged database', function () {
  this.timeout(60_000);
  let root: string;
  let stopped: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-db-faults-'));
    stopped = join(root, 'ep');
    const node = await startDevNode(stopped);
    await depositOne(node, 'EP 23 100 001.9');
    await node.close();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  // issue 10, item 2
  it('names 16 bytes overwritten at offset 4104 as DATABASE_CORRUPT, with the remedy, and leaves the files as they were', async () => {
    const dataDir = join(root, 'overwritten');
    cpSync(stopped, dataDir, { recursive: true });
    overwrite(dataPaths(dataDir).database, 4104, 16);
    const before = databaseFiles(dataDir);
    expect(before.wal).to.equal(undefined); // the node was stopped: everything is in ipex.db

    const err = await startFailure(dataDir);
    expect(err.code, err.message).to.equal('DATABASE_CORRUPT');
    expect(err.message).to.contain('ipex restore').and.not.contain('schema version');
    expect(databaseFiles(dataDir)).to.deep.equal(before);

    const cli = await runCli(['token', 'list', '--data', dataDir]);
    expect(cli.code).to.equal(EXIT.failure);
    expect(cli.err).to.match(/^ipex: .*damaged.*ipex restore.*\[DATABASE_CORRUPT\]\n$/);
    expect(databaseFiles(dataDir)).to.deep.equal(before);
  });

  // issue 10, item 2
  it('refuses a damaged database left with a WAL by a killed node without checkpointing or removing the WAL', async () => {
    const running = await startNode({ dataDir: stopped, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    const dataDir = join(root, 'killed');
    try {
      await depositOne(running, 'EP 23 100 002.7');
      // What a kill -9 leaves: committed pages still in the WAL (the lock names this live test process, so it stays behind).
      cpSync(stopped, dataDir, { recursive: true, filter: (source) => !source.endsWith('node.lock') });
    } finally {
      await running.close();
    }
    overwrite(dataPaths(dataDir).database, 4104, 16);
    const before = databaseFiles(dataDir);
    expect(before.wal?.length).to.be.greaterThan(0);

    const err = await startFailure(dataDir);
    expect(err.code, err.message).to.equal('DATABASE_CORRUPT');
    const after = databaseFiles(dataDir);
    expect(after.db?.equals(before.db!)).to.equal(true);
    expect(after.wal?.equals(before.wal!)).to.equal(true);
  });

  // issue 10, item 2
  it('names a file that is not a database at all as DATABASE_CORRUPT', async () => {
    const dataDir = join(root, 'garbage');
    cpSync(stopped, dataDir, { recursive: true });
    overwrite(dataPaths(dataDir).database, 0, 100);
    const before = databaseFiles(dataDir);
    expect((await startFailure(dataDir)).code).to.equal('DATABASE_CORRUPT');
    expect(databaseFiles(dataDir)).to.deep.equal(before);
  });
});

describe('start-up on a missing database', function () {
  this.timeout(60_000);
  let root: string;
  let stopped: string;
  let documentId: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-db-missing-'));
    stopped = join(root, 'ep');
    const node = await startDevNode(stopped);
    documentId = await depositOne(node, 'EP 23 100 003.5');
    await node.close();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function copyOf(name: string): string {
    const dataDir = join(root, name);
    cpSync(stopped, dataDir, { recursive: true });
    return dataDir;
  }

  it('creates the database of a new node on its first start and marks the folder with the id the database keeps', () => {
    const marker = JSON.parse(readFileSync(dataPaths(stopped).databaseMarker, 'utf8')) as { format: string; databaseId: string };
    expect(marker.format).to.equal('ipex-database/1');
    const db = openDatabase(dataPaths(stopped).database, { readonly: true });
    const row = db.prepare("SELECT value FROM node_meta WHERE key = 'database_id'").get() as { value: string };
    db.close();
    expect(row.value).to.equal(marker.databaseId);
  });

  // issue 10, item 3
  it('refuses an emptied ipex.db with DATABASE_MISSING and the remedy, creating nothing, at start and in commands', async () => {
    const dataDir = copyOf('emptied');
    truncateSync(dataPaths(dataDir).database, 0); // `: > ipex.db`
    const before = readdirSync(dataDir).sort();

    const err = await startFailure(dataDir);
    expect(err.code, err.message).to.equal('DATABASE_MISSING');
    expect(err.message).to.contain('is empty').and.contain('ipex restore');
    expect(readFileSync(dataPaths(dataDir).database).length).to.equal(0);
    expect(readdirSync(dataDir).sort()).to.deep.equal(before);

    const cli = await runCli(['token', 'create', '--role', 'clerk', '--data', dataDir]);
    expect(cli.code).to.equal(EXIT.failure);
    expect(cli.err).to.match(/^ipex: .*is empty.*ipex restore.*\[DATABASE_MISSING\]\n$/);
    expect(readFileSync(dataPaths(dataDir).database).length).to.equal(0);
    const bk = await runCli(['backup', '--out', join(root, 'backup-of-emptied'), '--data', dataDir]);
    expect(bk.err).to.contain('[DATABASE_MISSING]');
    expect(existsSync(join(root, 'backup-of-emptied'))).to.equal(false);
  });

  // issue 10, item 3
  it('refuses a deleted ipex.db, and one replaced by another database', async () => {
    const deleted = copyOf('deleted');
    rmSync(dataPaths(deleted).database);
    expect((await startFailure(deleted)).code).to.equal('DATABASE_MISSING');
    expect(existsSync(dataPaths(deleted).database)).to.equal(false);

    const replaced = copyOf('replaced');
    const other = await startDevNode(join(root, 'other'));
    await other.close();
    cpSync(dataPaths(join(root, 'other')).database, dataPaths(replaced).database);
    const err = await startFailure(replaced);
    expect(err.code).to.equal('DATABASE_MISSING');
    expect(err.message).to.contain('another database');

    const blank = copyOf('blank');
    rmSync(dataPaths(blank).database);
    openDatabase(dataPaths(blank).database).close(); // a new, empty SQLite database in its place
    expect((await startFailure(blank)).code).to.equal('DATABASE_MISSING');
  });

  // issue 10, item 3: upgrades from a release without the marker
  it('marks a node of an earlier release on its next start, and refuses its lost database afterwards', async () => {
    const dataDir = copyOf('earlier-release');
    rmSync(dataPaths(dataDir).databaseMarker);
    const db = openDatabase(dataPaths(dataDir).database);
    db.prepare("DELETE FROM node_meta WHERE key = 'database_id'").run();
    db.close();

    const node = await startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    expect(depositServiceFor(node.context).get(documentId).documentId).to.equal(documentId);
    await node.close();
    expect(existsSync(dataPaths(dataDir).databaseMarker)).to.equal(true);
    truncateSync(dataPaths(dataDir).database, 0);
    expect((await startFailure(dataDir)).code).to.equal('DATABASE_MISSING');
  });

  // issue 10, item 3: a folder of an earlier release that lost its database before its first start with markers
  it('refuses a folder without marker or database that holds stored parts', async () => {
    const dataDir = copyOf('earlier-lost');
    rmSync(dataPaths(dataDir).databaseMarker);
    rmSync(dataPaths(dataDir).database);
    const err = await startFailure(dataDir);
    expect(err.code).to.equal('DATABASE_MISSING');
    expect(err.message).to.contain('holds stored parts');
  });

  // issue 10, item 3
  it('restores database and marker together from a backup, and the restored node serves its deposits', async () => {
    const out = join(root, 'backup');
    await backup(stopped, out);
    expect(readFileSync(join(out, 'database.json'), 'utf8')).to.equal(readFileSync(dataPaths(stopped).databaseMarker, 'utf8'));
    const restored = join(root, 'restored');
    await restore(out, restored);
    const node = await startNode({ dataDir: restored, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    try {
      expect(depositServiceFor(node.context).get(documentId).documentId).to.equal(documentId);
    } finally {
      await node.close();
    }
  });
});
