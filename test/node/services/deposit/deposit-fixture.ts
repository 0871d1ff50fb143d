/**
 * Test fixture: a development node in a temp folder, started on loopback ports 0, with a clerk
 * token and the deposit service of its context (contracts.md "Tests that need a running node").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevNode } from '../../../../node/cli/dev-network.js';
import { createOutput } from '../../../../node/cli/output.js';
import { startNode, type RunningNode } from '../../../../node/runtime/start-node.js';
import { depositServiceFor, type DepositService } from '../../../../node/services/deposit/deposit-service.js';
import { StaffTokens } from '../../../../node/services/staff/staff-tokens.js';
import { systemRandom, type Clock } from '../../../../protocol/runtime/clock.js';

export interface DepositNode {
  readonly root: string;
  readonly dataDir: string;
  readonly node: RunningNode;
  readonly service: DepositService;
  readonly api: string;
  readonly clerk: string;
  readonly auditor: string;
  close(): Promise<void>;
}

const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);

/** @param clock the node's clock (tests of expiry move it); the system's by default */
export async function startDepositNode(office = 'EP', clock?: Clock): Promise<DepositNode> {
  const root = mkdtempSync(join(tmpdir(), 'ipex-deposit-'));
  const dataDir = join(root, 'data');
  await ensureDevNode(dataDir, { officeCode: office, exchangePort: 0, officeApiPort: 0, output: quiet });
  const node = await startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, ...(clock === undefined ? {} : { clock }) });
  const tokens = new StaffTokens(node.context.db, node.context.clock, systemRandom);
  return {
    root,
    dataDir,
    node,
    service: depositServiceFor(node.context),
    api: `${node.officeApiUrl}/api/v1`,
    clerk: tokens.create('clerk', 'test clerk').token,
    auditor: tokens.create('auditor', 'test auditor').token,
    close: async () => {
      await node.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
