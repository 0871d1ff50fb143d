/**
 * `ipex directory install` and `ipex directory show`: installing the network directory and CRL
 * the operator publishes into a node's data folder (verified against trust/root.pem, never
 * rolled back), and showing the installed one (docs/trust.md).
 */
import type { Command } from 'commander';
import type { Directory } from '../../../protocol/directory/index.js';
import { systemClock } from '../../../protocol/runtime/clock.js';
import { resolveDataDir } from '../../config/data-dir.js';
import { DirectoryStore } from '../../trust/directory-store.js';
import type { CliContext } from '../main.js';
import { readInputFile } from '../file-options.js';

function summary(directory: Directory): string {
  const lines = [
    `directory ${directory.serial} of network ${directory.network}`,
    `  issued ${directory.issuedAt}, expires ${directory.expiresAt}`,
    `  CRL number ${directory.crl.number}, next update ${directory.crl.nextUpdate}`,
    `  ${directory.offices.length} office(s):`,
  ];
  for (const office of directory.offices) {
    const certs = office.certificates.map((c) => `${c.use} ${c.sha256.slice(0, 16)}…`).join(', ');
    lines.push(`    ${office.code}  ${office.status.padEnd(9)} ${office.roles.join('+').padEnd(20)} ${office.name} <${office.exchangeUrl}>`);
    lines.push(`        ${certs}`);
  }
  return lines.join('\n');
}

export function registerDirectoryCommands(program: Command, context: CliContext): void {
  const directory = program.command('directory').description('install and inspect the signed network directory');

  directory
    .command('install')
    .description('verify the directory and CRL against the network root and install them')
    .requiredOption('--directory <file>', 'the directory JWS published by the network operator')
    .requiredOption('--crl <file>', 'the CRL published with it (PEM)')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .action(async (opts: { directory: string; crl: string; data?: string }) => {
      const out = context.output();
      const directoryJws = readInputFile(opts.directory, '--directory').toString('utf8');
      const crl = readInputFile(opts.crl, '--crl').toString('utf8');
      const store = new DirectoryStore({ dataDir: resolveDataDir(opts.data), clock: systemClock });
      out.progress(`verifying ${opts.directory} with ${opts.crl}`);
      const installed = await store.install(directoryJws, crl);
      out.result(`installed ${summary(installed.directory)}`, installed.directory);
    });

  directory
    .command('show')
    .description('verify and print the installed directory')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .action(async (opts: { data?: string }) => {
      const out = context.output();
      const store = new DirectoryStore({ dataDir: resolveDataDir(opts.data), clock: systemClock });
      const installed = await store.current();
      out.result(summary(installed.directory), installed.directory);
    });
}
