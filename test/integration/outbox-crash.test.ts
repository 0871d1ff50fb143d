/**
 * The outbox survives `kill -9` (issue 12, "Notifications that reach people"): EP's node runs as
 * a real child process (`ipex start`) and is killed with SIGKILL while its webhook is in flight
 * (the receiver holds the request open). Started again, the node sends the message at once — the
 * lease of the dead process does not hold it — with the same `webhook-id`, so the receiver can
 * drop the repeat; once it is marked sent, it is never sent again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { ensureDevNode } from '../../node/cli/dev-network.js';
import { withNodeContext } from '../../node/cli/workspace.js';
import { startNode, type RunningNode } from '../../node/runtime/start-node.js';
import { notificationsFor } from '../../node/services/notifications/index.js';
import { OutboxStore, type OutboxRow } from '../../node/services/outbox/outbox-store.js';
import { staffAlertsFor } from '../../node/services/staff/staff-alerts.js';
import { openDatabase } from '../../node/storage/database.js';
import { dataPaths } from '../../node/config/data-dir.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { quiet } from '../node/http/exchange-peer-fixture.js';
import { WebhookReceiver } from './webhook-receiver.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

function outboxRows(dataDir: string): OutboxRow[] {
  const db = openDatabase(dataPaths(dataDir).database);
  try {
    return new OutboxStore(db).list({ limit: 10 });
  } finally {
    db.close();
  }
}

describe('integration: an outbox message in flight when the node is killed (issue 12)', function () {
  this.timeout(120_000);
  let root: string;
  let receiver: WebhookReceiver;
  let child: ChildProcess | undefined;
  let ep: RunningNode | undefined;

  after(async () => {
    child?.kill('SIGKILL');
    await ep?.close();
    await receiver?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('is sent again after the restart, with the same id, and then never again', async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-outbox-crash-'));
    const epDir = join(root, 'ep');
    await ensureDevNode(epDir, { officeCode: 'EP', exchangePort: await freePort(), officeApiPort: 0, networkDir: join(root, 'network'), output: quiet });
    receiver = await WebhookReceiver.start();
    receiver.answer = 'hold';

    // An admin registers the office system, and an event is queued for it (a staff alert).
    const secret = await withNodeContext({ data: epDir }, (node) => {
      const { secret: s } = notificationsFor(node).endpoints.add({ url: receiver.url, events: ['staff.alert'] }, 'cli', { kind: 'node', office: 'EP' }, systemRandom);
      const alerts = staffAlertsFor(node);
      alerts.raise({ kind: 'storage.full', subject: '/srv/ipex', detail: 'the disk of /srv/ipex is full' });
      expect(alerts.flush()).to.equal(true);
      return s;
    }, quiet);
    expect(outboxRows(epDir).map((r) => r.state)).to.deep.equal(['queued']);

    // The node as its own process: its outbox worker sends, and the receiver holds the request.
    child = spawn(process.execPath, [join(REPO, 'bin/ipex.js'), 'start', '--data', epDir], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let childErr = '';
    child.stderr!.on('data', (chunk: Buffer) => { childErr += chunk.toString('utf8'); });
    await Promise.race([receiver.waitFor(1, 60_000), once(child, 'exit').then(() => { throw new Error(`the EP node ended: ${childErr}`); })]);
    const [inFlight] = outboxRows(epDir);
    expect(inFlight!.state).to.equal('queued');
    expect(inFlight!.leaseHolder?.pid).to.equal(child.pid);

    child.kill('SIGKILL');
    await once(child, 'exit');
    child = undefined;
    receiver.answer = 200;

    // The restart takes the message over at its first tick and sends it again, with the same id.
    ep = await startNode({ dataDir: epDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    const [first, second] = await receiver.waitFor(2);
    expect(second!.headers['webhook-id']).to.equal(first!.headers['webhook-id']);
    expect(first!.headers['webhook-id']).to.equal(inFlight!.eventId);
    for (const d of [first!, second!]) {
      const body = new Webhook(secret).verify(d.body, d.headers as Record<string, string>) as { type: string; data: { kind: string } };
      expect(body).to.deep.include({ type: 'staff.alert' });
      expect(body.data.kind).to.equal('storage.full');
    }
    const store = new OutboxStore(ep.context.db);
    for (let i = 0; i < 50 && store.get(inFlight!.id)!.state !== 'sent'; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.get(inFlight!.id)).to.include({ state: 'sent', attempts: 1 });

    // Sent is final: nothing goes out again, however long the node runs.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.deliveries).to.have.length(2);
  });
});
