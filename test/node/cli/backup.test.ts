import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { makeDataDir } from '../storage/data-dir-fixture.js';

describe('ipex backup / ipex restore', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'ipex-cli-backup-')); });
  afterEach(() => { rmSync(root, { recursive: true, force: true }); });

  it('backs up and restores with progress lines on stderr and a JSON result on stdout', async () => {
    const { dataDir } = await makeDataDir(root);
    const b = await runCli(['--json', 'backup', '--out', join(root, 'bk'), '--data', dataDir]);
    expect(b.code, b.err).to.equal(EXIT.ok);
    expect(JSON.parse(b.out)).to.include({ backupDir: join(root, 'bk') }).and.have.nested.property('blobs.count', 2);
    expect(b.err).to.match(/^· copying the database/m).and.match(/^· backup complete/m);

    const r = await runCli(['restore', '--from', join(root, 'bk'), '--data', join(root, 'restored')]);
    expect(r.code, r.err).to.equal(EXIT.ok);
    expect(r.out).to.contain('restored the backup taken');
    expect(r.err).to.match(/^· verifying \d+ files/m);
    expect(existsSync(join(root, 'restored', 'ipex.db'))).to.equal(true);
  });

  it('prints no progress with --quiet', async () => {
    const { dataDir } = await makeDataDir(root);
    const b = await runCli(['--quiet', 'backup', '--out', join(root, 'bk'), '--data', dataDir]);
    expect(b.code).to.equal(EXIT.ok);
    expect(b.err).to.equal('');
  });

  it('refuses a non-empty restore target with exit status 6 (conflict) and a coded message', async () => {
    const { dataDir } = await makeDataDir(root);
    expect((await runCli(['backup', '--out', join(root, 'bk'), '--data', dataDir])).code).to.equal(EXIT.ok);
    const r = await runCli(['restore', '--from', join(root, 'bk'), '--data', dataDir]);
    expect(r.code).to.equal(EXIT.conflict);
    expect(r.err).to.contain('[RESTORE_TARGET_NOT_EMPTY]');
  });

  it('refuses a folder that is not a backup with exit status 3 and writes nothing', async () => {
    mkdirSync(join(root, 'junk'));
    writeFileSync(join(root, 'junk', 'backup.json'), 'not json');
    const r = await runCli(['restore', '--from', join(root, 'junk'), '--data', join(root, 'restored')]);
    expect(r.code).to.equal(EXIT.badInput);
    expect(r.err).to.contain('[BACKUP_INVALID]');
    expect(existsSync(join(root, 'restored'))).to.equal(false);
  });

  it('requires --out', async () => {
    expect((await runCli(['backup'])).code).to.equal(EXIT.usage);
  });
});
