/**
 * `ipex import DIR` (issue 15, docs/importing.md): deposits a digitised archive with the deposit
 * service, resumably, with progress for a person (one line rewritten on a terminal) or JSON lines
 * under `--json`, a validation report of every refused row, and the access codes and applicant
 * keys of the new priority documents in a 0600 secrets file and one PDF of letters — never on the
 * terminal or in a log.
 */
import { mkdirSync, openSync, closeSync, createWriteStream } from 'node:fs';
import { resolve, join } from 'node:path';
import type { Command } from 'commander';
import { IpexError } from '../../../protocol/errors/index.js';
import { DEFAULT_CONCURRENCY, runImport, type ImportEvent } from '../../services/import/run-import.js';
import { SecretsFile } from '../../services/import/import-secrets.js';
import { writeImportLetters } from '../../services/import/import-letters.js';
import { depositServiceFor } from '../../services/deposit/deposit-service.js';
import type { CliContext } from '../main.js';
import type { Output } from '../output.js';
import { requireNewPath } from '../file-options.js';
import { withNodeContext } from '../workspace.js';
import { parseInteger } from '../parse.js';
import { ImportProgress } from './import-progress.js';

export function registerImportCommands(program: Command, context: CliContext): void {
  program.command('import')
    .description('deposit a digitised archive: DIR holds index.csv and the parts it names, and/or documents/NAME/ folders of ST.96 XML and parts (docs/importing.md); resumable')
    .argument('<dir>', 'the archive folder')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of encrypted office keys')
    .option('--out <dir>', 'new folder for the report, the secrets file and the letters (default ./ipex-import-<time>)')
    .option('--dry-run', 'check every row and write the report; deposit nothing')
    .option('--concurrency <n>', 'deposits in flight at once', String(DEFAULT_CONCURRENCY))
    .action(async (dir: string, opts: { data?: string; passphraseFile?: string; out?: string; dryRun?: boolean; concurrency: string }) => {
      const out = context.output();
      const concurrency = parseInteger(opts.concurrency, '--concurrency', 1, 256);
      const outDir = resolve(opts.out ?? `ipex-import-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`);
      requireNewPath(outDir, '--out');
      await withNodeContext({ ...(opts.data === undefined ? {} : { data: opts.data }), ...(opts.passphraseFile === undefined ? {} : { passphraseFile: opts.passphraseFile }) }, async (ctx) => {
        const service = depositServiceFor(ctx);
        mkdirSync(outDir, { mode: 0o700 });
        const secrets = opts.dryRun === true ? undefined : await SecretsFile.create(join(outDir, 'secrets.csv'));
        const progress = new ImportProgress(out, ctx.clock);
        let result;
        try {
          result = await runImport(service, { dir, outDir, dryRun: opts.dryRun === true, concurrency, ...(secrets === undefined ? {} : { secrets }), onEvent: (e: ImportEvent) => progress.on(e) });
        } finally {
          progress.stop();
          await secrets?.close();
        }
        let letters: string | undefined;
        if (result.secrets.length > 0) {
          letters = join(outDir, 'letters.pdf');
          out.progress(`writing ${result.secrets.length} access-code letters to ${letters}`);
          closeSync(openSync(letters, 'wx', 0o600)); // created 0600 before a byte of it is written
          await writeImportLetters(service, ctx.config.office.name, result.secrets, createWriteStream(letters, { flags: 'r+' }));
        }
        summarise(out, result.counts, { dryRun: opts.dryRun === true, report: result.report, secrets: secrets?.path, secretsCount: result.secrets.length, letters });
        if (result.counts.refused > 0) {
          throw new IpexError('IMPORT_ROWS_REFUSED', `${result.counts.refused} row(s) refused, each with its reason in ${result.report.csv}; fix them and run the same command again (what is imported is skipped)`);
        }
      }, out);
    });
}

function summarise(out: Output, c: { rows: number; deposited: number; completed: number; skipped: number; refused: number; bytes: number },
  files: { dryRun: boolean; report: { csv: string; json: string }; secrets: string | undefined; secretsCount: number; letters: string | undefined }): void {
  const data = { event: 'done', dryRun: files.dryRun, ...c, report: files.report, ...(files.secrets === undefined ? {} : { secrets: files.secrets, secretsCount: files.secretsCount }),
    ...(files.letters === undefined ? {} : { letters: files.letters }) };
  if (out.json) {
    out.jsonLine(data);
    return;
  }
  const lines = [
    files.dryRun ? `checked ${c.rows} rows (dry run: nothing deposited)` : `imported ${c.deposited} documents (${(c.bytes / 1e6).toFixed(1)} MB) of ${c.rows} rows`,
    ...(c.completed > 0 ? [`  completed ${c.completed} deposited by an earlier run that was stopped (their codes issued again)`] : []),
    `  skipped ${c.skipped} imported before, refused ${c.refused}`,
    `  report: ${files.report.csv} and ${files.report.json}`,
  ];
  if (files.secrets !== undefined) {
    lines.push(`  secrets: ${files.secrets} (mode 0600): ${files.secretsCount} access codes and applicant keys, shown nowhere else`);
  }
  if (files.letters !== undefined) lines.push(`  letters: ${files.letters} (one page per priority document)`);
  out.result(lines.join('\n'), data);
}
