import { expect } from 'chai';
import { parseConfig } from '../../../node/config/config.js';
import { isIpexError } from '../../../protocol/errors/index.js';

describe('node/config storage settings (storage.blobs, storage.s3)', () => {
  const office = { code: 'EP', name: 'European Patent Office' };
  const parse = (storage: unknown) => parseConfig({ office, storage }, '/data');
  const refused = (storage: unknown, words: RegExp): void => {
    try {
      parse(storage);
    } catch (err) {
      expect(isIpexError(err, 'CONFIG_INVALID'), String(err)).to.equal(true);
      expect((err as Error).message).to.match(words);
      return;
    }
    expect.fail(`accepted ${JSON.stringify(storage)}`);
  };

  it('keeps parts in the data folder by default', () => {
    expect(parseConfig({ office }, '/data').storage).to.deep.equal({ blobs: { kind: 'folder' }, database: { engine: 'sqlite' } });
    expect(parse({ blobs: 'folder' }).storage).to.deep.equal({ blobs: { kind: 'folder' }, database: { engine: 'sqlite' } });
  });

  it('reads an s3:// bucket with an optional prefix, path-style, keys from the AWS variables by default', () => {
    expect(parse({ blobs: 's3://ipex-parts', s3: { endpoint: 'https://s3.example.org' } }).storage.blobs).to.deep.equal({
      kind: 's3', bucket: 'ipex-parts', prefix: '', endpoint: 'https://s3.example.org', region: 'us-east-1', pathStyle: true,
      credentials: { accessKeyIdEnv: 'AWS_ACCESS_KEY_ID', secretAccessKeyEnv: 'AWS_SECRET_ACCESS_KEY' },
    });
    const named = parse({
      blobs: 's3://ipex.parts/ep/node-1/', s3: { endpoint: 'http://127.0.0.1:7480', region: 'default', pathStyle: false, accessKeyIdEnv: 'IPEX_S3_KEY', secretAccessKeyEnv: 'IPEX_S3_SECRET' },
    }).storage.blobs;
    expect(named).to.include({ bucket: 'ipex.parts', prefix: 'ep/node-1/', endpoint: 'http://127.0.0.1:7480', region: 'default', pathStyle: false });
    expect(named).to.have.deep.property('credentials', { accessKeyIdEnv: 'IPEX_S3_KEY', secretAccessKeyEnv: 'IPEX_S3_SECRET' });
    expect(parse({ blobs: 's3://b-1', s3: { endpoint: 'https://s3.example.org:9000', credentialsFile: 's3-credentials' } }).storage.blobs)
      .to.have.deep.property('credentials', { file: '/data/s3-credentials' });
  });

  it('refuses what cannot be an object store, with the key named', () => {
    refused({ blobs: 's3://' }, /storage\.blobs must be "folder" or "s3:\/\/BUCKET"/);
    refused({ blobs: 's3://Upper_Case' }, /valid bucket name/);
    refused({ blobs: 'https://bucket' }, /storage\.blobs/);
    refused({ blobs: 's3://bucket/../x', s3: { endpoint: 'https://s3.example.org' } }, /storage\.blobs/);
    refused({ blobs: 's3://bucket' }, /storage\.s3 is required/);
    refused({ s3: { endpoint: 'https://s3.example.org' } }, /s3 is set but storage\.blobs is not an s3:\/\/ URL/);
    refused({ blobs: 's3://bucket', s3: {} }, /storage\.s3\.endpoint/);
    refused({ blobs: 's3://bucket', s3: { endpoint: 'ftp://s3.example.org' } }, /storage\.s3\.endpoint/);
    refused({ blobs: 's3://bucket', s3: { endpoint: 'https://s3.example.org/bucket' } }, /origin .* without path/);
    refused({ blobs: 's3://bucket', s3: { endpoint: 'http://s3.example.org' } }, /plain http to s3\.example\.org/);
    refused({ blobs: 's3://bucket', s3: { endpoint: 'https://s3.example.org', pathStyle: 'yes' } }, /pathStyle/);
    refused({ blobs: 's3://bucket', s3: { endpoint: 'https://s3.example.org', accessKeyIdEnv: 'lower-case' } }, /accessKeyIdEnv/);
    refused({ blobs: 's3://bucket', s3: { endpoint: 'https://s3.example.org', credentialsFile: 'k', accessKeyIdEnv: 'K' } }, /not both/);
  });

  it('has no place for the keys themselves in ipex.json', () => {
    refused({ blobs: 's3://bucket', s3: { endpoint: 'https://s3.example.org', secretAccessKey: 'abc' } }, /unknown key "secretAccessKey"/);
    refused({ blobs: 's3://bucket', s3: { endpoint: 'https://s3.example.org', accessKeyId: 'abc' } }, /unknown key "accessKeyId"/);
  });
});
