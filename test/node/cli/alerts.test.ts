/** `ipex alerts list|ack` (issue 10, item 1): the staff alerts of a data folder on the command line. */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { createOutput } from '../../../node/cli/output.js';
import { withNodeContext } from '../../../node/cli/workspace.js';
import { staffAlertsFor } from '../../../node/services/staff/staff-alerts.js';
import { initCliNode, runCli } from './run-cli.js';

const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);

describe('ipex alerts (command line)', function () {
  this.timeout(30_000);
  let root: string;
  let data: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-cli-alerts-'));
    data = await initCliNode(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists open alerts and acknowledges one, which the audit log records', async () => {
    expect((await runCli(['alerts', 'list', '--data', data])).out).to.equal('no open alerts\n');
    await withNodeContext({ data }, (node) => {
      const alerts = staffAlertsFor(node);
      alerts.raise({ kind: 'part.damaged', subject: 'a'.repeat(64), detail: 'stored part aaaa… is damaged: restore it from a backup' });
      alerts.flush();
    }, quiet);
    const listed = await runCli(['--json', 'alerts', 'list', '--data', data]);
    expect(listed.code, listed.err).to.equal(EXIT.ok);
    const [alert] = (JSON.parse(listed.out) as { items: { id: number; kind: string; occurrences: number }[] }).items;
    expect(alert).to.include({ kind: 'part.damaged', occurrences: 1 });

    const acked = await runCli(['alerts', 'ack', String(alert!.id), '--data', data]);
    expect(acked.code, acked.err).to.equal(EXIT.ok);
    expect(acked.out).to.contain(`acknowledged alert ${alert!.id}`);
    expect((await runCli(['alerts', 'list', '--data', data])).out).to.equal('no open alerts\n');
    expect((await runCli(['alerts', 'list', '--all', '--data', data])).out).to.contain('acknowledged');
    await withNodeContext({ data }, (node) => {
      const types = node.audit.entries(0, node.audit.size()).map((b) => (JSON.parse(b.toString('utf8')) as { type: string }).type);
      expect(types).to.include('admin.alert-acknowledged');
    });

    const unknown = await runCli(['alerts', 'ack', '999', '--data', data]);
    expect(unknown.code).to.equal(EXIT.notFound);
    expect(unknown.err).to.contain('[NOT_FOUND]');
  });
});
