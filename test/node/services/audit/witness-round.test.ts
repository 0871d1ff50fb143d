import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevNode, syncDevDirectory } from '../../../../node/cli/dev-network.js';
import { createOutput } from '../../../../node/cli/output.js';
import { startNode, type RunningNode } from '../../../../node/runtime/start-node.js';
import { WitnessRound } from '../../../../node/services/audit/witness-round.js';
import { staffAlertsFor } from '../../../../node/services/staff/staff-alerts.js';
import { peerOutagesFor } from '../../../../node/services/peers/peer-outages.js';
import { exchangeClientFor } from '../../../../node/services/retrieval/index.js';
import { parseNote } from '../../../../protocol/note/index.js';
import { systemClock, systemRandom } from '../../../../protocol/runtime/clock.js';
import { freePort } from '../../../../scripts/lib/free-port.js';


describe('node/services/audit WitnessRound: peers cosign our checkpoints', function () {
  this.timeout(60_000);
  let root: string;
  let ep: RunningNode;
  let jp: RunningNode | undefined;
  const warnings: string[] = [];
  const output = createOutput(false, { stdout: { write: () => true }, stderr: { write: (s: string) => { warnings.push(s); } } }, true);

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-witness-'));
    const network = join(root, 'ep', 'dev-network');
    await ensureDevNode(join(root, 'ep'), { officeCode: 'EP', exchangePort: await freePort(), officeApiPort: 0, output });
    await ensureDevNode(join(root, 'jp'), { officeCode: 'JP', exchangePort: await freePort(), officeApiPort: 0, networkDir: network, output });
    await syncDevDirectory(join(root, 'ep'), network, systemClock);
    ep = await startNode({ dataDir: join(root, 'ep'), output, ports: { officeApi: 0 }, witnessIntervalMs: 0 });
    jp = await startNode({ dataDir: join(root, 'jp'), output, ports: { officeApi: 0 }, witnessIntervalMs: 0 });
  });
  after(async () => {
    await jp?.close();
    await ep.close();
    rmSync(root, { recursive: true, force: true });
  });

  const round = (): WitnessRound => new WitnessRound(ep.context, { client: () => exchangeClientFor(ep.context, systemRandom) });
  const cosigners = (): string[] => parseNote(ep.context.audit.latestCheckpoint().note).signatures.map((s) => s.name);

  it('asks each other office to cosign the newest checkpoint and keeps the cosignature on the note', async () => {
    for (let i = 0; i < 3; i++) await ep.context.audit.append({ type: 'deposit.committed', actor: { kind: 'node' }, outcome: 'ok' });
    const size = ep.context.audit.checkpointNow().size;
    const results = await round().run();
    expect(results).to.deep.equal([{ witness: 'JP', size, outcome: 'cosigned' }]);
    expect(cosigners()).to.include.members(['ipex/audit/EP', 'ipex/audit/JP']);
    expect((await round().run())[0]?.outcome).to.equal('already');
  });

  it('keeps its loop going past a round that fails, says so, and starts no round after stop()', async () => {
    await ep.context.audit.append({ type: 'deposit.committed', actor: { kind: 'node' }, outcome: 'ok' });
    ep.context.audit.checkpointNow();
    let calls = 0;
    const failing = new WitnessRound(ep.context, { intervalMs: 10, client: () => { calls++; throw new Error('no client today'); } });
    warnings.length = 0;
    failing.start();
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    for (let waited = 0; calls < 3 && waited < 5_000; waited += 20) await sleep(20);
    expect(calls).to.be.at.least(3); // an unexpected failure neither ends the loop nor the process
    expect(warnings.join('')).to.include('a witnessing round failed: no client today');
    await failing.stop();
    const atStop = calls;
    await sleep(100);
    expect(calls).to.equal(atStop); // a node that closes its database after stop() is never touched again
    expect(await failing.run()).to.deep.equal([]);
  });

  it('proves consistency from the size the witness last cosigned when the log grows', async () => {
    for (let i = 0; i < 5; i++) await ep.context.audit.append({ type: 'deposit.committed', actor: { kind: 'node' }, outcome: 'ok' });
    const size = ep.context.audit.checkpointNow().size;
    expect(await round().run()).to.deep.equal([{ witness: 'JP', size, outcome: 'cosigned' }]);
    expect(cosigners()).to.include('ipex/audit/JP');
  });

  // Issue 12: both sides of an inconsistency are staff alerts (e-mail to staff, a staff.alert webhook).
  it('raises witness.inconsistent on the witness that saw it and on the node it reported it to', async () => {
    const jpDb = jp!.context.db;
    const kept = jpDb.prepare('SELECT root FROM witness_state WHERE office = ?').get('EP') as { root: Buffer };
    // JP's record of EP's log now holds another root: EP's next checkpoint cannot be proven to extend it.
    jpDb.prepare('UPDATE witness_state SET root = ? WHERE office = ?').run(Buffer.alloc(32, 7), 'EP');
    try {
      await ep.context.audit.append({ type: 'deposit.committed', actor: { kind: 'node' }, outcome: 'ok' });
      ep.context.audit.checkpointNow();
      const [result] = await round().run();
      expect(result).to.include({ witness: 'JP', outcome: 'failed', code: 'WITNESS_INCONSISTENT' });
      expect(staffAlertsFor(jp!.context).flush() && staffAlertsFor(ep.context).flush()).to.equal(true);
      const seen = staffAlertsFor(jp!.context).list().filter((a) => a.kind === 'witness.inconsistent');
      expect(seen.map((a) => a.subject)).to.deep.equal(['log of EP']);
      expect(seen[0]!.detail).to.contain('office EP showed an inconsistent audit-log checkpoint');
      const reported = staffAlertsFor(ep.context).list().filter((a) => a.kind === 'witness.inconsistent');
      expect(reported.map((a) => a.subject)).to.deep.equal(['witness JP of this log']);
      expect(reported[0]!.detail).to.contain('witness JP refused checkpoint').and.to.contain('ipex audit verify');
    } finally {
      jpDb.prepare('UPDATE witness_state SET root = ? WHERE office = ?').run(kept.root, 'EP');
    }
  });

  it('reports a witness that is down once, and succeeds when it is back', async () => {
    await jp!.close();
    jp = undefined;
    await ep.context.audit.append({ type: 'deposit.committed', actor: { kind: 'node' }, outcome: 'ok' });
    const size = ep.context.audit.checkpointNow().size;
    const witnessing = round();
    const seen = warnings.length;
    const first = await witnessing.run();
    expect(first[0]).to.include({ witness: 'JP', outcome: 'failed', code: 'PEER_UNREACHABLE' });
    await witnessing.run();
    expect(warnings.slice(seen).filter((w) => w.includes('witness JP did not cosign'))).to.have.length(1);
    expect(peerOutagesFor(ep.context).failing().map((f) => `${f.office} ${f.lastCode}`)).to.deep.equal(['JP PEER_UNREACHABLE']); // issue 12
    jp = await startNode({ dataDir: join(root, 'jp'), output, ports: { officeApi: 0 }, witnessIntervalMs: 0 });
    const back = (await witnessing.run())[0]!;
    expect(back).to.include({ witness: 'JP', outcome: 'cosigned' });
    expect(peerOutagesFor(ep.context).failing()).to.deep.equal([]);
    expect(back.size).to.be.at.least(size); // JP's start may have logged a new directory meanwhile
  });
});
