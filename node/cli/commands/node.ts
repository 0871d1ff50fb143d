/**
 * `ipex node keygen`, `ipex node init` and `ipex start`: making this office's keys and its
 * request to the operator, installing an office bundle into a data folder, and running
 * the node. `ipex start` on an empty data folder first makes a development network (its own CA,
 * directory and this office's identity) so that a fresh clone runs with no configuration.
 */
import { resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Command } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { existsSync, mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import { devNetworkOf, ensureDevNode, syncDevDirectory, type DevNodeOptions, type DevSetUp } from '../dev-network.js';
import type { Output } from '../output.js';
import { systemClock } from '../../../protocol/runtime/clock.js';
import { startNode, type RunningNode } from '../../runtime/start-node.js';
import { acquireNodeLock, type NodeLock } from '../../runtime/node-lock.js';
import { resolvePassphrase } from '../../../protocol/pki/key-files.js';
import type { CliContext } from '../main.js';
import { parsePort } from '../parse.js';

export function registerNodeCommands(program: Command, context: CliContext): void {
  const node = program.command('node').description('set up this office\'s node');

  node
    .command('keygen')
    .description('make this office\'s keys here and the request folder to send to the network operator (keys never leave this machine)')
    .option('--office <code>', 'ST.3 code of this office (for --rotate: taken from the installed node)')
    .option('--data <dir>', 'data folder the keys are kept in until `ipex node init` (default: $IPEX_DATA or ./data)')
    .option('--out <dir>', 'request folder to create for the operator (default: ./ipex-request-CODE, with --rotate ./ipex-rotation-CODE)')
    .option('--rotate', 'new TLS and signing keys for a certificate rotation of the installed node')
    .option('--tls-p12 <file>', 'take the TLS key from this PKCS#12 file instead of making one')
    .option('--signing-p12 <file>', 'take the signing key from this PKCS#12 file instead of making one')
    .option('--p12-passphrase-file <file>', 'file holding the passphrase of the PKCS#12 files (default: none)')
    .option('--passphrase-file <file>', 'file holding the passphrase to encrypt the kept keys with (or set IPEX_PASSPHRASE)')
    .action(async (opts: {
      office?: string; data?: string; out?: string; rotate?: boolean; tlsP12?: string; signingP12?: string; p12PassphraseFile?: string; passphraseFile?: string;
    }) => {
      const out = context.output();
      const dataDir = resolveDataDir(opts.data);
      const passphrase = resolvePassphrase(opts.passphraseFile === undefined ? {} : { passphraseFile: opts.passphraseFile });
      const p12Passphrase = opts.p12PassphraseFile === undefined ? '' : resolvePassphrase({ passphraseFile: opts.p12PassphraseFile, env: {} }) ?? '';
      // Loaded by the command that uses them (issue 14): node-forge for PKCS#12, asn1js for the
      // request; `ipex start`, in the same command group, loads neither.
      const [{ readPkcs12Key }, { makeEnrolmentRequest }] = await Promise.all([
        import('../../identity/pkcs12-key.js'), import('../../identity/enrolment-keys.js'),
      ]);
      const imported: { tls?: KeyObject; signing?: KeyObject } = {};
      for (const [use, file] of [['tls', opts.tlsP12], ['signing', opts.signingP12]] as const) {
        if (file === undefined) continue;
        const p12 = readPkcs12Key(file, p12Passphrase);
        imported[use] = p12.privateKey;
        out.progress(`${use} key taken from ${file} (${p12.privateKey.asymmetricKeyType}; ${p12.certificates} certificate(s) in it not used: the network root issues this office's certificates)`);
      }
      const result = await makeEnrolmentRequest({
        dataDir, rotate: opts.rotate === true, imported, ...(opts.out === undefined ? {} : { outDir: resolve(opts.out) }),
        ...(opts.office === undefined ? {} : { code: opts.office }),
        ...(passphrase === undefined ? {} : { passphrase }),
      });
      if (passphrase === undefined) out.warn(`no passphrase given: the private keys in ${result.keysDir} are not encrypted`);
      const next = result.purpose === 'enrol'
        ? `the operator runs \`ipex network add-office --code ${result.code} … --request <this folder>\` and sends back the bundle;\n  then run \`ipex node init --bundle <bundle> --data ${dataDir}\``
        : `the operator runs \`ipex network rotate --code ${result.code} --request <this folder>\` and sends back the bundle;\n  then run \`ipex node rotate --bundle <bundle> --data ${dataDir}\``;
      out.result(
        `keys of office ${result.code} made and kept in ${result.keysDir} (mode 0600${passphrase === undefined ? '' : ', encrypted'})\n` +
          `request for the operator in ${result.requestDir}: ${result.files.join(', ')} (no private key)\n  ${next}`,
        result,
      );
    });

  node
    .command('init')
    .description('install the office bundle from the network operator into a data folder')
    .requiredOption('--bundle <dir>', 'office bundle folder written by `ipex network add-office`')
    .option('--data <dir>', 'data folder, the one `ipex node keygen` kept the keys in (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)')
    .option('--host <address>', 'address the exchange listener binds', '0.0.0.0')
    .option('--port <port>', 'port of the exchange listener (default: the port of the bundle\'s exchange URL)')
    .option('--office-api-port <port>', 'port of the office API on loopback (default 8080)')
    .action(async (opts: { bundle: string; data?: string; passphraseFile?: string; host: string; port?: string; officeApiPort?: string }) => {
      const out = context.output();
      const dataDir = resolveDataDir(opts.data);
      const passphrase = resolvePassphrase(opts.passphraseFile === undefined ? {} : { passphraseFile: opts.passphraseFile });
      out.progress(`checking the office bundle in ${opts.bundle}`);
      const { installOfficeBundle } = await import('../../identity/install-bundle.js');
      const office = await installOfficeBundle(opts.bundle, dataDir, {
        ...(passphrase === undefined ? {} : { passphrase }),
        exchangeHost: opts.host,
        ...(opts.port === undefined ? {} : { exchangePort: parsePort(opts.port, '--port') }),
        ...(opts.officeApiPort === undefined ? {} : { officeApiPort: parsePort(opts.officeApiPort, '--office-api-port') }),
      });
      out.result(
        [
          `installed office ${office.code} (${office.name}) into ${dataDir}`,
          'next: install the network directory with `ipex directory install --directory directory.jws --crl crl.pem`,',
          `      then run \`ipex start --data ${dataDir}\``,
        ].join('\n'),
        { office: office.code, name: office.name, dataDir, exchangeUrl: office.exchangeUrl },
      );
    });

  node
    .command('rotate')
    .description('install the new certificates of a rotation from the office bundle (the node uses them from its next start)')
    .requiredOption('--bundle <dir>', 'office bundle folder after `ipex network rotate`')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the bundle\'s keys (or set IPEX_PASSPHRASE)')
    .action(async (opts: { bundle: string; data?: string; passphraseFile?: string }) => {
      const out = context.output();
      const dataDir = resolveDataDir(opts.data);
      const passphrase = resolvePassphrase(opts.passphraseFile === undefined ? {} : { passphraseFile: opts.passphraseFile });
      out.progress(`checking the new certificates in ${opts.bundle}`);
      const { rotateIdentity } = await import('../../identity/rotate-identity.js');
      const result = await rotateIdentity(opts.bundle, dataDir, passphrase === undefined ? {} : { passphrase });
      out.result(
        `office ${result.office} now has its new TLS and signing certificates (${result.source === 'next' ? 'from the .next files' : 'from the bundle'});\n` +
          `  the old ones are kept in ${result.previous}; restart the node to use the new ones`,
        result,
      );
    });

  program
    .command('start')
    .description('run the node; on an empty data folder, first set up a development network')
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--office <code>', 'ST.3 code of the development office, on first start only (a first start that fails leaves nothing, so a retry may change these)', 'XX')
    .option('--name <name>', 'name of the development office, on first start only')
    .option('--exchange-port <port>', 'exchange listener port of the development office, on first start only', '8443')
    .option('--office-api-port <port>', 'office API port of the development office, on first start only', '8080')
    .option('--network <dir>', 'development network folder to join, on first start only (default: <data>/dev-network)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the node\'s keys (or set IPEX_PASSPHRASE)')
    .action(async (opts: { data?: string; office: string; name?: string; exchangePort: string; officeApiPort: string; network?: string; passphraseFile?: string }) => {
      const out = context.output();
      const dataDir = resolveDataDir(opts.data);
      const passphrase = resolvePassphrase(opts.passphraseFile === undefined ? {} : { passphraseFile: opts.passphraseFile });
      const devNode: DevNodeOptions = {
        officeCode: opts.office,
        ...(opts.name === undefined ? {} : { officeName: opts.name }),
        exchangePort: parsePort(opts.exchangePort, '--exchange-port'),
        officeApiPort: parsePort(opts.officeApiPort, '--office-api-port'),
        ...(opts.network === undefined ? {} : { networkDir: opts.network }),
        output: out,
        untilUp: true,
      };
      const running = await startOnce(dataDir, devNode, (lock) => startNode({ dataDir, lock, ...(passphrase === undefined ? {} : { passphrase }), output: out }));
      out.result(running.summary(), running.describe());
      const stopSync = followDevNetwork(dataDir, out, running.describe().directorySerial as number | undefined);
      await waitForSignal();
      out.progress('stopping');
      stopSync();
      await running.close();
    });
}

/**
 * Starts the node of `dataDir` holding its running-node lock from the first step, so that a second
 * `ipex start` on the folder is told that a node runs (docs/cli.md). A first start's set-up is
 * final only once the node is up: when the start fails, it is taken back, and a data folder this
 * start created is removed again, so that nothing is left and a retry starts afresh.
 */
async function startOnce(dataDir: string, devNode: DevNodeOptions, start: (lock: NodeLock) => Promise<RunningNode>): Promise<RunningNode> {
  const created = !existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true });
  let lock: NodeLock | undefined;
  let setUp: DevSetUp | undefined;
  try {
    lock = acquireNodeLock(dataDir);
    setUp = await ensureDevNode(dataDir, devNode);
    const running = await start(lock);
    setUp?.done();
    return running;
  } catch (err) {
    if (setUp !== undefined) {
      devNode.output.progress('the first start failed: taking back the set-up, so that a new start begins afresh');
      await setUp.undo().catch((undoErr: unknown) => {
        devNode.output.warn(`could not take back the whole set-up (${(undoErr as Error).message}); the next start in ${dataDir} will`);
      });
    }
    lock?.release();
    if (created && readdirSync(dataDir).length === 0) rmdirSync(dataDir);
    throw err;
  }
}

/**
 * A development node picks up the directory that other nodes of its development network
 * publish when they join (every 10 s), so offices started one after the other know each other.
 */
function followDevNetwork(dataDir: string, out: Output, installed: number | undefined): () => void {
  const networkDir = devNetworkOf(dataDir);
  if (networkDir === undefined) return () => undefined;
  let last = installed;
  const timer = setInterval(() => {
    syncDevDirectory(dataDir, networkDir, systemClock).then((serial) => {
      if (serial !== last) out.progress(`installed development directory serial ${serial}: another office joined or it was renewed`);
      last = serial;
    }, (err: unknown) => out.warn(`cannot install the development directory: ${(err as Error).message}`));
  }, 10_000);
  timer.unref();
  return () => clearInterval(timer);
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
