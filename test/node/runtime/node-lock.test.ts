// The running-node lock of a data folder (issue 10, item 9): a second node on a folder whose node
// runs is told "already running (pid N)"; a lock left by a killed node does not block.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { dataPaths } from '../../../node/config/data-dir.js';
import { acquireNodeLock } from '../../../node/runtime/node-lock.js';
import { isIpexError, type IpexError } from '../../../protocol/errors/index.js';
import { killed, lockHolder } from '../../helpers/lock-holder.js';

function expectIpexError(fn: () => unknown, code: string): IpexError {
  try {
    fn();
  } catch (err) {
    expect(isIpexError(err) ? err.code : String(err)).to.equal(code);
    return err as IpexError;
  }
  return expect.fail(`should throw ${code}`);
}

describe('node/runtime/node-lock', function () {
  this.timeout(30_000);
  let dataDir: string;
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'ipex-node-lock-')); });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says that a node runs, with its pid, while another process holds the lock', async () => {
    const child = await lockHolder(dataPaths(dataDir).nodeLock);
    try {
      const err = expectIpexError(() => acquireNodeLock(dataDir), 'NODE_ALREADY_RUNNING');
      expect(err.message).to.match(new RegExp(`^a node is already running on ${dataDir} \\(pid ${child.pid}, since \\S+\\): stop it first \\(Ctrl-C where it runs, or \`kill ${child.pid}\`\\), or use another --data folder$`));
    } finally {
      await killed(child);
    }
    // killed, its lock file stays behind, but does not block
    expect(existsSync(dataPaths(dataDir).nodeLock)).to.equal(true);
    const lock = acquireNodeLock(dataDir);
    expect(JSON.parse(readFileSync(dataPaths(dataDir).nodeLock, 'utf8')).pid).to.equal(process.pid);
    lock.release();
    expect(existsSync(dataPaths(dataDir).nodeLock)).to.equal(false);
  });

  it('is held once within a process too, and released only by its holder', () => {
    const lock = acquireNodeLock(dataDir);
    expectIpexError(() => acquireNodeLock(dataDir), 'NODE_ALREADY_RUNNING');
    lock.release();
    const again = acquireNodeLock(dataDir);
    lock.release(); // the first lock's release must not remove the second
    expectIpexError(() => acquireNodeLock(dataDir), 'NODE_ALREADY_RUNNING');
    again.release();
  });
});
