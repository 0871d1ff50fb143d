/**
 * `ipex backup` and `ipex restore` (docs/design.md §8, docs/operations.md "Backup and restore").
 * Backup runs online, while the node serves (on SQLite or PostgreSQL); restore verifies the whole
 * backup before it writes anything and only fills an absent or empty data folder, with the
 * metadata in ipex.db or, with `--to-database`, an empty PostgreSQL database. Progress goes to stderr, one line per
 * step; the result (with `--json`, the backup manifest summary) to stdout.
 */
import type { Command } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { backup, restore } from '../../storage/backup.js';
import type { CliContext } from '../main.js';
import { addDatabaseOptions, databaseChanges, type DatabaseOptions } from '../storage-options.js';

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

  const restoreCommand = program
    .command('restore')
    .description('verify a backup folder and restore it into an absent or empty data folder, its metadata into ipex.db or an empty PostgreSQL database')
    .requiredOption('--from <dir>', 'backup folder written by `ipex backup`')
    .option('--data <dir>', 'data folder to create (default: $IPEX_DATA or ./data)');
  addDatabaseOptions(restoreCommand, true)
    .action(async (opts: DatabaseOptions & { from: string; data?: string }) => {
      const out = context.output();
      const dataDir = resolveDataDir(opts.data);
      const database = databaseChanges(opts, dataDir, true);
      const manifest = await restore(opts.from, dataDir, (line) => out.progress(line), database === undefined ? {} : { database });
      out.result(
        `restored the backup taken ${manifest.createdAt} into ${dataDir}; start the node with \`ipex start --data ${dataDir}\``,
        { dataDir, backupDir: opts.from, createdAt: manifest.createdAt, files: manifest.files.length, blobs: manifest.blobs, audit: manifest.database?.audit ?? null },
      );
    });
}
