/** The status both APIs report: office, software version, time and installed directory serial. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTALL_ROOT } from '../config/install-root.js';
import type { NodeContext } from '../runtime/node-context.js';

/** The version of this installation (its package.json), for the status, readiness and `--version`. */
export const NODE_VERSION: string = (JSON.parse(readFileSync(join(INSTALL_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface NodeStatus {
  office: string;
  version: string;
  time: string;
  directorySerial?: number;
}

export async function nodeStatus(context: NodeContext): Promise<NodeStatus> {
  const status: NodeStatus = { office: context.identity.code, version: NODE_VERSION, time: context.clock.now().toISOString() };
  try {
    status.directorySerial = (await context.trust.refresh()).directory.serial;
  } catch {
    // No usable directory: the status still answers, without a serial.
  }
  return status;
}
