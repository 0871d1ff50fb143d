/**
 * The command groups of `ipex`. Each module exports one `register` function; adding a group is
 * adding a line here.
 */
import type { Command } from 'commander';
import type { CliContext } from '../main.js';
import { registerBackupCommands } from './backup.js';
import { registerDirectoryCommands } from './directory.js';
import { registerNetworkCommands } from './network.js';
import { registerVerifyCommands } from './verify.js';
import { registerNodeCommands } from './node.js';
import { registerTokenCommands } from './token.js';
import { registerAuditCommands } from './audit.js';
import { registerDepositCommands } from './deposit.js';
import { registerRetrieveCommands } from './retrieve.js';
import { registerAuditVerifyCommands } from './audit-verify.js';
import { registerAlertCommands } from './alerts.js';
import { registerOutboxCommands } from './outbox.js';
import { registerWebhookCommands } from './webhooks.js';
import { registerDossierCommands } from './dossier.js';
import { registerImportCommands } from './import.js';

export type RegisterCommands = (program: Command, context: CliContext) => void;

export const commandGroups: RegisterCommands[] = [registerBackupCommands, registerDirectoryCommands, registerNetworkCommands, registerVerifyCommands, registerNodeCommands, registerTokenCommands, registerAuditCommands, registerDepositCommands, registerRetrieveCommands, registerAuditVerifyCommands, registerAlertCommands, registerOutboxCommands, registerWebhookCommands, registerDossierCommands, registerImportCommands];
