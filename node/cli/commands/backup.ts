/**
 * `ipex backup` and `ipex restore` (docs/design.md §8, docs/operations.md "Backup and restore").
 * Backup runs online, while the node serves; restore verifies the whole backup before it writes
 * anything and only fills an absent or empty data folder. Progress goes to stderr, one line per
 * step; the result (with `--json`, the backup manifest summary) to stdout.
 */
import type { Command } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { backup, restore } from '../../storage/backup.js';
import type { CliContext } from '../main.js';

export function registerBackupCommands(program: Command, context: CliContext): void {
  program
    .command('backup')
    .description('copy the database, blobs, identity, trust and configuration into a new folder, while the node runs')
    .requiredOption('--out <dir>', 'backup folder to create (must not exist)')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .action(async (opts: { out: string; data?: string }) => {
      const out = context.output();
      const dataDir = resolveDataDir(opts.data);
      out.progress(`backing up ${dataDir} into ${opts.out}`);
      const manifest = await backup(dataDir, opts.out, (line) => out.progress(line));
      out.result(
        `backup of ${dataDir} written to ${opts.out}: ${manifest.files.length} files, ${manifest.blobs.count} blobs` +
          `${manifest.database ? `, database schema version ${manifest.database.schemaVersion}` : ', no database'}`,
        {
          backupDir: opts.out,
          dataDir,
          createdAt: manifest.createdAt,
          files: manifest.files.length,
          blobs: manifest.blobs,
          database: manifest.database,
        },
      );
    });

  program
    .command('restore')
    .description('verify a backup folder and restore it into an absent or empty data folder')
    .requiredOption('--from <dir>', 'backup folder written by `ipex backup`')
    .option('--data <dir>', 'data folder to create (default: $IPEX_DATA or ./data)')
    .action(async (opts: { from: string; data?: string }) => {
      const out = context.output();
      const dataDir = resolveDataDir(opts.data);
      const manifest = await restore(opts.from, dataDir, (line) => out.progress(line));
      out.result(
        `restored the backup taken ${manifest.createdAt} into ${dataDir}; start the node with \`ipex start --data ${dataDir}\``,
        { dataDir, backupDir: opts.from, createdAt: manifest.createdAt, files: manifest.files.length, blobs: manifest.blobs },
      );
    });
}
