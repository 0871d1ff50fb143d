/**
 * What the node's log says about a request that failed on the node's side (5xx), for both
 * listeners. A fault the node knows how to name gets one line and, where staff must act, an
 * alert (issue 10, item 1): a full disk is a `storage.full` alert whose warning line is the log
 * line, never a stack trace per refused request; a damaged part was reported where it was found
 * (with the document it belongs to). Anything else is logged in full, with its stack, because
 * nobody expected it: an `error` record of the node's log (node/monitoring/node-log.ts).
 */
import { isIpexError } from '../../protocol/errors/index.js';
import type { NodeContext } from '../runtime/node-context.js';
import { reportStorageFull } from '../services/staff/storage-full.js';
import { storageFault } from '../storage/storage-faults.js';
import { defaultLogger, type ErrorLogger } from './problem.js';

export function nodeErrorLog(context: NodeContext): ErrorLogger {
  return (err, where) => {
    const named = storageFault(err) ?? err;
    if (isIpexError(named, 'STORAGE_FULL')) {
      reportStorageFull(context, named, `${where.method} ${where.path}`);
      return;
    }
    if (isIpexError(named, 'PART_DAMAGED')) return; // reported where it was found, with its document
    if (context.log !== undefined) context.log.error({ err, method: where.method, path: where.path }, `${where.method} ${where.path} failed`);
    else defaultLogger(err, where);
  };
}
