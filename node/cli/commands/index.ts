/**
 * The command groups of `ipex`. Each module exports one `register` function; adding a group is
 * adding a line here, with the top-level commands it registers.
 *
 * Groups are loaded when used: `ipex documents list` imports the group of `documents` and not
 * the node's runtime, PDF or mail libraries that other groups need, so a command that starts no
 * node starts in a fraction of the time (docs/benchmarks.md "CLI start-up"). `--help`, `help`
 * and an unknown command load every group, `--version` none. test/node/cli/command-groups.test.ts holds each
 * line's `commands` to what its group really registers.
 */
import type { Command } from 'commander';
import type { CliContext } from '../main.js';

export type RegisterCommands = (program: Command, context: CliContext) => void;

export interface CommandGroup {
  /** The top-level commands the group registers (`audit` is shared by two groups). */
  readonly commands: readonly string[];
  load(): Promise<RegisterCommands>;
}

export const commandGroups: readonly CommandGroup[] = [
  { commands: ['backup', 'restore'], load: async () => (await import('./backup.js')).registerBackupCommands },
  { commands: ['directory'], load: async () => (await import('./directory.js')).registerDirectoryCommands },
  { commands: ['network'], load: async () => (await import('./network.js')).registerNetworkCommands },
  { commands: ['verify'], load: async () => (await import('./verify.js')).registerVerifyCommands },
  { commands: ['node', 'start'], load: async () => (await import('./node.js')).registerNodeCommands },
  { commands: ['token'], load: async () => (await import('./token.js')).registerTokenCommands },
  { commands: ['audit'], load: async () => (await import('./audit.js')).registerAuditCommands },
  { commands: ['deposit', 'documents', 'access', 'export'], load: async () => (await import('./deposit.js')).registerDepositCommands },
  { commands: ['retrieve', 'retrievals', 'copies'], load: async () => (await import('./retrieve.js')).registerRetrieveCommands },
  { commands: ['audit'], load: async () => (await import('./audit-verify.js')).registerAuditVerifyCommands },
  { commands: ['alerts'], load: async () => (await import('./alerts.js')).registerAlertCommands },
  { commands: ['outbox'], load: async () => (await import('./outbox.js')).registerOutboxCommands },
  { commands: ['webhooks'], load: async () => (await import('./webhooks.js')).registerWebhookCommands },
  { commands: ['dossier'], load: async () => (await import('./dossier.js')).registerDossierCommands },
  { commands: ['track'], load: async () => (await import('./track.js')).registerTrackCommands },
  { commands: ['import'], load: async () => (await import('./import.js')).registerImportCommands },
  { commands: ['migrate'], load: async () => (await import('./migrate.js')).registerMigrateCommands },
];

/** Options of `ipex` itself that come before the command and take no value. */
const GLOBAL_FLAGS = new Set(['--json', '-q', '--quiet']);

/** True when `args` (after `ipex` and its flags) start with a command name rather than an option such as `--version`. */
export function namesCommand(args: readonly string[]): boolean {
  const name = args.find((a) => !GLOBAL_FLAGS.has(a));
  return name !== undefined && !name.startsWith('-');
}

/**
 * The groups needed for `args` (the arguments after `ipex`): those registering its command, or
 * every group when there is none we know (help, a typo), so that help and usage errors see the
 * whole tree; none for `--version`.
 */
export function groupsFor(args: readonly string[]): readonly CommandGroup[] {
  const name = args.find((a) => !GLOBAL_FLAGS.has(a));
  if (name === '--version' || name === '-V') return []; // answered by `ipex` itself
  const named = name === undefined ? [] : commandGroups.filter((g) => g.commands.includes(name));
  return named.length > 0 ? named : commandGroups;
}
