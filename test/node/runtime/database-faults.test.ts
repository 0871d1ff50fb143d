/**
 * A node refuses to start on a damaged database, names the damage and leaves the file as it was
 * (issue 10, item 2), and says what to do about a database of a newer release (item 10).
 */
import { expect } from 'chai';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { createOutput } from '../../../node/cli/output.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { startNode, type RunningNode } from '../../../node/runtime/start-node.js';
import { depositServiceFor } from '../../../node/services/deposit/deposit-service.js';
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
    await depositOne(node, 'EP 23 100 001.1');
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
      await depositOne(running, 'EP 23 100 002.1');
      cpSync(stopped, dataDir, { recursive: true }); // what a kill -9 leaves: committed pages still in the WAL
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
