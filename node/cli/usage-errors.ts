/**
 * Commander's own errors (unknown command or option, missing argument or option, too many
 * arguments) in the one form every ipex error has on the command line, `ipex: <what, and what to
 * do> [USAGE]` (docs/cli.md). Commander prints nothing itself (main.ts silences it); this module
 * names the command the error is about and where its usage is listed.
 *
 * An unknown option is reported before a missing required option: commander checks the required
 * ones first, but `deposit --bogus` is far more often a misspelt option than a forgotten one.
 */
import type { Command, CommanderError } from 'commander';

/** The deepest command that the words of `args` (after `ipex`) name: `token create` → create. */
export function commandNamed(program: Command, args: readonly string[]): Command {
  let command = program;
  for (const arg of args) {
    if (arg === '--') break;
    if (arg.startsWith('-')) continue; // the global options come before the command's name
    const sub = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (sub === undefined) break;
    command = sub;
  }
  return command;
}

/** The one-line message for a commander error raised while parsing for `command`. */
export function usageMessage(err: CommanderError, command: Command): string {
  const path = commandPath(command);
  const what = err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
  switch (err.code) {
    case 'commander.unknownCommand':
      return `${what}; \`${path} --help\` lists the commands`;
    case 'commander.help':
      // A command group called without one of its commands.
      return `\`${path}\` needs one of its commands: ${command.commands.map((c) => c.name()).filter((n) => n !== 'help').join(', ')} (add --help for what each does)`;
    case 'commander.missingMandatoryOptionValue': {
      const unknown = firstUnknownOption(command);
      if (unknown !== undefined) return `unknown option '${unknown}' for \`${path}\`; \`${path} --help\` lists its options`;
      return `${what} for \`${path}\`; \`${path} --help\` lists its options`;
    }
    case 'commander.unknownOption':
      return `${what.replace(/ \((Did you mean [^)]*)\)$/, '')} for \`${path}\`${suggestion(what)}; \`${path} --help\` lists its options`;
    default:
      return `${what} (\`${path}\`); \`${path} --help\` shows its usage`;
  }
}

/** `ipex token create` for the command `create`. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function suggestion(what: string): string {
  const match = / \(Did you mean ([^)?]*)\?\)$/.exec(what);
  return match === null ? '' : ` (did you mean ${match[1]}?)`;
}

/**
 * An option word in what the command left unparsed that neither the command nor its parents
 * know. Commander sets `args` to the operands and unknown words before it checks required options.
 */
function firstUnknownOption(command: Command): string | undefined {
  const known = (flag: string): boolean => {
    if (flag === '-h' || flag === '--help') return true;
    for (let c: Command | null = command; c !== null; c = c.parent) {
      if (c.options.some((o) => o.long === flag || o.short === flag)) return true;
    }
    return false;
  };
  return command.args.find((arg) => arg.length > 1 && arg.startsWith('-') && !known(arg.split('=')[0]!));
}
