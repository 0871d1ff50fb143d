/**
 * `ipex network …`: the network operator's offline commands (docs/design.md §1, §3;
 * docs/network-operator.md). Each command is a thin wrapper over certs/network/: it resolves
 * the folder and the passphrase, prints progress to stderr and the result to stdout (`--json`).
 */
import '../../../protocol/pki/reflect-metadata.js'; // before @peculiar/x509 (see that module)
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { IpexError } from '../../../protocol/errors/index.js';
import { resolvePassphrase } from '../../../protocol/pki/key-files.js';
import { systemClock } from '../../../protocol/runtime/clock.js';
import {
  addOffice, finishRotation, initNetwork, publish, revoke, setSuspended, startRotation, type NetworkContext,
} from '../../../certs/network/index.js';
import type { CliContext } from '../main.js';

interface DirOptions {
  dir: string;
  passphraseFile?: string;
}

const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

function days(value: string): number {
  if (!/^\d{1,4}$/.test(value)) throw new IpexError('USAGE', `${JSON.stringify(value.slice(0, 10))} is not a whole number of days`);
  return Number(value);
}

export function registerNetworkCommands(program: Command, context: CliContext): void {
  const network = program.command('network').description('run the network CA and publish the signed directory (network operator, offline)');

  const withDir = (cmd: Command): Command =>
    cmd
      .option('--dir <dir>', 'network folder', './network')
      .option('--passphrase-file <file>', 'file holding the passphrase of root.key and directory.key (else $IPEX_PASSPHRASE)');

  const ctx = (opts: DirOptions, needKeys = true): NetworkContext => {
    const out = context.output();
    const passphrase = needKeys ? resolvePassphrase(opts.passphraseFile === undefined ? {} : { passphraseFile: opts.passphraseFile }) : undefined;
    return {
      dir: resolve(opts.dir), now: systemClock.now(), progress: (m) => out.progress(m),
      ...(passphrase === undefined ? {} : { passphrase }),
    };
  };

  withDir(network.command('init').description('create a network folder with a new root CA and directory key'))
    .requiredOption('--name <name>', 'network name, for example "ipex-example"')
    .option('--development', 'a development network: add-office and rotate may make the office keys here (never for real documents)')
    .action(async (opts: DirOptions & { name: string; development?: boolean }) => {
      const c = ctx(opts);
      if (c.passphrase === undefined) context.output().warn('no passphrase given: root.key and directory.key are written unencrypted');
      const r = await initNetwork(c, opts.name, { development: opts.development === true });
      const kind = r.development ? 'development network' : 'network';
      context.output().result(`${kind} ${r.name} created in ${r.dir}\nroot certificate SHA-256: ${r.rootSha256}`, r);
    });

  withDir(network.command('add-office').description('admit an office: issue its certificates from its request folder and write its bundle'))
    .requiredOption('--code <code>', 'ST.3 office code, for example EP')
    .option('--request <dir>', 'the office\'s request folder from `ipex node keygen` (required unless the network is a development network)')
    .requiredOption('--name <name>', 'office name')
    .requiredOption('--url <url>', 'https URL of the office exchange listener')
    .option('--roles <roles>', 'depositing,accessing (default both)', list)
    .option('--dns <name>', 'extra DNS name for the TLS certificate (repeatable)', list)
    .option('--ip <address>', 'extra IP address for the TLS certificate (repeatable)', list)
    .option('--valid-days <n>', 'certificate validity in days', days, 365)
    .action(async (opts: DirOptions & { code: string; name: string; url: string; request?: string; roles?: string[]; dns?: string[]; ip?: string[]; validDays: number }) => {
      const r = await addOffice(ctx(opts), {
        code: opts.code, name: opts.name, exchangeUrl: opts.url, validDays: opts.validDays, ...(opts.request ? { requestDir: resolve(opts.request) } : {}),
        ...(opts.roles ? { roles: opts.roles } : {}), ...(opts.dns ? { dnsNames: opts.dns } : {}), ...(opts.ip ? { ipAddresses: opts.ip } : {}),
      });
      const lines = r.certificates.map((c) => `  ${c.use.padEnd(7)} serial ${c.serialNumber} sha256 ${c.sha256}`);
      const keys = r.keysInBundle
        ? 'the bundle holds the office\'s private keys, unencrypted (development network): send it over a secure channel'
        : 'the bundle holds certificates only: the office installs it with `ipex node init --bundle DIR` beside the keys it made';
      context.output().result(`office ${r.code} added; bundle in ${r.bundle}\n${lines.join('\n')}\n  log key ${r.logKey}\n${keys}`, r);
    });

  withDir(network.command('rotate').description('issue next certificates beside the current ones, or --finish the rotation'))
    .requiredOption('--code <code>', 'ST.3 office code')
    .option('--finish', 'make the next certificates current and drop the old ones')
    .option('--request <dir>', 'the office\'s rotation request from `ipex node keygen --rotate` (required unless a development network)')
    .option('--valid-days <n>', 'certificate validity in days', days, 365)
    .action(async (opts: DirOptions & { code: string; finish?: boolean; request?: string; validDays: number }) => {
      const r = opts.finish
        ? finishRotation(ctx(opts, false), opts.code)
        : await startRotation(ctx(opts), opts.code, opts.validDays, opts.request === undefined ? undefined : resolve(opts.request));
      const text = r.phase === 'started'
        ? `rotation of ${r.code} started: install tls.next.* and signing.next.* from its bundle, publish, then run rotate --finish`
        : `rotation of ${r.code} finished; publish a new directory`;
      context.output().result(text, r);
    });

  withDir(network.command('revoke').description('revoke an office (all its certificates) or one certificate, and write a new CRL'))
    .requiredOption('--code <code>', 'ST.3 office code')
    .option('--serial <hex>', 'revoke only this certificate')
    .option('--reason <reason>', 'keyCompromise, affiliationChanged, superseded, cessationOfOperation or privilegeWithdrawn')
    .action(async (opts: DirOptions & { code: string; serial?: string; reason?: string }) => {
      const r = await revoke(ctx(opts), {
        code: opts.code, ...(opts.serial ? { serialNumber: opts.serial } : {}), ...(opts.reason ? { reason: opts.reason } : {}),
      });
      context.output().result(`revoked ${r.revoked.length} certificate(s) of ${r.code} (office ${r.status}); CRL number ${r.crlNumber} written; publish to distribute it`, r);
    });

  for (const [name, suspended] of [['suspend', true], ['resume', false]] as const) {
    withDir(network.command(name).description(suspended ? 'suspend an office (peers refuse it from the next directory on)' : 'resume a suspended office'))
      .requiredOption('--code <code>', 'ST.3 office code')
      .action((opts: DirOptions & { code: string }) => {
        const r = setSuspended(ctx(opts, false), opts.code, suspended);
        context.output().result(`office ${r.code} is now ${r.status}; publish a new directory`, r);
      });
  }

  withDir(network.command('publish').description('write the next CRL (crl.pem) and signed directory (directory.jws)'))
    .option('--valid-days <n>', 'directory expiry and CRL nextUpdate, in days', days, 30)
    .action(async (opts: DirOptions & { validDays: number }) => {
      const r = await publish(ctx(opts), opts.validDays);
      context.output().result(
        `directory serial ${r.serial} (${r.offices} offices, expires ${r.expiresAt}) and CRL number ${r.crlNumber} written:\n  ${r.directoryPath}\n  ${r.crlPath}`,
        r,
      );
    });
}
