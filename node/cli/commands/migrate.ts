/**
 * `ipex migrate` (issue 13, docs/operations.md "Moving to PostgreSQL and S3"): moves a stopped
 * node's metadata into PostgreSQL and/or its parts into an S3 bucket, proves the copy and switches
 * ipex.json (node/storage/migrate-node.ts). Progress (tables and rows, parts and bytes, rates)
 * goes to stderr, the result to stdout.
 */
import type { Command } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { migrateNode } from '../../storage/migrate-node.js';
import type { CliContext } from '../main.js';
import { addBlobOptions, addDatabaseOptions, blobChanges, databaseChanges, type BlobOptions, type DatabaseOptions } from '../storage-options.js';

export function registerMigrateCommands(program: Command, context: CliContext): void {
  const command = program
    .command('migrate')
    .description('move a stopped node from SQLite into PostgreSQL and/or from its blobs folder into an S3 bucket, prove the copy, then switch ipex.json');
  addDatabaseOptions(command, false);
  addBlobOptions(command);
  command
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .action(async (opts: DatabaseOptions & BlobOptions & { data?: string }) => {
      const out = context.output();
      const dataDir = resolveDataDir(opts.data);
      const database = databaseChanges(opts, dataDir, false);
      const blobs = blobChanges(opts, dataDir);
      const result = await migrateNode(dataDir, { ...(database === undefined ? {} : { database }), ...(blobs === undefined ? {} : { blobs }) }, (line) => out.progress(line));
      const moved = [
        result.database === undefined ? undefined : `${result.database.rows} rows of ${result.database.tables} tables (audit log of ${result.database.audit.size} entries, root ${result.database.audit.root})`,
        result.blobs === undefined ? undefined : `${result.blobs.count} parts (${result.blobs.bytes} bytes)`,
      ].filter((s) => s !== undefined).join(' and ');
      out.result(
        `migrated ${dataDir}: ${moved}, proved in the new stores; ipex.json now names them (the old one is ${result.previousConfig}). Start the node with \`ipex start --data ${dataDir}\``,
        { dataDir, database: result.database ?? null, blobs: result.blobs ?? null, previousConfig: result.previousConfig },
      );
    });
}
