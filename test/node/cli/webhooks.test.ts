/**
 * `ipex webhooks add|list|remove` (issue 12, docs/notifications.md "Webhooks"): the secret is
 * printed once and never listed, URLs and event types are checked before anything is written,
 * adding and removing are logged, and exit statuses follow the error codes.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { withNodeContext } from '../../../node/cli/workspace.js';
import { initCliNode, runCli } from './run-cli.js';

describe('ipex webhooks (command line)', function () {
  this.timeout(30_000);
  let root: string;
  let data: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-cli-webhooks-'));
    data = await initCliNode(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('adds an endpoint printing its secret once, lists it without the secret, removes it, and logs both', async () => {
    for (const [args, code] of [
      [['http://ipas.office.example/hook', '--events', 'document.retrieved'], 'WEBHOOK_URL_INVALID'],
      [['https://user:pw@ipas.office.example/hook', '--events', 'document.retrieved'], 'WEBHOOK_URL_INVALID'],
      [['https://ipas.office.example/hook', '--events', 'document.retrieved,document.exploded'], 'WEBHOOK_EVENT_UNKNOWN'],
    ] as const) {
      const refused = await runCli(['webhooks', 'add', ...args, '--data', data]);
      expect(refused.code, refused.err).to.equal(EXIT.badInput);
      expect(refused.err).to.contain(`[${code}]`);
    }
    expect((await runCli(['webhooks', 'list', '--data', data])).out).to.equal('no webhook endpoints\n');

    const added = await runCli(['webhooks', 'add', 'https://ipas.office.example/ipex-events', '--events', 'document.retrieved, staff.alert', '--description', 'IPAS', '--data', data]);
    expect(added.code, added.err).to.equal(EXIT.ok);
    const secret = /signing secret \(shown once; keep it in the receiving system\): (whsec_[A-Za-z0-9+/]{43}=)\n$/.exec(added.out)?.[1];
    expect(secret, added.out).to.be.a('string');
    expect(Buffer.from(secret!.slice('whsec_'.length), 'base64')).to.have.length(32);

    const listed = await runCli(['--json', 'webhooks', 'list', '--data', data]);
    const { items } = JSON.parse(listed.out) as { items: { id: number; url: string; events: string[]; description: string }[] };
    expect(items).to.have.length(1);
    expect(items[0]).to.include({ url: 'https://ipas.office.example/ipex-events', description: 'IPAS' });
    expect(items[0]!.events).to.deep.equal(['document.retrieved', 'staff.alert']);
    expect(listed.out).to.not.contain(secret!).and.to.not.contain('secret');
    expect((await runCli(['webhooks', 'list', '--data', data])).out).to.not.contain(secret!);

    const removed = await runCli(['webhooks', 'remove', String(items[0]!.id), '--data', data]);
    expect(removed.code, removed.err).to.equal(EXIT.ok);
    expect(removed.out).to.equal(`removed webhook endpoint ${items[0]!.id} (https://ipas.office.example/ipex-events)\n`);
    const again = await runCli(['webhooks', 'remove', String(items[0]!.id), '--data', data]);
    expect(again.code).to.equal(EXIT.notFound);
    expect(again.err).to.contain('[WEBHOOK_NOT_FOUND]');
    expect((await runCli(['webhooks', 'list', '--data', data])).out).to.equal('no webhook endpoints\n');

    await withNodeContext({ data }, (node) => {
      const entries = node.audit.entries(0, node.audit.size()).map((b) => JSON.parse(b.toString('utf8')) as { type: string; details: Record<string, unknown> });
      const logged = entries.filter((e) => e.type.startsWith('admin.webhook-'));
      expect(logged.map((e) => [e.type, e.details.webhookId])).to.deep.equal([['admin.webhook-added', items[0]!.id], ['admin.webhook-removed', items[0]!.id]]);
      expect(JSON.stringify(entries)).to.not.contain(secret!);
    });
  });
});
