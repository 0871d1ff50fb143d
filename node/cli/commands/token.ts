/**
 * `ipex token create|list|revoke`: staff bearer tokens for the office API (clerk, examiner, auditor,
 * admin). Works on the data folder directly, whether or not the node is running; a new or
 * revoked token takes effect on the next request.
 */
import type { Command } from 'commander';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import { STAFF_ROLES, StaffTokens } from '../../services/staff/staff-tokens.js';
import type { CliContext } from '../main.js';
import { withNodeContext, type WorkspaceOptions } from '../workspace.js';
import { parseInteger } from '../parse.js';

export function registerTokenCommands(program: Command, context: CliContext): void {
  const token = program.command('token').description('staff tokens for the office API');

  token
    .command('create')
    .description('make a bearer token; it is printed once and only its hash is kept')
    .requiredOption('--role <role>', `one of ${STAFF_ROLES.join(', ')}`)
    .option('--label <text>', 'who or what the token is for', 'staff')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action((opts: { role: string; label: string } & WorkspaceOptions) =>
      withTokens(opts, (tokens) => {
        const { token: secret, info } = tokens.create(opts.role, opts.label);
        context.output().result(
          `${secret}\n(token ${info.id}, role ${info.role}, "${info.label}": keep it safe, it is not shown again;\n` +
            ' send it as `Authorization: Bearer <token>`)',
          { token: secret, ...info },
        );
      }));

  token
    .command('list')
    .description('list tokens (never their values)')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action((opts: WorkspaceOptions) =>
      withTokens(opts, (tokens) => {
        const all = tokens.list();
        const lines = all.map((t) => `${String(t.id).padStart(4)}  ${t.role.padEnd(7)}  ${t.revokedAt === null ? 'active ' : 'revoked'}  ${t.createdAt}  ${t.label}`);
        context.output().result(lines.length === 0 ? 'no tokens yet: `ipex token create --role clerk`' : lines.join('\n'), all);
      }));

  token
    .command('revoke')
    .description('revoke a token at once')
    .argument('<id>', 'token id, as `ipex token list` shows it')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action((id: string, opts: WorkspaceOptions) =>
      withTokens(opts, (tokens) => {
        const info = tokens.revoke(parseInteger(id, 'the token id', 1, 1_000_000_000));
        context.output().result(`revoked token ${info.id} (${info.role}, "${info.label}")`, info);
      }));
}

/** Token changes are administrative actions: they land in the node's audit log. */
function withTokens(options: WorkspaceOptions, work: (tokens: StaffTokens) => void): Promise<void> {
  return withNodeContext(options, (context) => {
    work(new StaffTokens(context.db, context.clock, systemRandom, context.audit));
  });
}
