/**
 * `npm run demo`: a network of three IP offices (EP, JP, US) on loopback, each node with its own
 * data folder, walking through deposits, a priority-document retrieval with the applicant's
 * access code, a dossier read, refusals, the applicant's history and the audit logs, a family
 * search across the network, a tracked file, the applicant's e-mails (received by a loopback SMTP
 * server) and a registration certificate, printing each step (scripts/demo/scenario.ts tells the story).
 *
 *   npm run demo                             narrated; everything in a temporary folder, removed after
 *   npm run demo -- --out DIR                keeps the retrieved and audit bundles in DIR
 *   npm run demo -- --smoke --out DIR        unattended: writes DIR/<office>/<document>/ (retrieved
 *                                            certified copies), DIR/<office>/audit/ and DIR/root.pem (the
 *                                            network root, to verify the copies later), checks them with
 *                                            `ipex verify` and `ipex audit verify`, prints a summary table,
 *                                            exits 0 only if every check passed
 *   --large-mib N                            size of the large generated part (default 64)
 *   --keep-nodes                             keep the nodes' data folders (under DIR/nodes with --out)
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DemoNetwork } from './demo/network.js';
import { DemoReport } from './demo/report.js';
import { APPLICANT_EMAIL, STAFF_EMAIL, runScenario } from './demo/scenario.js';
import { MailReceiver, configureEmail } from './demo/mail-receiver.js';

/** The network root kept in DIR, beside the copies it certifies. */
const ROOT_FILE = 'root.pem';

interface Args { smoke: boolean; out?: string; largeMiB: number; keepNodes: boolean }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { smoke: false, largeMiB: 64, keepNodes: false };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    if (a === '--smoke') args.smoke = true;
    else if (a === '--keep-nodes') args.keepNodes = true;
    else if (a === '--out') args.out = requireValue(argv, (i += 1), a);
    else if (a === '--large-mib') {
      args.largeMiB = Number(requireValue(argv, (i += 1), a));
      if (!Number.isInteger(args.largeMiB) || args.largeMiB < 1 || args.largeMiB > 16_384) usage('--large-mib must be a whole number of MiB, 1–16384');
    } else if (a === '--help' || a === '-h') usage(undefined);
    else usage(`unknown argument ${a}`);
  }
  if (args.smoke && args.out === undefined) usage('--smoke needs --out DIR');
  return args;
}

function requireValue(argv: readonly string[], i: number, name: string): string {
  const v = argv[i];
  if (v === undefined || v.startsWith('--')) usage(`${name} needs a value`);
  return v as string;
}

function usage(problem: string | undefined): never {
  if (problem !== undefined) process.stderr.write(`demo: ${problem}\n`);
  process.stderr.write('usage: npm run demo [-- [--smoke] [--out DIR] [--large-mib N] [--keep-nodes]]\n');
  process.exit(problem === undefined ? 0 : 2);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const outDir = args.out === undefined ? mkdtempSync(join(tmpdir(), 'ipex-demo-out-')) : resolve(args.out);
  mkdirSync(outDir, { recursive: true });
  if (readdirSync(outDir).some((n) => ['EP', 'JP', 'US', ROOT_FILE].includes(n))) {
    process.stderr.write(`demo: ${outDir} already holds results of an earlier run; give an empty --out folder\n`);
    return 2;
  }
  const nodesDir = args.keepNodes && args.out !== undefined ? join(outDir, 'nodes') : mkdtempSync(join(tmpdir(), 'ipex-demo-nodes-'));
  // Ctrl-C or a crash still removes the temporary folders (the nodes die with the process).
  const removeTemporary = (): void => {
    if (!(args.keepNodes && args.out !== undefined)) rmSync(nodesDir, { recursive: true, force: true });
    if (args.out === undefined) rmSync(outDir, { recursive: true, force: true });
  };
  process.once('exit', removeTemporary);
  process.once('SIGINT', () => process.exit(130));
  // `npm run demo | head` closes stdout early: keep going quietly, so that cleanup still runs.
  let stdoutOpen = true;
  process.stdout.on('error', () => { stdoutOpen = false; });
  const report = new DemoReport((line) => { if (stdoutOpen) process.stdout.write(`${line}\n`); });
  let net: DemoNetwork | undefined;
  let mail: MailReceiver | undefined;
  try {
    report.step('Setting up a network of three offices: EP, JP and US',
      'One network operator (a root CA and a signed directory), and per office a node with its own data folder, keys and certificates bound to its ST.3 code.');
    net = await DemoNetwork.create({ baseDir: nodesDir, offices: ['EP', 'JP', 'US'] });
    // The nodes and their network are removed at the end: keep the root, the one trust anchor
    // the kept copies need (`ipex verify DIR/JP/<document> --root DIR/root.pem`).
    copyFileSync(join(net.networkDir, 'root', 'root.pem'), join(outDir, ROOT_FILE));
    // Issue 12: a real SMTP server on loopback receives what the nodes e-mail (the applicant, staff).
    mail = await MailReceiver.start();
    for (const office of net.offices.values()) configureEmail(office.dataDir, mail.port, office.code, office.code === 'EP' ? STAFF_EMAIL : `ipex-ops@${office.code.toLowerCase()}.example`);
    report.say(`SMTP receiver on 127.0.0.1:${mail.port}: the applicant is ${APPLICANT_EMAIL}`);
    await net.startAll();
    for (const [code, office] of net.offices) {
      const node = net.node(code);
      report.say(`${code}: exchange ${node.exchangeUrl} (mutual TLS), office API ${node.officeApiUrl}, data ${office.dataDir}`);
    }
    await runScenario(net, report, { outDir, largeMiB: args.largeMiB, mail });
  } catch (err) {
    report.check('-', 'demo ran to the end', false, (err as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? String(err));
  } finally {
    await net?.stopAll();
    await mail?.close();
    removeTemporary();
  }
  if (stdoutOpen) {
    process.stdout.write(`\n${report.summary()}\n`);
    if (args.out !== undefined) process.stdout.write(`results in ${outDir}\n`);
  }
  return report.passed ? 0 : 1;
}

process.exitCode = await main();
