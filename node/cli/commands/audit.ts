/**
 * `ipex audit export --out DIR`: writes the offline audit bundle of docs/design.md §7 (checkpoint,
 * entries.jsonl, log.vkey, certs/, bundle.json; docs/auditing.md). Works on the data folder
 * directly, whether or not the node runs: it signs a fresh checkpoint with the log key first,
 * so the bundle covers every entry committed so far. `ipex audit verify` lives in
 * audit-verify.ts and attaches to the same `audit` command through {@link auditCommand}.
 */
import type { Command } from 'commander';
import { exportAuditBundle } from '../../services/audit/export-bundle.js';
import type { CliContext } from '../main.js';
import { withNodeContext } from '../workspace.js';
import { requireNewPath } from '../file-options.js';
import { checkCommand } from '../printed-command.js';

/** The `audit` command group, created once whichever module registers first. */
export function auditCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'audit') ?? program.command('audit').description('the tamper-evident audit log: export and verify');
}

export function registerAuditCommands(program: Command, context: CliContext): void {
  auditCommand(program)
    .command('export')
    .description('write the audit bundle (signed checkpoint, entries.jsonl, log.vkey, certs/) to a new folder')
    .requiredOption('--out <dir>', 'bundle folder to create (must not exist)')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .action(async (opts: { out: string; data?: string; passphraseFile?: string }) => {
      const out = context.output();
      requireNewPath(opts.out, '--out');
      await withNodeContext(opts, async ({ audit, identity, clock, config }) => {
        out.progress(`reading the log of office ${identity.code} in ${config.dataDir}`);
        const info = await exportAuditBundle({ audit, identity, clock, out: opts.out, progress: (m) => out.progress(m) });
        out.result(
          `audit bundle of office ${info.office}: ${info.size} entries, checkpoint origin ${info.origin}\n` +
            `  written to ${opts.out}; check it with \`${checkCommand(['audit', 'verify'], opts.out, opts.data)}\``,
          { ...info, out: opts.out },
        );
      }, out);
    });
}
