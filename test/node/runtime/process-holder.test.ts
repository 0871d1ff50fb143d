// Whether the holder of a lease or lock is gone (issue 10, items 5 and 9): only a process of this
// host that has certainly ended, never a live one, nor one on another host.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'chai';
import { formatHolder, holderIsGone, parseHolder, thisProcess } from '../../../node/runtime/process-holder.js';

describe('node/runtime/process-holder', () => {
  it('is the same holder for the life of the process, and reads back as stored', () => {
    const me = thisProcess();
    expect(thisProcess()).to.equal(me);
    expect(me.pid).to.equal(process.pid);
    expect(parseHolder(formatHolder(me))).to.deep.equal(me);
    expect(parseHolder('not json')).to.equal(undefined);
    expect(parseHolder('{"host":"h","pid":"12"}')).to.equal(undefined);
    expect(parseHolder(null)).to.equal(undefined);
  });

  it('keeps this process and a live process of this host; gives up a killed one', async () => {
    const me = thisProcess();
    expect(holderIsGone(me)).to.equal(false);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const other = { ...me, pid: child.pid!, instance: 'another-process' };
      expect(holderIsGone(other)).to.equal(false);
      child.kill('SIGKILL');
      await once(child, 'exit');
      expect(holderIsGone(other)).to.equal(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('gives up an earlier process with this pid (a restarted container), and one from before a reboot', () => {
    const me = thisProcess();
    expect(holderIsGone({ ...me, instance: 'an-earlier-run' })).to.equal(true);
    const withBoot = { ...me, boot: 'boot-now' };
    expect(holderIsGone({ ...withBoot, pid: 1, instance: 'x', boot: 'boot-before' }, withBoot)).to.equal(true);
  });

  it('never gives up a holder on another host: it cannot be checked from here', () => {
    const me = thisProcess();
    expect(holderIsGone({ ...me, host: `not-${me.host}`, pid: 999_999_999, instance: 'x' })).to.equal(false);
  });
});
