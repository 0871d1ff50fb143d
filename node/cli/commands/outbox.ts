/**
 * `ipex outbox list|retry`: the messages the node sends (e-mails, webhooks, peer notifications)
 * and their dead letters, on the data folder directly, whether or not the node is running
 * (docs/operations.md "Dead letters"). The same is on the office API (`GET /api/v1/outbox`); a
 * retry is audited (`admin.outbox-retried`) and sent by the running node's outbox worker.
 */
import type { Command } from 'commander';
import { outboxFor } from '../../services/outbox/index.js';
import { outboxView, type OutboxMessageView } from '../../services/outbox/outbox-view.js';
import type { CliContext } from '../main.js';
import { parseInteger } from '../parse.js';
import { withNodeContext, type WorkspaceOptions } from '../workspace.js';

export function registerOutboxCommands(program: Command, context: CliContext): void {
  const outbox = program.command('outbox').description('messages the node sends (e-mails, webhooks), and their dead letters');

  outbox
    .command('list')
    .description('list outbox messages, newest first: those waiting to be sent, or with --dead the dead letters')
    .option('--dead', 'only dead letters: messages that could not be delivered and wait for `ipex outbox retry`')
    .option('--limit <n>', 'at most this many (1–500)', '50')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action((opts: { dead?: boolean; limit: string } & WorkspaceOptions) =>
      withNodeContext(opts, (node) => {
        const state = opts.dead === true ? 'dead' : 'queued';
        const items = outboxFor(node).list({ state, limit: parseInteger(opts.limit, '--limit', 1, 500) }).map(outboxView);
        const text = items.length === 0 ? (state === 'dead' ? 'no dead letters' : 'nothing waiting to be sent') : items.map(line).join('\n');
        context.output().result(text, { items });
      }));

  outbox
    .command('retry')
    .description('send a dead letter again (due now, attempts counted from zero); the running node sends it')
    .argument('<id>', 'message id, as `ipex outbox list --dead` shows it')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action((id: string, opts: WorkspaceOptions) =>
      withNodeContext(opts, (node) => {
        const row = outboxView(outboxFor(node).retry(parseInteger(id, 'the message id', 1, Number.MAX_SAFE_INTEGER), { kind: 'node', office: node.identity.code }));
        context.output().result(`queued outbox message ${row.id} again (${row.channel} ${row.eventType} to ${row.recipient})`, row);
      }));
}

function line(m: OutboxMessageView): string {
  const when = m.state === 'queued' ? `next ${m.nextAttemptAt}${m.sending === true ? ' (sending)' : ''}` : `${m.state} ${m.sentAt ?? ''}`;
  const error = m.lastError === undefined ? '' : `\n      ${m.lastError}`;
  return `${String(m.id).padStart(5)}  ${m.channel}  ${m.eventType}  ${m.recipient}  ×${m.attempts}  ${when}${error}`;
}
