// The development network behind `ipex start` (issue 10, item 9): offices that join one network at
// the same moment are all kept, and a set-up that is not final is taken back whole.
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { networkPaths, readRegister } from '../../../certs/network/network-folder.js';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { readPointer, withNetworkLock } from '../../../node/cli/dev-set-up.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { killed, lockHolder } from '../../helpers/lock-holder.js';
import { quiet } from '../http/exchange-peer-fixture.js';
import { published } from './dev-network-fixture.js';
import { createOutput } from '../../../node/cli/output.js';

describe('node/cli/dev-network', function () {
  this.timeout(120_000);
  let root: string;
  let networkDir: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-dev-network-'));
    networkDir = join(root, 'network');
    await ensureDevNode(join(root, 'ep'), { officeCode: 'EP', exchangePort: 18_001, officeApiPort: 0, networkDir, output: quiet });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('keeps every office that joins at the same moment (issue 10, item 9)', async () => {
    await Promise.all(['JP', 'KR', 'CN'].map((code, i) =>
      ensureDevNode(join(root, code.toLowerCase()), { officeCode: code, exchangePort: 18_002 + i, officeApiPort: 0, networkDir, output: quiet })));
    expect(Object.keys(readRegister(networkDir).offices).sort()).to.deep.equal(['CN', 'EP', 'JP', 'KR']);
    expect(published(networkDir).sort()).to.deep.equal(['CN', 'EP', 'JP', 'KR']);
    expect(existsSync(`${networkDir}.lock`)).to.equal(false);
  });

  it('keeps a set-up open until the node is up, and takes it back whole (issue 10, item 9)', async () => {
    const us = join(root, 'us');
    const before = readdirSync(root).sort();
    const setUp = await ensureDevNode(us, { officeCode: 'US', exchangePort: 18_010, officeApiPort: 0, networkDir, output: quiet, untilUp: true });
    expect(readPointer(us)?.pending).to.deep.equal({ office: 'US', createdNetwork: false, addedOffice: true });
    expect(published(networkDir)).to.include('US');
    await setUp!.undo();
    expect(readdirSync(us)).to.deep.equal([]);
    expect(readRegister(networkDir).offices).to.not.have.property('US');
    expect(published(networkDir)).to.not.include('US');
    expect(existsSync(networkPaths(networkDir).office('US'))).to.equal(false);
    rmSync(us, { recursive: true });
    expect(readdirSync(root).sort()).to.deep.equal(before);
  });

  it('takes back a set-up its process never finished, then sets up with the new options', async () => {
    const de = join(root, 'de');
    await ensureDevNode(de, { officeCode: 'DE', exchangePort: 18_020, officeApiPort: 0, networkDir, output: quiet, untilUp: true });
    // the process died here, before its node was up; the next start asks for another port
    let said = '';
    const out = createOutput(false, { stdout: { write: () => true }, stderr: { write: (s: string) => { said += s; } } });
    const again = await ensureDevNode(de, { officeCode: 'DE', exchangePort: 18_021, officeApiPort: 0, networkDir, output: out });
    expect(said).to.contain(`an earlier first start in ${de} did not finish: taking back what it made`);
    expect(again).to.not.equal(undefined);
    expect(readPointer(de)).to.deep.equal({ networkDir });
    expect(readRegister(networkDir).offices.DE!.exchangeUrl).to.equal('https://127.0.0.1:18021');
    expect((JSON.parse(readFileSync(join(de, 'ipex.json'), 'utf8')) as { exchange: { port: number } }).exchange.port).to.equal(18_021);
  });

  it('removes a network folder that a taken-back set-up created, when no other office joined', async () => {
    const alone = join(root, 'alone');
    const ownNetwork = join(alone, 'dev-network');
    const setUp = await ensureDevNode(alone, { officeCode: 'FR', exchangePort: 18_030, officeApiPort: 0, output: quiet, untilUp: true });
    expect(readPointer(alone)?.pending).to.include({ createdNetwork: true, addedOffice: true });
    expect(existsSync(ownNetwork)).to.equal(true);
    await setUp!.undo();
    expect(readdirSync(alone)).to.deep.equal([]);
  });

  it('waits for another process\'s change of the network folder, and stops with FOLDER_LOCKED when it does not end', async () => {
    const other = await lockHolder(`${networkDir}.lock`);
    try {
      let ran = false;
      const err = await withNetworkLock(networkDir, async () => { ran = true; }, 300).then(() => undefined, (e: unknown) => e);
      expect(isIpexError(err, 'FOLDER_LOCKED'), String(err)).to.equal(true);
      expect((err as Error).message).to.contain(`is locked by pid ${other.pid} on `);
      expect(ran).to.equal(false);
    } finally {
      await killed(other);
    }
    let ran = false;
    await withNetworkLock(networkDir, async () => { ran = true; }, 300); // its holder gone, the lock is taken over
    expect(ran).to.equal(true);
  });
});
