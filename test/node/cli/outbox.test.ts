/**
 * `ipex outbox list|retry` (issue 12, "Notifications that reach people"): staff see the dead
 * letters of a data folder and queue one again, which the audit log records; exit statuses
 * follow the error codes (5 unknown message, 6 not a dead letter).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { createOutput } from '../../../node/cli/output.js';
import { withNodeContext } from '../../../node/cli/workspace.js';
import { DeliveryFailure, outboxFor } from '../../../node/services/outbox/index.js';
import { OutboxWorker } from '../../../node/services/outbox/outbox-worker.js';
import { initCliNode, runCli } from './run-cli.js';

const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);

describe('ipex outbox (command line)', function () {
  this.timeout(30_000);
  let root: string;
  let data: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-cli-outbox-'));
    data = await initCliNode(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists dead letters and retries one, logged as admin.outbox-retried', async () => {
    expect((await runCli(['outbox', 'list', '--dead', '--data', data])).out).to.equal('no dead letters\n');
    await withNodeContext({ data }, async (node) => {
      const outbox = outboxFor(node);
      node.db.transaction(() => {
        outbox.enqueueInTransaction({ channel: 'webhook', recipient: 'webhook:1', eventId: 'audit-1', eventType: 'document.retrieved', payload: {} });
        outbox.enqueueInTransaction({ channel: 'webhook', recipient: 'webhook:1', eventId: 'audit-2', eventType: 'document.retrieved', payload: {} });
      })();
      // The receiver refuses the first for good; the second stays queued (nothing sends it here).
      const worker = new OutboxWorker({ db: node.db, clock: node.clock, random: systemRandom, maxAttempts: 3, backoff: { baseMs: 1000, maxMs: 1000 }, warn: () => undefined });
      worker.registerChannel({ name: 'webhook', send: async (row) => { if (row.eventId === 'audit-1') throw new DeliveryFailure('410 Gone', 'permanent'); throw new Error('down'); } });
      await worker.runDue();
    }, quiet);

    const listed = await runCli(['--json', 'outbox', 'list', '--dead', '--data', data]);
    expect(listed.code, listed.err).to.equal(EXIT.ok);
    const [dead] = (JSON.parse(listed.out) as { items: { id: number; state: string; eventId: string; lastError: string }[] }).items;
    expect(dead).to.include({ state: 'dead', eventId: 'audit-1', lastError: '410 Gone' });
    expect((await runCli(['outbox', 'list', '--data', data])).out).to.match(/webhook {2}document\.retrieved {2}webhook:1 {2}×1 {2}next .*\n {6}down\n$/);

    const retried = await runCli(['outbox', 'retry', String(dead!.id), '--data', data]);
    expect(retried.code, retried.err).to.equal(EXIT.ok);
    expect(retried.out).to.contain(`queued outbox message ${dead!.id} again`);
    expect((await runCli(['outbox', 'list', '--dead', '--data', data])).out).to.equal('no dead letters\n');
    const again = await runCli(['outbox', 'retry', String(dead!.id), '--data', data]);
    expect(again.code).to.equal(EXIT.conflict);
    expect(again.err).to.contain('[OUTBOX_NOT_DEAD]');
    expect((await runCli(['outbox', 'retry', '99999', '--data', data])).code).to.equal(EXIT.notFound);
    await withNodeContext({ data }, (node) => {
      const types = node.audit.entries(0, node.audit.size()).map((b) => (JSON.parse(b.toString('utf8')) as { type: string }).type);
      expect(types.filter((t) => t === 'admin.outbox-retried')).to.have.length(1);
    });
  });
});
