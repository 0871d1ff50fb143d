/**
 * `ipex migrate`'s refusals that need no server (node/storage/migrate-node.ts): a running node,
 * a node already on the target kind of store, a new store key the node would refuse. Each
 * changes nothing. The copy itself runs against a real PostgreSQL and radosgw in
 * test/scale/integration/migrate-node.test.ts.
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataPaths } from '../../../node/config/data-dir.js';
import { migrateNode } from '../../../node/storage/migrate-node.js';
import { codeOf } from '../../helpers/error-code.js';
import { killed, lockHolder } from '../../helpers/lock-holder.js';
import { makeDataDir } from './data-dir-fixture.js';

describe('node/storage migrateNode refusals', () => {
  let root: string;
  let dataDir: string;
  let before: string[];
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-migrate-node-'));
    dataDir = (await makeDataDir(root)).dataDir;
    before = snapshot();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function snapshot(): string[] {
    return readdirSync(dataDir, { recursive: true }).map(String).sort().concat(readFileSync(dataPaths(dataDir).config, 'utf8'));
  }
  const toPostgres = { database: { database: 'postgres://ipex@127.0.0.1:1/ipex' } } as const;

  it('refuses while a node runs on the folder (NODE_ALREADY_RUNNING)', async () => {
    const holder = await lockHolder(dataPaths(dataDir).nodeLock);
    try {
      expect(await codeOf(migrateNode(dataDir, toPostgres))).to.equal('NODE_ALREADY_RUNNING');
    } finally {
      await killed(holder);
    }
    expect(snapshot().filter((n) => n !== 'node.lock')).to.deep.equal(before);
  });

  it('refuses a node whose metadata is already in PostgreSQL, or whose parts are already in a bucket', async () => {
    writeFileSync(dataPaths(dataDir).config, JSON.stringify({ office: 'EP', storage: { database: 'postgres://ipex@127.0.0.1:1/old' } }));
    before = snapshot();
    expect(await codeOf(migrateNode(dataDir, toPostgres))).to.equal('MIGRATE_SOURCE_UNSUPPORTED');
    writeFileSync(dataPaths(dataDir).config, JSON.stringify({ office: 'EP', storage: { blobs: 's3://old', s3: { endpoint: 'https://s3.example' } } }));
    before = snapshot();
    expect(await codeOf(migrateNode(dataDir, { blobs: { blobs: 's3://new', s3: { endpoint: 'https://s3.example' } } }))).to.equal('MIGRATE_SOURCE_UNSUPPORTED');
    expect(snapshot()).to.deep.equal(before);
  });

  it('refuses a new store the node would refuse at start (CONFIG_INVALID), before it connects to anything', async () => {
    expect(await codeOf(migrateNode(dataDir, { blobs: { blobs: 's3://parts', s3: { endpoint: 'http://s3.example.org' } } }))).to.equal('CONFIG_INVALID');
    expect(await codeOf(migrateNode(dataDir, { database: { database: 'postgres://ipex:secret@db/ipex' } }))).to.equal('CONFIG_INVALID');
    expect(await codeOf(migrateNode(dataDir, {}))).to.equal('USAGE');
    expect(snapshot()).to.deep.equal(before);
  });

  it('refuses a server it cannot reach with DATABASE_UNAVAILABLE, changing nothing', async () => {
    expect(await codeOf(migrateNode(dataDir, toPostgres))).to.equal('DATABASE_UNAVAILABLE');
    expect(snapshot()).to.deep.equal(before);
  });
});
