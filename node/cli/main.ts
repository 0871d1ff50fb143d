/**
 * Entry point of the `ipex` command. Each command group lives in `commands/` and registers
 * itself on the program; this module only wires them, turns errors into one line on stderr and
 * an exit status that means something (docs/cli.md), and never prints a stack trace unless
 * IPEX_DEBUG is set.
 */
import { Command, CommanderError } from 'commander';
import { IpexError, isIpexError } from '../../protocol/errors/index.js';
import { storageFault } from '../storage/storage-faults.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { createOutput, type Output, type OutputStreams } from './output.js';
import { commandGroups } from './commands/index.js';

/** What every command receives: the output channel and the global options. */
export interface CliContext {
  output(): Output;
}

export async function main(argv: string[], streams: OutputStreams = process): Promise<number> {
  const program = new Command('ipex')
    .description('ipex: certified document exchange between intellectual-property offices')
    .option('--json', 'print results as JSON (progress still goes to stderr)')
    .option('-q, --quiet', 'print no progress')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (s) => streams.stdout.write(s),
      writeErr: (s) => streams.stderr.write(s),
    })
    .exitOverride();

  const context: CliContext = {
    output: () => {
      const opts = program.opts<{ json?: boolean; quiet?: boolean }>();
      return createOutput(opts.json === true, streams, opts.quiet === true);
    },
  };
  for (const register of commandGroups) register(program, context);

  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    return report(err, streams);
  }
}

function report(err: unknown, streams: OutputStreams): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its message (or the help / version text).
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }
  const ipexError = isIpexError(err) ? err : translateSystemError(err);
  streams.stderr.write(`ipex: ${ipexError.message} [${ipexError.code}]\n`);
  if (process.env.IPEX_DEBUG) streams.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  return exitCodeFor(ipexError);
}

/** Maps a Node system error that escaped a command into a registry code with a plain message. */
function translateSystemError(err: unknown): IpexError {
  const fault = storageFault(err);
  if (fault !== undefined) return fault;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const path = (err as NodeJS.ErrnoException | undefined)?.path;
  if (code === 'ENOENT') return new IpexError('FILE_NOT_FOUND', `no such file or folder: ${path ?? '?'}`, { cause: err });
  if (code === 'EACCES' || code === 'EPERM') return new IpexError('FILE_UNREADABLE', `permission denied: ${path ?? '?'}`, { cause: err });
  if (code === 'EEXIST') return new IpexError('ALREADY_EXISTS', `already exists: ${path ?? '?'}`, { cause: err });
  return new IpexError('INTERNAL', `unexpected error: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}
