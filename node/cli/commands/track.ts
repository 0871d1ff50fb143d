/**
 * `ipex track add|list|remove|subscribers|drop-subscriber`: tracked files (issue 12;
 * docs/tracked-files.md) on the data folder, whether or not the node runs — the same services as
 * the office API. `add` asks the peer at once (signed, with the office's keys); `remove` and
 * `drop-subscriber` record the end here at once and queue the message to the peer, which the
 * running node's outbox sends.
 */
import type { Command } from 'commander';
import { trackingFor, type Subscription, type TrackedFile } from '../../services/tracking/index.js';
import type { CliContext } from '../main.js';
import { withNodeContext, type WorkspaceOptions } from '../workspace.js';

function common(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)');
}

export function registerTrackCommands(program: Command, context: CliContext): void {
  const track = program.command('track').description('tracked files: be told of new dossier documents of applications at peers');

  common(track.command('add')
    .description('track an application at a peer: its new search and examination documents are notified, fetched and alerted')
    .requiredOption('--office <code>', 'the peer office that holds the application (ST.3 code)')
    .requiredOption('--application <number>', 'the application number as printed, e.g. "23 123 456.8"'))
    .action(async (opts: WorkspaceOptions & { office: string; application: string }) => {
      const out = context.output();
      await withNodeContext(opts, async (node) => {
        const tracking = trackingFor(node);
        try {
          out.progress(`asking ${opts.office.toUpperCase()} for a subscription`);
          const t = await tracking.tracked.add({ ipOfficeCode: opts.office, applicationNumberText: opts.application }, { kind: 'cli' });
          out.result(trackedLine(t), t);
        } finally {
          tracking.close();
        }
      }, out);
    });

  common(track.command('list').description('the applications this office tracks at peers'))
    .action(async (opts: WorkspaceOptions) => {
      const out = context.output();
      await withNodeContext(opts, (node) => {
        const items = trackingFor(node).tracked.list();
        out.result(items.length === 0 ? 'this office tracks no application at a peer' : items.map(trackedLine).join('\n'), { items });
      }, out);
    });

  common(track.command('remove').description('stop tracking; the peer is told through the outbox').argument('<id>', 'the subscription id, as `ipex track list` shows it'))
    .action(async (id: string, opts: WorkspaceOptions) => {
      const out = context.output();
      await withNodeContext(opts, (node) => {
        const t = trackingFor(node).tracked.remove(id, { kind: 'cli' });
        out.result(`${trackedLine(t)}\nthe peer is told by the running node's outbox`, t);
      }, out);
    });

  common(track.command('subscribers').description('the peer offices that track this office\'s applications'))
    .action(async (opts: WorkspaceOptions) => {
      const out = context.output();
      await withNodeContext(opts, (node) => {
        const items = trackingFor(node).subscribers.list();
        out.result(items.length === 0 ? 'no peer tracks an application of this office' : items.map(subscriberLine).join('\n'), { items });
      }, out);
    });

  common(track.command('drop-subscriber').description('end a peer\'s subscription; the peer is told through the outbox').argument('<id>', 'the subscription id, as `ipex track subscribers` shows it'))
    .action(async (id: string, opts: WorkspaceOptions) => {
      const out = context.output();
      await withNodeContext(opts, (node) => {
        const s = trackingFor(node).subscribers.drop(id, { kind: 'cli' });
        out.result(`${subscriberLine(s)}\nthe peer is told by the running node's outbox`, s);
      }, out);
    });
}

function ended(s: Subscription): string {
  return s.state === 'active' ? 'active' : `cancelled by the ${s.cancelledBy ?? '?'} ${s.cancelledAt ?? ''}`.trim();
}

function trackedLine(t: TrackedFile): string {
  const last = t.lastJobId === null ? '' : `, latest job ${t.lastJobId}`;
  return `${t.subscriptionId}  ${t.office} ${t.applicationNumberText}  ${ended(t)}  since ${t.createdAt}  ${t.count} notification(s)${last}`;
}

function subscriberLine(s: Subscription): string {
  return `${s.subscriptionId}  ${s.office} tracks ${s.applicationNumberText}  ${ended(s)}  since ${s.createdAt}`;
}
