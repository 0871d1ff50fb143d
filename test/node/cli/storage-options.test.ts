/**
 * The options that name a node's new stores (`ipex migrate`, `ipex restore --to-database`) as the
 * `storage` keys of ipex.json they become, and the usage errors of combinations that make no sense.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { blobChanges, configPath, databaseChanges } from '../../../node/cli/storage-options.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { runCli } from './run-cli.js';
import { EXIT } from '../../../node/cli/exit-codes.js';

const usage = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (isIpexError(err, 'USAGE')) return err.message;
    throw err;
  }
  throw new Error('no usage error');
};

describe('node/cli storage options', () => {
  const cwd = '/srv';
  const data = 'ipex/data';

  it('makes storage.database with the password file relative to the data folder when it lies inside it', () => {
    expect(databaseChanges({ toDatabase: 'postgres://ipex@db/ipex', databasePasswordFile: 'ipex/data/secrets/pg' }, data, false, cwd))
      .to.deep.equal({ database: 'postgres://ipex@db/ipex', databasePasswordFile: 'secrets/pg' });
    expect(databaseChanges({ toDatabase: 'postgres://ipex@db/ipex', databasePasswordFile: 'pg-password' }, data, false, cwd))
      .to.deep.equal({ database: 'postgres://ipex@db/ipex', databasePasswordFile: '/srv/pg-password' });
    expect(databaseChanges({ toDatabase: 'postgres://ipex@db/ipex', databasePasswordEnv: 'PGPASS' }, data, false, cwd))
      .to.deep.equal({ database: 'postgres://ipex@db/ipex', databasePasswordEnv: 'PGPASS' });
    expect(databaseChanges({}, data, false, cwd)).to.equal(undefined);
  });

  it('takes sqlite only where it is allowed (restore), without a password', () => {
    expect(databaseChanges({ toDatabase: 'sqlite' }, data, true, cwd)).to.equal('sqlite');
    expect(usage(() => databaseChanges({ toDatabase: 'sqlite' }, data, false, cwd))).to.contain('must be a postgres:// URL');
    expect(usage(() => databaseChanges({ toDatabase: 'sqlite', databasePasswordEnv: 'X' }, data, true, cwd))).to.contain('SQLite takes no password');
  });

  it('refuses password options without --to-database, and both password options at once', () => {
    expect(usage(() => databaseChanges({ databasePasswordFile: 'f' }, data, false, cwd))).to.contain('need --to-database');
    expect(usage(() => databaseChanges({ toDatabase: 'postgres://a@b/c', databasePasswordFile: 'f', databasePasswordEnv: 'E' }, data, false, cwd))).to.contain('not both');
  });

  it('makes storage.blobs and storage.s3 from --to-blobs and the --s3-* options', () => {
    expect(blobChanges({ toBlobs: 's3://parts/ep', s3Endpoint: 'https://s3.example', s3Region: 'eu-1', s3CredentialsFile: 'ipex/data/s3.credentials' }, data, cwd))
      .to.deep.equal({ blobs: 's3://parts/ep', s3: { endpoint: 'https://s3.example', region: 'eu-1', credentialsFile: 's3.credentials' } });
    expect(blobChanges({ toBlobs: 's3://parts', s3Endpoint: 'https://s3.example', s3AccessKeyIdEnv: 'K', s3SecretAccessKeyEnv: 'S' }, data, cwd))
      .to.deep.equal({ blobs: 's3://parts', s3: { endpoint: 'https://s3.example', accessKeyIdEnv: 'K', secretAccessKeyEnv: 'S' } });
    expect(blobChanges({}, data, cwd)).to.equal(undefined);
  });

  it('refuses --s3-* without --to-blobs, --to-blobs without an endpoint, and a credentials file with key variables', () => {
    expect(usage(() => blobChanges({ s3Region: 'x' }, data, cwd))).to.contain('need --to-blobs');
    expect(usage(() => blobChanges({ toBlobs: 's3://parts' }, data, cwd))).to.contain('--s3-endpoint');
    expect(usage(() => blobChanges({ toBlobs: 's3://parts', s3Endpoint: 'https://s3.example', s3CredentialsFile: 'f', s3AccessKeyIdEnv: 'K' }, data, cwd))).to.contain('not both');
  });

  it('names a file by an absolute path when it is the data folder itself or outside it', () => {
    expect(configPath('ipex/data', data, cwd)).to.equal('/srv/ipex/data');
    expect(configPath('../etc/pg', data, cwd)).to.equal('/etc/pg');
    expect(configPath(join('ipex', 'data', 'a', 'b'), data, cwd)).to.equal(join('a', 'b'));
  });

  it('ipex migrate without a target is a usage error (exit 2), and a node folder that holds no node is refused', async () => {
    const none = await runCli(['migrate', '--data', '/nonexistent/ipex']);
    expect(none.code).to.equal(EXIT.usage);
    expect(none.err).to.contain('nothing to migrate');
    const empty = await runCli(['migrate', '--data', '/nonexistent/ipex', '--to-database', 'postgres://ipex@127.0.0.1:1/ipex']);
    expect(empty.code).to.equal(EXIT.failure);
    expect(empty.err).to.contain('[NODE_NOT_INITIALISED]');
  });
});
