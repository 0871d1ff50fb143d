/**
 * `ipex alerts list|ack`: the staff alerts of a node (a full disk, a damaged stored part), on
 * the data folder directly, whether or not the node is running (docs/operations.md). The same
 * alerts are on the office API (`GET /api/v1/alerts`); acknowledging is audited.
 */
import type { Command } from 'commander';
import { staffAlertsFor, type StaffAlert } from '../../services/staff/staff-alerts.js';
import type { CliContext } from '../main.js';
import { parseInteger } from '../parse.js';
import { withNodeContext, type WorkspaceOptions } from '../workspace.js';

export function registerAlertCommands(program: Command, context: CliContext): void {
  const alerts = program.command('alerts').description('alerts to staff: a full disk, a damaged stored part');

  alerts
    .command('list')
    .description('list open alerts, newest first (--all: acknowledged ones too)')
    .option('--all', 'also alerts already acknowledged')
    .option('--limit <n>', 'at most this many (1–500)', '50')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action((opts: { all?: boolean; limit: string } & WorkspaceOptions) =>
      withNodeContext(opts, (node) => {
        const list = staffAlertsFor(node).list({ all: opts.all === true, limit: parseInteger(opts.limit, '--limit', 1, 500) });
        const text = list.length === 0 ? `no ${opts.all === true ? '' : 'open '}alerts` : list.map(line).join('\n');
        context.output().result(text, { items: list });
      }));

  alerts
    .command('ack')
    .description('mark an alert as seen to; a later fault of the same kind and subject opens a new one')
    .argument('<id>', 'alert id, as `ipex alerts list` shows it')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action((id: string, opts: WorkspaceOptions) =>
      withNodeContext(opts, (node) => {
        const alert = staffAlertsFor(node).acknowledge(parseInteger(id, 'the alert id', 1, 1_000_000_000), 'cli', { kind: 'node', office: node.identity.code });
        context.output().result(`acknowledged alert ${alert.id} (${alert.kind}: ${alert.subject})`, alert);
      }));
}

function line(alert: StaffAlert): string {
  const state = alert.acknowledgedAt === undefined ? 'open' : `acknowledged ${alert.acknowledgedAt}`;
  return `${String(alert.id).padStart(4)}  ${alert.kind}  ${alert.subject}  ×${alert.occurrences}  ${alert.createdAt} … ${alert.lastSeenAt}  ${state}\n      ${alert.detail}`;
}
