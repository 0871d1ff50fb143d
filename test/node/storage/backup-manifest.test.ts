import { expect } from 'chai';
import { parseBackupManifest } from '../../../node/storage/backup-manifest.js';

describe('node/storage backup.json of a node on an object store (objects)', () => {
  const digest = 'a'.repeat(64);
  const manifest = (objects: unknown, files: unknown[] = []) => JSON.stringify({ format: 'ipex-backup/1', createdAt: '2026-12-03T00:00:00Z', database: null, blobs: { count: 1, bytes: 5 }, files, objects });

  it('accepts the recorded parts and the credentials file it names, and no other extra file', () => {
    const file = { path: 's3.credentials', sha256: digest, size: 10 };
    const parsed = parseBackupManifest(manifest({ location: 's3://b/ at https://s3', credentialsFile: 's3.credentials', parts: [{ sha256: digest, size: 5 }] }, [file]));
    expect(parsed.objects?.parts).to.deep.equal([{ sha256: digest, size: 5 }]);
    expect(() => parseBackupManifest(manifest({ location: 's3://b/', parts: [] }, [file]))).to.throw(/a path a data folder does not hold/);
  });

  it('refuses a credentials file outside the data folder, and parts without digest or size', () => {
    for (const credentialsFile of ['../keys', '/etc/passwd', 'identity/signing.key', 'ipex.json']) {
      expect(() => parseBackupManifest(manifest({ location: 's3://b/', credentialsFile, parts: [] })), credentialsFile).to.throw(/not a plain file name/);
    }
    expect(() => parseBackupManifest(manifest({ location: 's3://b/', parts: [{ sha256: 'zz', size: 5 }] }))).to.throw(/without a valid digest and size/);
    expect(() => parseBackupManifest(manifest({ location: 's3://b/', parts: [{ sha256: digest, size: -1 }] }))).to.throw(/without a valid digest and size/);
    expect(() => parseBackupManifest(manifest({ parts: [] }))).to.throw(/without location and parts/);
  });
});
