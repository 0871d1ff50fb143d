/**
 * `ipex webhooks add|list|remove`: the URLs of the office's own systems (IPAS, e-filing) that
 * receive signed events (docs/notifications.md "Webhooks"), on the data folder directly, whether
 * or not the node runs. `add` prints the endpoint's signing secret, this once only.
 */
import type { Command } from 'commander';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import { EVENT_TYPES, notificationsFor, type WebhookEndpoint } from '../../services/notifications/index.js';
import type { CliContext } from '../main.js';
import { parseInteger } from '../parse.js';
import { withNodeContext, type WorkspaceOptions } from '../workspace.js';

export function registerWebhookCommands(program: Command, context: CliContext): void {
  const webhooks = program.command('webhooks').description('URLs of the office\'s own systems that receive signed events');

  webhooks
    .command('add')
    .description('register a URL for the events it names; prints its signing secret once')
    .argument('<url>', 'https URL (http only on loopback)')
    .requiredOption('--events <types>', `comma-separated event types: ${EVENT_TYPES.join(', ')}`)
    .option('--description <text>', 'what system it is, for people')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action((url: string, opts: { events: string; description?: string } & WorkspaceOptions) =>
      withNodeContext(opts, (node) => {
        const events = opts.events.split(',').map((e) => e.trim()).filter((e) => e !== '');
        const created = notificationsFor(node).endpoints.add({ url, events, ...(opts.description === undefined ? {} : { description: opts.description }) },
          'cli', { kind: 'node', office: node.identity.code }, systemRandom);
        context.output().result(`${line(created)}\nsigning secret (shown once; keep it in the receiving system): ${created.secret}`, created);
      }));

  webhooks
    .command('list')
    .description('list the webhook endpoints (never their secrets)')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action((opts: WorkspaceOptions) =>
      withNodeContext(opts, (node) => {
        const items = notificationsFor(node).endpoints.list();
        context.output().result(items.length === 0 ? 'no webhook endpoints' : items.map(line).join('\n'), { items });
      }));

  webhooks
    .command('remove')
    .description('stop sending events to an endpoint; its queued messages are cancelled')
    .argument('<id>', 'endpoint id, as `ipex webhooks list` shows it')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action((id: string, opts: WorkspaceOptions) =>
      withNodeContext(opts, (node) => {
        const removed = notificationsFor(node).endpoints.remove(parseInteger(id, 'the endpoint id', 1, Number.MAX_SAFE_INTEGER), 'removed with ipex webhooks remove', { kind: 'node', office: node.identity.code });
        context.output().result(`removed webhook endpoint ${removed.id} (${removed.url})`, removed);
      }));
}

function line(e: WebhookEndpoint): string {
  return `${String(e.id).padStart(4)}  ${e.url}  ${e.events.join(',')}${e.description === undefined ? '' : `  (${e.description})`}`;
}
