/** Rewriting only the `storage` of ipex.json when a node moves stores, with the old file kept. */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedStorage, configWithStorage, readRawConfig, switchStorage } from '../../../node/config/storage-rewrite.js';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { expectCode } from '../../helpers/error-code.js';

describe('node/config storage-rewrite', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-storage-rewrite-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const base = { office: { code: 'EP', name: 'EPO' }, storage: { database: 'postgres://old@db/old', databasePasswordEnv: 'OLD', blobs: 'folder' } };

  it('replaces the keys of the store that moves and keeps every other key', () => {
    const pg = JSON.parse(configWithStorage(base, { database: { database: 'postgres://ipex@db/ipex', databasePasswordFile: 'pw' } }));
    expect(pg).to.deep.equal({ office: base.office, storage: { database: 'postgres://ipex@db/ipex', databasePasswordFile: 'pw', blobs: 'folder' } });
    const sqlite = JSON.parse(configWithStorage({ office: base.office, storage: { database: 'postgres://a@b/c' } }, { database: 'sqlite' }));
    expect(sqlite).to.deep.equal({ office: base.office });
    const s3 = JSON.parse(configWithStorage(base, { blobs: { blobs: 's3://parts', s3: { endpoint: 'https://s3.example' } } }));
    expect(s3.storage).to.deep.equal({ ...base.storage, blobs: 's3://parts', s3: { endpoint: 'https://s3.example' } });
  });

  it('checks the new storage as the node will at start', () => {
    expect(checkedStorage(base, { blobs: { blobs: 's3://parts', s3: { endpoint: 'https://s3.example' } } }, dir).blobs).to.include({ kind: 's3', bucket: 'parts' });
    expectCode(() => checkedStorage(base, { blobs: { blobs: 's3://parts', s3: { endpoint: 'http://s3.example' } } }, dir), 'CONFIG_INVALID');
    expectCode(() => checkedStorage(base, { database: { database: 'postgres://ipex:secret@db/ipex' } }, dir), 'CONFIG_INVALID');
  });

  it('switches ipex.json in one write, keeping the old file beside it and the file mode', () => {
    const path = join(dir, 'ipex.json');
    writeFileSync(path, JSON.stringify(base), { mode: 0o640 });
    const copy = switchStorage(readRawConfig(dir), { database: 'sqlite' }, new FixedClock('2026-12-01T10:00:00Z'));
    expect(copy).to.equal(`${path}.before-migrate-2026-12-01T10-00-00-000Z`);
    expect(readFileSync(copy, 'utf8')).to.equal(JSON.stringify(base));
    expect(JSON.parse(readFileSync(path, 'utf8')).storage).to.deep.equal({ blobs: 'folder' });
    expect(statSync(path).mode & 0o777).to.equal(0o640);
    expect(readdirSync(dir).sort()).to.deep.equal(['ipex.json', 'ipex.json.before-migrate-2026-12-01T10-00-00-000Z']);
  });

  it('refuses an ipex.json that is not a JSON object', () => {
    writeFileSync(join(dir, 'ipex.json'), '[1]');
    expectCode(() => readRawConfig(dir), 'CONFIG_INVALID');
    rmSync(join(dir, 'ipex.json'));
    expectCode(() => readRawConfig(dir), 'NODE_NOT_INITIALISED');
  });
});
