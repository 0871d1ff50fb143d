/**
 * Entry point of the `ipex` command. Each command group lives in `commands/` and registers
 * itself on the program; this module only wires them, turns errors into one line on stderr and
 * an exit status that means something (docs/cli.md), and never prints a stack trace unless
 * IPEX_DEBUG is set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { IpexError, isIpexError } from '../../protocol/errors/index.js';
import { INSTALL_ROOT } from '../config/install-root.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { createOutput, type Output, type OutputStreams } from './output.js';
import { commandGroups, groupsFor, namesCommand, type CommandGroup } from './commands/index.js';
import { commandNamed, usageMessage } from './usage-errors.js';
import { translateSystemError } from './system-errors.js';

/** What every command receives: the output channel and the global options. */
export interface CliContext {
  output(): Output;
}

/**
 * The command tree with `groups` registered — by default every group (tests read the whole tree);
 * `main` registers only the groups its command needs (commands/index.ts). `version: false` leaves
 * out `ipex --version`: commander takes a program's options wherever they appear, so with it a
 * command's own `--version N` (which version of a document) would print the release instead.
 */
export async function createProgram(streams: OutputStreams = process, groups: readonly CommandGroup[] = commandGroups,
  options: { readonly version?: boolean } = {}): Promise<Command> {
  const program = new Command('ipex')
    .description('ipex: certified document exchange between intellectual-property offices')
    .option('--json', 'print results as JSON (progress still goes to stderr)')
    .option('-q, --quiet', 'print no progress');
  if (options.version !== false) program.version(installedVersion(), '-V, --version', 'print the version of ipex');
  program
    .configureOutput({
      writeOut: (s) => streams.stdout.write(s),
      // Commander's errors are reported by report() in the form of every ipex error.
      writeErr: () => undefined,
      outputError: () => undefined,
    })
    .exitOverride();

  const context: CliContext = {
    output: () => {
      const opts = program.opts<{ json?: boolean; quiet?: boolean }>();
      return createOutput(opts.json === true, streams, opts.quiet === true);
    },
  };
  for (const register of await Promise.all(groups.map((g) => g.load()))) register(program, context);
  return program;
}

export async function main(argv: string[], streams: OutputStreams = process): Promise<number> {
  const args = argv.slice(2);
  const program = await createProgram(streams, groupsFor(args), { version: !namesCommand(args) });
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version have printed what was asked for.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
      return report(new IpexError('USAGE', usageMessage(err, commandNamed(program, argv.slice(2))), { cause: err }), streams);
    }
    return report(err, streams);
  }
}

/** The version in the package.json of this installation (the same from the sources and dist/). */
function installedVersion(): string {
  const manifest = JSON.parse(readFileSync(join(INSTALL_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

function report(err: unknown, streams: OutputStreams): number {
  const ipexError = isIpexError(err) ? err : translateSystemError(err);
  streams.stderr.write(`ipex: ${ipexError.message} [${ipexError.code}]\n`);
  if (process.env.IPEX_DEBUG) streams.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  return exitCodeFor(ipexError);
}
