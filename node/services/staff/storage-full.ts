/**
 * What the node does when its disk is full (issue 10, item 1; docs/operations.md "When the disk
 * fills"): the write that met it was refused with STORAGE_FULL and nothing of it was kept; here
 * staff are told, with a `storage.full` alert on the data folder whose warning line (at most one
 * a minute) is the log line of the fault, without a stack trace.
 */
import { resolve } from 'node:path';
import type { IpexError } from '../../../protocol/errors/index.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { staffAlertsFor } from './staff-alerts.js';

/** Raises the storage.full alert for `err` (a STORAGE_FULL), met while doing `during`. */
export function reportStorageFull(context: NodeContext, err: IpexError, during: string): void {
  const dataDir = resolve(context.config.dataDir);
  const cause = (err.cause as { code?: unknown } | undefined)?.code;
  staffAlertsFor(context).raise({
    kind: 'storage.full',
    subject: dataDir,
    detail: `the disk of the data folder ${dataDir} is full${typeof cause === 'string' ? ` (${cause})` : ''}: ${during} was refused ` +
      'and nothing of it was stored. The node goes on serving reads and takes writes again as soon as there is room: free space on ' +
      'that disk (docs/operations.md, "When the disk fills") [STORAGE_FULL]',
  });
}
