/**
 * The deposit service on a data folder, for the CLI (`ipex deposit`, `documents`, `access`,
 * `export`): the same service code as the office API (workspace.ts).
 */
import { depositServiceFor, type DepositService } from '../services/deposit/deposit-service.js';
import { withNodeContext, type WorkspaceOptions } from './workspace.js';

export type { WorkspaceOptions } from './workspace.js';

/** Runs `work` with a deposit service on the data folder, then closes everything. */
export function withDepositService<T>(options: WorkspaceOptions, work: (service: DepositService) => Promise<T> | T): Promise<T> {
  return withNodeContext(options, (context) => work(depositServiceFor(context)));
}
