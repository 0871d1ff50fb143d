/**
 * `ipex migrate` on a real node (issue 13): EP, on SQLite and its blobs folder, has deposits, a
 * retrieval served to JP and audit entries; it is moved into a real PostgreSQL 15 and a bucket of
 * a real radosgw, proved, and started on them, and JP retrieves from it again. Refusals (a running
 * node, a server that cannot be reached, a wrong password, a database that holds ipex tables) and
 * a migration killed half-way change nothing: the node starts as before.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { provenAuditHead } from '../../../node/storage/audit-proof.js';
import { openDatabase } from '../../../node/storage/database.js';
import { PgDatabase } from '../../../node/storage/postgres/pg-database.js';
import { S3BlobStore } from '../../../node/storage/s3-blob-store.js';
import { StaffTokens } from '../../../node/services/staff/staff-tokens.js';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import { DemoNetwork } from '../../../scripts/demo/network.js';
import { EP_APP, depositPriorityDocument } from '../../integration/network-fixture.js';
import { runCli } from '../../node/cli/run-cli.js';
import { startPostgres, type PostgresServer } from '../servers/postgres.js';
import type { Radosgw } from '../servers/radosgw.js';
import { freshBucket, sharedRadosgw } from '../servers/shared-radosgw.js';

const IPEX = fileURLToPath(new URL('../../../bin/ipex.js', import.meta.url));

describe('test/scale ipex migrate: an SQLite node into PostgreSQL and radosgw', function () {
  this.timeout(300_000);
  let pg: PostgresServer;
  let rgw: Radosgw;
  let client: S3Client;
  let base: string;
  let net: DemoNetwork;
  let ep: string;
  let passwordFile: string;
  let bucket: string;
  let documentId: string;
  let accessCode: string;

  before(async () => {
    [pg, rgw] = await Promise.all([startPostgres(), sharedRadosgw()]);
    client = rgw.client();
    base = mkdtempSync(join(tmpdir(), 'ipex-migrate-node-'));
    passwordFile = join(base, 'pg-password');
    writeFileSync(passwordFile, `${pg.password}\n`, { mode: 0o600 });
    writeFileSync(join(base, 's3.credentials'), `[default]\naws_access_key_id = ${rgw.accessKeyId}\naws_secret_access_key = ${rgw.secretAccessKey}\n`, { mode: 0o600 });
    bucket = await freshBucket(rgw, 'migrate-node');
    net = await DemoNetwork.create({ baseDir: base, offices: ['EP', 'JP'] });
    ep = net.office('EP').dataDir;
    await net.startAll();
    const doc = await depositPriorityDocument(net.api('EP'), 3 * 2 ** 20);
    documentId = doc.documentId;
    accessCode = doc.accessCode!;
    const { jobId } = await net.api('JP').retrieve({ ...EP_APP, accessCode });
    expect((await net.api('JP').waitForJob(jobId, 120_000)).state).to.equal('done');
  });
  after(async () => {
    await net?.stopAll();
    client?.destroy();
    pg?.stop();
    if (base !== undefined) rmSync(base, { recursive: true, force: true });
  });

  const args = (url: string, extra: string[] = []): string[] => [
    'migrate', '--data', ep, '--to-database', url, '--database-password-file', passwordFile,
    '--to-blobs', `s3://${bucket}/ep`, '--s3-endpoint', rgw.endpoint, '--s3-region', rgw.region, '--s3-credentials-file', join(base, 's3.credentials'), ...extra,
  ];
  const tablesIn = (url: string): number => Number(pg.psql(new URL(url).pathname.slice(1), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").trim());
  const objects = async (): Promise<number> => (await client.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount ?? 0;
  const config = (): string => readFileSync(dataPaths(ep).config, 'utf8');

  it('refuses while the node runs, with NODE_ALREADY_RUNNING (exit 6), copying nothing', async () => {
    const url = pg.createDatabase();
    const before = config();
    const run = await runCli(args(url));
    expect(run.code, run.err).to.equal(EXIT.conflict);
    expect(run.err).to.contain('[NODE_ALREADY_RUNNING]');
    expect(config()).to.equal(before);
    expect(tablesIn(url)).to.equal(0);
    expect(await objects()).to.equal(0);
  });

  it('refuses a server it cannot reach, a wrong password and a database holding ipex tables, changing nothing', async () => {
    await net.stop('EP');
    const before = config();
    const unreachable = await runCli(args('postgres://postgres@127.0.0.1:1/nowhere'));
    expect(unreachable.code, unreachable.err).to.equal(EXIT.failure);
    expect(unreachable.err).to.match(/nowhere on 127\.0\.0\.1:1.*\[DATABASE_UNAVAILABLE\]/);

    const url = pg.createDatabase();
    writeFileSync(join(base, 'wrong-password'), 'not the password\n');
    const wrong = await runCli(args(url).map((a) => (a === passwordFile ? join(base, 'wrong-password') : a)));
    expect(wrong.code).to.equal(EXIT.failure);
    expect(wrong.err).to.match(/password authentication failed.*\[DATABASE_UNAVAILABLE\]/);

    pg.psql(new URL(url).pathname.slice(1), 'CREATE TABLE node_meta (key TEXT)');
    const taken = await runCli(args(url));
    expect(taken.code).to.equal(EXIT.conflict);
    expect(taken.err).to.contain('[TARGET_DATABASE_NOT_EMPTY]');
    expect(tablesIn(url)).to.equal(1);

    expect(config()).to.equal(before);
    expect(await objects()).to.equal(0);
    expect(readdirSync(ep).filter((n) => n.includes('before-migrate'))).to.deep.equal([]);
  });

  it('killed while it copies the rows, leaves the node as it was and the database empty', async () => {
    const url = pg.createDatabase();
    const before = config();
    const child = spawn(process.execPath, [IPEX, ...args(url)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        err += chunk.toString('utf8');
        if (err.includes('creating the schema')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', () => reject(new Error(`ipex migrate ended before it was killed:\n${err}`)));
    });
    await once(child, 'exit');
    expect(config()).to.equal(before);
    for (let i = 0; i < 50 && tablesIn(url) > 0; i++) await new Promise((r) => setTimeout(r, 100)); // the server rolls back when it sees the connection gone
    expect(tablesIn(url)).to.equal(0);

    await net.start('EP');
    expect(net.node('EP').context.db).not.to.be.instanceOf(PgDatabase);
    expect((await net.api('EP').history(documentId)).items).to.have.length(1); // JP's retrieval, served before
    await net.stop('EP');
  });

  it('moves the rows and the parts, proves them, switches ipex.json, and the node serves JP from the new stores', async () => {
    const url = pg.createDatabase();
    const sqlite = openDatabase(dataPaths(ep).database, { readonly: true });
    const source = provenAuditHead(sqlite, 'the source');
    const grants = Number(sqlite.prepare('SELECT count(*) FROM retrieval_grants').pluck().get());
    sqlite.close();
    expect(source.size).to.be.greaterThan(3);
    expect(grants).to.equal(1);

    const run = await runCli(['--json', ...args(url)]);
    expect(run.code, run.err).to.equal(EXIT.ok);
    const result = JSON.parse(run.out) as { database: { audit: { size: number; root: string } }; blobs: { count: number }; previousConfig: string };
    expect(result.database.audit).to.deep.equal(source);
    expect(result.blobs.count).to.equal(2);
    expect(run.err).to.match(/copied table \d+ of \d+, audit_entries: \d+ rows/).and.match(/every one of the 2 parts is in the new store/).and.match(/moved and proved 2 parts \(\d+ bytes\) in [\d.]+ s/);
    expect(existsSync(result.previousConfig)).to.equal(true);
    const storage = (JSON.parse(config()) as { storage: Record<string, unknown> }).storage;
    expect(storage).to.deep.include({ database: url, databasePasswordFile: passwordFile, blobs: `s3://${bucket}/ep` });
    const database = new URL(url).pathname.slice(1);
    expect(Number(pg.psql(database, 'SELECT count(*) FROM audit_entries').trim())).to.equal(source.size);
    expect(Number(pg.psql(database, 'SELECT count(*) FROM retrieval_grants').trim())).to.equal(grants);

    await net.start('EP');
    const node = net.node('EP');
    expect(node.context.db).to.be.instanceOf(PgDatabase);
    expect(node.context.blobs).to.be.instanceOf(S3BlobStore);
    new StaffTokens(node.context.db, node.context.clock, systemRandom).create('clerk', 'after the move'); // generated ids continue after the copied ones
    const { jobId } = await net.api('JP').retrieve({ ...EP_APP, accessCode });
    const job = await net.api('JP').waitForJob(jobId, 120_000);
    expect(job.state, JSON.stringify(job.error)).to.equal('done');
    expect(Number(pg.psql(database, 'SELECT count(*) FROM retrieval_grants').trim())).to.equal(grants + 1);
    expect(Number(pg.psql(database, 'SELECT count(*) FROM audit_entries').trim())).to.be.greaterThan(source.size);
  });
});
